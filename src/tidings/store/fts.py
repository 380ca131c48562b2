"""The search query language, parsed once and compiled for SQLite FTS5 and PostgreSQL.

Users write::

    flood warning            both words (AND is the default)
    "prime minister"         a phrase
    elect*                   a prefix (at least two letters before the star)
    kabul OR herat           either word
    taliban -pakistan        exclude a word (or a -"phrase")

Anything else (stray quotes, brackets, operators, punctuation) is tolerated: the parser never
fails, and the compiled expressions only ever contain quoted, alphanumeric tokens, so no user
input can produce an FTS5 or ``tsquery`` syntax error.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
MIN_PREFIX = 2

_TOKEN = re.compile(r"[^\W_]+")
_PIECE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@dataclass(frozen=True, slots=True)
class Term:
    """One word, phrase or prefix: ``tokens`` are lower-cased words, in order."""

    tokens: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    """An AND of groups, each an OR of terms, minus the excluded terms."""

    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing positive is asked for (such a query matches nothing)."""
        return not self.groups

    def terms(self) -> list[Term]:
        """The positive terms (what a snippet highlights)."""
        return [term for group in self.groups for term in group]


def tokens_of(text: str) -> tuple[str, ...]:
    """Lower-cased alphanumeric runs, as the FTS tokenizers split words."""
    return tuple(_TOKEN.findall(text.lower()))


def fold(text: str) -> str:
    """Lower case without diacritics ("Café" -> "cafe"), for matching like FTS5 does."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def parse_query(text: str) -> Query:
    """Parse user input into a :class:`Query`; never raises."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = negate_next = False
    for negate, term, operator in _pieces((text or "")[:MAX_QUERY_CHARS]):
        if operator == "OR":
            join_next = bool(groups)
            continue
        if operator == "NOT":
            negate_next = True
            continue
        if term is None:
            continue
        if negate or negate_next:
            excluded.append(term)
        elif join_next and groups:
            groups[-1].append(term)
        else:
            groups.append([term])
        join_next = negate_next = False
        if len(groups) + len(excluded) >= MAX_TERMS:
            break
    unique = dict.fromkeys(tuple(dict.fromkeys(group)) for group in groups)
    return Query(tuple(unique), tuple(dict.fromkeys(excluded)))


def _pieces(text: str):
    """Yield ``(negate, term, operator)`` for each quoted phrase or bare word."""
    for match in _PIECE.finditer(text):
        negate_phrase, phrase, word = match.groups()
        if word is None:
            yield bool(negate_phrase), _term(phrase, prefix=False), None
            continue
        if word in ("OR", "|"):
            yield False, None, "OR"
            continue
        if word == "NOT":
            yield False, None, "NOT"
            continue
        if word in ("AND", "&&", "+"):
            continue
        negate = word.startswith("-") and len(word) > 1
        word = word.lstrip("-+")
        prefix = word.endswith("*")
        yield negate, _term(word.rstrip("*"), prefix=prefix), None


def _term(text: str, *, prefix: bool) -> Term | None:
    tokens = tokens_of(text)
    if not tokens:
        return None
    if prefix and len(tokens[-1]) < MIN_PREFIX:
        prefix = False
    return Term(tokens, prefix)


def to_fts5(query: Query) -> str:
    """The FTS5 MATCH expression for ``query`` (empty string when ``query.empty``)."""
    if query.empty:
        return ""
    positive = " AND ".join(_fts_group(group) for group in query.groups)
    if not query.excluded:
        return positive
    return f"({positive}) NOT {_fts_group(query.excluded)}"


def _fts_group(terms) -> str:
    parts = [_fts_term(term) for term in terms]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _fts_term(term: Term) -> str:
    quoted = '"' + " ".join(term.tokens) + '"'
    return quoted + " *" if term.prefix else quoted


def to_tsquery(query: Query) -> str:
    """The text for PostgreSQL ``to_tsquery('tidings_fold', ...)`` (empty when ``query.empty``)."""
    if query.empty:
        return ""
    positive = " & ".join(_ts_group(group) for group in query.groups)
    if not query.excluded:
        return positive
    return f"({positive}) & !{_ts_group(query.excluded)}"


def _ts_group(terms) -> str:
    parts = [_ts_term(term) for term in terms]
    return "(" + " | ".join(parts) + ")"


def _ts_term(term: Term) -> str:
    words = [f"'{token}'" for token in term.tokens]
    if term.prefix:
        words[-1] += ":*"
    return "(" + " <-> ".join(words) + ")"
