"""Folding, tokens and sentences as the taggers see them.

Every tagger works in *token space*: a sentence is a list of tokens (word or single
punctuation mark), each with its original spelling, its folded form (lower case, diacritics
removed, Arabic-script letters unified) and its character span in the sentence. Names,
place names and event triggers are all matched against the folded forms, so "Kaboul",
"KABOUL" and "Kâboul" meet, and acronyms against the original spelling.

A :class:`Sentence` keeps its tokens as parallel lists (:attr:`Sentence.words`,
:attr:`Sentence.folds`), the cheap form that the taggers read; spans and :class:`Token`
objects are built only for the few sentences that need them.
"""
from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

# Arabic-script variants that Persian/Dari and Arabic texts mix freely; the tatweel
# (elongation) and the zero-width joiners carry no meaning for matching.
_SCRIPT_FOLD = str.maketrans({
    "\u064a": "\u06cc",  # Arabic yeh -> Farsi yeh
    "\u0649": "\u06cc",  # alef maksura -> Farsi yeh
    "\u0643": "\u06a9",  # Arabic kaf -> keheh
    "\u0629": "\u0647",  # teh marbuta -> heh
    "\u06c0": "\u0647",  # heh with yeh above -> heh
    "\u06d5": "\u0647",  # ae (what heh with yeh above decomposes to) -> heh
    "\u0640": None,  # tatweel
    "\u200d": None,  # zero-width joiner
    "\u00ad": None,  # soft hyphen
    "\u2019": "'",
    "\u02bc": "'",
})
_ZWNJ = "\u200c"
_ASCII_PUNCTUATION = frozenset(string.punctuation) - {"_"}
# Word characters plus the combining marks of Latin and Arabic scripts, so that a word
# written with decomposed accents or with Arabic vowel marks stays one token.
_TOKEN = re.compile(r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+"
                    r"|[^\w\s\u200c]")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text``, strip diacritics and unify Arabic-script letter variants.

    >>> fold("Kâboul")
    'kaboul'
    """
    return fold_uncached(text)


def fold_uncached(text: str) -> str:
    """:func:`fold` without its cache, for one-off strings (building indexes)."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_SCRIPT_FOLD)
    return unicodedata.normalize("NFC", text.casefold()).replace(_ZWNJ, " ")


def is_latin_word(word: str) -> bool:
    """True when the word's first letter is Latin (so capitalisation means something)."""
    for ch in word:
        if ch.isalpha():
            return ch.isascii() or "LATIN" in unicodedata.name(ch, "")
    return False


def is_capitalised(word: str) -> bool:
    """True for "Kabul" and "KABUL"; always True for scripts without letter case."""
    for ch in word:
        if ch.isalpha():
            return ch.isupper() or not (ch.islower() or ch.isupper())
    return False


def is_word(text: str) -> bool:
    """True for a word token (not a punctuation mark)."""
    return text[0].isalnum() or text[0] == "_"


@dataclass(slots=True, unsafe_hash=True)  # never mutated; not frozen, which makes it 3× slower to build
class Token:
    """One word or punctuation mark of a sentence."""

    text: str
    folded: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return is_word(self.text)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word and punctuation tokens with their character spans."""
    return [Token(m.group(), fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _words(text: str) -> list[str]:
    """``_TOKEN.findall(text)``, faster: whitespace separates tokens as it does for the
    regex, and most chunks between spaces are one word, or a word and a comma or dot."""
    out: list[str] = []
    add, findall = out.append, _TOKEN.findall
    for chunk in text.split():
        if chunk.isalnum():
            add(chunk)
        elif chunk[-1] in _ASCII_PUNCTUATION and chunk[:-1].isalnum():
            add(chunk[:-1])
            add(chunk[-1])
        else:
            out += findall(chunk)
    return out


def split_words(text: str) -> tuple[list[str], list[str], str]:
    """The token texts of ``text``, their folded forms, and the folded forms joined by spaces.

    The cheap form of :func:`tokenize` (no spans, no objects): an ASCII text is folded whole.
    """
    words = _words(text)
    if not words:
        return words, [], ""
    if text.isascii():
        joined = " ".join(words).lower()
        return words, joined.split(" "), joined
    folds = list(map(fold, words))
    return words, folds, " ".join(folds)


_WORD = re.compile(r"\w+")
_ASCII_UPPER = re.compile(r"[A-Z]")
_ASCII_LOWER = re.compile(r"[a-z]")


def word_key(text: str) -> str:
    """The folded words of ``text`` joined by single spaces (punctuation dropped)."""
    return " ".join(_WORD.findall(fold_uncached(text)))


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """The spans of the tokens ``words`` of ``text``: between two tokens there is only
    whitespace (and zero-width non-joiners), which no token holds, so each token is the
    first occurrence of its text after the previous one."""
    spans, pos, find = [], 0, text.find
    for word in words:
        pos = find(word, pos)
        spans.append((pos, pos + len(word)))
        pos += len(word)
    return spans


@lru_cache(maxsize=65536)
def _latin_word(word: str) -> bool:
    """A word token whose first letter is Latin (see :meth:`Sentence.title_case`)."""
    return is_word(word) and is_latin_word(word)


@dataclass(slots=True)
class Sentence:
    """A sentence: its token texts (:attr:`words`, punctuation included), their folded forms
    (:attr:`folds`) and the folded token string that regexes run over (:attr:`joined`).

    Character spans and :class:`Token` objects are built only when asked for (most sentences
    never need them).
    """

    text: str
    words: list[str]
    folds: list[str]
    is_title: bool = False
    joined: str = ""
    _offsets: list[int] | None = None
    _spans: list[tuple[int, int]] | None = None
    _tokens: list[Token] | None = None
    _first_word: int | None = None
    _title_case: bool | None = None
    _shouting: bool | None = None

    @classmethod
    def of(cls, text: str, *, is_title: bool = False) -> Sentence:
        """Tokenise ``text`` and build its folded token string."""
        words, folds, joined = split_words(text)
        return cls(text, words, folds, is_title, joined)

    @property
    def tokens(self) -> list[Token]:
        """The tokens with their spans (built on first use)."""
        if self._tokens is None:
            self._tokens = [Token(w, f, s, e) for w, f, (s, e) in zip(self.words, self.folds, self.spans)]
        return self._tokens

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The character span of each token in :attr:`text` (computed on first use)."""
        if self._spans is None:
            self._spans = _spans(self.text, self.words)
        return self._spans

    def is_word(self, index: int) -> bool:
        """True when token ``index`` is a word (not a punctuation mark)."""
        return is_word(self.words[index])

    def token_at(self, char_pos: int) -> int:
        """The index of the token that holds position ``char_pos`` of :attr:`joined`."""
        if self._offsets is None:
            self._offsets = list(accumulate((len(f) + 1 for f in self.folds[:-1]), initial=0))
        return max(0, bisect_right(self._offsets, char_pos) - 1)

    def initial(self, index: int) -> bool:
        """True when token ``index`` opens the sentence (after any quotes or dashes)."""
        if self._first_word is None:
            self._first_word = next((i for i, w in enumerate(self.words) if is_word(w)), len(self.words))
        return index <= self._first_word

    def title_case(self) -> bool:
        """True for a headline in Title Case, where capitals say nothing about names."""
        if self._title_case is None:
            words = [w for w in self.words if _latin_word(w)]
            if len(words) < 4:
                self._title_case = self.is_title
            else:
                self._title_case = sum(1 for w in words if w[0].isupper()) / len(words) >= 0.7
        return self._title_case

    def shouting(self) -> bool:
        """True when the sentence is (mostly) in capitals, so acronyms cannot be told."""
        if self._shouting is None:
            upper = len(_ASCII_UPPER.findall(self.text))
            letters = upper + len(_ASCII_LOWER.findall(self.text))
            self._shouting = letters >= 12 and upper / letters > 0.7
        return self._shouting
