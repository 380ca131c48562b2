"""Bytes → text for feeds, sitemaps and OPML: gzip, BOM, XML declaration, HTTP charset.

The order of trust is: byte-order mark, the document's own ``<?xml encoding=...?>``, the
HTTP ``charset``, UTF-8, then a guess. Each is tried strictly; when the declared encodings do
not fit the bytes, the text is decoded with the next one that does and a warning says so.
"""
from __future__ import annotations

import codecs
import re
import zlib

from tidings.parse.errors import FeedError

MAX_DOCUMENT_BYTES = 32 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(rb"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_DECLARED_TEXT = re.compile(r"""<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']""")
_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.I)
_WIDE = ("utf_16", "utf_32")
WEB_ENCODINGS = frozenset({
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "iso8859_2", "iso8859_4", "iso8859_5", "iso8859_6", "iso8859_7", "iso8859_8", "iso8859_9",
    "iso8859_13", "iso8859_15", "koi8_r", "koi8_u", "big5", "big5hkscs", "gb18030", "gb2312",
    "gbk", "euc_jp", "shift_jis", "cp932", "iso2022_jp", "euc_kr", "cp949", "tis_620", "cp874",
    "mac_roman", "cp866"})
_SINGLE_BYTE_ALIASES = {"ascii": "cp1252", "latin_1": "cp1252", "iso8859_1": "cp1252"}
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949", "shift_jis": "cp932"}


def codec_name(label: str) -> str | None:
    """Python's codec for an encoding label (``ISO-8859-1`` → ``cp1252``, as browsers read it)."""
    try:
        name = codecs.lookup(label.strip()).name.replace("-", "_")
    except LookupError:
        return None
    name = _SINGLE_BYTE_ALIASES.get(name, name)
    return _SUPERSETS.get(name, name)


def gunzip(data: bytes, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Inflate a gzip body (``sitemap.xml.gz``) without letting it grow past ``limit`` bytes."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise FeedError(f"corrupt gzip data: {exc}") from None
    if len(out) > limit:
        raise FeedError(f"document larger than {limit // (1024 * 1024)} MB once uncompressed")
    return out


def sniff_wide(data: bytes) -> tuple[str | None, int]:
    """``(codec, bom_length)`` from a BOM or a UTF-16/32/EBCDIC first-bytes pattern."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    b = data[:4].ljust(4, b"\xff")
    if b[0] and not b[1] and not b[2] and not b[3]:
        return "utf-32-le", 0
    if not b[0] and not b[1] and not b[2] and b[3]:
        return "utf-32-be", 0
    if b[0] and not b[1] and b[2] and not b[3]:
        return "utf-16-le", 0
    if not b[0] and b[1] and not b[2] and b[3]:
        return "utf-16-be", 0
    if data.startswith(b"\x4c\x6f\xa7\x94"):  # "<?xm" in EBCDIC
        return "cp037", 0
    return None, 0


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _declared(data: bytes) -> str | None:
    found = _DECLARED.search(data[:1024])
    return codec_name(found.group(1).decode("ascii")) if found else None


def _http_charset(content_type: str) -> str | None:
    found = _CHARSET.search(content_type or "")
    return codec_name(found.group(1)) if found else None


def _ebcdic_codec(data: bytes) -> str:
    """The EBCDIC code page the declaration names, else cp037."""
    found = _DECLARED_TEXT.search(data[:1024].decode("cp037"))
    other = codec_name(found.group(1)) if found else None
    return other if other and not other.startswith(_WIDE) else "cp037"


def _decode_wide(data: bytes, codec: str, bom: int) -> tuple[str, list[str]]:
    """Decode by BOM / first-bytes pattern; bytes that do not fit are replaced, with a warning."""
    body = data[bom:]
    if codec == "cp037":
        codec = _ebcdic_codec(body)
    text = _try(body, codec)
    if text is not None:
        return text, []
    return body.decode(codec, errors="replace"), [f"invalid bytes for {codec} replaced"]


def _declarations(data: bytes, content_type: str) -> list[str]:
    """Encodings the document and the server claim (wide ones only count with a BOM)."""
    out: list[str] = []
    for name in (_declared(data), _http_charset(content_type)):
        if name and not name.startswith(_WIDE) and name not in out:
            out.append(name)
    return out


def _best_guess(data: bytes) -> str | None:
    """charset-normalizer's pick among encodings the web uses, windows-1252 on ties."""
    try:
        from charset_normalizer import from_bytes

        matches = [m for m in from_bytes(data[:200_000]) if m.encoding in WEB_ENCODINGS]
    except Exception:  # noqa: BLE001 - a failed guess falls through to cp1252
        return None
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos \
                and match.coherence >= best.coherence:
            return "cp1252"
    return best.encoding


def _guess(data: bytes) -> tuple[str, str]:
    """Last resort: the best guess, else windows-1252, decoding with replacement."""
    codec = codec_name(_best_guess(data) or "cp1252")
    codec = codec if codec and not codec.startswith(_WIDE) else "cp1252"
    return data.decode(codec, errors="replace"), codec


def _utf8_hiding_behind_single_byte(data: bytes, codec: str) -> bool:
    """A declared latin-1/cp1252 document whose non-ASCII bytes are all valid UTF-8."""
    single_byte = codec in ("cp1252", "iso8859_15")
    return single_byte and not data.isascii() and _try(data, "utf_8") is not None


def to_text(data: bytes | str, content_type: str = "") -> tuple[str, list[str]]:
    """Decode a document to ``str``; returns ``(text, warnings)``.

    Raises ``FeedError`` when the document is empty or too large.
    """
    if isinstance(data, str):
        if not data.strip():
            raise FeedError("empty document")
        return data.removeprefix("\ufeff"), []
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
    if len(data) > MAX_DOCUMENT_BYTES:
        raise FeedError(f"document larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB")
    if not data.strip():
        raise FeedError("empty document")
    wide, bom = sniff_wide(data)
    if wide:
        return _decode_wide(data, wide, bom)
    return _decode_narrow(data[bom:], _declarations(data[bom:], content_type))


def _decode_narrow(data: bytes, declared: list[str]) -> tuple[str, list[str]]:
    """Try the declared encodings, then UTF-8, then a guess; warn when a claim was wrong."""
    claim = f"declared {declared[0]}" if declared else ""
    for codec in declared + ["utf_8"] * ("utf_8" not in declared):
        text = _try(data, codec)
        if text is None:
            continue
        if _utf8_hiding_behind_single_byte(data, codec):
            return data.decode("utf_8"), [f"declared {codec} but the bytes are UTF-8"]
        if not declared or codec == declared[0]:
            return text, []
        return text, [f"{claim} does not fit the bytes; read as {codec}"]
    text, codec = _guess(data)
    reason = (f"{claim} does not fit the bytes" if declared
              else "not UTF-8 and no known encoding declared")
    return text, [f"{reason}; guessed {codec}"]
