"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1)."""
from __future__ import annotations

import html
import json
from typing import Any

from tidings.parse.entries import RawEntry
from tidings.parse.errors import FeedError


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _author(item: dict[str, Any]) -> str:
    """``authors[0].name`` (1.1) or ``author.name`` (1.0)."""
    authors = item.get("authors")
    if isinstance(authors, list) and authors and isinstance(authors[0], dict):
        return _str(authors[0].get("name"))
    author = item.get("author")
    return _str(author.get("name")) if isinstance(author, dict) else ""


def load_json(text: str) -> dict[str, Any]:
    """The top-level object of a JSON Feed; ``FeedError`` if it is not one."""
    try:
        doc = json.loads(text, strict=False)
    except (ValueError, RecursionError) as exc:
        raise FeedError(f"invalid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise FeedError("JSON document is not a JSON Feed (top level is not an object)")
    version = _str(doc.get("version"))
    if "jsonfeed.org/version/" not in version and not isinstance(doc.get("items"), list):
        raise FeedError("JSON document is not a JSON Feed (no version and no items)")
    return doc


def raw_item(item: dict[str, Any]) -> RawEntry:
    """One JSON Feed item as a ``RawEntry`` (``url``, falling back to ``external_url``)."""
    content = _str(item.get("content_html"))
    if not content and (plain := _str(item.get("content_text"))):
        content = html.escape(plain)
    return RawEntry(
        link=_str(item.get("url")) or _str(item.get("external_url")),
        guid=str(item.get("id", "")) if isinstance(item.get("id"), (str, int)) else "",
        title=_str(item.get("title")),
        summary=_str(item.get("summary")),
        content=content,
        published=_str(item.get("date_published")) or None,
        updated=_str(item.get("date_modified")) or None,
        author=_author(item),
        lang=_str(item.get("language")),
    )


def read_json_feed(text: str) -> tuple[dict[str, str], list[RawEntry]]:
    """``(feed_fields, raw_entries)``; feed fields are ``title``, ``site_url``, ``lang``."""
    doc = load_json(text)
    items = doc.get("items")
    raws = [raw_item(i) for i in items if isinstance(i, dict)] if isinstance(items, list) else []
    feed = {"title": _str(doc.get("title")), "site_url": _str(doc.get("home_page_url")),
            "lang": _str(doc.get("language"))}
    return feed, raws
