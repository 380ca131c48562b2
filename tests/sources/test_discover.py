"""Feed discovery: pure readers of pages, and the orchestrator over a fake and a real web."""
from __future__ import annotations

import asyncio
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tidings.models import FetchError, Page
from tidings.sources.discover import (
    COMMON_FEED_PATHS, discover, feed_links, looks_like_feed, sitemaps_from_robots)

RSS = b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'
ATOM = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>'
SITEMAP = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
           b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://n.example/a'
           b'</loc></url></urlset>')
HOME = """<!doctype html><html><head>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Site &raquo; Comments Feed" href="/comments/feed/">
<link rel="alternate" type="application/rss+xml" title="Site" href="/feed/">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">
<link rel="alternate" type="application/atom+xml" href="https://n.example/atom.xml">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" hreflang="fr" href="/fr/">
<link rel="alternate" type="application/rss+xml" href="/feed/">
</head><body>
<a href="/rss.xml">RSS</a> <a href="/about">About</a> <a href="javascript:void(0)">x</a>
<a href="https://other.example/?feed=rss2">theirs</a> <a href="/news/index.xml">xml</a>
</body></html>"""


def test_feed_links_order_and_filters():
    assert feed_links(HOME, "https://n.example/section/") == [
        "https://n.example/feed/", "https://n.example/atom.xml",
        "https://n.example/section/feed.json", "https://n.example/comments/feed/",
        "https://n.example/rss.xml", "https://other.example/?feed=rss2",
        "https://n.example/news/index.xml"]
    assert feed_links(HOME, "https://n.example/", anchors=False)[-1] == "https://n.example/comments/feed/"


def test_feed_links_honour_base_href_and_survive_junk():
    html = '<base href="https://cdn.example/x/"><link rel="alternate feed" type="application/rss+xml" href="f.xml">'
    assert feed_links(html, "https://n.example/") == ["https://cdn.example/x/f.xml"]
    assert feed_links("<<<not html>>> \x00", "https://n.example/") == []


def test_sitemaps_from_robots():
    robots = ("User-agent: *\nDisallow: /private\n"
              "Sitemap: https://n.example/sitemap.xml\n"
              "sitemap:/news-sitemap.xml  # news first\n"
              "SITEMAP: ftp://n.example/no.xml\nSitemap: https://n.example/sitemap.xml\n")
    assert sitemaps_from_robots(robots, "https://n.example/") == [
        "https://n.example/news-sitemap.xml", "https://n.example/sitemap.xml"]


@pytest.mark.parametrize("body, content_type, expected", [
    (RSS, "text/html", True),
    (ATOM, "", True),
    ("\ufeff<rss/>".encode("utf-16"), "", True),
    (b'<!-- x --><rdf:RDF xmlns:rdf="r"/>', "", True),
    (b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "application/json", True),
    (b'{"items": []}', "application/feed+json", True),
    (b'{"id": 3}', "application/json", False),
    (SITEMAP, "application/xml", True),
    (b"<!DOCTYPE html><html><body>rss</body></html>", "application/rss+xml", False),
    (b"", "application/rss+xml", False),
])
def test_looks_like_feed(body, content_type, expected):
    assert looks_like_feed(body, content_type) is expected


def test_looks_like_feed_without_sitemaps():
    assert not looks_like_feed(SITEMAP, "", sitemaps=False)


class FakeWeb:
    """``get`` over in-memory pages; unknown URLs are 404 FetchErrors. Records requests."""

    def __init__(self, pages: dict[str, tuple[bytes, str]]):
        self.pages = pages
        self.requested: list[str] = []

    async def get(self, url: str) -> Page:
        self.requested.append(url)
        if url not in self.pages:
            raise FetchError("http", "HTTP 404 Not Found", status=404, url=url)
        body, content_type = self.pages[url]
        return Page(url=url, final_url=url, status=200, body=body, content_type=content_type,
                    text=body.decode("utf-8", "replace") if "html" in content_type else "")


def run(url: str, web: FakeWeb) -> list[str]:
    return asyncio.run(discover(url, web.get))


def test_a_feed_url_is_its_own_feed():
    web = FakeWeb({"https://n.example/feed": (RSS, "application/rss+xml")})
    assert run("https://n.example/feed", web) == ["https://n.example/feed"]
    assert web.requested == ["https://n.example/feed"]


def test_homepage_alternate_links_need_no_more_requests():
    web = FakeWeb({"https://n.example/": (HOME.encode(), "text/html; charset=utf-8")})
    assert run("https://n.example/", web)[:2] == ["https://n.example/feed/", "https://n.example/atom.xml"]
    assert web.requested == ["https://n.example/"]


def test_anchor_links_are_checked():
    html = b'<html><body><a href="/dead/rss.xml">x</a><a href="/live/feed">y</a></body></html>'
    web = FakeWeb({"https://n.example/": (html, "text/html"),
                   "https://n.example/live/feed": (ATOM, "application/atom+xml")})
    assert run("https://n.example/", web) == ["https://n.example/live/feed"]


def test_common_paths_then_nothing_else():
    web = FakeWeb({"https://n.example/": (b"<html><body>hi</body></html>", "text/html"),
                   "https://n.example/index.xml": (RSS, "text/xml")})
    assert run("https://n.example/", web) == ["https://n.example/index.xml"]
    tried = web.requested[1:]
    assert tried == [f"https://n.example{p}" for p in COMMON_FEED_PATHS[:len(tried)]]
    assert tried[-1] == "https://n.example/index.xml"


def test_sitemaps_from_robots_and_well_known_paths():
    web = FakeWeb({
        "https://n.example/": (b"<html><body>no feeds</body></html>", "text/html"),
        "https://n.example/robots.txt": (b"Sitemap: https://n.example/sm/news.xml\n", "text/plain"),
        "https://n.example/sm/news.xml": (SITEMAP, "application/xml"),
        "https://n.example/sitemap.xml": (SITEMAP, "application/xml"),
        "https://n.example/sitemap_news.xml": (b"<html>soft 404</html>", "text/html"),
    })
    assert run("https://n.example/", web) == ["https://n.example/sm/news.xml",
                                               "https://n.example/sitemap.xml"]


def test_nothing_found_is_an_empty_list():
    web = FakeWeb({"https://n.example/": (b"<html></html>", "text/html")})
    assert run("https://n.example/", web) == []


def test_the_first_fetch_error_propagates():
    with pytest.raises(FetchError):
        run("https://n.example/", FakeWeb({}))


class Site(BaseHTTPRequestHandler):
    """A homepage without feed links, a robots.txt naming a news sitemap, and the sitemap."""

    routes = {
        "/": (b"<html><head><title>Home</title></head><body>news</body></html>", "text/html"),
        "/robots.txt": (b"User-agent: *\nAllow: /\nSitemap: /news-sitemap.xml\n", "text/plain"),
        "/news-sitemap.xml": (SITEMAP, "application/xml"),
    }

    def do_GET(self):  # noqa: N802 - http.server's name
        body, kind = self.routes.get(self.path, (b"not found", "text/plain"))
        self.send_response(200 if self.path in self.routes else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_discover_with_the_real_fetcher_on_loopback():
    from tidings.fetch import Fetcher, FetchSettings

    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"

    async def go() -> list[str]:
        async with Fetcher(FetchSettings(allow_private=True)) as fetcher:
            return await discover(base + "/", fetcher.get)

    try:
        assert asyncio.run(go()) == [base + "/news-sitemap.xml"]
    finally:
        server.shutdown()
        server.server_close()
