"""A sentence splitter that copes with news text ("Mr.", "U.S.", "Gen.", initials, quotes).

Rules, in order: every line break ends a sentence; ``. ! ? ؟ …`` followed by spaces ends
one when the next word does not start in lower case, unless the word before the dot is a
title or other abbreviation ("Mr.", "Gen.", "Jan."), a single initial ("A. Massoud"), or a
dotted abbreviation such as "U.S." that is not followed by a usual sentence opener.
"""
from __future__ import annotations

import re

# (Opening on a character class lets the regex engine skip to the candidates quickly.)
_BOUNDARY = re.compile(r"[.!?\u061f\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s+)")
# The last run of word characters, dots and hyphens; possessive and opening only where a run
# opens, so that the search is linear.
_LAST_WORD = re.compile(r"(?<![\w.\-])([\w.\-]++)\W*+$")
_NEXT_WORD = re.compile(r"\s+[\"'\u201c\u2018\u00ab(\[-]*(\S+)")

# Abbreviations after which a dot never ends a sentence (compared lower-cased, no dot).
NEVER_FINAL = frozenset("""
mr mrs ms dr prof gen lt col maj capt cpt sgt cpl pte adm brig cmdr gov sen rep pres
st mt ft rev fr sr jr messrs hon amb dept fig vol vols no nos pp
jan feb mar apr jun jul aug sep sept oct nov dec approx cf vs etc e.g i.e al
m mme mlle dir sra sr srta lic ing av gral hr fr dr herr frau nr bzw z.b u.a
г гг ул им т.е т.д проф ген
""".split())
# Words that commonly open a sentence: after "U.S." or "a.m." they mean it was the end.
OPENERS = frozenset("""
the a an in on at but and he she it they we i this that these those his her their its
there however meanwhile officials police witnesses according after before when while
mr mrs ms last earlier later on some many most no one two three several
""".split())


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences (stripped, non-empty), paragraph by paragraph."""
    out: list[str] = []
    for line in text.splitlines():
        out.extend(_split_line(line))
    return out


def _split_line(line: str) -> list[str]:
    pieces, start = [], 0
    for match in _BOUNDARY.finditer(line):
        end = match.end()
        if _ends_sentence(line[max(start, end - 120):end], line, end):
            pieces.append(line[start:end])
            start = end
    pieces.append(line[start:])
    return [p.strip() for p in pieces if p.strip()]


def _ends_sentence(before: str, line: str, end: int) -> bool:
    """Whether the boundary that closes ``before`` (its last 120 characters at most) and
    ends at ``end`` in ``line`` ends a sentence."""
    nxt = _NEXT_WORD.match(line, end, end + 200)
    if not nxt:
        return True
    next_word = nxt.group(1)
    first = next_word[0]
    if first.islower():
        return False
    stripped = before.rstrip("\"'\u201d\u2019\u00bb)] ")  # the last word is enough
    if not stripped.endswith("."):
        return True  # ! ? ؟ …
    last = _LAST_WORD.search(stripped[:-1] + " ") if stripped[:-1] else None
    word = (last.group(1) if last else "").rstrip(".")
    return _dot_ends(word, next_word)


def _dot_ends(word: str, next_word: str) -> bool:
    lowered = word.lower()
    if not word:
        return True
    if lowered in NEVER_FINAL or lowered.split(".")[-1] in {"e.g", "i.e"}:
        return False
    if len(word) == 1 and word.isalpha() and word.isupper():
        return False  # an initial: "Ahmad S. Massoud"
    if "." in word and re.fullmatch(r"(?:\w\.)+\w", word):
        # "U.S." / "a.m.": ends a sentence only before a usual opener.
        return next_word.strip("\"'\u201c(").lower().rstrip(",") in OPENERS
    return True
