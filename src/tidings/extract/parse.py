"""From page bytes or text to one lxml tree that every later step shares."""
from __future__ import annotations

import codecs
import re

from lxml import etree
from lxml import html as lxml_html

MAX_HTML_CHARS = 8_000_000  # hostile or broken pages beyond this are cut
_PARSER = lxml_html.HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8",
                               remove_comments=True, remove_pis=True)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_html(data: bytes | str) -> str:
    """Text of an HTML page: BOM, then ``<meta charset>``, then UTF-8, then detection."""
    if isinstance(data, str):
        return data
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace")
    declared = _META_CHARSET.search(data[:4096])
    candidates = [declared.group(1).decode("ascii", "ignore").lower()] if declared else []
    for name in candidates + ["utf-8"]:
        try:
            return data.decode(_web_label(name))
        except (LookupError, UnicodeDecodeError):
            continue
    return _detect(data)


def _web_label(name: str) -> str:
    return "cp1252" if name in ("iso-8859-1", "latin1", "latin-1", "ascii", "us-ascii") else name


def _detect(data: bytes) -> str:
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:262144]).best()
        if best is not None and best.encoding:
            return data.decode(best.encoding, errors="replace")
    except Exception:  # noqa: BLE001 - detection is best effort
        pass
    return data.decode("utf-8", errors="replace")


def parse_html(data: bytes | str) -> lxml_html.HtmlElement | None:
    """Parse a page into an lxml tree (comments and processing instructions dropped).

    Returns None for input that holds no HTML at all.
    """
    text = decode_html(data)[:MAX_HTML_CHARS]
    if not text.strip():
        return None
    try:
        tree = lxml_html.document_fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    return tree if tree is not None and len(tree) else None


def drop_nosnippet(tree: lxml_html.HtmlElement) -> int:
    """Remove elements marked ``data-nosnippet`` (publisher: never quote); return how many."""
    found = tree.xpath("//*[@data-nosnippet]")
    for el in found:
        el.drop_tree()
    return len(found)
