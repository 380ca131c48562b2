"""Shared housekeeping at scale: one worker at a time, old copy bands pruned, aggregator flags
recounted only for the sources that stored something."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tidings.ingest.reattribute import refresh_aggregators
from tidings.store import open_store, utcnow
from tidings.store.schema import articles, copy_bands, sources


def _article(conn, source_id: int, n: int, *, days_ago: int = 0, copy_of: int | None = None) -> int:
    when = utcnow() - timedelta(days=days_ago)
    return conn.execute(articles.insert().values(
        url=f"https://news.example/{source_id}/{n}", source_id=source_id, duplicate_of=copy_of,
        published=when, fetched=when, status="ok")).inserted_primary_key[0]


def test_bands_of_old_articles_are_pruned(store):
    source_id = store.add_source("https://news.example/feed")[0]
    with store.engine.begin() as conn:
        old = _article(conn, source_id, 1, days_ago=100)
        new = _article(conn, source_id, 2)
        conn.execute(copy_bands.insert(), [{"band_key": k, "article_id": a} for a in (old, new) for k in (1, 2, 3)])
    assert store.prune_copy_bands(utcnow() - timedelta(days=90)) == 3
    with store.engine.connect() as conn:
        left = set(conn.execute(sa.select(copy_bands.c.article_id)).scalars())
    assert left == {new}
    assert store.prune_copy_bands(utcnow() - timedelta(days=90)) == 0


def test_one_process_at_a_time_gets_the_chores(db_url):
    first, second = open_store(db_url), open_store(db_url, upgrade=False)
    try:
        with first.chores_turn() as mine:
            assert mine
            with second.chores_turn() as theirs:
                assert theirs == (first.engine.dialect.name == "sqlite")
        with second.chores_turn() as theirs:
            assert theirs  # released
    finally:
        first.close()
        second.close()


def test_aggregator_flags_are_recounted_for_touched_sources_only(store):
    quiet = store.add_source("https://quiet.example/feed")[0]
    busy = store.add_source("https://busy.example/feed")[0]
    with store.engine.begin() as conn:
        originals = [_article(conn, quiet, n) for n in range(12)]
        mark = originals[-1]
        for n, original in enumerate(originals):
            _article(conn, busy, n, copy_of=original)
        conn.execute(sources.update().where(sources.c.id == quiet).values(item_count=99))  # stale
        changed = refresh_aggregators(conn, touched_since=mark)
        rows = {r.id: (r.item_count, r.copy_count, r.is_aggregator) for r in conn.execute(sa.select(sources))}
    assert changed == 1
    assert rows[busy] == (12, 12, True) and rows[quiet][0] == 99  # not touched since the mark
