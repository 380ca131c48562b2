"""Fixtures for the scale-out tests: a small simulated web, worker processes, and the checks
every multi-worker run must pass (each article exactly once, stories consistent)."""
from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa

from tidings.extract import canonicalize_url
from tidings.export import export_records
from tidings.store.schema import articles, stories

ROOT = Path(__file__).resolve().parents[2]
SIM = dict(seed=3, sites=4, days=5)


@pytest.fixture(scope="session")
def sim():
    """A small simulated web on loopback (4 sites, 2 aggregators, about 70 articles)."""
    from tidings.simweb import SimWeb
    with SimWeb(**SIM) as web:
        yield web


@pytest.fixture
def pipeline_env(monkeypatch):
    """In-process runs: fetch from loopback only, one source at a time (a deterministic order)."""
    monkeypatch.setenv("TIDINGS_ALLOWED_NETWORKS", "127.0.0.0/8")
    monkeypatch.setenv("TIDINGS_CONCURRENCY", "1")
    monkeypatch.delenv("TIDINGS_DB", raising=False)
    monkeypatch.delenv("TIDINGS_CONFIG", raising=False)


def import_sim(url: str, sim) -> None:
    from tidings.sources.manage import import_opml
    from tidings.store import open_store
    store = open_store(url)
    import_opml(store, sim.opml())
    store.close()


def start_worker(url: str, *, lease_seconds: int = 300, once: bool = True) -> subprocess.Popen:
    """``python -m tidings --db URL worker [--once]`` as its own process."""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), TIDINGS_ALLOWED_NETWORKS="127.0.0.0/8",
               TIDINGS_CONCURRENCY="1", TIDINGS_LEASE_SECONDS=str(lease_seconds))
    env.pop("TIDINGS_DB", None)
    env.pop("TIDINGS_CONFIG", None)
    command = [sys.executable, "-m", "tidings", "--db", url, "worker"] + (["--once"] if once else [])
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def assert_each_article_once(store, sim) -> None:
    """Every article of the simulated web is stored exactly once (by canonical URL)."""
    with store.engine.connect() as conn:
        stored = Counter(canonicalize_url(url) for url in conn.execute(sa.select(articles.c.url)).scalars())
    expected = Counter(canonicalize_url(article.url) for article in sim.articles())
    assert stored == expected, (f"missing {sorted((expected - stored).elements())[:5]}, "
                                f"extra {sorted((stored - expected).elements())[:5]}")


def assert_stories_consistent(store) -> None:
    """One story per copy group, copies in their original's story, story rows matching their
    articles, and copies pointing at originals (never at other copies)."""
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(articles.c.id, articles.c.duplicate_of, articles.c.story_id)).all()
        story_rows = {row.id: row.article_count for row in conn.execute(sa.select(stories.c.id, stories.c.article_count))}
    by_id = {row.id: row for row in rows}
    groups: dict[int, set[int]] = {}
    for row in rows:
        assert row.story_id is not None, f"article {row.id} has no story"
        if row.duplicate_of is not None:
            original = by_id[row.duplicate_of]
            assert original.duplicate_of is None, f"copy {row.id} points at copy {original.id}"
            assert row.story_id == original.story_id, f"copy {row.id} is not in its original's story"
        groups.setdefault(row.duplicate_of or row.id, set()).add(row.story_id)
    assert all(len(found) == 1 for found in groups.values())
    members = Counter(row.story_id for row in rows)
    assert members == Counter({sid: n for sid, n in story_rows.items() if n}), "story counts differ"
    assert set(story_rows) == set(members), "story rows without articles, or articles without a row"


def comparable_export(store) -> dict:
    """The export without ids and times: per URL its fields, and the stories as a partition."""
    records = list(export_records(store))
    url_of = {record["id"]: record["url"] for record in records}
    by_url, partition = {}, {}
    for record in records:
        by_url[record["url"]] = dict(
            title=record["title"], text=record["text"], primary_url=record["primary_url"],
            canonical_url=record["canonical_url"], lang=record["lang"], published=record["published"],
            duplicate_of=url_of.get(record["duplicate_of"]), entities=record["entities"],
            places=record["places"], events=record["events"])
        partition.setdefault(record["story"], set()).add(record["url"])
    return {"articles": by_url, "stories": sorted(sorted(group) for group in partition.values())}
