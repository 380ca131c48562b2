"""Which matches a search ranks, the same on both backends.

A query can match most of a million articles; scoring all of them would take seconds. So a
search ranks the **newest** matches only: up to ``CAP`` of them within the newest ``WINDOW``
articles (ids), else, window by window further back (each four times wider), until it has
``ENOUGH`` (or what a deep page needs). A query matching fewer than ``ENOUGH`` visible
articles is therefore ranked over all of its matches, exactly; a broad one over its newest
``CAP`` or so, which for news is what people look for anyway.
"""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, TypeVar

import sqlalchemy as sa

WINDOW = 50_000
CAP = 2_000
ENOUGH = 200

Row = TypeVar("Row")


def newest_matches(fetch: Callable[[int, int, int], list[Row]], top: int, need: int,
                   bottom: int = 1, cap: int | None = None,
                   widen: Callable[[int, int, int], int] | None = None) -> list[Row]:
    """Matches newest first: ``fetch(lo, hi, cap)`` returns at most ``cap`` matches with
    ``lo <= id < hi``, newest first; ids from ``bottom`` to ``top`` are searched; at most
    ``cap`` (default ``CAP``) in all. ``widen(missing, found, searched)`` gives the width of
    the next window when ``missing`` more are wanted and ``found`` were in the ``searched``
    newest ids (default: four times the last window); any widths give the same matches."""
    most = CAP if cap is None else cap
    enough = min(most, max(ENOUGH, need))
    found: list[Row] = []
    hi, width = top + 1, WINDOW
    while hi > bottom and len(found) < enough:
        lo = max(bottom, hi - width)
        found.extend(fetch(lo, hi, most - len(found) if hi > top else enough - len(found)))
        hi, width = lo, widen(enough - len(found), len(found), top + 1 - lo) if widen else width * 4
    return found


CACHE_SECONDS = 900.0
_remembered: dict[tuple[str, str], tuple[Any, float]] = {}
_lock = threading.Lock()


def remembered(conn: sa.Connection, what: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, kept ``CACHE_SECONDS`` per database and ``what``: the statistics a search
    plan is chosen from (word and filter shares) change slowly and cost a count to learn."""
    key = (str(conn.engine.url), what)
    now = time.monotonic()
    with _lock:
        cached = _remembered.get(key)
    if cached and now - cached[1] < CACHE_SECONDS:
        return cached[0]
    value = compute()
    with _lock:
        if len(_remembered) > 20_000:
            _remembered.clear()
        _remembered[key] = (value, now)
    return value
