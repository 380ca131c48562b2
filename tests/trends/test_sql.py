"""trend_rows_query against the store's real schema on SQLite."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa

from tidings.store.schema import articles, metadata, stories, tags
from tidings.trends import count_trends, trend_rows_query

NRF = "National Resistance Front of Afghanistan"


def when(day: int) -> datetime:
    return datetime(2025, 7, day, 12, tzinfo=timezone.utc)


@pytest.fixture
def engine(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'trends.db'}")
    metadata.create_all(engine)
    arts = [  # (id, story, published day, tags)
        (1, 1, 1, [("actor", NRF, None, ""), ("event", "attack", NRF, ""), ("place", "Panjshir", None, "AF")]),
        (2, 1, 1, [("actor", NRF, None, ""), ("event", "attack", NRF, ""), ("event", "killing", NRF, "")]),
        (3, 1, 2, [("actor", NRF, None, ""), ("event", "attack", None, "")]),
        (4, 2, 9, [("actor", NRF, None, ""), ("event", "attack", "Taliban", ""), ("place", "Kabul", None, "AF")]),
        (5, 3, 9, [("event", "protest", None, ""), ("place", "Paris", None, "FR")]),
        (6, None, 10, [("actor", NRF, None, ""), ("event", "attack", NRF, ""), ("place", "Andarab", None, "AF")]),
    ]
    with engine.begin() as conn:
        for sid in (1, 2, 3):
            conn.execute(stories.insert().values(id=sid, title=f"story {sid}"))
        for aid, sid, day, its in arts:
            conn.execute(articles.insert().values(id=aid, url=f"https://example.org/{aid}", story_id=sid,
                                                  published=when(day), fetched=when(day)))
            for kind, name, actor, country in its:
                conn.execute(tags.insert().values(article_id=aid, kind=kind, name=name, actor=actor,
                                                  country=country, evidence="…"))
    return engine


def run(engine, by="week", **filters):
    with engine.connect() as conn:
        rows = conn.execute(trend_rows_query(articles, tags, **filters)).all()
    return count_trends(rows, by)


def test_entity_and_event_count_the_events_the_actor_did(engine):
    buckets = run(engine, "day", entity=NRF, event="attack")
    assert [(b.period_start.day, b.stories, b.articles) for b in buckets if b.articles] == [(1, 1, 2), (10, 1, 1)]


def test_entity_alone_counts_every_article_naming_it(engine):
    [week1, week2] = run(engine, entity=NRF)
    assert (week1.stories, week1.articles) == (1, 3) and (week2.stories, week2.articles) == (2, 2)


def test_place_by_name_or_by_country(engine):
    assert [(b.stories, b.articles) for b in run(engine, place="Paris")] == [(1, 1)]
    by_country = run(engine, country="af", event="attack")
    assert sum(b.stories for b in by_country) == 3 and sum(b.articles for b in by_country) == 3


def test_since_until_and_no_match(engine):
    buckets = run(engine, "day", event="attack", since=datetime(2025, 7, 5, tzinfo=timezone.utc),
                  until=datetime(2025, 7, 10, tzinfo=timezone.utc))
    assert [(b.period_start, b.articles) for b in buckets] == [(date(2025, 7, 9), 1)]
    assert run(engine, entity="Nobody") == []


def test_values_are_bound_not_pasted():
    sql = str(trend_rows_query(articles, tags, entity="x' OR '1'='1", event="attack").compile())
    assert "OR '1'='1" not in sql
