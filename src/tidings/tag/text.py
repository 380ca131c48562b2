"""Folding, tokens and sentences as the taggers see them.

Every tagger works in *token space*: a sentence is a list of :class:`Token` (word or single
punctuation mark) with its original spelling, its folded form (lower case, diacritics
removed, Arabic-script letters unified) and its character span in the sentence. Names,
place names and event triggers are all matched against the folded forms, so "Kaboul",
"KABOUL" and "Kâboul" meet, and acronyms against the original spelling.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

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


@dataclass(slots=True, unsafe_hash=True)  # never mutated; not frozen, which makes it 3× slower to build
class Token:
    """One word or punctuation mark of a sentence."""

    text: str
    folded: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word and punctuation tokens with their character spans."""
    return [Token(m.group(), fold(m.group()), m.start(), m.end()) for m in _TOKEN.finditer(text)]


_WORD = re.compile(r"\w+")
_ASCII_UPPER = re.compile(r"[A-Z]")
_ASCII_LOWER = re.compile(r"[a-z]")


def word_key(text: str) -> str:
    """The folded words of ``text`` joined by single spaces (punctuation dropped)."""
    return " ".join(_WORD.findall(fold_uncached(text)))


@dataclass(slots=True)
class Sentence:
    """A sentence, its tokens, and the folded token string that regexes run over."""

    text: str
    tokens: list[Token]
    is_title: bool = False
    joined: str = ""
    _offsets: list[int] = field(default_factory=list)
    _title_case: bool | None = None

    @classmethod
    def of(cls, text: str, *, is_title: bool = False) -> Sentence:
        """Tokenise ``text`` and build its folded token string."""
        tokens = tokenize(text)
        offsets, parts, pos = [], [], 0
        for tok in tokens:
            offsets.append(pos)
            parts.append(tok.folded)
            pos += len(tok.folded) + 1
        return cls(text, tokens, is_title, " ".join(parts), offsets)

    def token_at(self, char_pos: int) -> int:
        """The index of the token that holds position ``char_pos`` of :attr:`joined`."""
        return max(0, bisect_right(self._offsets, char_pos) - 1)

    def initial(self, index: int) -> bool:
        """True when token ``index`` opens the sentence (after any quotes or dashes)."""
        first = next((i for i, t in enumerate(self.tokens) if t.is_word), len(self.tokens))
        return index <= first

    def title_case(self) -> bool:
        """True for a headline in Title Case, where capitals say nothing about names."""
        if self._title_case is None:
            words = [t.text for t in self.tokens if t.is_word and is_latin_word(t.text)]
            if len(words) < 4:
                self._title_case = self.is_title
            else:
                self._title_case = sum(1 for w in words if w[0].isupper()) / len(words) >= 0.7
        return self._title_case

    def shouting(self) -> bool:
        """True when the sentence is (mostly) in capitals, so acronyms cannot be told."""
        upper = len(_ASCII_UPPER.findall(self.text))
        letters = upper + len(_ASCII_LOWER.findall(self.text))
        return letters >= 12 and upper / letters > 0.7
