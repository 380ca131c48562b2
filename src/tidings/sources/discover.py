"""Feed discovery: from a homepage (or any URL) to the feeds or news sitemaps it offers.

Pure functions read what a page says (``feed_links``, ``sitemaps_from_robots``,
``looks_like_feed``); ``discover`` walks the steps with an injected fetch function:

1. the URL is itself a feed (or sitemap) → ``[url]``;
2. an HTML page → its ``<link rel="alternate">`` feeds, else its ``<a href>`` to feed-like URLs
   that turn out to be feeds;
3. else ``COMMON_FEED_PATHS`` on the site, first one that is a feed;
4. else sitemaps: ``robots.txt`` ``Sitemap:`` lines, ``/news-sitemap.xml``,
   ``/sitemap_news.xml``, ``/sitemap.xml`` (news sitemaps first).
"""
from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from tidings.models import FetchError, Page
from tidings.parse.decode import sniff_wide
from tidings.parse.entries import absolute_url
from tidings.parse.xmlsafe import root_name

Fetch = Callable[[str], Awaitable[Page]]

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json",
              "application/rdf+xml", "application/x-rss+xml", "application/x-atom+xml")
FEED_ROOTS = {"rss", "feed", "rdf", "channel"}
SITEMAP_ROOTS = {"urlset", "sitemapindex"}
COMMON_FEED_PATHS = (
    "/feed", "/feed/", "/rss", "/rss.xml", "/atom.xml", "/feed.xml", "/index.xml",
    "/feeds/posts/default", "/?feed=rss2", "/index.rss", "/rss/", "/feed.json", "/news/rss.xml",
    "/rss/index.xml",
)
SITEMAP_PATHS = ("/news-sitemap.xml", "/sitemap_news.xml", "/sitemap.xml")
MAX_ANCHOR_LINKS = 50
MAX_ANCHOR_PROBES = 6
MAX_SITEMAP_PROBES = 8
_FEEDISH_PATH = re.compile(
    r"(/feeds?/?$|/rss/?$|/atom/?$|\.rss$|\.atom$|/(rss|atom|feed)\.xml$|/index\.xml$"
    r"|/feeds/posts/default|[?&]feed=(rss2?|atom)|/rss/[\w-]+\.xml$|\.rdf$)", re.I)
_SITEMAP_LINE = re.compile(r"^\s*sitemap\s*:\s*(\S+)", re.I | re.M)


def _unique(urls: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(u for u in urls if u))


def _base_href(tree: LexborHTMLParser, base_url: str) -> str:
    base = tree.css_first("base[href]")
    href = base.attributes.get("href") if base is not None else None
    return absolute_url(href, base_url) or base_url if href else base_url


def _is_feed_link(attrs: dict[str, str | None]) -> bool:
    rel = (attrs.get("rel") or "").lower().split()
    kind = (attrs.get("type") or "").lower().split(";")[0].strip()
    if "alternate" not in rel and "feed" not in rel:
        return False
    if kind in FEED_TYPES:
        return True
    hint = f"{attrs.get('href') or ''} {attrs.get('title') or ''}".lower()
    return kind == "application/json" and "feed" in hint  # not WordPress's REST links


def _is_comments(url: str, title: str) -> bool:
    return "comment" in url.lower() or "comment" in title.lower()


def _alternate_links(tree: LexborHTMLParser, base: str) -> list[str]:
    """``<link rel=alternate type=rss/atom/json>`` hrefs; comment feeds go last."""
    found: list[tuple[bool, str]] = []
    for node in tree.css("link[href]"):
        attrs = node.attributes
        if _is_feed_link(attrs):
            url = absolute_url(attrs.get("href"), base)
            found.append((_is_comments(url, attrs.get("title") or ""), url))
    return _unique(url for _, url in sorted(found, key=lambda pair: pair[0]))


def anchor_feed_links(html: str, base_url: str) -> list[str]:
    """``<a href>`` targets whose path looks like a feed (``/feed``, ``rss.xml`` ...): weaker."""
    tree = LexborHTMLParser(html)
    base = _base_href(tree, base_url)
    found = []
    for node in tree.css("a[href]")[:5000]:
        url = absolute_url(node.attributes.get("href"), base)
        parts = urlsplit(url) if url else None
        if parts and _FEEDISH_PATH.search(parts.path + ("?" + parts.query if parts.query else "")):
            found.append(url)
    return _unique(found)[:MAX_ANCHOR_LINKS]


def feed_links(html: str, base_url: str, *, anchors: bool = True) -> list[str]:
    """Feed URLs a page advertises, best first, de-duplicated, absolute http(s).

    ``<link rel="alternate">`` feeds come first (comment feeds last among them), then, if
    ``anchors``, ``<a href>`` links to obvious feed URLs.
    """
    tree = LexborHTMLParser(html)
    links = _alternate_links(tree, _base_href(tree, base_url))
    if anchors:
        links += anchor_feed_links(html, base_url)
    return _unique(links)


def sitemaps_from_robots(robots_txt: str, base_url: str) -> list[str]:
    """The ``Sitemap:`` URLs of a robots.txt (resolved, http(s), de-duplicated, news first)."""
    urls = _unique(absolute_url(m.group(1).split("#")[0], base_url)
                   for m in _SITEMAP_LINE.finditer(robots_txt or ""))
    return sorted(urls, key=lambda url: "news" not in url.lower())


def _head_text(data: bytes) -> str:
    head = data[:8192]
    codec, bom = sniff_wide(head)
    return head[bom:].decode(codec or "utf-8", errors="replace")


def looks_like_feed(data: bytes, content_type: str = "", *, sitemaps: bool = True) -> bool:
    """Whether a body is an RSS/Atom/RDF/JSON feed (or, if ``sitemaps``, a sitemap).

    Decided by the content (root element, JSON Feed version) — servers label feeds
    ``text/html`` and error pages ``application/rss+xml`` often enough.
    """
    text = _head_text(data).lstrip()
    kind = (content_type or "").lower().split(";")[0].strip()
    if text.startswith(("{", "[")):
        return "jsonfeed.org/version" in text or kind == "application/feed+json"
    root = root_name(text)
    return root in FEED_ROOTS or (sitemaps and root in SITEMAP_ROOTS)


def site_root(url: str) -> str:
    """``https://host[:port]/`` of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/"


def page_text(page: Page) -> str:
    """The page's text as the fetcher decoded it, else its body read as UTF-8."""
    return page.text or page.body.decode("utf-8", errors="replace")


def is_html_page(page: Page) -> bool:
    kind = (page.content_type or "").lower()
    return "html" in kind or "<html" in page_text(page)[:4096].lower()


async def _probe(get: Fetch, url: str) -> Page | None:
    """The page at ``url`` if it could be fetched with a 2xx status, else ``None``."""
    try:
        page = await get(url)
    except FetchError:
        return None
    return page if 200 <= page.status < 300 else None


async def _first_feeds(get: Fetch, urls: Iterable[str], limit: int, tries: int) -> list[str]:
    """Up to ``limit`` of the first ``tries`` of ``urls``, fetched in order, that are feeds."""
    found: list[str] = []
    for url in list(urls)[:tries]:
        page = await _probe(get, url)
        if page is not None and looks_like_feed(page.body, page.content_type):
            found.append(page.final_url or url)
            if len(found) >= limit:
                break
    return _unique(found)


async def _try_common_paths(get: Fetch, root: str) -> list[str]:
    for path in COMMON_FEED_PATHS:
        page = await _probe(get, urljoin(root, path))
        if page is not None and looks_like_feed(page.body, page.content_type, sitemaps=False):
            return [page.final_url or urljoin(root, path)]
    return []


async def _try_sitemaps(get: Fetch, root: str) -> list[str]:
    robots = await _probe(get, urljoin(root, "/robots.txt"))
    listed = sitemaps_from_robots(page_text(robots), root) if robots else []
    candidates = _unique(listed + [urljoin(root, path) for path in SITEMAP_PATHS])
    candidates.sort(key=lambda url: "news" not in url.lower())
    return await _first_feeds(get, candidates, limit=3, tries=MAX_SITEMAP_PROBES)


async def discover(url: str, get: Fetch) -> list[str]:
    """Feed (or news sitemap) URLs for ``url``, best first; ``[]`` when none is found.

    ``get(url) -> Page`` is the fetch function (``Fetcher.get``); a ``FetchError`` for ``url``
    itself propagates, failures of the probes that follow are skipped.
    """
    page = await get(url)
    final = page.final_url or url
    if looks_like_feed(page.body, page.content_type):
        return [final]
    if is_html_page(page):
        html = page_text(page)
        links = feed_links(html, final, anchors=False)
        if links:
            return links
        found = await _first_feeds(get, anchor_feed_links(html, final), 3, MAX_ANCHOR_PROBES)
        if found:
            return found
    root = site_root(final)
    return await _try_common_paths(get, root) or await _try_sitemaps(get, root)
