"""Turning fetched bytes into text: BOM, declared charsets, then detection."""
from __future__ import annotations

import codecs
import re
from functools import lru_cache

from tidings.fetch.headers import parse_content_type

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(
    rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([a-zA-Z0-9_.:-]+)["']""", re.IGNORECASE)
# WHATWG: these labels mean windows-1252 on the web.
_WEB_LATIN = {"iso8859-1", "ascii"}
_SNIFF_BYTES = 4096
_DETECT_BYTES = 256 * 1024


def decode_body(body: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode ``body`` to ``(text, encoding)``.

    Order: byte-order mark; ``charset`` of ``content_type``; for HTML a ``<meta charset>``
    (or http-equiv) in the first 4 KB; for XML its ``encoding=`` declaration; then
    detection. A declared charset that does not decode strictly is skipped (servers lie),
    and a declared single-byte charset loses to UTF-8 when the bytes are valid,
    non-ASCII UTF-8. Never raises: the last resort is UTF-8 with replacement characters.
    """
    if not body:
        return "", "utf-8"
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body[len(bom):].decode(name, errors="replace"), name
    for label in declared_charsets(body, content_type):
        found = _try_declared(body, label)
        if found is not None:
            return found
    return _detect(body)


def declared_charsets(body: bytes, content_type: str = "") -> list[str]:
    """Charset labels the response declares, most authoritative first."""
    mime, params = parse_content_type(content_type)
    labels = [params["charset"]] if params.get("charset") else []
    head = body[:_SNIFF_BYTES]
    if _looks_xml(mime, head):
        match = _XML_DECL.match(head)
        if match:
            labels.append(match.group(1).decode("ascii"))
    if _looks_html(mime, head):
        match = _META_CHARSET.search(head)
        if match:
            label = match.group(1).decode("ascii")
            # HTML spec: a meta tag cannot declare UTF-16 (it would not be readable).
            labels.append("utf-8" if label.lower().startswith("utf-16") else label)
    return labels


def _try_declared(body: bytes, label: str) -> tuple[str, str] | None:
    codec = codec_name(label)
    if codec is None:
        return None
    if is_single_byte(codec) and _is_non_ascii_utf8(body):
        return body.decode("utf-8"), "utf-8"
    candidates = ["cp1252", codec] if codec in _WEB_LATIN else [codec]
    for name in candidates:
        try:
            return body.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    return None


def _detect(body: bytes) -> tuple[str, str]:
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(body[:_DETECT_BYTES]).best()
    name = codec_name(best.encoding) if best is not None else None
    if name is None:
        name = "utf-8"
    return body.decode(name, errors="replace"), name


@lru_cache(maxsize=256)
def codec_name(label: str) -> str | None:
    """Python's canonical codec name for a charset label, or ``None`` if unknown."""
    try:
        info = codecs.lookup(label.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    # Only text encodings (not e.g. "base64" or "rot13", which lookup also knows).
    if getattr(info, "_is_text_encoding", True) is False:
        return None
    return info.name


@lru_cache(maxsize=256)
def is_single_byte(codec: str) -> bool:
    """True for codecs mapping each byte to one character (latin-1, cp125x, koi8...)."""
    if codec.startswith(("utf", "ascii")):
        return codec == "ascii"
    try:
        return len(bytes(range(128, 256)).decode(codec, errors="replace")) == 128
    except LookupError:
        return False


def _is_non_ascii_utf8(body: bytes) -> bool:
    if body.isascii():
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _looks_xml(mime: str, head: bytes) -> bool:
    return "xml" in mime or "rss" in mime or "atom" in mime or head.lstrip().startswith(b"<?xml")


def _looks_html(mime: str, head: bytes) -> bool:
    if "html" in mime:
        return True
    if mime and not mime.startswith("text/") and mime != "application/octet-stream":
        return False
    start = head.lstrip()[:64].lower()
    return start.startswith((b"<!doctype html", b"<html", b"<head", b"<meta"))
