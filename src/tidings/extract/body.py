"""Main text of an article page: several extractors, chosen per page by agreement.

1. trafilatura in fast mode (links kept, so link density is known) — the main extractor;
2. trafilatura's readability port — a cheap, differently-built second opinion;
3. only when those two disagree: trafilatura in full mode (its own fallbacks), and the
   candidate that agrees best with the others wins, unless the main candidate's text is
   mostly contained in it (then the extra text is more likely furniture than article).

Each candidate is repaired (sibling paragraphs put back) and cleaned (page furniture
dropped) before comparison. One parsed tree is shared; extractors get copies.
"""
from __future__ import annotations

import logging
import re
from collections import Counter
from copy import deepcopy

import trafilatura
from lxml import html as lxml_html
from trafilatura.readability_lxml import Document as ReadabilityDocument
from trafilatura.settings import Extractor

from tidings.extract.blocks import Block, blocks_from_body, blocks_from_html, blocks_text
from tidings.extract.cleanup import Context, clean_blocks
from tidings.extract.pageindex import PageIndex
from tidings.extract.recall import missing_chars, page_paragraphs, repair

log = logging.getLogger(__name__)

AGREE = 0.8      # main and second opinion agree above this similarity
CONTAINED = 0.8  # main text this much inside the winner: keep the main text
DOUBT_SHORT = 1000       # characters: shorter main text asks for a second opinion
DOUBT_BLOB = 3000        # one block longer than this ...
DOUBT_BLOB_SHARE = 0.8   # ... and this share of the text: probably a page dump
DOUBT_MISSING = 0.3      # article-like paragraphs left out, relative to the text
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]|[^\W\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+")

for _name in ("trafilatura", "readability", "htmldate", "courlan"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# Built once (about 45 µs each); trafilatura only reads them (it copies them to change one).
# No URL: link targets would only be resolved, and blocks use links for their text alone.
# "xml" output: the body tree as is, without the plain-text rendering we would not use.
_OPTIONS = {fast: Extractor(output_format="xml", fast=fast, comments=False, links=True,
                            tables=True) for fast in (True, False)}


def main_blocks(tree: lxml_html.HtmlElement, url: str, ctx: Context,
                index: PageIndex | None = None,
                paragraphs: list[tuple] | None = None) -> tuple[list[Block], list[Block]]:
    """Return ``(raw, clean)`` blocks of the article body of ``tree``.

    ``raw`` is the chosen candidate before single-page clean-up (what site learning counts);
    ``clean`` is what a reader should see. ``index``: the page's elements, if collected;
    ``paragraphs``: its long paragraphs (``recall.page_paragraphs``), if already found.
    """
    if paragraphs is None:
        paragraphs = page_paragraphs(tree, index.p if index is not None else None)
    fast = _candidate(tree, ctx, _trafilatura(tree, url, fast=True), paragraphs)
    if not doubtful(fast[1], paragraphs):
        return fast
    second = _candidate(tree, ctx, _readability(tree), paragraphs)
    if similarity(fast[1], second[1]) >= AGREE:
        return fast
    full = _candidate(tree, ctx, _trafilatura(tree, url, fast=False), paragraphs)
    return choose(fast, full, second)


def boxed_blocks(tree: lxml_html.HtmlElement, box_page: lxml_html.HtmlElement, url: str,
                 ctx: Context, paragraphs: list[tuple]) -> tuple[list[Block], list[Block]] | None:
    """The main candidate extracted from ``box_page`` (a page holding only the article's box,
    see ``articlebox``), repaired against the whole ``tree``; None when it looks doubtful."""
    boxed = _candidate(tree, ctx, _trafilatura(box_page, url, fast=True), paragraphs)
    return None if doubtful(boxed[1], paragraphs, short=1) else boxed


def doubtful(blocks: list[Block], paragraphs: list[tuple], short: int = DOUBT_SHORT) -> bool:
    """Does the main extraction look wrong enough to ask for a second opinion?

    Text under ``short`` characters; one huge block making most of the text (a menu or page
    dump); or long article-like paragraphs of the page left out amounting to a good share of
    the text. (From a learned article box, only empty text counts as short: short articles
    are checked against the whole page from time to time instead.)
    """
    size = sum(len(b.text) for b in blocks)
    if size < short:
        return True
    if max(len(b.text) for b in blocks) > max(DOUBT_BLOB, DOUBT_BLOB_SHARE * size):
        return True
    return missing_chars(blocks, paragraphs) > DOUBT_MISSING * size


def choose(main, *others):
    """The candidate agreeing best with the rest; the main one if it is inside the winner."""
    candidates = (main, *others)
    texts = [blocks_text(c[1]) for c in candidates]
    shingled = [_shingles(t) for t in texts]
    totals = [sum(_dice(s, o) for j, o in enumerate(shingled) if j != i)
              for i, s in enumerate(shingled)]
    best = max(range(len(candidates)), key=lambda i: (totals[i], i == 0))
    if best != 0 and texts[0] and _containment(shingled[0], shingled[best]) >= CONTAINED:
        return main
    return candidates[best]


def similarity(a: list[Block], b: list[Block]) -> float:
    """Dice overlap of the two texts' word 4-gram multisets (0..1)."""
    return _dice(_shingles(blocks_text(a)), _shingles(blocks_text(b)))


def _candidate(tree, ctx: Context, raw: list[Block],
               paragraphs: list[tuple]) -> tuple[list[Block], list[Block]]:
    raw = repair(tree, raw, paragraphs)
    return raw, clean_blocks(raw, ctx)


def _trafilatura(tree, url: str, fast: bool) -> list[Block]:
    try:
        doc = trafilatura.bare_extraction(tree, options=_OPTIONS[fast])
    except Exception:  # noqa: BLE001 - hostile pages must not stop the pipeline
        log.debug("trafilatura failed on %s", url, exc_info=True)
        return []
    return blocks_from_body(doc.body) if doc is not None else []


def _readability(tree) -> list[Block]:
    try:
        summary = ReadabilityDocument(deepcopy(tree), min_text_length=25).summary()
        return blocks_from_html(lxml_html.fromstring(summary)) if summary else []
    except Exception:  # noqa: BLE001
        log.debug("readability failed", exc_info=True)
        return []


def _shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text.lower())
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(zip(*(tokens[i:] for i in range(n))))


def _dice(a: Counter, b: Counter) -> float:
    total = sum(a.values()) + sum(b.values())
    return 2 * sum((a & b).values()) / total if total else 1.0


def _containment(inner: Counter, outer: Counter) -> float:
    size = sum(inner.values())
    return sum((inner & outer).values()) / size if size else 0.0
