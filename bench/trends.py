"""Trends at scale: ``Store.trend_rows`` + ``count_trends``, and ``Store.trend_buckets``, on a
synthetic world of N stories.

The world (``tests/trends/world.py``: stories of 1-8 originals and 0-5 copies in eight
languages, tags in mention order, twin stories in other languages, two years of dates) is built
once per size and kept in ``data/bench/`` (SQLite), or written into an empty PostgreSQL database
given with ``--db``. Each filter (none, an actor, an event, both, a place; all over the trends
page's two-year window, by week) is timed uncached:

- *before*: the old computation (every tag row of the matching stories read and each story's
  facts rebuilt in Python; ``tests/trends/reference.py``);
- *first*: ``trend_rows`` with no stored facts (they are built for every story);
- *fresh*: ``trend_rows`` again, facts stored and fresh;
- *after ingest*: ``trend_rows`` after ``--touched`` stories changed (their facts are rebuilt);
- *buckets*: ``trend_buckets`` (counted per story and period in the database), facts fresh;
  the median of ``--repeat`` runs, beside the median of as many runs of *fresh* (*fresh×n*).

Results are checked equal to the old computation. Target: *buckets* under 200 ms at 20,000
stories with no filter.

Run: ``.venv/bin/python bench/trends.py`` (20,000 stories) or ``--quick`` (4,000).
"""
from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.trends.reference import reference_trend_rows  # noqa: E402
from tests.trends.world import NOW, build_world  # noqa: E402
from tidings.store import open_store  # noqa: E402
from tidings.store.schema import stories  # noqa: E402
from tidings.trends import count_trends  # noqa: E402

FILTERS = {"no filter": {}, "actor": dict(entity="Taliban"), "event": dict(event="attack"),
           "actor+event": dict(entity="Taliban", event="attack"), "place": dict(place="Kabul")}
SINCE = NOW - timedelta(days=730)  # the trends page's window for weeks


def open_world(db: str | None, size: int):
    """The store holding the world of ``size`` stories (built when missing)."""
    url = db or f"sqlite:///{ROOT / 'data' / 'bench' / f'trends-{size}.db'}"
    store = open_store(url)
    with store.engine.connect() as conn:
        have = conn.execute(sa.select(sa.func.count()).select_from(stories)).scalar_one()
    if have not in (0, size):
        raise SystemExit(f"{url} holds {have} stories, not {size}: give an empty database")
    if have == 0:
        started = time.perf_counter()
        build_world(store.engine, size, text_size=3000)
        if store.dialect == "postgresql":
            with store.engine.begin() as conn:
                conn.exec_driver_sql("ANALYZE")
        print(f"built {size:,} stories in {time.perf_counter() - started:.1f} s")
    return store


def forget_facts(store) -> None:
    """Drop every stored fact (so the next call builds them all), when the table exists."""
    if "story_facts" in sa.inspect(store.engine).get_table_names():
        with store.engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM story_facts")


def touch(store, count: int) -> None:
    """Mark ``count`` stories changed, as ``touch_story`` does when an article arrives."""
    with store.engine.begin() as conn:
        ids = conn.execute(sa.select(stories.c.id).order_by(stories.c.id.desc()).limit(count)).scalars().all()
        for story_id in ids:
            store.touch_story(conn, story_id)


def timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


def median_ms(call, repeat: int) -> tuple[float, object]:
    runs = [timed(call) for _ in range(repeat)]
    return sorted(ms for ms, _ in runs)[repeat // 2], runs[-1][1]


def measure(store, filters: dict, touched: int, repeat: int) -> dict:
    """Milliseconds of each way of computing one filter's weekly trend (rows + buckets)."""
    def new():
        return count_trends(store.trend_rows(since=SINCE, **filters), by="week")

    def in_sql():
        return store.trend_buckets(since=SINCE, by="week", **filters)
    before_ms, before = timed(lambda: count_trends(reference_trend_rows(store, since=SINCE, **filters), by="week"))
    forget_facts(store)
    first_ms, first = timed(new)
    fresh_ms, fresh = timed(new)
    touch(store, touched)
    ingest_ms, after = timed(new)
    fresh_n_ms, _ = median_ms(new, repeat)
    buckets_ms, buckets = median_ms(in_sql, repeat)
    same = before == first == fresh == after == buckets
    return dict(before=before_ms, first=first_ms, fresh=fresh_ms, ingest=ingest_ms, fresh_n=fresh_n_ms,
                buckets=buckets_ms, same=same,
                stories=sum(b.stories for b in fresh), articles=sum(b.articles for b in fresh))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--quick", action="store_true", help="4,000 stories")
    parser.add_argument("--db", help="an empty PostgreSQL (or SQLite) URL instead of data/bench/")
    parser.add_argument("--touched", type=int, default=50, help="stories changed before 'after ingest'")
    parser.add_argument("--repeat", type=int, default=5, help="runs of 'fresh×n' and 'buckets' (median)")
    args = parser.parse_args()
    size = 4_000 if args.quick else args.stories
    store = open_world(args.db, size)
    table = Table(title=f"trend_rows + count_trends vs trend_buckets, {size:,} stories, {store.dialect} (ms)")
    for name in ("filter", "stories", "articles", "before", "first", "fresh", "after ingest", "fresh×n",
                 "buckets", "same"):
        table.add_column(name, justify="left" if name == "filter" else "right")
    for name, filters in FILTERS.items():
        found = measure(store, filters, args.touched, args.repeat)
        table.add_row(name, f"{found['stories']:,}", f"{found['articles']:,}", f"{found['before']:.0f}",
                      f"{found['first']:.0f}", f"{found['fresh']:.0f}", f"{found['ingest']:.0f}",
                      f"{found['fresh_n']:.0f}", f"{found['buckets']:.0f}",
                      "yes" if found["same"] else "[red]NO[/red]")
    Console().print(table)
    store.close()


if __name__ == "__main__":
    main()
