"""Story assignment with several workers: each worker's clusterer replays what the others
stored, so interleaved workers decide exactly as one process fed the same articles would."""
from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tests.scale.conftest import assert_stories_consistent
from tidings.config import Settings
from tidings.context import open_context
from tidings.ingest import ingest, ingest_all
from tidings.models import Article
from tidings.simweb import SimWeb
from tidings.store import open_store
from tidings.store.schema import articles, stories


@pytest.fixture(scope="module")
def stream() -> list[Article]:
    """Simulated articles in a shuffled order, so some copies arrive before their original."""
    sim = SimWeb(seed=5, sites=4, days=4)
    found = [Article(url=a.url, canonical_url=a.url, title=a.title, text=a.text, published=a.published,
                     fetched=a.published + timedelta(hours=1), lang=a.lang,
                     credit_url=a.original_url if a.credit and a.original_url else "")
             for a in sim.articles()]
    random.Random(7).shuffle(found)
    return found


def _workers(url: str, n: int) -> list:
    store = open_store(url)
    return [open_context(Settings(db=url), store=store) for _ in range(n)]


def _feed(contexts: list, stream: list[Article], turns: list[int]) -> None:
    for article, turn in zip(stream, turns):
        ingest(contexts[turn], replace(article))


def _partition(url: str) -> tuple[list, list]:
    """Stories and copy groups, each as sorted lists of URLs."""
    store = open_store(url)
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(articles.c.id, articles.c.url, articles.c.story_id,
                                      articles.c.duplicate_of)).all()
    store.close()
    by_story, by_group = {}, {}
    for row in rows:
        by_story.setdefault(row.story_id, []).append(row.url)
        by_group.setdefault(row.duplicate_of or row.id, []).append(row.url)
    return sorted(sorted(v) for v in by_story.values()), sorted(sorted(v) for v in by_group.values())


def _state(ctx) -> dict:
    with ctx.store.transaction() as conn:
        ctx.store.lock_ingest(conn)
        ctx.stories.catch_up(conn)
    return ctx.stories.clusterer.state.to_dict()


@pytest.fixture(scope="module")
def single(stream, tmp_path_factory) -> tuple[list, list]:
    url = f"sqlite:///{tmp_path_factory.mktemp('single')}/one.db"
    (ctx,) = _workers(url, 1)
    _feed([ctx], stream, [0] * len(stream))
    ctx.store.close()
    return _partition(url)


def test_interleaved_workers_decide_as_one_process(db_url, stream, single):
    first, second = _workers(db_url, 2)
    _feed([first, second], stream, [i % 2 for i in range(len(stream))])
    assert _partition(db_url) == single
    assert _state(first) == _state(second)  # both clusterers saw the same articles in the same order
    assert_stories_consistent(first.store)
    first.store.close()


def test_replay_rebuilds_originals_demoted_meanwhile(db_url, stream, single):
    """Runs of several articles per worker: a worker replays originals that another worker's
    later copy has demoted since (their text is rebuilt from the new original and the diff)."""
    workers = _workers(db_url, 3)
    turns = [(i // 3) % 3 for i in range(len(stream))]
    _feed(workers, stream, turns)
    with workers[0].store.engine.connect() as conn:
        demoted = conn.execute(sa.select(sa.func.count()).where(articles.c.duplicate_of > articles.c.id)).scalar()
    assert demoted > 0  # the shuffled stream made some copies arrive first
    assert _partition(db_url) == single
    assert_stories_consistent(workers[0].store)
    workers[0].store.close()


def test_new_story_ids_stay_clear_of_rows_made_elsewhere(db_url, stream):
    first, second = _workers(db_url, 2)
    _feed([first, second], stream[:10], [i % 2 for i in range(10)])
    with first.store.transaction() as conn:  # a story row made outside the clusterer
        outside = conn.execute(stories.insert().values(title="made by hand")).inserted_primary_key[0]
    assert outside > max(_story_ids(first.store) - {outside})  # the id sequence was kept past the clusterer's
    unrelated = Article(url="https://example.org/unrelated", title="Quarterly cheese prices in Gouda",
                        text="Cheese prices at the Gouda market rose by two percent this quarter. " * 5,
                        lang="en", published=stream[0].published, fetched=stream[0].fetched)
    stored = ingest(second, unrelated)
    assert stored.story_id not in _story_ids(first.store, exclude=stored.story_id)
    assert stored.story_id > outside
    first.store.close()


def _story_ids(store, exclude: int | None = None) -> set[int]:
    with store.engine.connect() as conn:
        found = set(conn.execute(sa.select(stories.c.id)).scalars())
    return found - {exclude}


def test_batches_decide_as_single_articles(db_url, stream, single):
    """A feed's articles stored in one transaction (``ingest_all``) end in the same stories and
    copy groups as stored one at a time, across two workers taking turns by batch."""
    first, second = _workers(db_url, 2)
    batches = [stream[i:i + 7] for i in range(0, len(stream), 7)]
    for n, batch in enumerate(batches):
        stored = ingest_all((first, second)[n % 2], [replace(a) for a in batch])
        assert all(s is not None for s in stored)
    assert _partition(db_url) == single
    assert _state(first) == _state(second)
    first.store.close()


def test_a_failing_article_costs_only_itself_and_those_after_it(db_url, stream):
    """When the batch's transaction fails, nothing of it is kept; the articles are then stored
    one by one up to the one that fails, whose error is raised (as for a single article)."""
    (ctx,) = _workers(db_url, 1)
    bad = replace(stream[1], source_id=999_999)  # no such source: the foreign key refuses it
    with pytest.raises(sa.exc.IntegrityError):
        ingest_all(ctx, [replace(stream[0]), bad, replace(stream[2])])
    with ctx.store.engine.connect() as conn:
        urls = set(conn.execute(sa.select(articles.c.url)).scalars())
    assert urls == {stream[0].url}
    assert ingest(ctx, replace(stream[2])) is not None  # the clusterer was rebuilt from the database
    assert_stories_consistent(ctx.store)
    ctx.store.close()
