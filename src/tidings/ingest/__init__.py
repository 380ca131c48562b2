"""Ingest one article: dedupe → cluster → tag → store, in one transaction.

Everything an article changes (its row, its raw HTML, its copy-detection bands, its group's
original, its story and its tags) is written in a single transaction under the ingest lock, so a
crash leaves either all of it or none, and concurrent workers see each other's decisions.
"""
from __future__ import annotations

from ..models import Article
from ..store.articles import compress_html
from ..store.sources import utcnow
from .articles import article_from_feed, article_from_page, article_url
from .copies import attribute_group, group_primary, promote, set_group_primary_url, store_as_copy

__all__ = ["ingest", "article_from_feed", "article_from_page", "article_url"]


def ingest(ctx, article: Article) -> Article | None:
    """Store ``article`` unless its URL is known; returns it with id, group and story set."""
    article.fetched = article.fetched or utcnow()  # the story clock: replays must read the same
    fp = ctx.copies.fingerprint(article)
    article.content_hash = fp.exact_hash
    if article.raw_html:
        article.raw_html_compressed = compress_html(article.raw_html)
    found = Tags(ctx.tagger, article)
    if ctx.store.engine.dialect.name != "sqlite":
        found.get()  # before the lock: other workers wait while it is held
    try:
        with ctx.store.transaction() as conn:
            ctx.store.lock_ingest(conn)
            ctx.stories.catch_up(conn)  # before anything else: see what other workers stored
            if ctx.store.url_stored(conn, article.url, article.canonical_url):
                return None
            match = ctx.copies.find(conn, article, fp)
            if match is None:
                stored = _store_original(ctx, conn, article, found)
            else:
                stored = _store_copy(ctx, conn, article, group_primary(conn, match.article_id), found)
            ctx.copies.remember(conn, stored.id, fp, match)
            ctx.store.touch_story(conn, stored.story_id)
    except Exception:
        ctx.stories.reset()
        raise
    ctx.stories.stored(stored.id)
    return stored


class Tags:
    """An article's tags, computed on first use: a copy's tags are its original's, so most
    copies are never tagged."""

    def __init__(self, tagger, article: Article) -> None:
        self._tagger, self._article, self._tags = tagger, article, None

    def get(self) -> list:
        if self._tags is None:
            self._tags = self._tagger(self._article)
        return self._tags


def _store_original(ctx, conn, article: Article, found: Tags) -> Article:
    article.story_id = ctx.stories.assign(conn, article)
    article.primary_url = article.canonical_url or article.url
    article.id = ctx.store.insert_article(conn, article)
    ctx.store.add_tags(conn, article.id, found.get())
    return article


def _store_copy(ctx, conn, article: Article, primary: dict, found: Tags) -> Article:
    original_id, primary_url = attribute_group(conn, primary, article)
    if original_id is not None:
        store_as_copy(article, primary, primary_url)
        article.id = ctx.store.insert_article(conn, article)
        set_group_primary_url(conn, primary["id"], primary_url)
        return article
    # The newcomer came first: it becomes the original of the group and takes over its story.
    article.story_id = primary["story_id"]
    article.primary_url = primary_url
    article.id = ctx.store.insert_article(conn, article)
    promote(conn, article.id, article, primary, primary_url)
    ctx.store.move_tags(conn, primary["id"], article.id, found.get())
    return article
