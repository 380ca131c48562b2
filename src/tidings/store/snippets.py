"""Excerpts and highlighted snippets, within the length a publisher allows us to quote.

Both backends use this same code, so a search looks the same on SQLite and PostgreSQL, and the
highlight positions come back as spans: the web layer escapes the text and wraps the spans
in ``<mark>`` itself, so no markup from an article can ever reach a page.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from .fts import Term, fold

ELLIPSIS = "…"
MAX_SPANS = 200


@dataclass(slots=True)
class Snippet:
    """Quoted text and the ``(start, end)`` character spans in it to highlight."""

    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)


def snippet_limit(default: int, nosnippet: bool = False, max_snippet: int | None = None) -> int:
    """How many characters we may quote: 0 under ``nosnippet`` or ``max-snippet:0``.

    ``max_snippet`` of -1 (or None) means the publisher set no limit; ours still applies.
    """
    if nosnippet or default <= 0:
        return 0
    if max_snippet is not None and max_snippet >= 0:
        return min(default, max_snippet)
    return default


def squash(text: str | None) -> str:
    """Text on one line with runs of white space made single spaces."""
    return " ".join((text or "").split())


def excerpt(text: str | None, limit: int) -> str:
    """The first ``limit`` characters of ``text``, cut at a word boundary, with an ellipsis."""
    text = squash(text)
    if limit <= 0 or not text:
        return ""
    if len(text) <= limit:
        return text
    lead, body, tail, _ = _cut_words(text, 0, limit)
    return lead + body + tail


def highlight(text: str | None, terms: list[Term], limit: int) -> Snippet:
    """The ``limit``-character window of ``text`` richest in ``terms``, with their spans."""
    text = squash(text)
    if limit <= 0 or not text:
        return Snippet()
    found = find_terms(text, terms)
    if not found or len(text) <= limit:
        start = 0
    else:
        start = _best_start(found, limit)
    lead, body, tail, offset = _cut_words(text, start, limit)
    end = offset + len(body)
    shift = len(lead) - offset
    spans = [(s + shift, e + shift) for s, e in found if s >= offset and e <= end]
    return Snippet(lead + body + tail, spans)


def find_terms(text: str, terms: list[Term]) -> list[tuple[int, int]]:
    """Character spans in ``text`` where any of ``terms`` occurs (diacritics and case folded).

    The text is folded character by character (so offsets stay put) and searched with one
    regular expression: words of a phrase may be separated by any non-word characters, as
    the full-text tokenizers see them.
    """
    pattern = _terms_pattern(tuple(terms))
    if pattern is None:
        return []
    folded = text.translate(_fold_table(text))
    spans = []
    for match in pattern.finditer(folded):
        spans.append(match.span())
        if len(spans) >= MAX_SPANS:
            break
    return spans


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    """One character, lower-cased without diacritics, still one character."""
    folded = fold(ch)
    if len(folded) == 1:
        return folded
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def _fold_table(text: str) -> dict[int, str]:
    return {ord(ch): _fold_char(ch) for ch in set(text)}


@lru_cache(maxsize=512)
def _terms_pattern(terms: tuple[Term, ...]) -> re.Pattern[str] | None:
    alternatives = []
    for term in terms:
        words = ["".join(_fold_char(ch) for ch in token) for token in term.tokens]
        body = r"[\W_]+".join(re.escape(word) for word in words)
        alternatives.append(body + (r"[^\W_]*" if term.prefix else ""))
    if not alternatives:
        return None
    alternatives.sort(key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(alternatives) + r")(?![^\W_])")


def _best_start(spans: list[tuple[int, int]], limit: int) -> int:
    """A window start that shows the most spans, a little context before the first.

    ``spans`` come in text order and do not overlap, so starts and ends are both sorted and
    each window's count is two binary searches.
    """
    lead = min(limit // 5, 60)
    starts = [s for s, _ in spans]
    ends = [e for _, e in spans]
    best, best_count = 0, -1
    for start in starts:
        window_start = max(0, start - lead)
        count = bisect_right(ends, window_start + limit) - bisect_left(starts, window_start)
        if count > best_count:
            best, best_count = window_start, count
    return best


def _cut_words(text: str, start: int, limit: int) -> tuple[str, str, str, int]:
    """``text[start:start+limit]`` moved to word boundaries: (lead, body, tail, real start)."""
    if start > 0:
        space = text.find(" ", start, start + 30)
        start = space + 1 if space != -1 else start
    end = start + limit
    if end < len(text):
        space = text.rfind(" ", start, end + 1)
        if space > start + limit // 2:
            end = space
    body = text[start:end].rstrip()
    lead = ELLIPSIS if start > 0 else ""
    tail = ELLIPSIS if end < len(text) else ""
    return lead, body, tail, start
