"""Make hostile XML text safe and parseable before any XML parser sees it.

* No entity is ever declared, so none can expand (billion laughs) or read a file or URL
  (XXE), and no DTD is fetched: the prolog (everything before the root element, read token
  by token: comments, processing instructions, declarations) loses every ``<!DOCTYPE ...>``
  and ``<!ENTITY ...>``; after the root starts, where parsers ignore them anyway, every
  ``<!ENTITY`` and every DOCTYPE with an internal subset is removed too. References to the
  removed entities stay as literal text (``&lol9;``).
* HTML named entities (``&nbsp;``), undefined in XML, become numeric references; unknown
  ones and bare ``&`` become ``&amp;`` (outside CDATA sections only).
* C0 control characters (invalid in XML 1.0) and the ``<?xml ...?>`` declaration are dropped:
  the text is handed on as UTF-8.
"""
from __future__ import annotations

import re
from html.entities import html5
from typing import Any

from lxml import etree

from tidings.parse.errors import FeedError

_DECLARATION = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.I)
_SUBSET_END = re.compile(r"\]\s*>")
_XML_DECL = re.compile(r"<\?xml[\s?]")
_BAD_AMP = re.compile(r"&(?!(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});)"
                      r"(?:([A-Za-z][A-Za-z0-9]{1,31});)?")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
CDATA_OPEN, CDATA_CLOSE = "<![CDATA[", "]]>"
DTD_WARNING = "removed a DOCTYPE with entity declarations (entities are never expanded)"


def _declaration_end(text: str, start: int) -> tuple[int, bool]:
    """End of the ``<!DOCTYPE``/``<!ENTITY`` at ``start``; whether it declares entities."""
    close = text.find(">", start)
    close = len(text) if close == -1 else close
    if text[start + 2] in "eE":
        return min(close + 1, len(text)), True
    if (bracket := text.find("[", start, close)) != -1:
        found = _SUBSET_END.search(text, bracket)
        return (found.end() if found else len(text)), True
    return min(close + 1, len(text)), False


def _after(text: str, pos: int, closer: str) -> int:
    end = text.find(closer, pos)
    return len(text) if end == -1 else end + len(closer)


def _prolog_cut(text: str, pos: int) -> tuple[int, int, bool] | None:
    """At a ``<`` of the prolog: ``(cut_to, next_pos, dangerous)`` if it is to be removed,
    ``None`` if kept (then the caller moves on with ``_prolog_skip``)."""
    if _XML_DECL.match(text, pos):
        end = _after(text, pos, "?>")
        return end, end, False
    if _DECLARATION.match(text, pos):
        end, dangerous = _declaration_end(text, pos)
        return end, end, dangerous
    return None


def _prolog_skip(text: str, pos: int) -> int:
    """Position after the kept token at ``pos`` (comment, PI, other ``<!...>``); -1 at the root."""
    for opener, closer in (("<!--", "-->"), ("<?", "?>"), ("<!", ">")):
        if text.startswith(opener, pos):
            return _after(text, pos + len(opener), closer)
    return -1 if _ROOT.match(text, pos) else pos + 1


def _strip_prolog(text: str) -> tuple[list[str], int, bool]:
    """Kept pieces of the prolog, where the root element starts, whether entities were declared."""
    kept: list[str] = []
    pos = start = 0
    dangerous = False
    while (pos := text.find("<", pos)) != -1:
        cut = _prolog_cut(text, pos)
        if cut is not None:
            kept.append(text[start:pos])
            start, pos, flagged = cut
            dangerous |= flagged
            continue
        after = _prolog_skip(text, pos)
        if after == -1:
            break
        pos = after
    root = len(text) if pos == -1 else pos
    kept.append(text[start:root])
    return kept, root, dangerous


def _strip_body(text: str, pos: int) -> tuple[list[str], bool]:
    """Pieces of the body without entity declarations and DOCTYPEs that have a subset."""
    kept: list[str] = []
    start, dangerous = pos, False
    while (found := _DECLARATION.search(text, pos)) is not None:
        end, declares = _declaration_end(text, found.start())
        if declares:
            kept.append(text[start:found.start()])
            start, dangerous = end, True
        pos = end
    kept.append(text[start:])
    return kept, dangerous


def strip_declarations(text: str) -> tuple[str, list[str]]:
    """Remove DOCTYPE/ENTITY declarations and the XML declaration (see the module doc)."""
    prolog, root, in_prolog = _strip_prolog(text)
    body, in_body = _strip_body(text, root)
    cleaned = "".join(prolog + body)
    return cleaned, [DTD_WARNING] if in_prolog or in_body else []


def _fix_amp(match: re.Match[str]) -> str:
    name = match.group(1)
    if name and (expansion := html5.get(name + ";")):
        return "".join(f"&#{ord(char)};" for char in expansion)
    return "&amp;" + (name + ";" if name else "")


def fix_references(text: str) -> str:
    """HTML entities → numeric references, stray ``&`` → ``&amp;``; CDATA left untouched."""
    if "&" not in text:
        return text
    parts: list[str] = []
    pos = 0
    while (start := text.find(CDATA_OPEN, pos)) != -1:
        parts.append(_BAD_AMP.sub(_fix_amp, text[pos:start]))
        end = text.find(CDATA_CLOSE, start)
        end = len(text) if end == -1 else end + len(CDATA_CLOSE)
        parts.append(text[start:end])
        pos = end
    parts.append(_BAD_AMP.sub(_fix_amp, text[pos:]))
    return "".join(parts)


def sanitize_xml(text: str) -> tuple[str, list[str]]:
    """Return ``(safe_text, warnings)`` for a decoded XML document (see the module doc)."""
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    text, warnings = strip_declarations(text)
    return fix_references(text), warnings


def root_name(text: str, window: int = 65536) -> str:
    """Local name of the first element, lower-cased (``rss``, ``feed``, ``rdf``, ``html``...)."""
    pos = 0
    while (pos := text.find("<", pos, window)) != -1:
        after = _prolog_skip(text, pos)
        if after == -1:
            return _ROOT.match(text, pos).group(1).rsplit(":", 1)[-1].lower()
        pos = after
    return ""


def safe_parser() -> etree.XMLParser:
    """An lxml parser that never resolves entities, loads a DTD or touches the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, recover=True,
                           remove_comments=True, remove_pis=True, collect_ids=False)


def parse_tree(text: str) -> Any:
    """Parse sanitized XML text to an lxml root element (recovering); ``FeedError`` if none."""
    try:
        root = etree.fromstring(text.encode("utf-8"), safe_parser())
    except etree.XMLSyntaxError as exc:
        raise FeedError(f"not well-formed XML: {exc}") from None
    if root is None:
        raise FeedError("not well-formed XML: no root element")
    return root


def local(tag: object) -> str:
    """``{namespace}name`` or ``prefix:name`` → ``name`` (lower-cased); '' for comments/PIs."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower()
