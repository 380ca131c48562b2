"""Read-only queries behind the web pages, the API and the feeds.

Every query shows visible articles only (``status = 'ok'``): a taken-down article disappears
from lists, stories, counts and headlines alike.
"""
from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa

from .schema import articles, sources, stories, tags
from .sources import utcnow

VISIBLE = articles.c.status == "ok"
WHEN = sa.func.coalesce(articles.c.published, articles.c.fetched)
TAG_KINDS = {"entity": "actor", "actor": "actor", "place": "place", "event": "event"}


def _story_filters(lang: str | None, source_id: int | None,
                   tagged: dict[str, str | None]) -> list[sa.ColumnElement[bool]]:
    """Conditions on ``stories``: some visible article of the story matches each filter."""
    conditions = [stories.c.article_count > 0]
    member = articles.alias("member")
    if lang:
        conditions.append(sa.exists().where(member.c.story_id == stories.c.id,
                                            member.c.status == "ok", member.c.lang == lang))
    if source_id is not None:
        conditions.append(sa.exists().where(member.c.story_id == stories.c.id,
                                            member.c.status == "ok", member.c.source_id == source_id))
    for kind, name in tagged.items():
        if name:
            conditions.append(stories.c.id.in_(_tagged_story_ids(kind, name)))
    return conditions


def _tagged_story_ids(kind: str, name: str) -> sa.Select:
    tagged = articles.alias("tagged")
    return (sa.select(tagged.c.story_id).join(tags, tags.c.article_id == tagged.c.id)
            .where(tags.c.kind == kind, sa.func.lower(tags.c.name) == name.lower(),
                   tagged.c.status == "ok", tagged.c.story_id.is_not(None)))


def _member_query(story_ids: list[int]) -> sa.Select:
    return (sa.select(articles.c.id, articles.c.story_id, articles.c.title, articles.c.url,
                      articles.c.primary_url, articles.c.lang, articles.c.published,
                      articles.c.fetched, articles.c.duplicate_of, articles.c.source_id,
                      articles.c.nosnippet, articles.c.max_snippet,
                      sources.c.title.label("source"), sources.c.site_url.label("source_site"),
                      WHEN.label("when"))
            .select_from(articles.outerjoin(sources, articles.c.source_id == sources.c.id))
            .where(articles.c.story_id.in_(story_ids), VISIBLE)
            .order_by(WHEN, articles.c.id))


def source_name(row: dict[str, Any]) -> str:
    """A source's display name: its title, else the host of its site or feed."""
    from urllib.parse import urlsplit
    name = (row.get("source") or "").strip()
    if name:
        return name
    for key in ("source_site", "url"):
        host = urlsplit(row.get(key) or "").hostname
        if host:
            return host.removeprefix("www.")
    return "unknown source"


def summarise_story(story: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    """Add ``headline``, ``first``, ``outlets`` and ``languages`` from visible members."""
    originals = [m for m in members if m["duplicate_of"] is None] or members
    first = originals[0] if originals else None
    outlets = list(dict.fromkeys(source_name(m) for m in members))
    story.update(
        headline=(first["title"] if first and first["title"] else story.get("title") or "Untitled story"),
        first=first, outlets=outlets,
        languages=sorted({m["lang"] for m in members if m["lang"]}),
        visible_count=len(members))
    return story


class ViewQueries:
    engine: sa.Engine

    def latest_stories(self, *, lang: str | None = None, source_id: int | None = None,
                       place: str | None = None, entity: str | None = None,
                       event: str | None = None, since: datetime | None = None,
                       limit: int = 30, offset: int = 0) -> list[dict[str, Any]]:
        """Stories with visible articles, most recently updated first, each summarised."""
        conditions = _story_filters(lang, source_id, {"place": place, "actor": entity, "event": event})
        if since is not None:
            conditions.append(stories.c.last_seen >= since)
        query = (sa.select(stories).where(*conditions)
                 .order_by(stories.c.last_seen.desc(), stories.c.id.desc())
                 .limit(limit).offset(offset))
        with self.engine.connect() as conn:
            found = [dict(row) for row in conn.execute(query).mappings()]
            members = self._members(conn, [s["id"] for s in found])
        return [summarise_story(s, members.get(s["id"], [])) for s in found]

    def stories_by_ids(self, story_ids: list[int]) -> list[dict[str, Any]]:
        """These stories (those with visible articles), summarised, in the given order."""
        query = sa.select(stories).where(stories.c.id.in_(story_ids), stories.c.article_count > 0)
        with self.engine.connect() as conn:
            found = {row["id"]: dict(row) for row in conn.execute(query).mappings()}
            members = self._members(conn, list(found))
        return [summarise_story(found[i], members[i]) for i in story_ids if i in found and members[i]]

    def _members(self, conn: sa.Connection, story_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        by_story: dict[int, list[dict[str, Any]]] = {i: [] for i in story_ids}
        if story_ids:
            for row in conn.execute(_member_query(story_ids)).mappings():
                item = dict(row)
                item["source"] = source_name(item)
                by_story[row["story_id"]].append(item)
        return by_story

    def story_view(self, story_id: int) -> dict[str, Any] | None:
        """A story with its visible articles (oldest first) and its tags, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(stories).where(stories.c.id == story_id)).mappings().first()
            if row is None:
                return None
            members = self._members(conn, [story_id])[story_id]
            if not members:
                return None
            story = summarise_story(dict(row), members)
            story["articles"] = members
            story["tags"] = self._story_tags(conn, [m["id"] for m in members])
        return story

    def _story_tags(self, conn: sa.Connection, article_ids: list[int],
                    evidence_per_tag: int = 3) -> list[dict[str, Any]]:
        """Tags of these articles, one entry per (kind, name), with a few evidence sentences."""
        grouped: dict[tuple[str, str], dict[str, Any]] = {}
        for start in range(0, len(article_ids), 500):
            chunk = article_ids[start:start + 500]
            query = sa.select(tags).where(tags.c.article_id.in_(chunk)).order_by(tags.c.id)
            for tag in conn.execute(query).mappings():
                key = (tag["kind"], tag["name"])
                entry = grouped.setdefault(key, dict(kind=tag["kind"], name=tag["name"],
                                                     country=tag["country"], count=0, evidence=[]))
                entry["count"] += 1
                if tag["evidence"] and len(entry["evidence"]) < evidence_per_tag:
                    entry["evidence"].append(dict(article_id=tag["article_id"], text=tag["evidence"]))
        return sorted(grouped.values(), key=lambda t: (t["kind"], -t["count"], t["name"].lower()))

    def article_view(self, article_id: int) -> dict[str, Any] | None:
        """A visible article with its source, its original (for a copy) and its tags."""
        original = articles.alias("original")
        query = (sa.select(articles, sources.c.title.label("source"), sources.c.site_url.label("source_site"),
                           original.c.title.label("original_title"), original.c.url.label("original_url"),
                           original.c.status.label("original_status"),
                           original.c.text.label("original_text"),
                           original.c.nosnippet.label("original_nosnippet"),
                           original.c.max_snippet.label("original_max_snippet"))
                 .select_from(articles.outerjoin(sources, articles.c.source_id == sources.c.id)
                              .outerjoin(original, articles.c.duplicate_of == original.c.id))
                 .where(articles.c.id == article_id, VISIBLE))
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
            if row is None:
                return None
            article = dict(row)
            article["source"] = source_name(article)
            article["tags"] = self._story_tags(conn, [article_id])
            article["copies"] = conn.execute(sa.select(sa.func.count()).where(
                articles.c.duplicate_of == article_id, VISIBLE)).scalar_one()
            if article["story_id"] is not None:
                article["story_title"] = self._headline(conn, article["story_id"])
        if article.get("original_status") not in (None, "ok"):
            for key in ("original_title", "original_url", "original_text"):
                article[key] = None
        return article

    def story_headline(self, story_id: int) -> str | None:
        """What pages call the story, or None when there is no such story."""
        with self.engine.connect() as conn:
            if conn.execute(sa.select(stories.c.id).where(stories.c.id == story_id)).first() is None:
                return None
            return self._headline(conn, story_id)

    def _headline(self, conn: sa.Connection, story_id: int) -> str:
        """The title of the story's first visible original (what pages call the story)."""
        query = (sa.select(articles.c.title).where(articles.c.story_id == story_id, VISIBLE)
                 .order_by(articles.c.duplicate_of.is_not(None), WHEN, articles.c.id).limit(1))
        return conn.execute(query).scalar() or "Untitled story"

    def article_texts(self, article_ids: list[int]) -> dict[int, str]:
        """Each article's text, or for a copy its original's (visible originals only)."""
        original = articles.alias("original")
        query = (sa.select(articles.c.id, sa.func.coalesce(articles.c.text, original.c.text, ""))
                 .select_from(articles.outerjoin(original, sa.and_(articles.c.duplicate_of == original.c.id,
                                                                   original.c.status == "ok")))
                 .where(articles.c.id.in_(article_ids)))
        with self.engine.connect() as conn:
            return {row[0]: row[1] for row in conn.execute(query)} if article_ids else {}

    def list_articles(self, *, lang: str | None = None, source_id: int | None = None,
                      story_id: int | None = None, since: datetime | None = None,
                      until: datetime | None = None, limit: int = 50,
                      offset: int = 0) -> list[dict[str, Any]]:
        """Visible articles, newest first, without their text."""
        query = (sa.select(articles.c.id, articles.c.url, articles.c.canonical_url, articles.c.title,
                           articles.c.published, articles.c.fetched, articles.c.lang,
                           articles.c.source_id, articles.c.story_id, articles.c.duplicate_of,
                           articles.c.primary_url, articles.c.nosnippet, articles.c.max_snippet,
                           sources.c.title.label("source"), sources.c.site_url.label("source_site"))
                 .select_from(articles.outerjoin(sources, articles.c.source_id == sources.c.id))
                 .where(VISIBLE))
        for column, value in ((articles.c.lang, lang), (articles.c.source_id, source_id),
                              (articles.c.story_id, story_id)):
            if value is not None and value != "":
                query = query.where(column == value)
        if since is not None:
            query = query.where(WHEN >= since)
        if until is not None:
            query = query.where(WHEN < until)
        query = query.order_by(articles.c.id.desc()).limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = [dict(row) for row in conn.execute(query).mappings()]
        for row in rows:
            row["source"] = source_name(row)
        return rows

    def source_health(self, *, now: datetime | None = None, days: int = 7) -> list[dict[str, Any]]:
        """Every source with its fetch state and articles published per day lately."""
        now = now or utcnow()
        recent = (sa.select(articles.c.source_id, sa.func.count().label("n"))
                  .where(articles.c.published >= now - timedelta(days=days), VISIBLE)
                  .group_by(articles.c.source_id))
        with self.engine.connect() as conn:
            counts = {row.source_id: row.n for row in conn.execute(recent)}
            rows = [dict(r) for r in conn.execute(sa.select(sources).order_by(sources.c.title, sources.c.id)).mappings()]
        for row in rows:
            row["per_day"] = round(counts.get(row["id"], 0) / days, 1)
            row["name"] = source_name({"source": row["title"], "source_site": row["site_url"], "url": row["url"]})
        return rows

    def story_languages(self, *, recent: int = 50_000) -> list[str]:
        """Languages of the most recent ``recent`` visible articles, most common first."""
        newest = sa.select(sa.func.coalesce(sa.func.max(articles.c.id), 0)).scalar_subquery()
        query = (sa.select(articles.c.lang)
                 .where(articles.c.id > newest - recent, articles.c.lang != "", VISIBLE)
                 .group_by(articles.c.lang).order_by(sa.func.count().desc()).limit(60))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def top_tags(self, kind: str, *, limit: int = 40) -> list[tuple[str, int]]:
        """The most used tag names of a kind (``actor``, ``place``, ``event``) with counts."""
        query = (sa.select(tags.c.name, sa.func.count().label("n")).where(tags.c.kind == kind)
                 .group_by(tags.c.name).order_by(sa.text("n DESC"), tags.c.name).limit(limit))
        with self.engine.connect() as conn:
            return [(row.name, row.n) for row in conn.execute(query)]

    def db_counts(self) -> dict[str, int]:
        """Sizes for monitoring: visible articles, stories, sources, sources in error."""
        with self.engine.connect() as conn:
            def one(query) -> int:
                return int(conn.execute(query).scalar_one())
            return dict(
                articles=one(sa.select(sa.func.count()).select_from(articles).where(VISIBLE)),
                stories=one(sa.select(sa.func.count()).select_from(stories).where(stories.c.article_count > 0)),
                sources=one(sa.select(sa.func.count()).select_from(sources)),
                sources_with_errors=one(sa.select(sa.func.count()).select_from(sources)
                                        .where(sources.c.last_error != "")))

    def ping(self) -> bool:
        """True when the database answers."""
        with self.engine.connect() as conn:
            return conn.execute(sa.text("SELECT 1")).scalar() == 1
