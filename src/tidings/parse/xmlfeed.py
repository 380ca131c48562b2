"""RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 through fastfeedparser, with feedparser as the fallback.

Both readers get sanitized UTF-8 bytes (see ``xmlsafe``), never a ``str``: fastfeedparser
fetches a ``str`` that starts with ``http``, and feedparser opens a local file whose path
equals its bytes argument, so feedparser is always handed a file object.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

import fastfeedparser
import feedparser

from tidings.parse.entries import RawEntry

_TAG = r"([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)"
_LANGUAGE = re.compile(r"<(?:[\w-]+:)?language>\s*" + _TAG + r"\s*</", re.I)
_XML_LANG = re.compile(r"""\sxml:lang\s*=\s*["']""" + _TAG + "[\"']")
_FIRST_ITEM = re.compile(r"<(?:[\w-]+:)?(?:item|entry)[\s>/]")
FEEDPARSER_KINDS = {"rss090": "rdf", "rss10": "rdf", "atom": "atom", "rss": "rss", "cdf": "rss"}


@dataclass(slots=True)
class XmlResult:
    """What one reader found: feed fields, raw entries, and trouble on the way."""

    title: str = ""
    site_url: str = ""
    lang: str = ""
    raws: list[RawEntry] = field(default_factory=list)
    kind: str = ""
    problem: str = ""


def _str(value: object) -> str:
    return value if isinstance(value, str) else ""


def _first_content(entry: Any) -> tuple[str, str]:
    """``(value, language)`` of the entry's first content block."""
    blocks = entry.get("content")
    if isinstance(blocks, list) and blocks and isinstance(blocks[0], dict):
        return _str(blocks[0].get("value")), _str(blocks[0].get("language"))
    return "", ""


def _raw_from_fast(entry: Any) -> RawEntry:
    content, lang = _first_content(entry)
    return RawEntry(link=_str(entry.get("link")), guid=_str(entry.get("id")),
                    title=_str(entry.get("title")), summary=_str(entry.get("description")),
                    content=content, published=entry.get("published"),
                    updated=entry.get("updated"), author=_str(entry.get("author")), lang=lang)


def _raw_from_feedparser(entry: Any) -> RawEntry:
    content, lang = _first_content(entry)
    title_detail = entry.get("title_detail")
    if not lang and isinstance(title_detail, dict):
        lang = _str(title_detail.get("language"))
    return RawEntry(link=_str(entry.get("link")), guid=_str(entry.get("id")),
                    title=_str(entry.get("title")), summary=_str(entry.get("summary")),
                    content=content,
                    published=entry.get("published_parsed") or entry.get("published"),
                    updated=dict.get(entry, "updated_parsed") or dict.get(entry, "updated"),
                    author=_str(entry.get("author")), lang=lang)


def channel_language(data: bytes) -> str:
    """The feed-level ``<language>``/``<dc:language>`` or root ``xml:lang``, read before the
    first item (fastfeedparser only reports ``xml:lang``)."""
    head = data[:65536].decode("utf-8", errors="ignore")
    first_item = _FIRST_ITEM.search(head)
    head = head[: first_item.start()] if first_item else head
    found = _LANGUAGE.search(head) or _XML_LANG.search(head)
    return found.group(1) if found else ""


def read_fast(data: bytes) -> XmlResult:
    """fastfeedparser over ``data``; ``problem`` holds its error if it raised."""
    try:
        parsed = fastfeedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - any failure sends us to the fallback
        return XmlResult(problem=f"{type(exc).__name__}: {exc}")
    feed = parsed.get("feed") or {}
    entries = parsed.get("entries") or []
    return XmlResult(title=_str(feed.get("title")), site_url=_str(feed.get("link")),
                     lang=_str(feed.get("language")) or channel_language(data),
                     raws=[_raw_from_fast(e) for e in entries if isinstance(e, dict)])


def read_feedparser(data: bytes, url: str) -> XmlResult:
    """feedparser over ``data`` (relative URIs resolved against ``url``); never raises."""
    headers = {"content-type": "application/xml; charset=utf-8"}
    if url:
        headers["content-location"] = url
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    feed = parsed.get("feed") or {}
    version = _str(parsed.get("version"))
    kind = next((k for prefix, k in FEEDPARSER_KINDS.items() if version.startswith(prefix)), "")
    problem = ""
    if parsed.get("bozo"):
        problem = f"{type(parsed.get('bozo_exception')).__name__}: {parsed.get('bozo_exception')}"
    return XmlResult(title=_str(feed.get("title")), site_url=_str(feed.get("link")),
                     lang=_str(feed.get("language")), kind=kind, problem=problem,
                     raws=[_raw_from_feedparser(e) for e in parsed.get("entries") or []])


def _fill_gaps(winner: XmlResult, other: XmlResult) -> XmlResult:
    winner.title = winner.title or other.title
    winner.site_url = winner.site_url or other.site_url
    winner.lang = winner.lang or other.lang
    winner.kind = winner.kind or other.kind
    return winner


def read_xml_feed(data: bytes, url: str) -> XmlResult:
    """fastfeedparser first; feedparser too when fastfeedparser raises or misses entries or title.

    The reader with more entries wins (fastfeedparser on a tie, unless it raised); the
    other fills its missing feed fields. ``problem`` is set when the winner had to recover.
    """
    fast = read_fast(data)
    if fast.raws and fast.title:
        return fast
    slow = read_feedparser(data, url)
    if fast.problem or len(slow.raws) > len(fast.raws):
        return _fill_gaps(slow, fast)
    return _fill_gaps(fast, slow)
