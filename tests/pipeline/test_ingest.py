"""The main job end to end over real HTTP, on each backend: everything the simulated web serves
is stored once, copies are grouped and credited to their original, a second run is all
conditional requests answered 304, and what is published next arrives exactly once."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa

from tests.pg import create_database, drop_database
from tests.pipeline.world import consistency_problems, poll_once, records, score
from tidings.simweb import SimWeb
from tidings.store.schema import stories, story_facts


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def first_run(request, tmp_path_factory):
    """SimWeb(seed=1) imported from its OPML and polled once: ``(sim, db_url, store, outcomes)``."""
    admin = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('ingest')}/tidings.db"
    else:
        admin = request.getfixturevalue("pg_admin_url")
        url = create_database(admin)
    with SimWeb(seed=1) as sim:
        store, outcomes = poll_once(url, sim.opml())
        yield sim, url, store, outcomes
    store.close()
    if admin:
        drop_database(admin, url)


def test_everything_served_is_stored_once_with_copies_grouped_and_credited(first_run):
    sim, url, store, outcomes = first_run
    assert [o.error for o in outcomes if o.error] == []
    assert len(outcomes) == len(sim.sites())
    result = score(sim.articles(), records(store))
    assert result.missing == [] and result.unknown == []
    assert result.stored == result.truth == len(sim.articles())
    assert result.false_merges == []
    assert result.precision == 1.0 and result.recall >= 0.98, result.missed_copies
    assert result.copies >= 40 and result.primary_accuracy >= 0.95, result.wrong_primary
    assert consistency_problems(url) == []


def test_a_run_leaves_the_trend_facts_of_its_stories_fresh(first_run):
    """Housekeeping after the run rebuilt the stored facts of every story it changed, so the
    first trend page does not."""
    store = first_run[2]
    assert store.refresh_story_facts() == 0
    with store.engine.connect() as conn:
        facts = conn.execute(sa.select(sa.func.count()).select_from(story_facts)).scalar()
        stories_count = conn.execute(sa.select(sa.func.count()).select_from(stories)).scalar()
    assert facts == stories_count > 0


def test_feed_links_are_stored_without_tracking_parameters(first_run):
    sim, _, store, _ = first_run
    tracked = [a for a in sim.articles() if "utm_" in a.link_in_feed]
    assert tracked, "the simulated web should list some links with utm_ parameters"
    for article in tracked:
        row = store.article_by_url(article.url)
        assert row is not None and row["url"] == article.url and "utm_" not in row["canonical_url"]


def test_pages_robots_forbids_are_kept_from_the_feed_alone(first_run):
    sim, _, store, _ = first_run
    members = [a for a in sim.articles() if a.disallowed]
    assert members
    fetched = {r.path for r in sim.requests()}
    for article in members:
        row = store.article_by_url(article.url)
        assert row["feed_only"] and row["title"] == article.title
        assert urlsplit(article.url).path not in fetched  # robots.txt was obeyed


def test_aggregators_are_learned_and_lose_their_groups(first_run):
    sim, _, store, _ = first_run
    truth = {s.url.rstrip("/"): s.is_aggregator for s in sim.sites()}
    flags = {row["site_url"].rstrip("/") or row["url"]: row["is_aggregator"] for row in store.list_sources()}
    assert {u for u, agg in truth.items() if agg} == {u for u, agg in flags.items() if agg}
    rows = {r["url"]: r for r in records(store)}
    aggregated = [a for a in sim.articles() if a.is_copy and a.wrong_date]
    assert aggregated, "some aggregator copies should claim an earlier date than their original"
    assert all(rows[a.url]["primary_url"] == a.original_url for a in aggregated)


def test_a_second_run_is_conditional_and_then_brings_exactly_what_is_new(first_run):
    sim, url, store, _ = first_run
    before = {r["url"] for r in records(store)}
    feeds = {urlsplit(s.feed_url or s.sitemap_url).path for s in sim.sites()}
    sim.clear_requests()

    _, outcomes = poll_once(url)
    assert all(o.not_modified and not o.error for o in outcomes), outcomes
    polls = [r for r in sim.requests() if r.path in feeds]
    assert len(polls) == len(sim.sites())
    assert all(r.status == 304 for r in polls)
    assert all("If-None-Match" in r.headers or "If-Modified-Since" in r.headers for r in polls)
    assert {r.path for r in sim.requests()} <= feeds | {"/robots.txt"}  # no page fetched again
    assert {r["url"] for r in records(store)} == before

    new = sim.publish_more(4)
    assert len(new) > 4  # new stories and their copies
    _, outcomes = poll_once(url)
    assert [o.error for o in outcomes if o.error] == []
    after = {r["url"] for r in records(store)}
    assert after - before == {a.url for a in new} and before <= after
    result = score(sim.articles(), records(store))
    assert result.false_merges == [] and result.recall >= 0.98
    assert result.primary_accuracy >= 0.95, result.wrong_primary
    assert consistency_problems(url) == []
