"""The main job, top to bottom, for one source:

    sources → fetch → parse → extract → dedupe → cluster → tag → store

``poll_source`` fetches a feed (conditionally) and parses it; ``fetch_page`` fetches each new
item's page, several at once, and ``page_article`` extracts them one by one in the feed's order
(falling back to the feed's own content), so that what a site teaches the extractor is learned
in the same order on every run; ``ingest_all`` decides
copy/original, story and tags and stores the articles, a batch per transaction, so that a crash
at any point loses nothing and doubles nothing. Scheduling lives in ``runner.py``.
"""
from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime, timezone

from . import metrics
from .context import Context
from .extract import extract
from .fetch import is_html
from .ingest import article_from_feed, article_from_page, article_url, ingest_all
from .models import FeedEntry, FetchError, Page, ParsedFeed
from .parse.feeds import FeedError, parse_feed
from .sources.discover import discover

log = logging.getLogger(__name__)
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
FETCH_BATCH = 32  # pages fetched at once per source (the per-host limit still applies)
INGEST_BATCH = 32  # articles stored in one transaction (on PostgreSQL, under one hold of the lock)


@dataclass(slots=True)
class PollOutcome:
    source_id: int
    new: int = 0
    not_modified: bool = False
    error: str = ""


async def poll_source(ctx: Context, source: dict) -> PollOutcome:
    """Poll one source and ingest what is new; never raises for the source's own faults."""
    outcome = PollOutcome(source["id"])
    try:
        if source["kind"] == "site":
            source = await discover_feed(ctx, source)
        page = await ctx.fetcher.get(source["url"], etag=source["etag"],
                                     last_modified=source["last_modified"])
        if page.not_modified:
            outcome.not_modified = True
            ctx.scheduler.unchanged(source)
            metrics.FETCHES.labels(outcome="not_modified").inc()
            return outcome
        source, page, feed = await read_feed(ctx, source, page)
        if not feed.entries and feed.warning:
            raise FeedError(f"nothing usable in the feed: {feed.warning}")
        if feed.kind == "sitemapindex":
            feed = await expand_sitemap_index(ctx, feed)
        outcome.new = await ingest_entries(ctx, source, feed)
        ctx.scheduler.succeeded(source, page, feed, outcome.new)
        metrics.FETCHES.labels(outcome="ok").inc()
        metrics.ARTICLES.inc(outcome.new)
    except (FetchError, FeedError) as error:
        outcome.error = str(error)
        ctx.scheduler.failed(source, error)
        metrics.FETCHES.labels(outcome="error").inc()
        metrics.FETCH_ERRORS.labels(kind=getattr(error, "kind", "feed")).inc()
    return outcome


async def read_feed(ctx: Context, source: dict, page: Page) -> tuple[dict, Page, ParsedFeed]:
    """Parse a fetched feed; a homepage added as a feed (web UI, API) is discovered instead."""
    try:
        return source, page, _parse(page)
    except FeedError:
        if not is_html(page):
            raise
    source = await discover_feed(ctx, {**source, "site_url": source["site_url"] or source["url"]})
    page = await ctx.fetcher.get(source["url"])
    return source, page, _parse(page)


def _parse(page: Page) -> ParsedFeed:
    return parse_feed(page.body, page.final_url, page.content_type)


async def discover_feed(ctx: Context, source: dict) -> dict:
    """Turn a ``site`` source into a feed source through the feeds its pages advertise."""
    feeds = await discover(source["site_url"] or source["url"], ctx.fetcher.get)
    if not feeds:
        raise FeedError(f"no feed found at {source['url']}")
    return ctx.scheduler.became_feed(source, feeds)


async def expand_sitemap_index(ctx: Context, index: ParsedFeed, limit: int = 3) -> ParsedFeed:
    """A sitemap index lists sitemaps: read the newest few as one list of articles."""
    newest = sorted(index.entries, key=lambda e: e.updated or e.published or EPOCH, reverse=True)
    merged = ParsedFeed(kind="sitemap", title=index.title, site_url=index.site_url, lang=index.lang)
    for entry in newest[:limit]:
        merged.entries.extend(_parse(await ctx.fetcher.get(entry.url)).entries)
    return merged


async def ingest_entries(ctx: Context, source: dict, feed: ParsedFeed) -> int:
    """Fetch, extract and ingest the entries not seen before; returns how many were stored."""
    for entry in feed.entries:
        entry.url = article_url(entry.url)
    known = ctx.store.known_urls((entry.url for entry in feed.entries), source["id"])
    fresh = [entry for url, entry in _by_url(feed.entries).items() if url not in known]
    if not fresh:
        return 0
    articles = []
    for start in range(0, len(fresh), FETCH_BATCH):
        batch = fresh[start:start + FETCH_BATCH]
        pages = asyncio.gather(*(fetch_page(ctx, entry) for entry in batch))
        await ctx.warm_up()  # the first time, in a thread while the pages are fetched
        articles += [page_article(ctx, source, entry, feed, page) for entry, page in zip(batch, await pages)]
    articles.sort(key=lambda a: (a.published is None, a.published or a.fetched))
    stored = 0
    for start in range(0, len(articles), INGEST_BATCH):
        stored += sum(a is not None for a in ingest_all(ctx, articles[start:start + INGEST_BATCH]))
    return stored


def _by_url(entries: list[FeedEntry]) -> dict[str, FeedEntry]:
    """Each URL once (a feed may list an item twice): its first entry."""
    found: dict[str, FeedEntry] = {}
    for entry in entries:
        found.setdefault(entry.url, entry)
    return found


async def fetch_page(ctx: Context, entry: FeedEntry) -> Page | FetchError:
    """An item's HTML page, or why it could not be had."""
    try:
        page = await ctx.fetcher.get(entry.url)
    except FetchError as error:
        return error
    if not is_html(page):
        return FetchError("content_type", f"not an HTML page ({page.content_type or 'no type'})")
    return page


def page_article(ctx: Context, source: dict, entry: FeedEntry, feed: ParsedFeed,
                 page: Page | FetchError):
    """Extract an item's page; without one, keep the feed's own content."""
    if isinstance(page, FetchError):
        log.info("keeping feed content for %s: %s", entry.url, page)
        return article_from_feed(source, entry, feed, ctx.clock())
    extracted = extract(page.body, page.final_url, site=ctx.sites.templates, headers=page.headers,
                        boxes=ctx.sites.boxes)
    return article_from_page(source, entry, feed, page, extracted, ctx.clock())

