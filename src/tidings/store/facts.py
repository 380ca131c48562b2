"""Stored story facts: what trends need of each story, kept fresh on read.

Counting a trend needs, per story, its language, first date, main event, actors and places
(``trends.events.story_facts``), which come from every tag of the story's visible originals.
Rebuilding them for every matching story on every read costs seconds at tens of thousands of
stories, so they are stored in ``story_facts`` with the story's ``version`` they were computed
at. Every change to a story's articles or their tags moves the version on (``touch_story`` at
ingest, takedown and restoration; ``move_tags`` when a group gets a new original), so before a
trend is read the facts of the stories whose version moved (or that have none) are rebuilt, in
batches, and the trend reads one row per story.

Reads never lose to writes: the versions are read before the tags, so facts computed from newer
tags than their version are just rebuilt once more, and concurrent rebuilds of one story by
two readers leave facts that are right for the version they carry.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import lru_cache
from typing import TYPE_CHECKING

import sqlalchemy as sa

from .db import upsert
from .schema import articles, stories, story_facts, tags

if TYPE_CHECKING:  # the trends package imports the tagger's gazetteer: loaded when first used
    from ..trends.events import StoryFacts

BATCH = 500  # stories rebuilt per transaction
SCAN_FROM = 5_000  # stories asked for from which their facts are read in one pass over the table
BY_ID = 1_000  # story ids per statement below that

_STALE = (sa.select(stories.c.id, stories.c.version)
          .select_from(stories.outerjoin(story_facts, story_facts.c.story_id == stories.c.id))
          .where(sa.or_(story_facts.c.story_id.is_(None), story_facts.c.version != stories.c.version))
          .order_by(stories.c.id))
_TAG_ROWS = (sa.select(articles.c.story_id, articles.c.id, articles.c.lang,
                       sa.func.coalesce(articles.c.published, articles.c.fetched), tags.c.id, tags.c.kind,
                       tags.c.name, tags.c.actor)
             .join(tags, tags.c.article_id == articles.c.id)
             .where(articles.c.story_id.in_(sa.bindparam("ids", expanding=True)),
                    articles.c.duplicate_of.is_(None), articles.c.status == "ok"))
_FIRST_AS_READ = sa.type_coerce(story_facts.c.first, sa.String).label("first")  # see _utc
_STORY_OF = sa.select(articles.c.story_id).where(articles.c.id == sa.bindparam("article_id")).scalar_subquery()
_CHANGED_ARTICLE_STORY = (stories.update().where(stories.c.id == _STORY_OF)
                          .values(version=stories.c.version + 1))


def article_story_changed(conn: sa.Connection, article_id: int) -> None:
    """Mark the story of ``article_id`` changed (its stored facts are rebuilt on next read)."""
    conn.execute(_CHANGED_ARTICLE_STORY, {"article_id": article_id})


def stored_facts(conn: sa.Connection, story_ids: set[int], event: str | None = None) -> dict[int, StoredFacts]:
    """The stored facts of the stories ``story_ids`` that have any (a tagged visible original);
    with ``event``, only those whose main event it is. Many stories are read in one pass over
    the table, a few by id."""
    query = _facts_query(event)
    if len(story_ids) > SCAN_FROM:
        return {row[0]: StoredFacts(*row) for row in conn.execute(query).all() if row[0] in story_ids}
    found: dict[int, StoredFacts] = {}
    ids = sorted(story_ids)
    for start in range(0, len(ids), BY_ID):
        chunk = query.where(story_facts.c.story_id.in_(ids[start:start + BY_ID]))
        found.update((row[0], StoredFacts(*row)) for row in conn.execute(chunk))
    return found


def _facts_query(event: str | None) -> sa.Select:
    query = (sa.select(story_facts.c.story_id, story_facts.c.lang, _FIRST_AS_READ,
                       story_facts.c.main_event, story_facts.c.actors, story_facts.c.places)
             .where(story_facts.c.tagged))
    return query if event is None else query.where(story_facts.c.main_event == event)


class StoredFacts:
    """A story's stored facts, as ``trends.events.event_groups`` reads them; the actors and
    places are decoded when linking first compares them (most stories are never compared)."""

    __slots__ = ("story_id", "lang", "first", "main_event", "_actors", "_places")

    def __init__(self, story_id: int, lang: str, first: datetime | str | None, main_event: str | None,
                 actors: str, places: str) -> None:
        self.story_id, self.lang, self.first, self.main_event = story_id, lang, _utc(first), main_event
        self._actors: str | frozenset[str] = actors
        self._places: str | frozenset[str] = places

    @property
    def actors(self) -> frozenset[str]:
        if isinstance(self._actors, str):
            self._actors = _decoded(self._actors)
        return self._actors

    @property
    def places(self) -> frozenset[str]:
        if isinstance(self._places, str):
            self._places = _decoded(self._places)
        return self._places


def _utc(value: datetime | str | None) -> datetime | None:
    """A stored time as an aware UTC datetime: SQLite gives its naive UTC text (parsed here,
    faster than by the column type), PostgreSQL an aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


@lru_cache(maxsize=65_536)
def _decoded(names: str) -> frozenset[str]:
    """A stored JSON list of names as a set (many stories share one: decoded once)."""
    return frozenset(json.loads(names))


def _fact_row(story_id: int, version: int, fact: StoryFacts | None) -> dict:
    """The ``story_facts`` row of a story (untagged when no visible original has a tag)."""
    if fact is None:
        return dict(story_id=story_id, version=version, tagged=False, lang="", first=None, main_event=None,
                    actors="[]", places="[]")
    return dict(story_id=story_id, version=version, tagged=True, lang=fact.lang, first=fact.first,
                main_event=fact.main_event, actors=_names(fact.actors), places=_names(fact.places))


def _names(names: set[str]) -> str:
    return json.dumps(sorted(names), ensure_ascii=False, separators=(",", ":"))


class FactQueries:
    engine: sa.Engine

    def refresh_story_facts(self, batch: int = BATCH) -> int:
        """Rebuild the stored facts of every story changed since they were stored (or never
        stored), ``batch`` stories per transaction; returns how many were rebuilt.

        ``trend_rows`` calls it first; calling it after ingest (e.g. with other chores) keeps
        the work off the pages."""
        from ..trends.events import story_facts as facts_from_tags
        with self.engine.connect() as conn:
            stale = conn.execute(_STALE).all()
        for start in range(0, len(stale), batch):
            chunk = stale[start:start + batch]
            with self.engine.connect() as conn:
                found = facts_from_tags(conn.execute(_TAG_ROWS, {"ids": [sid for sid, _ in chunk]}).all())
            with self.engine.begin() as conn:
                upsert(conn, story_facts, [_fact_row(sid, version, found.get(sid)) for sid, version in chunk],
                       ["story_id"])
        return len(stale)
