"""What kind of document a fetched page is, from its Content-Type and first bytes."""
from __future__ import annotations

from tidings.models import Page

HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/feed+json", "application/json", "application/xml", "text/xml",
    "application/x-rss+xml", "application/rss", "text/rss+xml", "text/atom+xml",
}
TEXT_TYPES = {"application/json", "application/javascript", "application/ecmascript"}
_VAGUE = {"", "application/octet-stream", "text/plain", "binary/octet-stream"}
_FEED_MARKS = (b"<rss", b"<feed", b"<rdf:rdf", b"<urlset", b"<sitemapindex")


def is_textual(content_type: str) -> bool:
    """True for MIME types whose body is text worth decoding."""
    mime = content_type.split(";")[0].strip().lower()
    return (mime.startswith("text/") or mime in TEXT_TYPES or mime.endswith(("+xml", "+json"))
            or mime.endswith("/xml") or mime in _VAGUE)


def is_html(page: Page) -> bool:
    """True when ``page`` is an HTML document (by type, or sniffed when the type is vague)."""
    if page.content_type in HTML_TYPES:
        return True
    if page.content_type not in _VAGUE:
        return False
    head = _head(page)
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head[:512]


def is_feed_like(page: Page) -> bool:
    """True when ``page`` looks like RSS, Atom, RDF, JSON Feed or a (news) sitemap."""
    mime = page.content_type
    head = _head(page)
    if mime in HTML_TYPES:
        return False
    if any(mark in head for mark in _FEED_MARKS):
        return True
    if b"jsonfeed.org/version" in head.replace(b"\\/", b"/"):
        return True
    return mime in FEED_TYPES and mime not in {"application/json", "application/xml", "text/xml"}


def _head(page: Page) -> bytes:
    head = page.body[:2048]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head.lstrip().lower()
