"""Recall repair: put back article paragraphs the main extractor left out.

Article bodies are often split into several sibling containers (ad slots, "chunks",
paywall wrappers); extractors tend to keep the first one. A paragraph of the page that is
long, has little link text, sits outside navigation/footer/comment areas and shares its
parent and grandparent (tag and class) with a paragraph already extracted is part of the
same body: we insert it at its document position.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache

from lxml import html as lxml_html

from tidings.extract.blocks import Block, element_text, looks_like_code

MIN_CHARS = 100
MAX_LINK_DENSITY = 0.25
_WORDS = re.compile(r"\w+")
_NOISE = re.compile(
    r"(?:^|[-_\s])(?:comments?|footer|sidebar|related|recommended|promo|newsletter|share|"
    r"social|cookies?|subscribe|widget|advert|ads?|sponsored|teaser|outbrain|taboola|popular|"
    r"trending|nav|navigation|menu|caption|credit|byline|bio|signup|disclaimer)(?:$|[-_\s])",
    re.IGNORECASE)
_NOISE_TAGS = {"footer", "nav", "aside", "form", "figcaption", "figure", "header", "noscript"}


@lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """Lower-case words joined by single spaces: the form used to match texts (memoised: the
    same block is matched by several rules and candidates)."""
    return " ".join(_WORDS.findall(text.lower()))


def page_paragraphs(tree: lxml_html.HtmlElement, elements: Iterable | None = None,
                    ) -> list[tuple[lxml_html.HtmlElement, str, str]]:
    """``(element, text, normalised text)`` of every long ``<p>`` of the page (computed once);
    ``elements``: the page's ``<p>`` elements in document order, if already collected."""
    out = []
    for el in tree.iter("p") if elements is None else elements:
        text = element_text(el)
        if len(text) >= MIN_CHARS:
            out.append((el, text, norm(text)))
    return out


def repair(tree: lxml_html.HtmlElement, blocks: list[Block],
           paragraphs: list[tuple] | None = None) -> list[Block]:
    """Return ``blocks`` with missing sibling paragraphs of ``tree`` inserted in place."""
    if not blocks:
        return blocks
    if paragraphs is None:
        paragraphs = page_paragraphs(tree)
    joined, starts = _joined(blocks)
    found: set[tuple] = set()
    pending: list[tuple[int, lxml_html.HtmlElement, str]] = []
    last_block = -1
    for el, text, key in paragraphs:
        pos = joined.find(key) if key else -1
        if pos >= 0:
            found.add(_signature(el))
            last_block = bisect_right(starts, pos) - 1
        else:
            pending.append((last_block, el, text))
    pending = [(after, _signature(el), text) for after, el, text in pending
               if _acceptable(el, text)] if found else []
    inserts = [(after, text) for after, sig, text in pending if sig in found]
    if not inserts:
        return blocks
    return _insert(blocks, inserts)


def missing_chars(blocks: list[Block], paragraphs: list[tuple]) -> int:
    """Characters of long, article-like page paragraphs that ``blocks`` do not contain."""
    joined, _ = _joined(blocks)
    return sum(len(text) for el, text, key in paragraphs
               if key and key not in joined and _acceptable(el, text))


def _joined(blocks: list[Block]) -> tuple[str, list[int]]:
    starts, parts, offset = [], [], 0
    for block in blocks:
        key = norm(block.text)
        starts.append(offset)
        parts.append(key)
        offset += len(key) + 1
    return " ".join(parts), starts


def _signature(el: lxml_html.HtmlElement) -> tuple:
    parent = el.getparent()
    grand = parent.getparent() if parent is not None else None
    return tuple((e.tag, e.get("class", "")) if e is not None else None for e in (parent, grand))


def _acceptable(el: lxml_html.HtmlElement, text: str) -> bool:
    if looks_like_code(text):
        return False
    links = sum(len(a.text_content()) for a in el.iter("a"))
    if links > MAX_LINK_DENSITY * len(text):
        return False
    for anc in el.iterancestors():
        if anc.tag in ("article", "main", "body"):
            return True
        if anc.tag in _NOISE_TAGS:
            return False
        marker = f"{anc.get('class', '')} {anc.get('id', '')}"
        if marker.strip() and _NOISE.search(marker):
            return False
    return True


def _insert(blocks: list[Block], inserts: list[tuple[int, str]]) -> list[Block]:
    by_pos: dict[int, list[str]] = {}
    for after, text in inserts:
        by_pos.setdefault(after, []).append(text)
    out = [Block(t) for t in by_pos.get(-1, [])]
    for i, block in enumerate(blocks):
        out.append(block)
        out.extend(Block(t) for t in by_pos.get(i, []))
    return out
