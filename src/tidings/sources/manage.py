"""Adding sources to the store: by URL (with feed discovery), from OPML, and the starter list."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..fetch import Fetcher
from ..models import FetchError
from ..store import Store
from .discover import discover
from .opml import OpmlOutline, read_opml, starter_outlines, write_opml


@dataclass(slots=True)
class Added:
    """The outcome of adding one URL."""

    url: str
    feeds: list[str]
    created: int
    error: str = ""


async def add_urls(store: Store, fetcher: Fetcher, urls: Iterable[str]) -> list[Added]:
    """Add each URL: a feed as is, a site through the feeds it advertises.

    A site whose feeds cannot be discovered now (offline, error) is kept as a ``site`` source,
    so that polling retries discovery later; the error is reported.
    """
    results = []
    for url in urls:
        try:
            feeds = await discover(url, fetcher.get)
        except (FetchError, ValueError) as error:
            store.add_source(url, site_url=url, kind="site")
            results.append(Added(url, [], 0, str(error)))
            continue
        if not feeds:
            store.add_source(url, site_url=url, kind="site")
            results.append(Added(url, [], 0, "no feed found"))
            continue
        created = sum(store.add_source(feed, site_url=url)[1] for feed in feeds)
        results.append(Added(url, feeds, created))
    return results


def add_outlines(store: Store, outlines: Iterable[OpmlOutline]) -> int:
    """Add OPML outlines as sources; returns how many were new."""
    created = 0
    for outline in outlines:
        kind = "site" if outline.is_site else "feed"
        _, new = store.add_source(outline.url, title=outline.title, site_url=outline.site_url or "",
                                  kind=kind, lang=outline.lang or "", category=outline.category or "")
        created += new
    return created


def import_opml(store: Store, data: bytes | str) -> int:
    return add_outlines(store, read_opml(data))


def export_opml(store: Store) -> str:
    outlines = [OpmlOutline(url=row["url"], title=row["title"] or row["url"], site_url=row["site_url"],
                            category=row["category"], lang=row["lang"], is_site=row["kind"] == "site")
                for row in store.list_sources()]
    return write_opml(outlines, title="tidings sources")


def load_starter_if_empty(store: Store) -> int:
    """Load the shipped starter list of global outlets into a database that has no sources."""
    if store.source_count():
        return 0
    return add_outlines(store, starter_outlines())
