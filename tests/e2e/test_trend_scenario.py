"""Issue 5's trend test: a designed stream of attacks by one group over 8 weeks, each told by
1-6 outlets with aggregator copies. Counting distinct stories reproduces the designed weekly
shape exactly; counting articles does not."""
from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import pytest

from tests.simweb_ingest import ingest_simweb


class TrendWorld(NamedTuple):
    store: Any
    shape: list[int]
    truth: list  # (week start, designed attacks)
    reports: list  # SimArticle
    events: list  # simweb Event


@pytest.fixture(scope="module")
def trend_world(tmp_path_factory):
    from tidings.simweb import SimWeb
    from tidings.store import open_store

    db_url = f"sqlite:///{tmp_path_factory.mktemp('trend')}/t.db"
    with SimWeb(seed=7, scenario="trend") as sim:
        store = open_store(db_url)
        ingest_simweb(store, db_url, sim)
        truth = sim.event_counts(event_type="attack", actor="nsf", by="week")
        yield TrendWorld(store, sim.trend_truth(), truth, sim.articles(), sim.events())


def weekly(store, by="week"):
    from tidings.trends import count_trends
    rows = store.trend_rows(entity="Northern Salvation Front", event="attack")
    return {bucket.period_start: bucket for bucket in count_trends(rows, by=by)}


@pytest.mark.xfail(reason="open in issue 5: exact in 5 of 5 runs on a quiet machine and 7 of 8 with three busy "
                   "loops on the two cores (the poll order follows the load); bench/trend_orders.py: 25 of 30 "
                   "feed-by-feed orders exact, 30 of 30 interleaved: the streaming clusterer still merges two "
                   "NSF attacks in one town a few days apart in some orders",
                   strict=False)
def test_story_counts_reproduce_the_designed_weekly_shape(trend_world):
    from tidings.simweb import TREND_SHAPE
    store, shape, truth = trend_world[:3]
    assert tuple(shape) == TREND_SHAPE
    buckets = weekly(store)
    weeks = [_day(start) for start, _ in truth[:len(TREND_SHAPE)]]
    stories = tuple(buckets[w].stories if w in buckets else 0 for w in weeks)
    assert stories == TREND_SHAPE, [buckets.get(w) for w in weeks]


def test_article_counts_do_not(trend_world):
    store, truth = trend_world.store, trend_world.truth
    buckets = weekly(store)
    articles = [buckets[w].articles if (w := _day(start)) in buckets else 0 for start, _ in truth[:8]]
    stories = [n for _, n in truth[:8]]
    assert articles != stories
    assert sum(articles) > sum(stories)


def _day(value) -> date:
    return value.date() if hasattr(value, "date") else value


def test_the_attacks_of_one_week_differ_like_a_real_campaigns():
    """Designed attacks of one week never share a day and a province, nor a district,
    a target or a death toll: a reader (and a clusterer) can tell them apart."""
    import random
    from collections import defaultdict
    from tidings.simweb.events import TREND_SHAPE, trend_stories
    from tidings.simweb.facade import DEFAULT_START

    stories = trend_stories(random.Random(11), DEFAULT_START, TREND_SHAPE, noise_per_day=0)
    designed = [s for s in stories if getattr(s, "actor", "") == "nsf" and s.type == "attack"]
    assert len(designed) == sum(TREND_SHAPE)
    weeks = defaultdict(list)
    for ev in designed:
        weeks[(ev.when - DEFAULT_START).days // 7].append(ev)
        assert ev.when.weekday() < 5 and 7 <= ev.when.hour <= 16
    for events in weeks.values():
        for key in (lambda e: (e.place.key, e.when.date()), lambda e: (e.place.key, e.district),
                    lambda e: e.target, lambda e: e.killed):
            values = [key(e) for e in events]
            assert len(set(values)) == len(values), values


def test_the_reports_of_a_designed_attack_name_its_town_in_every_language(trend_world):
    """Counting links the stories of one event in different languages by a shared town (and
    actor, event type and day): in each language, the reports of a designed attack must name
    it, even the short ones that name no country ("ФСС атаковал блокпост в Талукане",
    "près de Tcharikar"). Issue 5's extra stories in weeks 5 and 7 were two such reports."""
    import sqlalchemy as sa
    from tidings.store.schema import articles, tags
    from tidings.tag.gazetteer import get_gazetteer, name_key
    gaz = get_gazetteer()
    designed = {e.id: e for e in trend_world.events if e.actor == "nsf" and e.type == "attack"}
    with trend_world.store.engine.connect() as conn:
        ids = dict(conn.execute(sa.select(articles.c.url, articles.c.id)).all())
        places: dict[int, set[str]] = {}
        for article_id, name in conn.execute(sa.select(tags.c.article_id, tags.c.name).where(tags.c.kind == "place")):
            places.setdefault(article_id, set()).add(name)
    named: dict[tuple[str, str], set[str]] = {}
    for report in trend_world.reports:
        if report.event_id in designed and not report.is_copy:
            named.setdefault((report.event_id, report.lang), set()).update(places.get(ids[report.url], ()))
    assert {lang for _, lang in named} == {"en", "fr", "es", "ru"}
    for (event_id, lang), names in sorted(named.items()):
        town = {p.name for p in gaz.lookup(name_key(designed[event_id].place.name))}
        assert names & town, (event_id, lang, names)
