"""The small dataclasses that flow between pipeline stages.

Each stage is a set of plain functions over these types:
``sources → fetch → parse → extract → dedupe → cluster → tag → store/index → web/api``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(slots=True)
class Page:
    """What the fetch stage returns for one URL."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    text: str = ""
    encoding: str = ""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    elapsed: float = 0.0


class FetchError(Exception):
    """A fetch that failed for a reason worth showing to the user.

    ``kind`` is a short machine-readable word: ``ssrf``, ``dns``, ``connect``, ``timeout``,
    ``too_large``, ``bomb``, ``truncated``, ``redirects``, ``http``, ``robots``, ``content_type``,
    ``invalid``.
    """

    def __init__(self, kind: str, message: str, *, status: int | None = None,
                 retry_after: float | None = None, url: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status = status
        self.retry_after = retry_after
        self.url = url

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass(slots=True)
class FeedEntry:
    """One item of a feed, as the feed itself tells it."""

    url: str
    title: str = ""
    summary: str = ""
    content: str = ""
    published: datetime | None = None
    updated: datetime | None = None
    author: str = ""
    guid: str = ""
    lang: str = ""


@dataclass(slots=True)
class ParsedFeed:
    """A parsed RSS/Atom/RDF/JSON feed or news sitemap."""

    kind: str
    title: str = ""
    site_url: str = ""
    lang: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    warning: str | None = None


@dataclass(slots=True)
class SnippetPolicy:
    """What the publisher allows us to quote (robots meta, X-Robots-Tag, data-nosnippet)."""

    nosnippet: bool = False
    max_snippet: int | None = None
    noindex: bool = False


@dataclass(slots=True)
class Extracted:
    """What the extract stage finds in one article page."""

    title: str = ""
    text: str = ""
    author: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    lang: str = ""
    canonical_url: str = ""
    image: str = ""
    description: str = ""
    credit_url: str = ""
    site_name: str = ""
    snippet: SnippetPolicy = field(default_factory=SnippetPolicy)


@dataclass(slots=True)
class Article:
    """An article ready to be stored; ids and group links are filled by later stages."""

    url: str
    source_id: int | None = None
    canonical_url: str = ""
    title: str = ""
    text: str = ""
    summary: str = ""
    author: str = ""
    published: datetime | None = None
    modified: datetime | None = None
    fetched: datetime | None = None
    lang: str = ""
    image: str = ""
    credit_url: str = ""
    copy_diff: str = ""
    feed_only: bool = False
    content_hash: str = ""
    raw_html: bytes | None = None
    raw_html_compressed: bytes = b""  # raw_html through store.compress_html, done before the ingest lock
    snippet: SnippetPolicy = field(default_factory=SnippetPolicy)
    id: int | None = None
    duplicate_of: int | None = None
    primary_url: str = ""
    story_id: int | None = None
