"""The literal beginnings of a regular expression's words, to pass over text it cannot match.

The event lexicon is a large alternation run over the folded words of every sentence, and
most sentences hold no trigger at all. :func:`word_prefixes` reads a pattern's syntax tree
and returns short strings, one of which begins a word of every match (a sentence of words
separated by single spaces, none of which begins with one, holds no match);
:class:`PrefixIndex` tells, word by word, which patterns may match. A pattern with no
literal word beginning (``\\w+ \\w+``) gives None: anything may match.
"""
from __future__ import annotations

from re import _constants as sre  # the syntax tree of the standard library's own parser
from re import _parser
from typing import Generic, TypeVar

K = TypeVar("K")
MAX_LENGTH = 8
MAX_STRINGS = 4096
# Words remembered per index before the memo starts afresh: ~150 B each (the word and a slot;
# words that open no pattern share one empty set), so ~8 MB at most; 50,000 words cover
# nearly all the words of news text.
MAX_MEMO = 50_000
_NO_KEYS: frozenset = frozenset()
# Zero-width items: skipping them only widens what may match.
_ZERO_WIDTH = {sre.AT, sre.ASSERT, sre.ASSERT_NOT}


class _Unknown(Exception):
    """The pattern's beginning cannot be spelled out."""


def word_prefixes(pattern: str, length: int = MAX_LENGTH) -> frozenset[str] | None:
    """Strings (no spaces, at most ``length`` characters) one of which begins a word of
    every match of ``pattern``; None when some match may hold no such word.

    The word is the first one of the match, or one after a space of the pattern's top level
    ("(?:a|the|peace) deals?" gives "deal" and "deals", not "a", "the" and "peace"): of these,
    the one whose strings are longest, so that fewest words meet them.
    """
    try:
        parsed = _parser.parse(pattern)
        if parsed.state.flags & (sre.SRE_FLAG_IGNORECASE | sre.SRE_FLAG_VERBOSE):
            return None
        items = list(parsed)
    except (RecursionError, ValueError, TypeError, _parser.error):
        return None
    starts = [0] + [k + 1 for k, (op, av) in enumerate(items) if op is sre.LITERAL and av == ord(" ")]
    found = [(p, k) for k, p in enumerate(_beginnings(items[k:], length) for k in starts) if p is not None]
    # longest strings, then fewest, then the last word (the first is more often a common one)
    best = max(found, key=lambda pk: (min(map(len, pk[0])), -len(pk[0]), pk[1]), default=None)
    return best[0] if best else None


def _beginnings(items: list, length: int) -> frozenset[str] | None:
    """Strings one of which begins every match of the sequence ``items`` (None: unknown)."""
    try:
        opens, closed = _walk(items, {""}, length)
    except (_Unknown, RecursionError):
        return None
    found = frozenset(opens | closed)
    return None if "" in found or not found else found


class PrefixIndex(Generic[K]):
    """Keys with the word beginnings of their patterns: which keys may match a text.

    ``prefixes`` maps each key to :func:`word_prefixes` of its pattern (None: it may always
    match). Looked up per word, with a memo: words repeat.
    """

    def __init__(self, prefixes: dict[K, frozenset[str] | None]) -> None:
        self.always = frozenset(k for k, found in prefixes.items() if found is None)
        self.all = frozenset(prefixes)
        self._keys: dict[str, set[K]] = {}
        for key, found in prefixes.items():
            for prefix in found or ():
                self._keys.setdefault(prefix, set()).add(key)
        self._lengths = tuple(sorted({len(p) for p in self._keys}))
        self._memo: dict[str, frozenset[K]] = {}

    def keys(self, words: list[str]) -> frozenset[K]:
        """The keys whose patterns may match text whose words (separated by single spaces)
        are ``words``."""
        if len(self._memo) > MAX_MEMO:
            self._memo = {}
        memo = self._memo  # (replaced, never cleared: safe to share between threads)
        try:
            return self.always.union(*filter(None, map(memo.__getitem__, words)))
        except KeyError:
            for word in words:
                if word not in memo:
                    memo[word] = self.word_keys(word)
            return self.always.union(*filter(None, map(memo.__getitem__, words)))

    def word_keys(self, word: str) -> frozenset[K]:
        """The keys one of whose words ``word`` may be; all for a word holding a space, after
        which a match may begin too."""
        if any(ch.isspace() for ch in word):
            return self.all
        found: set[K] = set()
        for n in self._lengths:
            found.update(self._keys.get(word[:n], ()))
        return frozenset(found) if found else _NO_KEYS  # most words: one shared empty set


def _walk(items: list, opens: set[str], length: int) -> tuple[set[str], set[str]]:
    """Extend the strings ``opens`` through ``items``: ``(still open, closed)``. A string is
    closed at a space, at ``length`` characters, or before an item that is no literal."""
    closed: set[str] = set()
    for op, av in items:
        if not opens:
            break
        if op in _ZERO_WIDTH:
            continue
        opens, more = _step(op, av, opens, length)
        closed |= more
        opens, more = _cut(opens, length)
        closed |= more
        if len(opens) + len(closed) > MAX_STRINGS:
            raise _Unknown(op)
    return opens, closed


def _step(op, av, opens: set[str], length: int) -> tuple[set[str], set[str]]:
    """One item of a sequence, after each of ``opens``."""
    if op is sre.LITERAL:
        return {o + chr(av) for o in opens}, set()
    if op is sre.IN:
        chars = _chars(av)
        return ({o + c for o in opens for c in chars}, set()) if chars else (set(), opens)
    if op is sre.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return _walk(list(sub), opens, length) if not (add_flags or del_flags) else (set(), opens)
    if op is sre.BRANCH:
        new_open, closed = set(), set()
        for alt in av[1]:
            o, c = _walk(list(alt), opens, length)
            new_open |= o
            closed |= c
        return new_open, closed
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[1] == 1:
        low, _high, sub = av
        o, c = _walk(list(sub), opens, length)
        return (o | opens if low == 0 else o), c
    return set(), opens


def _chars(av) -> set[str] | None:
    """The characters of a class made of literals only (else None)."""
    out = set()
    for op, value in av:
        if op is not sre.LITERAL:
            return None
        out.add(chr(value))
    return out


def _cut(opens: set[str], length: int) -> tuple[set[str], set[str]]:
    keep, closed = set(), set()
    for s in opens:
        if " " in s:
            closed.add(s[:s.index(" ")])
        elif len(s) >= length:
            closed.add(s[:length])
        else:
            keep.add(s)
    return keep, closed
