"""Article rows, their compressed raw HTML, copy-detection bands and blocked URLs."""
from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from ..models import Article
from .facts import article_story_changed
from .schema import article_html, articles, blocked_urls, sources, tags
from .sources import utcnow

ARTICLE_FIELDS = ("source_id", "url", "canonical_url", "title", "summary", "text", "author",
                  "published", "modified", "fetched", "lang", "image", "credit_url", "feed_only",
                  "content_hash", "duplicate_of", "primary_url", "story_id", "copy_diff")



def last_id_fetched_before(conn: sa.Connection, before: datetime) -> int | None:
    """The id of the newest article fetched before ``before`` (None: there is none).

    Ids follow fetch time, so it bounds the old articles: retention chores delete by id range
    after one seek on ``ix_articles_fetched``, instead of scanning a table by date. Among
    articles fetched at the same moment, the newest id (an index holds equal keys in no
    promised order: on PostgreSQL an updated row's new version comes first)."""
    query = (sa.select(articles.c.id).where(articles.c.fetched < before)
             .order_by(articles.c.fetched.desc(), articles.c.id.desc()).limit(1))
    return conn.execute(query).scalar()

def article_values(article: Article) -> dict[str, Any]:
    values = {name: getattr(article, name) for name in ARTICLE_FIELDS}
    values["fetched"] = values["fetched"] or utcnow()
    values["nosnippet"] = article.snippet.nosnippet
    values["max_snippet"] = article.snippet.max_snippet
    values["word_count"] = len((article.text or "").split())
    return values


def compress_html(raw: bytes) -> bytes:
    """Raw HTML as stored: zlib level 1 (2.5× faster than level 6 on real pages, for about a
    fifth more bytes; raw HTML is pruned after ``TIDINGS_RAW_HTML_DAYS``)."""
    return zlib.compress(raw, 1)


# Built once: the ingest path runs them for every article, where building a statement anew
# cost more than running it.
_ID_BY_URL = sa.select(articles.c.id).where(articles.c.url == sa.bindparam("url"))
_BLOCKED = sa.select(blocked_urls.c.url).where(blocked_urls.c.url.in_(sa.bindparam("urls", expanding=True)))
_INSERT_ARTICLE = articles.insert()
_INSERT_HTML = article_html.insert()


class ArticleQueries:
    engine: sa.Engine

    def known_urls(self, urls: Iterable[str], source_id: int | None = None) -> set[str]:
        """Which of ``urls`` are stored already, or blocked by a takedown.

        A URL also counts as stored when it is the canonical URL of a stored article — of
        ``source_id``'s own articles only when given: a copy elsewhere whose ``rel=canonical``
        names the original must not make the original itself look stored.
        """
        urls = list(dict.fromkeys(urls))
        found: set[str] = set()
        with self.engine.connect() as conn:
            for start in range(0, len(urls), 500):
                chunk = urls[start:start + 500]
                found.update(conn.execute(sa.select(articles.c.url).where(articles.c.url.in_(chunk))).scalars())
                by_canonical = sa.select(articles.c.canonical_url).where(articles.c.canonical_url.in_(chunk))
                if source_id is not None:
                    by_canonical = by_canonical.where(articles.c.source_id == source_id)
                found.update(conn.execute(by_canonical).scalars())
                found.update(conn.execute(
                    sa.select(blocked_urls.c.url).where(blocked_urls.c.url.in_(chunk))).scalars())
        return found

    def insert_article(self, conn: sa.Connection, article: Article) -> int | None:
        """Insert inside the caller's transaction; ``None`` when the URL is already stored."""
        if conn.execute(_ID_BY_URL, {"url": article.url}).first() is not None:
            return None
        article_id = conn.execute(_INSERT_ARTICLE, article_values(article)).inserted_primary_key[0]
        if article.raw_html:
            blob = article.raw_html_compressed or compress_html(article.raw_html)
            conn.execute(_INSERT_HTML, {"article_id": article_id, "html": blob, "fetched": utcnow()})
        return article_id

    def get_article(self, article_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(articles).where(articles.c.id == article_id)).mappings().first()
            return dict(row) if row else None

    def article_by_url(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            query = sa.select(articles).where(sa.or_(articles.c.url == url, articles.c.canonical_url == url))
            row = conn.execute(query.limit(1)).mappings().first()
            return dict(row) if row else None

    def article_text(self, article_id: int) -> str:
        """The article's own text, or for a copy the text of its original."""
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(articles.c.text, articles.c.duplicate_of)
                               .where(articles.c.id == article_id)).first()
            while row is not None and row.text is None and row.duplicate_of is not None:
                row = conn.execute(sa.select(articles.c.text, articles.c.duplicate_of)
                                   .where(articles.c.id == row.duplicate_of)).first()
            return (row.text if row else None) or ""

    def raw_html(self, article_id: int) -> bytes | None:
        with self.engine.connect() as conn:
            blob = conn.execute(sa.select(article_html.c.html)
                                .where(article_html.c.article_id == article_id)).scalar()
            return zlib.decompress(blob) if blob else None

    def article_count(self, *, include_removed: bool = False) -> int:
        query = sa.select(sa.func.count()).select_from(articles)
        if not include_removed:
            query = query.where(articles.c.status == "ok")
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def iter_export(self, since: datetime | None = None) -> Iterator[dict[str, Any]]:
        """Articles joined with their source, for ``tidings export`` (oldest first)."""
        original = articles.alias("original")
        query = (sa.select(articles, sources.c.title.label("source_title"), sources.c.url.label("source_url"),
                           original.c.text.label("original_text"))
                 .select_from(articles.outerjoin(sources, articles.c.source_id == sources.c.id)
                              .outerjoin(original, articles.c.duplicate_of == original.c.id))
                 .where(articles.c.status == "ok").order_by(articles.c.id))
        if since is not None:
            query = query.where(sa.func.coalesce(articles.c.published, articles.c.fetched) >= since)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield dict(row)

    def tags_for(self, article_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
        found: dict[int, list[dict[str, Any]]] = {i: [] for i in article_ids}
        with self.engine.connect() as conn:
            for start in range(0, len(article_ids), 500):
                chunk = article_ids[start:start + 500]
                for row in conn.execute(sa.select(tags).where(tags.c.article_id.in_(chunk))).mappings():
                    found[row["article_id"]].append(dict(row))
        return found

    def url_stored(self, conn: sa.Connection, url: str, canonical_url: str = "") -> bool:
        """Is ``url`` stored, or is it or its canonical form blocked by a takedown?"""
        if conn.execute(_ID_BY_URL, {"url": url}).first() is not None:
            return True
        keys = [u for u in (url, canonical_url) if u]
        return conn.execute(_BLOCKED, {"urls": keys}).first() is not None

    def move_tags(self, conn: sa.Connection, old_id: int, new_id: int, found) -> None:
        """Tags belong to a group's original: drop the old original's, add the new one's (the
        story's facts change: its version moves on)."""
        conn.execute(tags.delete().where(tags.c.article_id == old_id))
        self.add_tags(conn, new_id, found)
        article_story_changed(conn, new_id)
