"""store.trend_buckets counts in the database exactly what count_trends(store.trend_rows(...))
counts in Python: same periods, zero-filled, same stories (event groups, once each, in their
first period) and articles, by day, week and month, on both backends."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tests.trends.world import FILTERS as WORLD_FILTERS
from tests.trends.world import NOW, build_world
from tidings.store.schema import articles, sources, stories, tags
from tidings.trends import Bucket, count_trends

FILTERS = [*WORLD_FILTERS, dict(entity="Taliban", since=NOW - timedelta(days=300)),
           dict(entity="Nobody at all")]


@pytest.fixture
def world(store):
    build_world(store.engine, 240, seed=3)
    return store


@pytest.mark.parametrize("by", ["day", "week", "month"])
def test_equal_to_counting_the_rows_for_every_filter(world, by):
    for filters in FILTERS:
        expected = count_trends(world.trend_rows(**filters), by)
        assert world.trend_buckets(by=by, **filters) == expected, filters


def test_the_comparison_is_not_vacuous(world):
    """Groups span stories and periods, so counting once per group in its first period and
    summing articles are both exercised; an unknown entity gives no buckets."""
    weeks = world.trend_buckets()
    assert len(weeks) > 50 and any(b.stories == 0 for b in weeks)
    stories_total, articles_total = sum(b.stories for b in weeks), sum(b.articles for b in weeks)
    assert 0 < stories_total < articles_total
    rows = world.trend_rows()
    assert stories_total == len({group for group, _, _ in rows})  # each group once
    assert world.trend_buckets(entity="Nobody at all") == []


def test_periods_start_in_sql_where_period_start_puts_them(store):
    """Day, ISO week (from Monday, across a new year) and month starts, in UTC, for times on
    the edges of days, over a leap day and a year end, and one given in another zone."""
    import sqlalchemy as sa

    from tidings.store.schema import TS
    from tidings.store.trend_counts import period_sql
    from tidings.trends import period_start

    days = [date(2024, 2, 26) + timedelta(days=n) for n in range(8)]
    days += [date(2024, 12, 25) + timedelta(days=n) for n in range(14)]
    times = [datetime.combine(d, t, tzinfo=timezone.utc) for d in days
             for t in (datetime.min.time(), datetime.max.time())]
    times.append(at(2025, 3, 2, 23, 30, tz=timezone(timedelta(hours=-5))))
    with store.engine.connect() as conn:
        for by in ("day", "week", "month"):
            found = [conn.execute(sa.select(period_sql(sa.literal(t, TS), by, store.dialect))).scalar_one()
                     for t in times]
            found = [d if isinstance(d, date) else date.fromisoformat(d) for d in found]
            assert found == [period_start(t, by) for t in times], by


def test_refuses_an_unknown_period(world):
    with pytest.raises(ValueError):
        world.trend_buckets(by="year")


def at(*parts: int, tz: timezone = timezone.utc) -> datetime:
    return datetime(*parts, tzinfo=tz)


def _story(conn, story_id: int, source: int, dates: list[tuple[int, int | None, datetime]],
           tagged: bool = True, town: str = "Kabul") -> None:
    """A story with articles ``(id, duplicate_of, published)``; its first original tagged
    (an attack by the NSF in ``town``)."""
    conn.execute(stories.insert().values(id=story_id, title=f"story {story_id}"))
    for aid, original, published in dates:
        conn.execute(articles.insert().values(
            id=aid, url=f"https://a.example/{aid}", source_id=source, story_id=story_id, duplicate_of=original,
            published=published, fetched=published, status="ok"))
    if tagged:
        first = dates[0][0]
        for kind, name, actor in [("actor", "NSF", None), ("event", "attack", "NSF"), ("place", town, None)]:
            conn.execute(tags.insert().values(article_id=first, kind=kind, name=name, actor=actor,
                                              evidence="…", country="AF" if kind == "place" else ""))


@pytest.fixture
def edges(store):
    """Stories on the edges of periods: a Sunday night and a Monday morning in UTC (one given
    in New York time), a month's last minute, a misdated copy, an untagged story."""
    new_york = timezone(timedelta(hours=-5))
    with store.engine.begin() as conn:
        source = conn.execute(sources.insert().values(url="https://a.example/feed", added_at=at(2025, 1, 1))
                              ).inserted_primary_key[0]
        _story(conn, 1, source, [(1, None, at(2025, 3, 2, 23, 59)),  # Sunday
                                 (2, 1, at(2025, 3, 3, 0, 0))])  # Monday: next week
        _story(conn, 2, source, [(3, None, at(2025, 3, 2, 23, 30, tz=new_york)),  # Monday 04:30 UTC
                                 (4, 3, at(2025, 2, 20, 9))],  # a copy misdated weeks before
               town="Herat")  # another attack than story 1's, hours later
        _story(conn, 3, source, [(5, None, at(2025, 3, 31, 23, 59)), (6, 5, at(2025, 4, 1, 0, 1)),
                                 (7, None, at(2025, 4, 9, 12))])
        _story(conn, 4, source, [(8, None, at(2025, 3, 5, 12))], tagged=False)
    return store


def test_period_edges_in_utc(edges):
    assert edges.trend_buckets(by="week") == [
        Bucket(date(2025, 2, 24), 1, 1), Bucket(date(2025, 3, 3), 1, 3), Bucket(date(2025, 3, 10), 0, 0),
        Bucket(date(2025, 3, 17), 0, 0), Bucket(date(2025, 3, 24), 0, 0), Bucket(date(2025, 3, 31), 1, 2),
        Bucket(date(2025, 4, 7), 0, 1)]
    assert edges.trend_buckets(by="month") == [Bucket(date(2025, 3, 1), 3, 5), Bucket(date(2025, 4, 1), 0, 2)]
    days = edges.trend_buckets(by="day")
    assert days[0] == Bucket(date(2025, 3, 2), 1, 1) and days[1] == Bucket(date(2025, 3, 3), 1, 3)
    for by in ("day", "week", "month"):
        for filters in ({}, dict(entity="NSF", event="attack"), dict(country="AF"),
                        dict(since=at(2025, 3, 3)), dict(since=at(2025, 4, 1))):
            assert edges.trend_buckets(by=by, **filters) == count_trends(edges.trend_rows(**filters), by), \
                (by, filters)


def test_equal_on_the_trend_scenario(db_url):
    """The designed trend scenario (attacks by one group over weeks, told by many outlets,
    with aggregator copies), ingested over loopback: the same buckets either way."""
    from tests.simweb_ingest import ingest_simweb
    from tidings.simweb import SimWeb
    from tidings.store import open_store

    store = open_store(db_url)
    try:
        with SimWeb(seed=7, scenario="trend") as sim:
            ingest_simweb(store, db_url, sim)
        nsf = dict(entity="Northern Salvation Front", event="attack")
        assert sum(b.stories for b in store.trend_buckets(**nsf)) > 5
        first_week = store.trend_buckets(**nsf)[0].period_start
        for by in ("day", "week", "month"):
            for filters in ({}, nsf, dict(event="attack"), dict(entity="Northern Salvation Front"),
                            dict(nsf, since=datetime.combine(first_week + timedelta(days=14), datetime.min.time(),
                                                             tzinfo=timezone.utc))):
                assert store.trend_buckets(by=by, **filters) == count_trends(store.trend_rows(**filters), by), \
                    (by, filters)
    finally:
        store.close()
