"""Ranking on SQLite FTS5 in bounded steps, so a search stays fast at millions of articles.

1. **Candidates**: the newest matching visible articles (:mod:`.search_plan`), window by
   window of rowids. Filters are checked on a covering index; a date filter first narrows
   the ids to the blocks whose dates can match (``articles_fts_blocks``); a source filter
   walks that source's articles instead (on its index), checking each against the matches
   of the window (or, for a broad query, against the full-text index one by one).
2. **Scores**: ``bm25(…, 5.0, 1.0)`` (title ×5). FTS5's bm25 counts, once per query, every
   document holding each query term: a full scan of the term's index, up to 100 ms for a
   word in most of a million articles. So candidates among the newest ``RECENT`` articles
   are scored on ``articles_fts_recent`` (the same index for those only, see migration 0005):
   exact bm25 with term statistics of the recent articles. Older candidates (a query with
   few recent matches) are scored on the full index, leaving out terms in more than
   ``COMMON`` of the recent articles (they would cost the most and weigh the least; they
   still filter); when every term is that common, they are left unscored: newest first.
3. Best first; ties newest first.
"""
from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from .fts import Query, to_fts5
from .search_plan import WINDOW, newest_matches, remembered

COMMON = 0.05
BROAD = 5_000
BLOCK = 4_096
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0

_CANDIDATES = """
SELECT f.rowid, {score} FROM {fts} AS f CROSS JOIN articles AS a ON a.id = f.rowid
WHERE {fts} MATCH :match AND f.rowid >= :lo AND f.rowid < :hi AND {where}
ORDER BY f.rowid DESC LIMIT :cap
"""
_BY_SOURCE = """
SELECT a.id, 0 FROM articles AS a INDEXED BY ix_articles_source
WHERE a.source_id = :source_id AND a.id >= :lo AND a.id < :hi AND {where} AND {matches}
ORDER BY a.id DESC LIMIT :cap
"""
_PROBE = "EXISTS (SELECT 1 FROM articles_fts AS f WHERE f.rowid = a.id AND articles_fts MATCH :match)"
_SET = "a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH :match AND rowid >= :lo AND rowid < :hi)"
_SCORES = """
SELECT f.rowid, {score} FROM {fts} AS f
WHERE {fts} MATCH :match AND f.rowid >= :lo AND f.rowid <= :hi
  AND +f.rowid IN (SELECT value FROM json_each(:ids))
"""
_COUNT = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :match AND rowid > :lo"
_BLOCKS = "SELECT min(block), max(block) FROM articles_fts_blocks WHERE {where}"


def _bm25(table: str) -> str:
    return f"-bm25({table}, {TITLE_WEIGHT}, {BODY_WEIGHT})"




def ranked_ids(conn: sa.Connection, parsed: Query, where: str, params: dict[str, Any],
               need: int) -> list[tuple[int, float]]:
    """``(article id, score)`` of the candidates, best first."""
    run = _runner(conn, params)
    top = run("SELECT max(id) FROM articles", {})[0][0] or 0
    first, last = _id_bounds(run, params, top)
    if last < first:
        return []
    recent = run("SELECT lo FROM articles_fts_recent_lo", {})[0][0]
    shares = [_fraction(run, conn, to_fts5(Query((group,))), top) for group in parsed.groups]
    fetch = _fetcher(run, parsed, where, params, recent, math.prod(shares) * WINDOW > BROAD)
    found = newest_matches(fetch, last, need, first)
    if any(score is None for _, score in found):
        ids = [i for i, _ in found]
        if min(ids) > recent:
            scores = _scores(run, "articles_fts_recent", parsed, ids)
        else:
            scores = _scores(run, "articles_fts", _cheap_terms(parsed, shares), ids)
    else:
        scores = dict(found)
    ordered = sorted((i for i, _ in found), key=lambda i: (-scores.get(i, 0.0), -i))
    return [(i, scores.get(i, 0.0)) for i in ordered]


def _runner(conn: sa.Connection, params: dict[str, Any]):
    """Run SQL on the raw sqlite3 connection (thousands of candidate rows: no ORM-level rows),
    with the filter values bound as SQLAlchemy would store them."""
    raw = conn.connection.dbapi_connection
    bound = {key: _stored(value, conn.dialect) for key, value in params.items()}

    def run(sql: str, values: dict[str, Any]) -> list[tuple]:
        return raw.execute(sql, {**bound, **values}).fetchall()
    return run


def _stored(value: Any, dialect) -> Any:
    if not isinstance(value, datetime):
        return value
    from .schema import TS
    naive = TS.process_bind_param(value, dialect)
    return sa.DateTime().dialect_impl(dialect).bind_processor(dialect)(naive)


def _id_bounds(run, params: dict[str, Any], top: int) -> tuple[int, int]:
    """The ids that can pass the date filters: all, or the span of the matching blocks."""
    parts = [sql for name, sql in (("since", "hi >= :since"), ("until", "lo < :until")) if name in params]
    if not parts:
        return 1, top
    low, high = run(_BLOCKS.format(where=" AND ".join(parts)), {})[0]
    if low is None:
        return 1, 0
    return max(1, low * BLOCK), min(top, (high + 1) * BLOCK - 1)


def _fetcher(run, parsed: Query, where: str, params: dict[str, Any], recent: int, broad: bool):
    """``fetch(lo, hi, cap)`` for :func:`newest_matches`: ``(id, score or None)`` rows."""
    match = to_fts5(parsed)
    by_source = "source_id" in params
    source_sql = _BY_SOURCE.format(where=where, matches=_PROBE if broad else _SET)

    def fetch(lo: int, hi: int, cap: int) -> list[tuple[int, float | None]]:
        values = dict(match=match, lo=lo, hi=hi, cap=cap)
        if lo > recent and not by_source:
            sql = _CANDIDATES.format(fts="articles_fts_recent", score=_bm25("articles_fts_recent"), where=where)
            return run(sql, values)
        sql = source_sql if by_source else _CANDIDATES.format(fts="articles_fts", score="0", where=where)
        return [(rowid, None) for rowid, _ in run(sql, values)]
    return fetch


def _cheap_terms(parsed: Query, shares: list[float]) -> Query:
    """The groups rare enough to count on the full index (possibly none)."""
    return Query(tuple(g for g, share in zip(parsed.groups, shares) if share <= COMMON))


def _scores(run, table: str, scoring: Query, ids: list[int]) -> dict[int, float]:
    """bm25 of ``scoring``'s terms on the index ``table``, for the candidate ids."""
    if scoring.empty:
        return {}
    values = dict(match=to_fts5(scoring), lo=min(ids), hi=max(ids), ids=json.dumps(ids))
    return dict(run(_SCORES.format(fts=table, score=_bm25(table)), values))


def _fraction(run, conn: sa.Connection, match: str, top: int) -> float:
    """Share of the newest ``WINDOW`` articles that hold ``match`` (cached a while)."""
    def compute() -> float:
        lo = max(0, top - WINDOW)
        count = run(_COUNT, dict(match=match, lo=lo))[0][0] or 0
        return count / max(1, top - lo)
    return remembered(conn, match, compute)
