"""Migration 0007 (PostgreSQL search tables and indexes) and date filters over blocks of ids,
on both backends."""
from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from tests.migrations import migrate
from tests.web.seed import T0
from tidings.store.schema import articles, sources

RECENT = {"articles_fts_recent", "articles_fts_recent_lo"}  # on SQLite since 0005, on PostgreSQL since 0007


def _add(store, article_id: int, title: str, days: float) -> None:
    with store.engine.begin() as conn:
        if conn.execute(sa.select(sources.c.id)).first() is None:
            conn.execute(sources.insert().values(id=1, url="https://s.example/feed", title="S", added_at=T0))
        when = T0 + timedelta(days=days)
        conn.execute(articles.insert().values(id=article_id, source_id=1, url=f"https://s.example/{article_id}",
                                              title=title, text="storm report", published=when, fetched=when))


def test_0007_downgrades_and_upgrades(store):
    _add(store, 1, "Harbor storm", 0)
    migrate(store, "downgrade", "0006")
    assert bool(RECENT & set(sa.inspect(store.engine).get_table_names())) == (store.dialect == "sqlite")
    _add(store, 2, "Harbor storm again", 1)
    migrate(store, "upgrade", "head")
    assert RECENT <= set(sa.inspect(store.engine).get_table_names())
    _add(store, 3, "Harbor storm once more", 2)
    assert {hit.id for hit in store.search("harbor")} == {1, 2, 3}


def test_date_filters_find_dates_out_of_id_order_across_blocks(store):
    """Ids from several blocks of 4,096, dates in no order: a date filter still finds exactly
    the articles of its dates, newest first among equals."""
    days = {1: 50, 5_000: 3, 9_000: 70, 13_000: 10, 20_000: 40}
    for article_id, day in days.items():
        _add(store, article_id, f"Dune survey {article_id}", day)
    cases = [({"since": T0 + timedelta(days=45)}, {1, 9_000}),
             ({"until": T0 + timedelta(days=5)}, {5_000}),
             ({"since": T0 + timedelta(days=8), "until": T0 + timedelta(days=45)}, {13_000, 20_000}),
             ({"since": T0 + timedelta(days=80)}, set())]
    for filters, expected in cases:
        assert {hit.id for hit in store.search("dune", **filters)} == expected, filters
