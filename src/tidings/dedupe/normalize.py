"""Text normalisation, tokens and word shingles for copy detection.

Everything here is deterministic across processes and machines (no use of Python's salted
``hash``), because shingle hashes end up inside persisted signatures and band keys.
"""
from __future__ import annotations

import html
import re
import unicodedata

import numpy as np
import xxhash

_TAG = re.compile(r"<[^<>]{0,400}>")


def _char_class(codepoints: list[int]) -> str:
    """A regex character class of ``codepoints``, consecutive runs written as ranges."""
    parts, start = [], None
    for prev, cp in zip([None, *codepoints], [*codepoints, None]):
        if start is None:
            start = cp
        elif cp is None or cp != prev + 1:
            parts.append(re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev != start else ""))
            start = cp
    return "[" + "".join(parts) + "]"


_FORMAT_CHARS = re.compile(_char_class(
    [c for c in [*range(0x10000), *range(0xE0000, 0xE0080)] if unicodedata.category(chr(c)) == "Cf"]))
_APOSTROPHES = ("'", "’", "`", "\u00b4", "\u02bc")
# Scripts written without spaces: every character is a token of its own.
_CJK = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")
_MULT = np.uint32(0x01000193)
# What feeds and teasers append after the story's own words.
_TAILS = re.compile(
    r"(?:(?:…|\.\.\.|\[…\]|\[\.\.\.\])\s*(?:\(?(?:read more|continue reading|read the full "
    r"(?:story|article)|full story|more)\)?)?|the post .{1,300}? appeared first on [^\n]{1,120})[\s\W]*$")


def clean(text: str) -> str:
    """Fold markup and Unicode variants: entities, tags, NFKC, case, invisible characters.

    A teaser's trailing "… Read more" and a feed's "The post … appeared first on …" go too.
    """
    if not text:
        return ""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = _FORMAT_CHARS.sub("", unicodedata.normalize("NFKC", text).casefold())
    for mark in _APOSTROPHES:
        text = text.replace(mark, "")
    head, tail = text[:-600], text[-600:]
    return head + _TAILS.sub("", tail)


def tokens(text: str) -> list[str]:
    """Words of ``text`` after :func:`clean`; punctuation and whitespace are dropped."""
    return _TOKEN.findall(clean(text))


def exact_hash(title_tokens: list[str], text_tokens: list[str], short_words: int) -> str:
    """Hex digest of the normalised text (title included only when the text is short).

    A long text identifies the article whatever its headline; a short one does not, so
    two different photo galleries with the same one-line caption stay apart.
    """
    words = text_tokens if len(text_tokens) >= short_words else title_tokens + ["\x1f"] + text_tokens
    return xxhash.xxh3_128_hexdigest(" ".join(words).encode("utf-8"))


class _HashCache(dict):
    """Word → xxh32, remembered (cleared when it grows past ``limit`` words: ~120 B each with
    the word, so ~12 MB at most; the most frequent words come back at once)."""

    limit = 100_000

    def __missing__(self, word: str) -> int:
        if len(self) >= self.limit:
            self.clear()
        value = self[word] = xxhash.xxh32_intdigest(word.encode("utf-8"))
        return value


_HASHES = _HashCache()


def token_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of each word (xxh32 of UTF-8, stable across processes)."""
    cache = _HASHES
    return np.array([cache[w] for w in words], dtype=np.uint32)


def shingle_hashes(words: list[str], k: int) -> np.ndarray:
    """Hashes of the ``k``-word shingles of one word sequence (a short one is one shingle)."""
    if not words:
        return np.empty(0, dtype=np.uint32)
    th = token_hashes(words)
    if len(th) < k:
        k = len(th)
    n = len(th) - k + 1
    acc = th[:n].copy()
    for j in range(1, k):
        acc = acc * _MULT ^ th[j:j + n]
    return acc


def shingle_set(title_words: list[str], text_words: list[str], k: int) -> np.ndarray:
    """Sorted unique shingle hashes of a title and a text (shingles never cross the two)."""
    parts = [shingle_hashes(title_words, k), shingle_hashes(text_words, k)]
    return np.unique(np.concatenate(parts))
