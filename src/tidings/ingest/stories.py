"""Story assignment at ingest, consistent across workers.

Each process keeps a streaming clusterer in memory. The articles table is its log: first thing
in every ingest transaction, under the ingest lock (a PostgreSQL advisory lock; SQLite has a
single writer), the clusterer replays what other workers assigned since it last looked (the
first-stored member of each copy group, in id order: exactly the articles some clusterer
took in), so every worker's clusterer has seen the same articles in the same order before it
assigns the next one. Internal story ids are the database's: before assigning, the
clusterer's next id is set past the largest stored story id, so a new story's id is free in
the table (and PostgreSQL's id sequence is moved past it). A snapshot of the state is saved
now and then, so a restart replays only what came after it.
"""
from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timezone

import sqlalchemy as sa

from dataclasses import replace

from ..cluster import DEFAULT, ClusterDoc, StoryClusterer
from ..cluster.state import StoryState
from ..dedupe import apply_diff
from ..models import Article
from ..store import Store
from ..store.schema import stories

log = logging.getLogger(__name__)
SNAPSHOT_KEY = "cluster_state"
SNAPSHOT_EVERY = 500  # articles stored by this worker
SNAPSHOT_SECONDS = 300.0  # and at most this often (the state is large with many open stories)
# A news story stays open while it keeps getting articles; after a few quiet days a new
# report of the same kind of event is a new story (the ECB+ benchmark's own setting is longer,
# since its gold stories include follow-ups months later).
PIPELINE_PARAMS = replace(DEFAULT, window_days=3.0)


class Stories:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.clusterer = StoryClusterer(PIPELINE_PARAMS)
        self.seen = 0  # highest article id the clusterer has absorbed
        self.since_snapshot = 0
        self.last_snapshot = time.monotonic()
        self._ids_checked = False
        self._load()

    def assign(self, conn: sa.Connection, article: Article) -> int:
        """The story of a new original (existing or new row); ``catch_up`` came first."""
        state = self.clusterer.state
        if not self._ids_checked:  # once per transaction: under the lock only we add stories
            state.next_id = max(state.next_id, _max_story_id(conn) + 1)
            self._ids_checked = True
        fresh = state.next_id
        story_id = self.clusterer.add(_doc(article))
        if story_id >= fresh:  # a new story: under the lock, nobody else can have made its row
            self.store.insert_story(conn, story_id, dict(
                title=article.title, lang=article.lang, first_seen=article.fetched,
                last_seen=article.fetched, first_published=article.published or article.fetched))
        return story_id

    def stored(self, article_id: int) -> None:
        """Called after the article's transaction committed."""
        self.seen = max(self.seen, article_id)
        self.since_snapshot += 1
        if self.since_snapshot >= SNAPSHOT_EVERY:
            self.snapshot()

    def catch_up(self, conn: sa.Connection) -> None:
        """Absorb what other workers assigned since ``seen``; call it under the ingest lock,
        first thing in every ingest transaction, so that ``stored`` may move ``seen`` on."""
        self._ids_checked = False
        for row in self.store.replay_rows(conn, self.seen):
            doc = ClusterDoc(row["id"], row["title"], _replay_text(row), row["lang"] or "en",
                             _utc(row["published"]), _utc(row["fetched"]))
            self.clusterer.observe(doc, row["story_id"])
            self.seen = row["id"]

    def snapshot(self, force: bool = False) -> None:
        """Save the state, when something was stored since and the last save is old enough
        (``force``: whenever something was stored since, e.g. at exit)."""
        if not self.since_snapshot:
            return
        if not force and time.monotonic() - self.last_snapshot < SNAPSHOT_SECONDS:
            return
        self.store.kv_set(SNAPSHOT_KEY, {"seen": self.seen, "state": self.clusterer.state.to_dict()})
        self.since_snapshot = 0
        self.last_snapshot = time.monotonic()

    def reset(self) -> None:
        """Forget in-memory state (after a failed transaction) and rebuild it from the database."""
        self.clusterer = StoryClusterer(PIPELINE_PARAMS)
        self.seen = 0
        self._load()

    def _load(self) -> None:
        saved = self.store.kv_get(SNAPSHOT_KEY)
        if not saved:
            return
        try:
            state = StoryState.from_dict(saved["state"], self.clusterer.params.index_k)
        except (KeyError, ValueError) as error:
            log.warning("ignoring the saved story state: %s", error)
            return
        self.clusterer = StoryClusterer(PIPELINE_PARAMS, state=state)
        self.seen = saved["seen"]


def _doc(article: Article) -> ClusterDoc:
    return ClusterDoc(article.url, article.title, article.text or "", article.lang or "en",
                      _utc(article.published), _utc(article.fetched))


def _utc(when: datetime | None) -> datetime | None:
    """Dates in UTC, as they come back from the database, so replay sees what ``add`` saw."""
    if when is None:
        return None
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def _replay_text(row: dict) -> str:
    """The text the clusterer saw: the row's own, or for a since-demoted original, rebuilt."""
    if row["text"] is not None or row["original_text"] is None:
        return row["text"] or ""
    diff = json.loads(row["copy_diff"] or "{}")
    if not diff.get("ops"):
        return row["original_text"]
    return apply_diff(row["original_title"], row["original_text"], diff)[1]


def _max_story_id(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.coalesce(sa.func.max(stories.c.id), 0))).scalar_one()
