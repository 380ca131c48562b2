"""Ranking on PostgreSQL (tsvector + GIN) in the same bounded steps as on SQLite.

1. **Candidates**: the newest matching visible articles (:mod:`.search_plan`), window by
   window of ids (the GIN index and the primary key combined in one bitmap).
   At most ``CAP`` (300, not SQLite's 2,000): checking a row's vector (a phrase, or a
   broad word found by walking the ids backwards) and ranking it both read the vector from
   TOAST, ~10 µs a row. The newest window lets the planner choose (a broad word: walk the
   ids backwards and stop early; a rare one: the GIN index); older windows are only reached
   by queries with few recent matches, so they always use the GIN index (else a misjudged
   backwards walk can read 200,000 vectors).
2. **Scores**: ``ts_rank`` with the title weighted 5× over the body, for those candidates only.
3. Best first; ties newest first.

The document and the query go through the ``tidings_fold`` text search configuration
(``simple`` plus ``unaccent``, see migration 0005): no stemming, diacritics folded, the same
words as FTS5's ``unicode61 remove_diacritics 2`` on SQLite.
"""
from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from .fts import Query, to_tsquery
from . import search_plan
from .search_plan import newest_matches
from .search_sqlite import BODY_WEIGHT, TITLE_WEIGHT

CONFIG = "tidings_fold"
CAP = 300
WEIGHTS = f"'{{0.1, 0.1, {BODY_WEIGHT / TITLE_WEIGHT}, 1.0}}'"

_CANDIDATES = """
SELECT a.id FROM articles AS a
WHERE a.search @@ to_tsquery('{config}', :match) AND a.id >= :lo AND a.id < :hi AND {where}
ORDER BY a.id DESC LIMIT :cap
"""
_SCORES = """
SELECT a.id, ts_rank({weights}, a.search, to_tsquery('{config}', :match)) AS score
FROM articles AS a WHERE a.id = ANY(:ids)
"""


def ranked_ids(conn: sa.Connection, parsed: Query, where: str, params: dict[str, Any],
               need: int) -> list[tuple[int, float]]:
    """``(article id, score)`` of the candidates, best first."""
    conn.exec_driver_sql("SET LOCAL jit = off")
    top = conn.exec_driver_sql("SELECT max(id) FROM articles").scalar() or 0
    match = to_tsquery(parsed)
    cap = min(search_plan.CAP, max(CAP, need))
    found = newest_matches(_fetcher(conn, match, where, params), top, need, cap=cap)
    if not found:
        return []
    scores = dict(conn.execute(sa.text(_SCORES.format(weights=WEIGHTS, config=CONFIG)),
                               {"match": match, "ids": found}).all())
    ordered = sorted(found, key=lambda i: (-scores.get(i, 0.0), -i))
    return [(i, float(scores.get(i, 0.0))) for i in ordered]


def _fetcher(conn: sa.Connection, match: str, where: str, params: dict[str, Any]):
    from .search import _statement
    sql = _CANDIDATES.format(config=CONFIG, where=where)
    newest = [1 << 62]  # the lowest id of the windows so far

    def fetch(lo: int, hi: int, cap: int) -> list[int]:
        if lo < newest[0]:  # few recent matches: a rare query, whose GIN lookup is cheap
            conn.exec_driver_sql("SET LOCAL enable_indexscan = off")
        newest[0] = min(newest[0], lo)
        values = dict(params, match=match, lo=lo, hi=hi, cap=cap)
        return [row[0] for row in conn.execute(_statement(sql, values), values)]
    return fetch
