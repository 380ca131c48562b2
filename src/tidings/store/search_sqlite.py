"""Ranking on SQLite FTS5 in bounded steps, so a search stays fast at millions of articles.

1. **Candidates**: the newest matching visible articles (rowid order is FTS5's natural order;
   filters are checked on a covering index): up to ``CAP`` among the newest ``WINDOW``
   articles, then window by window further back until there are ``ENOUGH`` (or what a deep
   page needs).
2. **Scores**: ``bm25(articles_fts, 5.0, 1.0)`` (title ×5) over those candidates' rowid range.
   FTS5's bm25 counts, once per query, every document holding each query term — a full scan
   of the term's index. A term in more than half the documents gets an IDF of ~0 (FTS5 clamps
   it to 1e-6): it cannot change the order, so it is left out of the scoring expression (it
   still filters, in step 1). Whether a term is that common is estimated on the newest
   ``WINDOW`` articles and cached.
3. Best first; ties (and queries of only very common words) newest first.
"""
from __future__ import annotations

import threading
import time
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from .fts import Query, to_fts5

WINDOW = 50_000
CAP = 2_000
ENOUGH = 200
COMMON = 0.6
CACHE_SECONDS = 900.0
TITLE_WEIGHT, BODY_WEIGHT = 5.0, 1.0

_CANDIDATES = """
SELECT f.rowid, {score} FROM articles_fts AS f CROSS JOIN articles AS a ON a.id = f.rowid
WHERE articles_fts MATCH :match AND f.rowid >= :lo AND f.rowid < :hi AND {where}
ORDER BY f.rowid DESC LIMIT :cap
"""
BM25 = f"-bm25(articles_fts, {TITLE_WEIGHT}, {BODY_WEIGHT})"
_COUNT = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH :match AND rowid > :lo"

_fractions: dict[tuple[str, str], tuple[float, float]] = {}
_lock = threading.Lock()


def ranked_ids(conn: sa.Connection, parsed: Query, where: str, params: dict[str, Any],
               need: int) -> list[tuple[int, float]]:
    """``(article id, score)`` of the candidates, best first."""
    run = _runner(conn, params)
    top = run("SELECT max(id) FROM articles", {})[0][0] or 0
    enough = min(CAP, max(ENOUGH, need))
    scoring = informative(run, conn, parsed, top)
    if scoring.groups == parsed.groups:  # every term counts: score while collecting
        found = _windows(run, to_fts5(parsed), BM25, where, top, enough)
        scores = dict(found)
    else:
        found = _windows(run, to_fts5(parsed), "0", where, top, enough)
        scores = _scores(run, scoring, where, [i for i, _ in found])
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


def _windows(run, match: str, score: str, where: str, top: int, enough: int) -> list[tuple[int, float]]:
    """Matches newest first, a window of rowids at a time: up to CAP in the newest window,
    then only until there are ``enough`` (older windows are wider, and slower to scan)."""
    sql = _CANDIDATES.format(score=score, where=where)
    found: list[tuple[int, float]] = []
    hi, width = top + 1, WINDOW
    while hi > 1 and len(found) < enough:
        lo = max(1, hi - width)
        cap = CAP - len(found) if hi > top else enough - len(found)
        found.extend(run(sql, dict(match=match, lo=lo, hi=hi, cap=cap)))
        if len(found) >= enough:
            break
        hi, width = lo, width * 4
    return found


def _scores(run, scoring: Query, where: str, ids: list[int]) -> dict[int, float]:
    """bm25 of the informative terms for the candidate ids (scored within their rowid range)."""
    if scoring.empty or not ids:
        return {}
    sql = _CANDIDATES.format(score=BM25, where=where)
    values = dict(match=to_fts5(scoring), lo=min(ids), hi=max(ids) + 1, cap=10 * CAP)
    wanted = set(ids)
    return {rowid: score for rowid, score in run(sql, values) if rowid in wanted}


def informative(run, conn: sa.Connection, parsed: Query, top: int) -> Query:
    """``parsed`` without the single-term groups too common to change a bm25 order."""
    keep = tuple(group for group in parsed.groups
                 if len(group) > 1 or _fraction(run, conn, to_fts5(Query(((group[0],),))), top) <= COMMON)
    return Query(keep, ())


def _fraction(run, conn: sa.Connection, match: str, top: int) -> float:
    """Share of the newest ``WINDOW`` articles that hold ``match`` (cached a while)."""
    key = (str(conn.engine.url), match)
    now = time.monotonic()
    with _lock:
        cached = _fractions.get(key)
    if cached and now - cached[1] < CACHE_SECONDS:
        return cached[0]
    lo = max(0, top - WINDOW)
    count = run(_COUNT, dict(match=match, lo=lo))[0][0] or 0
    share = count / max(1, top - lo)
    with _lock:
        if len(_fractions) > 20_000:
            _fractions.clear()
        _fractions[key] = (share, now)
    return share
