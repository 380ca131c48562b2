"""Feeds out: Atom 1.0 and JSON Feed 1.1 of the latest stories, a search, a story, a tag.

Entries carry an excerpt within the publisher's limits and the link to the primary source,
never an article's full text.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any
from urllib.parse import quote, urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from ..store.snippets import excerpt, snippet_limit
from ..store.sources import utcnow
from . import params
from .pages import search_filters
from .security import http_url

ATOM_NS = "http://www.w3.org/2005/Atom"
JSONFEED_VERSION = "https://jsonfeed.org/version/1.1"
FEED_ITEMS = 30
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
TAG_FEEDS = {"entity": "entity", "place": "place", "event": "event"}


@dataclass
class FeedItem:
    id: str
    url: str
    title: str
    summary: str
    updated: datetime
    published: datetime | None = None
    external_url: str | None = None
    author: str = ""
    language: str = ""
    tags: list[str] = field(default_factory=list)


@dataclass
class Feed:
    title: str
    home_url: str
    feed_url: str
    items: list[FeedItem]
    description: str = ""

    @property
    def updated(self) -> datetime:
        return max((i.updated for i in self.items), default=datetime(2000, 1, 1, tzinfo=timezone.utc))


def clean(text: str | None) -> str:
    """Text safe for XML 1.0 (no control characters)."""
    return _XML_ILLEGAL.sub("", text or "")


def rfc3339(value: datetime) -> str:
    return value.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def render_atom(feed: Feed) -> bytes:
    """The feed as an Atom 1.0 document."""
    ET.register_namespace("", ATOM_NS)
    root = ET.Element(f"{{{ATOM_NS}}}feed")
    _sub(root, "id", feed.feed_url)
    _sub(root, "title", clean(feed.title))
    if feed.description:
        _sub(root, "subtitle", clean(feed.description))
    _sub(root, "updated", rfc3339(feed.updated))
    author = ET.SubElement(root, f"{{{ATOM_NS}}}author")
    _sub(author, "name", "tidings")
    _sub(root, "generator", "tidings")
    ET.SubElement(root, f"{{{ATOM_NS}}}link", rel="self", href=feed.feed_url, type="application/atom+xml")
    ET.SubElement(root, f"{{{ATOM_NS}}}link", rel="alternate", href=feed.home_url, type="text/html")
    for item in feed.items:
        _atom_entry(root, item)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _sub(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM_NS}}}{tag}", **attrs)
    element.text = text
    return element


def _atom_entry(root: ET.Element, item: FeedItem) -> None:
    entry = ET.SubElement(root, f"{{{ATOM_NS}}}entry")
    _sub(entry, "id", item.id)
    _sub(entry, "title", clean(item.title) or "untitled", type="text")
    _sub(entry, "updated", rfc3339(item.updated))
    if item.published:
        _sub(entry, "published", rfc3339(item.published))
    ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="alternate", href=item.url, type="text/html")
    if item.external_url:
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="related", href=item.external_url, type="text/html")
    if item.author:
        author = ET.SubElement(entry, f"{{{ATOM_NS}}}author")
        _sub(author, "name", clean(item.author))
    for tag in item.tags:
        ET.SubElement(entry, f"{{{ATOM_NS}}}category", term=clean(tag))
    _sub(entry, "summary", clean(_summary_with_link(item)), type="text")


def _summary_with_link(item: FeedItem) -> str:
    link = item.external_url or item.url
    return (item.summary + "\n\n" if item.summary else "") + f"Source: {link}"


def render_json_feed(feed: Feed) -> bytes:
    """The feed as a JSON Feed 1.1 document."""
    doc: dict[str, Any] = {"version": JSONFEED_VERSION, "title": feed.title,
                           "home_page_url": feed.home_url, "feed_url": feed.feed_url,
                           "authors": [{"name": "tidings"}], "items": []}
    if feed.description:
        doc["description"] = feed.description
    for item in feed.items:
        entry: dict[str, Any] = {"id": item.id, "url": item.url, "title": item.title,
                                 "content_text": _summary_with_link(item),
                                 "date_modified": rfc3339(item.updated)}
        if item.summary:
            entry["summary"] = item.summary
        if item.external_url:
            entry["external_url"] = item.external_url
        if item.published:
            entry["date_published"] = rfc3339(item.published)
        if item.author:
            entry["authors"] = [{"name": item.author}]
        if item.language:
            entry["language"] = item.language
        if item.tags:
            entry["tags"] = item.tags
        doc["items"].append(entry)
    return json.dumps(doc, ensure_ascii=False, indent=1).encode()


def respond(feed: Feed, fmt: str) -> Response:
    if fmt == "atom":
        return Response(render_atom(feed), media_type="application/atom+xml; charset=utf-8",
                        headers={"cache-control": "public, max-age=300"})
    return Response(render_json_feed(feed), media_type="application/feed+json; charset=utf-8",
                    headers={"cache-control": "public, max-age=300"})


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _feed_format(request: Request) -> str:
    fmt = request.path_params.get("fmt", "")
    if fmt not in ("atom", "json"):
        raise HTTPException(404, "Feeds come as .atom or .json.")
    return fmt


def story_items(request: Request, stories: list[dict[str, Any]]) -> list[FeedItem]:
    """One item per story: outlets, the first report's excerpt, its primary link."""
    store, chars = request.app.state.store, request.app.state.settings.excerpt_chars
    firsts = [s["first"] for s in stories if s.get("first")]
    texts = store.article_texts([f["id"] for f in firsts])
    items = []
    for story in stories:
        first = story.get("first") or {}
        limit = snippet_limit(chars, bool(first.get("nosnippet")), first.get("max_snippet"))
        quoted = excerpt(texts.get(first.get("id"), ""), limit)
        outlets = ", ".join(story["outlets"][:10])
        lead = f"{story['source_count']} outlet(s): {outlets}."
        if first:
            lead += f" First reported by {first['source']}."
        url = f"{_base(request)}/story/{story['id']}"
        items.append(FeedItem(
            id=url, url=url, title=story["headline"], summary=f"{lead} {quoted}".strip(),
            updated=story["last_seen"] or story["first_seen"] or utcnow(),
            published=story["first_published"] or story["first_seen"],
            external_url=http_url(first.get("primary_url") or first.get("url")),
            author=first.get("source", ""), language=first.get("lang", "")))
    return items


def latest(request: Request) -> Response:
    fmt = _feed_format(request)
    stories = request.app.state.store.latest_stories(limit=FEED_ITEMS)
    base = _base(request)
    feed = Feed("tidings: latest stories", base + "/", f"{base}/feeds/latest.{fmt}",
                story_items(request, stories), "The latest stories, each told by one or more outlets.")
    return respond(feed, fmt)


def tagged(request: Request) -> Response:
    fmt = _feed_format(request)
    kind = TAG_FEEDS.get(request.path_params.get("kind", ""))
    name = str(request.path_params.get("name", "")).strip()[:200]
    if kind is None or not name:
        raise HTTPException(404, "Unknown kind of feed.")
    filters = {kind: name}
    stories = request.app.state.store.latest_stories(limit=FEED_ITEMS, **filters)
    base = _base(request)
    home = f"{base}/?{urlencode(filters)}"
    url = f"{base}/feeds/{kind}/{quote(name, safe='')}.{fmt}"
    return respond(Feed(f"tidings: {kind} {name}", home, url, story_items(request, stories)), fmt)


def story(request: Request) -> Response:
    fmt = _feed_format(request)
    story_id = params.path_id(request)
    store = request.app.state.store
    found = store.story_view(story_id) if story_id else None
    if found is None:
        raise HTTPException(404, "There is no such story.")
    members = list(reversed(found["articles"]))[:FEED_ITEMS]
    items = article_items(request, members)
    base = _base(request)
    return respond(Feed(f"tidings story: {found['headline']}", f"{base}/story/{story_id}",
                        f"{base}/feeds/story/{story_id}.{fmt}", items), fmt)


def article_items(request: Request, articles: list[dict[str, Any]]) -> list[FeedItem]:
    store, chars = request.app.state.store, request.app.state.settings.excerpt_chars
    texts = store.article_texts([a["id"] for a in articles])
    base = _base(request)
    items = []
    for a in articles:
        limit = snippet_limit(chars, bool(a["nosnippet"]), a["max_snippet"])
        url = f"{base}/article/{a['id']}"
        items.append(FeedItem(
            id=url, url=url, title=a["title"] or "untitled", summary=excerpt(texts.get(a["id"], ""), limit),
            updated=a["when"] or a["fetched"], published=a["published"],
            external_url=http_url(a["primary_url"] or a["url"]), author=a["source"], language=a["lang"]))
    return items


def search(request: Request) -> Response:
    fmt = _feed_format(request)
    q = params.text(request, "q", max_len=500)
    if not q:
        raise HTTPException(400, "A search feed needs ?q=")
    filters = search_filters(request)
    store = request.app.state.store
    hits = store.search(q, limit=FEED_ITEMS, lang=filters["lang"], source_id=filters["source"],
                        since=filters["since"], until=filters["until"],
                        snippet_chars=request.app.state.settings.excerpt_chars)
    base = _base(request)
    items = []
    for hit in hits:
        url = f"{base}/article/{hit.id}"
        items.append(FeedItem(id=url, url=url, title=hit.title or "untitled", summary=hit.snippet,
                              updated=hit.published or utcnow(), published=hit.published,
                              external_url=http_url(hit.primary_url or hit.url), author=hit.source,
                              language=hit.lang))
    query = urlencode({"q": q})
    return respond(Feed(f"tidings search: {q}", f"{base}/search?{query}",
                        f"{base}/feeds/search.{fmt}?{query}", items), fmt)
