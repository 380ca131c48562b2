"""Credit: the other site an article says it comes from.

Found in ``rel=canonical`` pointing at another host, or in a link inside a short
"Source: ...", "Originally published at/on ...", "This article first appeared on ...",
"Republished from ...", "via ..." paragraph. Links to the page's own site do not count.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from lxml import html as lxml_html

from tidings.extract.urls import canonicalize_url, host_of, same_site

MAX_CREDIT_CHARS = 150  # credit phrases come right before the link
MAX_ANCHORS = 3000      # hostile pages: stop looking after this many links
_CREDIT = re.compile(
    r"(?:^|[\s(\[])(?:(?:sources?|fonte|fuente|quelle)\s*[:\-–—]|originally (?:published|posted|appeared)|"
    r"(?:first|originally) (?:published|appeared|posted)|(?:this|the) (?:article|story|post|piece)"
    r" (?:was |is )?(?:first |originally )?(?:published|appeared|posted|republished)|"
    r"republished (?:from|with permission)|reprinted (?:from|with)|cross-?posted|adapted from|"
    r"publicado originalmente|publicado (?:primeiro|inicialmente)|publié (?:initialement|à l'origine)|"
    r"zuerst (?:erschienen|veröffentlicht)|erschien zuerst|pubblicato originariamente)", re.I)
_VIA = re.compile(r"^[\s(\[]*(?:via|h/t|hat tip)\b", re.I)
_CREDIT_WORDS = ("source", "fonte", "fuente", "quelle", "originally", "first appeared",
                 "first published", "republished", "reprinted", "cross-post", "crosspost",
                 "adapted from", "via", "h/t", "hat tip", "publicado", "publié", "erschien",
                 "erschienen", "pubblicato", "appeared on", "published on", "published at")
_MEDIA = re.compile(r"\b(?:image|photo|foto|picture|video|illustration)s?\b", re.I)
_BLOCKS = {"p", "div", "li", "footer", "aside", "blockquote", "figcaption", "section", "td",
           "article", "body", "dd"}


def find_credit(tree: lxml_html.HtmlElement, page_url: str, canonical: str, raw_html: str = "",
                anchors: Sequence[lxml_html.HtmlElement] | None = None) -> str:
    """The URL of the site the article credits as its origin, or ``""``.

    ``raw_html``: the page source; a page that never names a credit word gets no credit.
    ``anchors``: the page's ``<a>`` elements in document order, if already collected.
    """
    if canonical and page_url and not same_site(canonical, page_url):
        return canonical
    target = _credited_link(tree.iter("a") if anchors is None else anchors, canonical or page_url)
    # Checked last: lower-casing a large page costs more than looking at its links.
    if target and raw_html and not _mentions_credit(raw_html):
        return ""
    return target


def _credited_link(anchors: Iterable[lxml_html.HtmlElement], base: str) -> str:
    """The first link to another site led up to by a credit phrase, canonicalised."""
    base_host = host_of(base)
    for checked, anchor in enumerate(anchors):
        if checked > MAX_ANCHORS:
            break
        href = (anchor.get("href") or "").strip()
        if not href.lower().startswith(("http:", "https:", "//")):
            continue
        host = href.split("/", 3)[2].split(":")[0].lower() if href.count("/") >= 2 else ""
        if not host or (base_host and same_site(host, base_host)):
            continue
        if _is_credit_context(anchor):
            target = canonicalize_url(href, base) if base else canonicalize_url(href)
            if target.startswith("http"):
                return target
    return ""


def _mentions_credit(raw_html: str) -> bool:
    lowered = raw_html.lower()
    return any(word in lowered for word in _CREDIT_WORDS)


def _is_credit_context(anchor: lxml_html.HtmlElement) -> bool:
    """Does a credit phrase ("Source:", "first appeared on"...) lead up to the link?"""
    before = _text_before(anchor, MAX_CREDIT_CHARS)
    if _MEDIA.search(before):
        return False
    return bool(_CREDIT.search(before) or (len(before) <= 40 and _VIA.match(before)))


def _text_before(anchor: lxml_html.HtmlElement, cap: int) -> str:
    """Text that precedes ``anchor`` inside its nearest block (up to three levels up)."""
    pieces: list[str] = []
    el = anchor
    for _ in range(3):
        parent = el.getparent()
        if parent is None:
            break
        level: list[str] = []
        size = 0
        for sibling in el.itersiblings(preceding=True):
            inner = _capped_text(sibling, cap)
            level.append(sibling.tail or "")
            if inner is None:
                break
            level.append(inner)
            size += len(inner) + len(sibling.tail or "")
            if size > cap:
                break
        else:
            level.append(parent.text or "")
        pieces.insert(0, "".join(reversed(level)))
        if parent.tag in _BLOCKS:
            break
        el = parent
    text = " ".join(" ".join(pieces).split())
    return text[-cap:]


def _capped_text(el: lxml_html.HtmlElement, cap: int) -> str | None:
    """The element's text, or None as soon as it is longer than ``cap`` characters."""
    parts, size = [], 0
    for piece in el.itertext():
        size += len(piece)
        if size > cap:
            return None
        parts.append(piece)
    return "".join(parts)
