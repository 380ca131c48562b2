"""Ground-truth records handed to tests and benchmarks."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from .events import Event, Story


@dataclass(frozen=True, slots=True)
class SimSite:
    """One simulated site as the outside sees it."""

    key: str
    name: str
    url: str
    lang: str
    feed_url: str | None
    feed_kind: str  # rss | atom | json | rdf | sitemap
    sitemap_url: str | None
    is_aggregator: bool
    robots_disallow: str
    crawl_delay: float | None
    boilerplate: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SimArticle:
    """One published article and what is true about it.

    ``text`` is the true body (paragraphs joined by blank lines, no boilerplate, no credit line).
    ``original_url`` is set for aggregator copies; ``credit`` tells whether the copy credits the
    original (``credit_kind``: ``link`` = visible "Originally published at" link, ``canonical`` =
    ``rel=canonical`` to the original). ``feed_url`` is where the article is listed (the news
    sitemap for the feedless site); ``link_in_feed`` is the link as listed there (may carry
    ``utm_*`` parameters). ``disallowed`` articles live under a path robots.txt forbids.
    """

    url: str
    site: str
    title: str
    text: str
    published: datetime
    author: str
    lang: str
    event_id: str | None
    story_key: str
    is_copy: bool
    original_url: str | None
    credit: bool
    feed_url: str
    id: int = 0
    canonical_url: str = ""
    link_in_feed: str = ""
    modified: datetime | None = None
    section: str = ""
    edit: str = ""  # for copies: verbatim | headline | truncated | para_added | para_removed
    credit_kind: str = ""
    wrong_date: bool = False
    robots_meta: str = ""  # "", "max-snippet:50" or "nosnippet"
    nosnippet_text: str = ""  # the sentence inside a data-nosnippet span, if any
    disallowed: bool = False

    @property
    def primary_url(self) -> str:
        """Where the article first appeared: the original's URL for copies."""
        return self.original_url or self.url


@dataclass(frozen=True, slots=True)
class SimRequest:
    """One request the simulated web answered (for assertions about crawler behaviour)."""

    host: str
    method: str
    path: str
    status: int
    headers: dict[str, str]


def week_start(dt: datetime) -> datetime:
    """Monday 00:00 of the week containing ``dt``."""
    day = dt.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def event_counts(stories: list[Story], *, event_type: str | None = None, actor: str | None = None,
                 place: str | None = None, by: str = "week",
                 start: datetime | None = None, end: datetime | None = None) -> list[tuple[datetime, int]]:
    """Distinct events per period (``day`` or ``week``) matching the filters, zero-filled.

    ``actor`` is a group key (``nsf``), ``government``, ``residents`` or ``unknown``;
    ``place`` a place key (``kabul``) or English name.
    """
    def keep(e: Event) -> bool:
        return ((event_type is None or e.type == event_type) and (actor is None or e.actor == actor)
                and (place is None or place in (e.place.key, e.place.name)))

    events = [s for s in stories if isinstance(s, Event) and keep(s)]
    step = timedelta(days=7 if by == "week" else 1)
    floor = week_start if by == "week" else (lambda d: d.replace(hour=0, minute=0, second=0, microsecond=0))
    counts = Counter(floor(e.when) for e in events)
    first = floor(start) if start else min(counts, default=None)
    last = floor(end) if end else max(counts, default=None)
    if first is None or last is None:
        return []
    out, t = [], first
    while t <= last:
        out.append((t, counts.get(t, 0)))
        t += step
    return out
