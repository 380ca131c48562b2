"""Turning raw entry fields (any format) into ``FeedEntry`` objects with usable links."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from tidings.models import FeedEntry
from tidings.parse.dates import parse_date
from tidings.parse.text import SUMMARY_CHARS, clean_lang, clean_text

MAX_ENTRIES = 50_000
MAX_URL_CHARS = 4096
_ABSOLUTE = ("http://", "https://")


@dataclass(slots=True)
class RawEntry:
    """What a format reader found for one item, before cleaning (values may be any type)."""

    link: object = ""
    guid: object = ""
    title: object = ""
    summary: object = ""
    content: object = ""
    published: object = None
    updated: object = None
    author: object = ""
    lang: object = ""


@dataclass(slots=True)
class EntryBatch:
    """Finished entries plus what was dropped on the way."""

    entries: list[FeedEntry] = field(default_factory=list)
    without_link: int = 0
    duplicates: int = 0

    def warnings(self) -> list[str]:
        """A warning for entries dropped for want of a link (repeats are not a fault)."""
        out = []
        if self.without_link:
            out.append(f"{self.without_link} entries without a usable http(s) link dropped")
        return out


def absolute_url(value: object, base: str) -> str:
    """``value`` resolved against ``base`` if it yields an http(s) URL with a host, else ''."""
    if not isinstance(value, str):
        return ""
    if not value.isprintable() or " " in value:
        value = "".join(value.split())  # links wrapped over several lines
    if not value or len(value) > MAX_URL_CHARS or "\x00" in value:
        return ""
    try:
        url = urljoin(base, value) if base and not value.startswith(_ABSOLUTE) else value
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url


def entry_link(raw: RawEntry, base: str) -> str:
    """The item's link, or its guid when that is an absolute http(s) URL."""
    link = absolute_url(raw.link, base)
    if link:
        return link
    return absolute_url(raw.guid, "")


def finish_entry(raw: RawEntry, url: str, feed_lang: str, now: datetime | None) -> FeedEntry:
    """Clean one raw entry whose link is already known."""
    summary_source = raw.summary if isinstance(raw.summary, str) and raw.summary else raw.content
    content = raw.content if isinstance(raw.content, str) and raw.content else raw.summary
    return FeedEntry(
        url=url,
        title=clean_text(raw.title, 1000),
        summary=clean_text(summary_source, SUMMARY_CHARS),
        content=content if isinstance(content, str) else "",
        published=parse_date(raw.published, now),
        updated=parse_date(raw.updated, now),
        author=clean_text(raw.author, 300),
        guid=raw.guid.strip()[:MAX_URL_CHARS] if isinstance(raw.guid, str) else "",
        lang=clean_lang(raw.lang) or feed_lang,
    )


def finish_entries(raws: list[RawEntry], base: str, feed_lang: str = "",
                   now: datetime | None = None) -> EntryBatch:
    """Resolve links against ``base``, drop link-less and repeated items, clean the rest."""
    batch = EntryBatch()
    seen: set[str] = set()
    for raw in raws[:MAX_ENTRIES]:
        url = entry_link(raw, base)
        if not url:
            batch.without_link += 1
        elif url in seen:
            batch.duplicates += 1
        else:
            seen.add(url)
            batch.entries.append(finish_entry(raw, url, feed_lang, now))
    return batch
