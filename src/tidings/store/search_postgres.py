"""Ranking on PostgreSQL (tsvector + GIN) in the same bounded steps as on SQLite.

1. **Bounds**: a date filter narrows the ids to the blocks of ``BLOCK`` ids holding a matching
   date (one probe per block of ``ix_articles_date_block``, migration 0007), as on SQLite.
2. **Candidates**: the newest matching visible articles (:mod:`.search_plan`), window by window
   of ids, at most ``CAP`` (300, not SQLite's 2,000: ranking reads each candidate's vector
   from TOAST, ~10 µs a row). The newest window is read from ``articles_fts_recent``
   (migration 0007: the newest ~50,000 articles' filter columns and vectors, with a GIN index
   of their own), older ones from ``articles``. A GIN index cannot look at a window of ids
   only: it reads a word's whole posting list, ~0.1 µs an entry (a word in a seventh of a
   million articles: ~10 ms). So each window is read by the cheapest of these plans
   (``_plan``), estimated from the words' shares among the recent articles (from the
   statistics ``ANALYZE`` keeps; a word too rare to be there is counted on the GIN index):

   - the GIN index for the rarest groups of words, then each vector of the newest such rows
     checked for the rest of the query (phrases, common words, exclusions) until the cap;
   - or no index at all (a broad query): the filtered rows walked newest first, each vector
     checked, until the cap.

   The planner is held to that plan (``_mode``): its cost model does not count reading
   vectors from TOAST, so it would rather check every vector of the rows a filter's index finds.
3. **Scores**: ``ts_rank`` with the title weighted 5× over the body, for those candidates only.
4. Best first; ties newest first.

The document and the query go through the ``tidings_fold`` text search configuration
(``simple`` plus ``unaccent``, see migration 0005): no stemming, diacritics folded, the same
words as FTS5's ``unicode61 remove_diacritics 2`` on SQLite.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from . import search_plan
from .fts import Query, Term, fold, to_tsquery
from .search_plan import newest_matches
from .search_sqlite import BODY_WEIGHT, TITLE_WEIGHT

CONFIG = "tidings_fold"
CAP = 300
BLOCK = 4_096
RECENT_TABLE = "articles_fts_recent"
WEIGHTS = f"'{{0.1, 0.1, {BODY_WEIGHT / TITLE_WEIGHT}, 1.0}}'"
# Costs in µs: a GIN posting entry read; a matching row checked in the recent articles' narrow
# table, or in ``articles`` (a page each); a vector read from TOAST and checked.
POSTING, RECENT_ROW, ARTICLE_ROW, VECTOR = 0.1, 0.5, 5.0, 10.0
RARE = 0.5  # a word missing from the statistics: this share of the least common word there

_NEWEST = """
SELECT a.id{search} FROM {rows} AS a WHERE {where} AND a.id >= :lo AND a.id < :hi {indexed}
ORDER BY a.id DESC {limit}
"""
_CHECKED = """
SELECT c.id FROM ({newest}) AS c WHERE c.search @@ to_tsquery('{config}', :match) ORDER BY c.id DESC LIMIT :cap
"""
_INDEXED = f"AND a.search @@ to_tsquery('{CONFIG}', :loose)"
_RECENT_MATCHES = f"(SELECT r.* FROM {RECENT_TABLE} AS r WHERE r.search @@ to_tsquery('{CONFIG}', :loose) OFFSET 0)"
_SCORE = f"ts_rank({WEIGHTS}, a.search, to_tsquery('{CONFIG}', :match))"
_SCORES = f"""
SELECT a.id, {_SCORE} FROM {RECENT_TABLE} AS a WHERE a.id = ANY(:newer)
UNION ALL SELECT a.id, {_SCORE} FROM articles AS a WHERE a.id = ANY(:older)
"""
_TOP = ("SELECT set_config('jit', 'off', true), set_config('enable_indexscan', 'off', true), "
        "set_config('enable_seqscan', 'off', true), (SELECT max(id) FROM articles), "
        "(SELECT lo FROM articles_fts_recent_lo)")
_BLOCK = """
SELECT b FROM generate_series(CAST(:start AS integer), :stop, :step) AS b
WHERE EXISTS (SELECT 1 FROM articles AS a WHERE a.id / {block} = b AND {dates}) LIMIT 1
"""
_STATS = f"""
SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats
WHERE schemaname = current_schema() AND tablename = '{RECENT_TABLE}' AND attname = 'search'
"""
_COUNT = f"SELECT count(*) FROM {RECENT_TABLE} AS r WHERE r.search @@ to_tsquery('{CONFIG}', :loose)"
_MODES = ("SELECT set_config('enable_indexscan', :index, true), set_config('enable_bitmapscan', :bitmap, true), "
          "set_config('enable_seqscan', 'off', true)")


def ranked_ids(conn: sa.Connection, parsed: Query, where: str, params: dict[str, Any],
               need: int) -> list[tuple[int, float]]:
    """``(article id, score)`` of the candidates, best first."""
    *_, top, recent = conn.exec_driver_sql(_TOP).one()  # (and bitmaps only, see _Fetcher._mode)
    top = top or 0
    first, last = _id_bounds(conn, params, top)
    if last < first:
        return []
    match = to_tsquery(parsed)
    cap = min(search_plan.CAP, max(CAP, need))
    fetch = _Fetcher(conn, parsed, where, params, top, top if recent is None else recent)
    found = newest_matches(fetch, last, need, first, cap=cap, widen=_widen)
    if not found:
        return []
    scores = _scores(conn, match, found, fetch.recent)
    ordered = sorted(found, key=lambda i: (-scores.get(i, 0.0), -i))
    return [(i, float(scores.get(i, 0.0))) for i in ordered]


def _scores(conn: sa.Connection, match: str, ids: list[int], recent: int) -> dict[int, float]:
    """``ts_rank`` of the candidates: the vectors of recent ones read from the recent articles'
    table (smaller, so more of it is in memory), of the others (and of any pruned from it
    meanwhile) from ``articles``."""
    newer = [i for i in ids if i > recent]
    older = [i for i in ids if i <= recent]
    scores = dict(conn.execute(sa.text(_SCORES), {"match": match, "newer": newer, "older": older}).all())
    missing = [i for i in newer if i not in scores]
    if missing:
        scores.update(conn.execute(sa.text(_SCORES), {"match": match, "newer": [], "older": missing}).all())
    return scores


def _id_bounds(conn: sa.Connection, params: dict[str, Any], top: int) -> tuple[int, int]:
    """The ids that can pass the date filters: all, or those of the blocks holding such dates."""
    from .search import _statement
    when = "COALESCE(a.published, a.fetched)"
    dates = " AND ".join(f"{when} {op} :{name}" for name, op in (("since", ">="), ("until", "<"))
                         if name in params)
    if not dates:
        return 1, top
    values = {name: params[name] for name in ("since", "until") if name in params}
    sql = _BLOCK.format(block=BLOCK, dates=dates)

    def block(start: int, stop: int, step: int) -> int | None:
        args = dict(values, start=start, stop=stop, step=step)
        return conn.execute(_statement(sql, args), args).scalar()
    high = block(top // BLOCK, 0, -1)
    if high is None:
        return 1, 0
    low = block(0, high, 1) if "since" in params else 0
    return max(1, low * BLOCK), min(top, (high + 1) * BLOCK - 1)


def _widen(missing: int, found: int, searched: int) -> int:
    """The next window: wide enough for twice the ``missing`` matches at the density seen so
    far (everything left if none was seen). Each window reads the GIN posting lists again."""
    if not found:
        return 1 << 40
    return max(search_plan.WINDOW, 2 * missing * searched // found)


class _Fetcher:
    """``fetch(lo, hi, cap)`` for :func:`newest_matches`: matching ids, newest first, from the
    recent articles' table when the window is within it, else from ``articles``."""

    def __init__(self, conn: sa.Connection, parsed: Query, where: str, params: dict[str, Any],
                 top: int, recent: int) -> None:
        self.conn, self.parsed, self.where, self.params = conn, parsed, where, params
        self.top, self.recent = top, recent
        self.match = to_tsquery(parsed)
        shares, rows = _frequencies(conn), max(0, top - recent)
        self.groups = sorted(((_group_share(conn, group, shares, rows), group) for group in parsed.groups),
                             key=lambda pair: pair[0])
        self.filtered = _filter_share(conn, params, rows)
        self.current = "bitmap"

    def __call__(self, lo: int, hi: int, cap: int) -> list[int]:
        from .search import _statement
        recent = lo > self.recent
        rows = self.top - self.recent if recent else self.top
        shares = [share for share, _ in self.groups]
        window = _Window(rows, hi - lo, cap, self.filtered, recent)
        indexed = _plan(shares, window, exact=self._loose(len(shares)) == self.match)
        loose = self._loose(indexed)
        checked = loose != self.match
        self._mode(walk=not indexed)
        values = dict(self.params, match=self.match, loose=loose, lo=lo, hi=hi, cap=cap)
        sql = _candidates(recent, bool(indexed), checked=checked, where=self.where)
        return [row[0] for row in self.conn.execute(_statement(sql, values), values)]

    def _loose(self, count: int) -> str:
        """``to_tsquery`` text for the GIN index: the ``count`` rarest groups, their phrases
        as mere words (GIN cannot check word order); the whole query if that is all of it."""
        groups = [group for _, group in self.groups[:count]]
        if count == len(self.groups) and not any(len(t.tokens) > 1 for t in self.parsed.terms()
                                                 + list(self.parsed.excluded)):
            return self.match
        return " & ".join(_any_of(group) for group in groups)

    def _mode(self, *, walk: bool) -> None:
        """Let the planner use index scans only (``walk``: the ids in order) or bitmaps only."""
        mode = "walk" if walk else "bitmap"
        if mode != self.current:
            index, bitmap = ("on", "off") if walk else ("off", "on")
            self.conn.execute(sa.text(_MODES), {"index": index, "bitmap": bitmap})
            self.current = mode


@dataclass(frozen=True, slots=True)
class _Window:
    """What a plan's cost depends on: the rows of the table (``recent``: the recent articles'),
    the window's width in ids, how many matches are wanted, the share of rows passing the
    indexed filters (language, source)."""

    rows: int
    width: int
    cap: int
    filtered: float
    recent: bool


def _plan(shares: list[float], window: _Window, *, exact: bool) -> int:
    """How many of the groups (rarest first, ``shares`` ascending) to look up in the GIN index;
    0: none, walk the window. ``exact``: the index answers the whole query (no phrase)."""
    return min(range(len(shares) + 1), key=lambda count: _cost(shares, count, window, exact))


def _cost(shares: list[float], count: int, window: _Window, exact: bool) -> float:
    """Estimated µs to find the window's newest ``cap`` matches looking up ``count`` groups."""
    inside, outside = shares[:count], shares[count:]
    wanted = window.cap / max(1e-6, math.prod(outside))  # rows to check, newest first
    if not count:
        return VECTOR * min(wanted, window.width * window.filtered)
    if window.recent:  # the GIN bitmap alone: every match in the table is looked at
        found = RECENT_ROW * window.rows * math.prod(inside)
    else:  # with the id range or a filter's index
        found = ARTICLE_ROW * min(window.width * math.prod(inside) * window.filtered, window.width / 30)
    checks = 0.0 if exact and not outside else VECTOR * min(wanted, window.width * math.prod(inside) * window.filtered)
    return POSTING * window.rows * sum(inside) + found + checks


def _candidates(recent: bool, indexed: bool, *, checked: bool, where: str) -> str:
    """SQL for the newest matches of a window of ids (``:lo``, ``:hi``), up to ``:cap``.

    Not ``indexed``: the filtered rows in id order (an index scan), each vector checked. Else a
    GIN bitmap of ``:loose``: on the recent articles in a subquery of its own (so that the
    planner uses that index and no other), on ``articles`` combined with the id range or a
    filter's index if it likes; then, if ``:loose`` is not the whole query (``checked``), the
    vectors of the newest of those rows are checked until the cap.
    """
    rows = RECENT_TABLE if recent else "articles"
    condition = ""
    if indexed:
        rows, condition = (_RECENT_MATCHES, "") if recent else (rows, _INDEXED)
    if not checked:
        return _NEWEST.format(search="", rows=rows, where=where, indexed=condition, limit="LIMIT :cap")
    newest = _NEWEST.format(search=", a.search", rows=rows, where=where, indexed=condition, limit="OFFSET 0")
    return _CHECKED.format(newest=newest, config=CONFIG)


def _any_of(terms) -> str:
    return "(" + " | ".join(_all_words(term) for term in terms) + ")"


def _all_words(term: Term) -> str:
    words = [f"'{token}'" for token in term.tokens]
    if term.prefix:
        words[-1] += ":*"
    return "(" + " & ".join(words) + ")"


def _group_share(conn: sa.Connection, group: tuple[Term, ...], shares: dict[str, float], rows: int) -> float:
    """Estimated share of the ``rows`` recent articles holding any of ``group``'s terms: from
    the statistics when a word of it is common enough to be there, else counted (a rare
    group: a short posting list) and cached a while."""
    known = [_term_share(term, shares) for term in group]
    if any(share is not None for share in known) or not rows:
        rare = RARE * min(shares.values(), default=0.01)
        return min(1.0, sum(rare if share is None else share for share in known))
    return _counted(conn, _any_of(group), rows)


def _term_share(term: Term, shares: dict[str, float]) -> float | None:
    """The term's share from the statistics (a phrase: its rarest word's); None when a word
    of it is not there (rare)."""
    words = [fold(token) for token in term.tokens]
    found = [shares.get(word) for word in words[:-1]]
    if term.prefix:
        found.append(sum(share for word, share in shares.items() if word.startswith(words[-1])) or None)
    else:
        found.append(shares.get(words[-1]))
    return None if None in found else min(1.0, min(found))


def _frequencies(conn: sa.Connection) -> dict[str, float]:
    """``{word: share of the recent articles}`` for the most common words (cached a while)."""
    def compute() -> dict[str, float]:
        row = conn.exec_driver_sql(_STATS).first()
        return dict(zip(row[0], row[1])) if row and row[0] else {}
    return search_plan.remembered(conn, "", compute)


def _filter_share(conn: sa.Connection, params: dict[str, Any], rows: int) -> float:
    """Share of the ``rows`` recent articles in the language and source asked for (cached)."""
    wanted = {name: params[name] for name in ("lang", "source_id") if name in params}
    if not wanted or not rows:
        return 1.0

    def compute() -> float:
        where = " AND ".join(f"r.{name} = :{name}" for name in wanted)
        count = conn.execute(sa.text(f"SELECT count(*) FROM {RECENT_TABLE} AS r WHERE {where}"), wanted).scalar()
        return max(1.0, count or 0) / rows
    return search_plan.remembered(conn, repr(sorted(wanted.items())), compute)


def _counted(conn: sa.Connection, loose: str, rows: int) -> float:
    """Share of the ``rows`` recent articles matching ``loose`` (counted on their GIN index)."""
    def compute() -> float:
        return (conn.execute(sa.text(_COUNT), {"loose": loose}).scalar() or 0) / rows
    return search_plan.remembered(conn, loose, compute)
