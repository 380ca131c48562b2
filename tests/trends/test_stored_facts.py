"""Stored story facts give exactly the trend rows of the old computation (every tag row read
and each story's facts rebuilt), for every filter, on both backends, and stay right through
the changes a running site makes: new articles, takedowns, restorations, a new original."""
from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.migrations import migrate
from tests.simweb_ingest import ingest_simweb
from tests.trends.reference import reference_trend_rows
from tests.trends.world import FILTERS, NOW, build_world
from tidings.ingest.copies import promote
from tidings.models import Article
from tidings.store.schema import articles, stories, story_facts, tags
from tidings.tag import Tag
from tidings.trends import count_trends, trend_rows_query



@pytest.fixture
def world(store):
    build_world(store.engine, 240, seed=3)
    return store


def assert_same_as_before(store) -> None:
    for filters in FILTERS:
        found, expected = store.trend_rows(**filters), reference_trend_rows(store, **filters)
        assert sorted(found) == sorted(expected), filters
        assert count_trends(found, "week") == count_trends(expected, "week"), filters


def test_the_world_exercises_what_counting_does(world):
    """Not a vacuous comparison: groups span stories (languages linked), some stories are left
    out (no tagged original), and the event filter drops stories whose main event differs."""
    with world.engine.connect() as conn:
        story_of = dict(conn.execute(sa.select(articles.c.id, articles.c.story_id)).all())
    rows = reference_trend_rows(world)
    assert any(group != story_of[aid] for group, aid, _ in rows)
    assert len({story_of[aid] for _, aid, _ in rows}) < len(set(story_of.values()))
    with world.engine.connect() as conn:
        carrying = set(conn.execute(trend_rows_query(articles, tags, event="attack")).scalars())
    leading = {story_of[aid] for _, aid, _ in reference_trend_rows(world, event="attack")}
    assert leading and leading < carrying


def test_trend_rows_equal_the_old_computation_for_every_filter(world):
    assert_same_as_before(world)
    assert world.refresh_story_facts() == 0  # the second read rebuilt nothing


def test_facts_follow_new_articles_takedowns_and_restorations(world):
    assert_same_as_before(world)
    story_id, original_id = _tagged_original(world)
    complaint = world.add_complaint(dict(kind="copyright", received_at=NOW, deadline=NOW, url="https://x"))
    world.take_down(complaint, original_id, "mo", now=NOW)
    assert world.refresh_story_facts() == 1
    assert_same_as_before(world)
    world.restore(complaint, "mo", now=NOW)
    assert_same_as_before(world)
    _ingest(world, story_id, "fr", [Tag("event", "airstrike", "", actor="Taliban"), Tag("place", "Kabul", "")])
    _ingest(world, None, "en", [Tag("event", "attack", ""), Tag("actor", "Taliban", "")])
    assert_same_as_before(world)


def test_facts_follow_a_copy_promoted_to_original(world):
    """Reattribution promotes a copy and moves the tags to it without touching the story."""
    assert_same_as_before(world)
    with world.engine.begin() as conn:
        copy = conn.execute(sa.select(articles).where(articles.c.duplicate_of.is_not(None),
                                                      articles.c.status == "ok")).mappings().first()
        old = conn.execute(sa.select(articles).where(articles.c.id == copy["duplicate_of"])).mappings().one()
        conn.execute(articles.update().where(articles.c.id == copy["id"]).values(
            text="promoted", duplicate_of=None, lang="ru", published=old["published"] - timedelta(days=1)))
        promote(conn, copy["id"], Article(url=copy["url"], title="t", text="promoted"), dict(old), copy["url"])
        world.move_tags(conn, old["id"], copy["id"], [Tag("event", "kidnapping", "", actor="Actor 1"),
                                                      Tag("place", "Lima", "")])
    assert world.refresh_story_facts() == 1
    assert_same_as_before(world)


def test_migration_0008_downgrades_and_upgrades(world):
    world.trend_rows()
    migrate(world, "downgrade", "0007")
    assert "story_facts" not in sa.inspect(world.engine).get_table_names()
    migrate(world, "upgrade", "head")
    with world.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(story_facts)).scalar_one() == 0
    assert_same_as_before(world)


def _tagged_original(store) -> tuple[int, int]:
    """A story with stored facts and its first visible tagged original."""
    query = (sa.select(articles.c.story_id, articles.c.id).join(tags, tags.c.article_id == articles.c.id)
             .where(articles.c.duplicate_of.is_(None), articles.c.status == "ok", tags.c.kind == "event")
             .order_by(articles.c.id).limit(1))
    with store.engine.connect() as conn:
        return tuple(conn.execute(query).one())


def _ingest(store, story_id: int | None, lang: str, found: list[Tag]) -> None:
    """What ingest writes for a new original: its row (in a new story when ``story_id`` is
    None), its tags, then ``touch_story``, in one transaction."""
    with store.transaction() as conn:
        if story_id is None:
            story_id = conn.execute(sa.select(sa.func.max(stories.c.id))).scalar_one() + 1
            store.insert_story(conn, story_id, dict(title="new", lang=lang))
        when = NOW - timedelta(days=3)
        article = Article(url=f"https://new.example/{story_id}/{lang}", title="new", text="new", lang=lang,
                          published=when, fetched=when, story_id=story_id, source_id=1)
        article_id = store.insert_article(conn, article)
        store.add_tags(conn, article_id, found)
        store.touch_story(conn, story_id)


def test_a_simulated_web_ingested_by_the_pipeline_counts_as_before(tmp_path):
    """The real ingest path (copies, promotions, ``touch_story``) on the trend scenario."""
    from tidings.simweb import SimWeb
    from tidings.store import open_store

    db_url = f"sqlite:///{tmp_path}/sim.db"
    store = open_store(db_url)
    with SimWeb(seed=3, scenario="trend") as sim:
        ingest_simweb(store, db_url, sim)
    nsf = dict(entity="Northern Salvation Front", event="attack")
    assert len(reference_trend_rows(store, **nsf)) > 20
    for filters in ({}, nsf, dict(event="attack"), dict(entity="Northern Salvation Front")):
        assert sorted(store.trend_rows(**filters)) == sorted(reference_trend_rows(store, **filters)), filters
    store.close()
