"""XSS payloads placed in a feed, an article page and a search query are ingested and shown,
and never execute or render as markup, in real Chromium."""
from __future__ import annotations

import asyncio
import http.server
import threading
from html import escape

import pytest

from tests.browser import MARKS, launch, loopback_context
from tests.web.live import LiveServer

pytestmark = MARKS
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    "\"><script>alert(4)</script>",
    "<a href=\"javascript:alert(5)\">click</a>",
    "<iframe src=\"javascript:alert(6)\"></iframe>",
    "<body onload=alert(7)>",
    "'';!--\"<XSS>=&{()}",
]
TITLE = "Hostile title " + PAYLOADS[1] + PAYLOADS[0]
BODY = " ".join(f"<p>Paragraph {i} of a hostile article with enough words to be an article. {p}</p>"
                for i, p in enumerate(PAYLOADS))


def hostile_site(base: str) -> dict[str, tuple[str, str]]:
    item_url = f"{base}/article-1.html"
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>{escape(TITLE)}</title>
<link>{base}/</link><description>x</description>
<item><title>{escape(TITLE)}</title><link>{item_url}</link>
<description>{escape(BODY)}</description><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate></item>
</channel></rss>"""
    page = (f"<html><head><title>{TITLE}</title><meta property=\"og:image\" content=\"javascript:alert(8)\">"
            f"<link rel=\"canonical\" href=\"javascript:alert(9)\"></head><body><article><h1>{TITLE}</h1>"
            f"{BODY}</article></body></html>")
    return {"/feed.xml": ("application/rss+xml", feed), "/article-1.html": ("text/html", page)}


class Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[str, str]] = {}

    def do_GET(self):  # noqa: N802 - the stdlib's name
        found = self.pages.get(self.path)
        body = (found[1] if found else "not found").encode()
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", found[0] if found else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def ingest(db_url: str, feed_url: str):
    from tidings.config import Settings
    from tidings.context import open_context
    from tidings.runner import run_once

    async def go():
        settings = Settings.load({"db": db_url})
        settings.fetch.allowed_networks = ("127.0.0.0/8",)
        ctx = open_context(settings)
        ctx.store.add_source(feed_url)
        await run_once(ctx)
        await ctx.aclose()
        return ctx.store

    return asyncio.run(go())


def test_payloads_never_execute(tmp_path):
    from tidings.web.app import create_app
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    Handler.pages = hostile_site(base)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        store = ingest(f"sqlite:///{tmp_path}/t.db", f"{base}/feed.xml")
    finally:
        server.shutdown()
    assert store.article_count() == 1
    with LiveServer(create_app(store)) as live, sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        context = loopback_context(browser, live.url)
        page = context.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        story_id = store.get_article(1)["story_id"]
        for path in ("/", f"/story/{story_id}", "/article/1", "/search?q=" + "%3Cscript%3Ealert(10)%3C%2Fscript%3E",
                     "/search?q=hostile", "/sources", "/feeds/latest.json"):
            page.goto(path)
            assert page.locator("script:not([src])").count() == 0 or path.startswith("/feeds"), path
            assert page.locator("img[onerror], svg[onload], iframe, a[href^='javascript:']").count() == 0, path
        page.goto("/article/1")
        assert "Hostile title" in page.inner_text("body")  # shown, as text
        page.goto(f"/story/{story_id}")
        for link in page.locator("a").all():
            href = link.get_attribute("href") or ""
            assert not href.lower().startswith(("javascript:", "data:")), href
        browser.close()
    assert dialogs == []
