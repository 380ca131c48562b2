"""Ingest articles: dedupe → cluster → tag → store, in one transaction.

Everything an article changes (its row, its raw HTML, its copy-detection bands, its group's
original, its story and its tags) is written in a single transaction under the ingest lock, so a
crash leaves either all of it or none, and concurrent workers see each other's decisions. A
feed's new articles share one transaction (``ingest_all``): one commit, one lock and one look at
what other workers stored, instead of one per article.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from ..dedupe import Fingerprint
from ..models import Article
from ..store.articles import compress_html
from .articles import article_from_feed, article_from_page, article_url
from .copies import attribute_group, group_primary, promote, set_group_primary_url, store_as_copy

__all__ = ["ingest", "ingest_all", "article_from_feed", "article_from_page", "article_url"]
log = logging.getLogger(__name__)


def ingest(ctx, article: Article) -> Article | None:
    """Store ``article`` unless its URL is known; returns it with id, group and story set."""
    return ingest_all(ctx, [article])[0]


def ingest_all(ctx, batch: list[Article]) -> list[Article | None]:
    """Store each article of ``batch`` in order, in one transaction; for each, the stored
    article (id, group and story set) or None when its URL was known.

    If the transaction fails, nothing of it is kept and the articles are stored one by one,
    so an article that cannot be stored costs only itself and those after it (as before)."""
    pending = [_prepare(ctx, article) for article in batch]
    try:
        return _store_all(ctx, pending)
    except Exception:
        if len(pending) == 1:
            raise
        log.warning("ingesting %d articles together failed; storing them one by one", len(pending),
                    exc_info=True)
    return [_store_all(ctx, [item])[0] for item in pending]


@dataclass(slots=True)
class _Pending:
    article: Article
    fingerprint: Fingerprint
    tags: Tags


def _prepare(ctx, article: Article) -> _Pending:
    """What needs no lock: the story clock, the fingerprint, the compressed page (and on
    PostgreSQL the tags, since other workers wait while the lock is held)."""
    article.fetched = article.fetched or ctx.clock()  # the story clock: replays must read the same
    fp = ctx.copies.fingerprint(article)
    article.content_hash = fp.exact_hash
    if article.raw_html:
        article.raw_html_compressed = compress_html(article.raw_html)
    found = Tags(ctx.tagger, article)
    if ctx.store.engine.dialect.name != "sqlite":
        found.get()
    return _Pending(article, fp, found)


def _store_all(ctx, pending: list[_Pending]) -> list[Article | None]:
    try:
        with ctx.store.transaction() as conn:
            ctx.store.lock_ingest(conn)
            ctx.stories.catch_up(conn)  # before anything else: see what other workers stored
            results = [_store_one(ctx, conn, item) for item in pending]
    except Exception:
        ctx.stories.reset()
        ctx.copies.forget_cached()
        raise
    for stored in results:
        if stored is not None:
            ctx.stories.stored(stored.id)
    return results


def _store_one(ctx, conn, item: _Pending) -> Article | None:
    article = item.article
    if ctx.store.url_stored(conn, article.url, article.canonical_url):
        return None
    match = ctx.copies.find(conn, article, item.fingerprint)
    if match is None:
        stored = _store_original(ctx, conn, article, item.tags)
    else:
        stored = _store_copy(ctx, conn, article, group_primary(conn, match.article_id), item.tags)
    ctx.copies.remember(conn, stored.id, item.fingerprint, match, own_text=stored.text is not None)
    ctx.store.touch_story(conn, stored.story_id)
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
