"""Stories and tags: creating and updating story rows, listing them, and the rows behind trends."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from .articles import last_id_fetched_before
from .facts import stored_facts
from .schema import article_html, articles, copy_bands, sources, stories, tags
from .trend_counts import check_period, combine, dated_articles, matched_stories, story_periods

if TYPE_CHECKING:  # the trends package loads the tagger's gazetteer: imported when first used
    from ..trends.buckets import Bucket

INGEST_LOCK = 7130012
CHORES_LOCK = 7130013


class StoryQueries:
    engine: sa.Engine

    def lock_ingest(self, conn: sa.Connection) -> None:
        """Serialise copy and story decisions across workers (PostgreSQL; SQLite has one writer).

        On PostgreSQL the transaction also commits without waiting for its WAL flush, so the
        lock is not held through an fsync. A database crash can then lose the last moments of
        ingest, never a part of one: the WAL is replayed in order, and the poll's own outcome
        (recorded after its articles, with a normal commit) is lost with them, so the source
        is polled again and its articles fetched again.
        """
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({INGEST_LOCK}), "
                                 "set_config('synchronous_commit', 'off', true)")

    @contextmanager
    def chores_turn(self) -> Iterator[bool]:
        """True in one process at a time across all workers (PostgreSQL: a session advisory
        lock, not waited for), so shared housekeeping runs once, not once per worker. SQLite:
        always True (one machine; the chores are idempotent)."""
        if self.engine.dialect.name != "postgresql":
            yield True
            return
        with self.engine.connect() as conn:
            mine = bool(conn.exec_driver_sql(f"SELECT pg_try_advisory_lock({CHORES_LOCK})").scalar())
            conn.commit()
            try:
                yield mine
            finally:
                if mine:
                    conn.exec_driver_sql(f"SELECT pg_advisory_unlock({CHORES_LOCK})")
                    conn.commit()

    def prune_copy_bands(self, older_than: datetime) -> int:
        """Forget the copy-detection bands of articles fetched before ``older_than`` (copies
        are looked for among recent articles); returns how many rows went."""
        with self.engine.begin() as conn:
            last = last_id_fetched_before(conn, older_than)  # the bands go by their article_id index
            if last is None:
                return 0
            return conn.execute(copy_bands.delete().where(copy_bands.c.article_id <= last)).rowcount

    def touch_story(self, conn: sa.Connection, story_id: int) -> None:
        """Refresh a story's counts and dates from its articles, and move its version on (its
        stored facts are rebuilt on next read); one statement."""
        conn.execute(_TOUCH_STORY, {"story_id": story_id})

    def insert_story(self, conn: sa.Connection, story_id: int, values: dict[str, Any]) -> None:
        """Insert a story with the id the clusterer chose, and move PostgreSQL's id sequence
        past it so rows added elsewhere with a generated id never collide."""
        statement = stories.insert().values(id=story_id, **values)
        if conn.dialect.name == "postgresql":
            inserted = statement.returning(stories.c.id).cte("inserted")
            statement = sa.select(sa.func.setval(sa.func.pg_get_serial_sequence("stories", "id"),
                                                 sa.select(inserted.c.id + 1).scalar_subquery(), False))
        conn.execute(statement)

    def add_tags(self, conn: sa.Connection, article_id: int, found: Iterable[Any]) -> None:
        rows = [dict(article_id=article_id, kind=t.kind, name=t.name, actor=getattr(t, "actor", None),
                     evidence=(t.evidence or "")[:1000], country=getattr(t, "country", "") or "",
                     lat=getattr(t, "lat", None), lon=getattr(t, "lon", None)) for t in found]
        if rows:
            conn.execute(tags.insert(), rows)

    def replay_rows(self, conn: sa.Connection, after_id: int) -> list[dict[str, Any]]:
        """The articles the story clusterer took in after ``after_id``, in id order.

        That is the first-stored member of each copy group: it was stored as an original and
        assigned by the clusterer; later members were copies or, when one turned out to have
        come first, promoted over it without a new assignment. A first member that was demoted
        since has no text of its own: ``original_title``/``original_text``/``copy_diff`` rebuild it.
        """
        return [dict(row) for row in conn.execute(_REPLAY, {"after_id": after_id}).mappings()]

    def max_article_id(self, conn: sa.Connection | None = None) -> int:
        query = sa.select(sa.func.coalesce(sa.func.max(articles.c.id), 0))
        if conn is not None:
            return conn.execute(query).scalar_one()
        with self.engine.connect() as own:
            return own.execute(query).scalar_one()

    def stories_with_articles(self, *, since: datetime | None = None, limit: int = 50) -> list[dict[str, Any]]:
        """Stories, newest first, each with its visible articles (oldest first)."""
        query = sa.select(stories).where(stories.c.article_count > 0)
        if since is not None:
            query = query.where(stories.c.last_seen >= since)
        query = query.order_by(stories.c.last_seen.desc(), stories.c.id.desc()).limit(limit)
        with self.engine.connect() as conn:
            found = [dict(row) for row in conn.execute(query).mappings()]
            ids = [story["id"] for story in found]
            members = (sa.select(articles.c.id, articles.c.story_id, articles.c.url, articles.c.title,
                                 articles.c.published, articles.c.fetched, articles.c.lang,
                                 articles.c.duplicate_of, articles.c.primary_url,
                                 sources.c.title.label("source"))
                       .select_from(articles.outerjoin(sources, articles.c.source_id == sources.c.id))
                       .where(articles.c.story_id.in_(ids), articles.c.status == "ok")
                       .order_by(articles.c.fetched, articles.c.id))
            by_story: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
            for row in conn.execute(members).mappings():
                by_story[row["story_id"]].append(dict(row))
        for story in found:
            story["articles"] = by_story[story["id"]]
        return found

    def trend_rows(self, *, entity: str | None = None, event: str | None = None,
                   place: str | None = None, country: str | None = None,
                   since: datetime | None = None) -> list[tuple]:
        """``(event_group, article_id, when)`` of every visible article of the matching stories.

        A story matches when one of its originals carries the tags asked for (an event *done
        by* the entity when both are given) and, with ``event``, when that is the story's main
        event; stories telling one event in several languages share one group id (see
        ``trends.events``). All articles come back, copies included, so that counting distinct
        groups and counting articles can be set side by side. Each story's facts come from
        ``story_facts``, rebuilt first for the stories changed since (``refresh_story_facts``).
        """
        story_ids = self._trend_story_ids(entity, event, place, country, since)
        with self.engine.connect() as conn:
            rows = conn.execute(_trend_articles(story_ids, since)).all()
            # every matching story has a row: one of its articles matched, dated no earlier
            group = _event_groups(conn, {sid for sid, _, _ in rows}, event)
        return [(group[sid], aid, at) for sid, aid, at in rows if sid in group]

    def trend_buckets(self, *, entity: str | None = None, event: str | None = None,
                      place: str | None = None, country: str | None = None,
                      since: datetime | None = None, by: str = "week") -> list[Bucket]:
        """Distinct stories (event groups) and articles per ``by`` period, zero-filled:
        exactly ``count_trends(self.trend_rows(...), by)``, with the articles counted in the
        database per story and period (one row per story and period comes back, not one per
        article). ``by`` is ``"day"``, ``"week"`` (from Monday) or ``"month"``, in UTC."""
        check_period(by)
        if (entity, event, place, country) == (None, None, None, None):
            self.refresh_story_facts()
            story_ids = None  # every story with an article since: the rows tell which
        else:
            story_ids = self._trend_story_ids(entity, event, place, country, since)
        with self.engine.connect() as conn:
            rows = conn.execute(story_periods(story_ids, since, by, conn.dialect.name)).all()
            group = _event_groups(conn, matched_stories(rows), event)  # rows of others: left out
        return combine(rows, group, by)

    def _trend_story_ids(self, entity: str | None, event: str | None, place: str | None,
                         country: str | None, since: datetime | None) -> sa.Select:
        """The stories with an article matching the filters (their facts refreshed first)."""
        from ..trends.sql import trend_rows_query
        self.refresh_story_facts()
        matching = trend_rows_query(articles, tags, entity=entity, event=event, place=place,
                                    country=country, since=since).subquery()
        return sa.select(matching.c.story_id).where(matching.c.story_id.is_not(None))

    def article_ids_with_html(self, *, source_id: int | None = None,
                              since: datetime | None = None) -> list[int]:
        query = sa.select(article_html.c.article_id).join(articles, articles.c.id == article_html.c.article_id)
        if source_id is not None:
            query = query.where(articles.c.source_id == source_id)
        if since is not None:
            query = query.where(articles.c.fetched >= since)
        with self.engine.connect() as conn:
            return list(conn.execute(query.order_by(article_html.c.article_id)).scalars())



def _trend_articles(story_ids: sa.Select, since: datetime | None) -> sa.Select:
    """``story_id, id, when`` of the visible articles of ``story_ids``, oldest first, where a
    copy cannot predate its original (an earlier date on a copy is the copier's error)."""
    dated, joined = dated_articles()
    query = (sa.select(articles.c.story_id, articles.c.id, dated).select_from(joined)
             .where(articles.c.status == "ok", articles.c.story_id.in_(story_ids)))
    if since is not None:
        query = query.where(dated >= since)
    return query.order_by(dated)


def _event_groups(conn: sa.Connection, story_ids: set[int], event: str | None) -> dict[int, int]:
    """Each of ``story_ids`` with stored facts (and ``event`` as main event) -> its event group."""
    from ..trends.events import event_groups
    return event_groups(stored_facts(conn, story_ids, event))


def _replay_query() -> sa.Select:
    root = sa.func.coalesce(articles.c.duplicate_of, articles.c.id)
    earlier = articles.alias("earlier")
    first_of_group = ~sa.exists().where(
        earlier.c.id < articles.c.id, sa.or_(earlier.c.id == root, earlier.c.duplicate_of == root))
    original = articles.alias("original")
    return (sa.select(articles.c.id, articles.c.title, articles.c.text, articles.c.lang,
                      articles.c.published, articles.c.fetched, articles.c.story_id, articles.c.copy_diff,
                      original.c.title.label("original_title"), original.c.text.label("original_text"))
            .select_from(articles.outerjoin(original, original.c.id == articles.c.duplicate_of))
            .where(articles.c.id > sa.bindparam("after_id"), articles.c.story_id.is_not(None), first_of_group)
            .order_by(articles.c.id))


_REPLAY = _replay_query()
_TOUCH_STORY = sa.text("""
    UPDATE stories SET (article_count, source_count, first_seen, last_seen, first_published) = (
        SELECT count(id), count(DISTINCT source_id), min(fetched), max(fetched), min(published)
        FROM articles WHERE story_id = :story_id AND status = 'ok'), version = version + 1
    WHERE id = :story_id""")
