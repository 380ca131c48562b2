"""End to end in real Chromium: a copyright complaint is filed on the public form, shows in the
moderators' queue with its 24-hour deadline, is acted on; the article is gone from pages,
search, API and feeds; the next poll does not bring it back; the audit log has each step."""
from __future__ import annotations

import asyncio
import json
import re

import pytest
import sqlalchemy as sa

from tests.browser import MARKS, launch, loopback_context
from tests.web.live import LiveServer

pytestmark = MARKS
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")


def ingest_simulated_web(sim, db_url):
    from tidings.config import Settings
    from tidings.context import open_context
    from tidings.runner import run_once
    from tidings.sources.manage import import_opml

    async def go():
        settings = Settings.load({"db": db_url})
        settings.fetch.allowed_networks = ("127.0.0.0/8",)
        ctx = open_context(settings)
        if not ctx.store.source_count():
            import_opml(ctx.store, sim.opml())
        outcomes = await run_once(ctx)
        await ctx.aclose()
        return ctx.store, outcomes

    return asyncio.run(go())


def an_original_with_copies(store):
    """An original that other sites copied: its copies show its text, so they must go too."""
    from tidings.store.schema import articles
    copy = articles.alias("copy")
    copies = sa.select(sa.func.count()).where(copy.c.duplicate_of == articles.c.id).scalar_subquery()
    with store.engine.connect() as conn:
        row = conn.execute(sa.select(articles.c.id, articles.c.url, articles.c.title).where(
            articles.c.duplicate_of.is_(None), articles.c.feed_only.is_(False), copies > 0)
            .order_by(articles.c.id).limit(1)).first()
        copy_urls = conn.execute(sa.select(copy.c.url).where(copy.c.duplicate_of == row.id)).scalars().all()
    return row, copy_urls


def file_complaint(page, article_url):
    page.goto("/complaints/new")
    page.select_option("#f-kind", "copyright")
    page.fill("#f-url", article_url)
    page.fill("#f-work", "My article, first published on my site")
    page.fill("#f-name", "Ada Author")
    page.fill("#f-email", "ada@example.org")
    page.fill("#f-address", "1 Main Street, Springfield")
    page.fill("#f-phone", "+1 555 0100")
    page.check("#f-good_faith")
    page.check("#f-accuracy")
    page.fill("#f-signature", "Ada Author")
    page.click("#complaint-submit")


def test_complaint_to_takedown_in_the_browser(tmp_path):
    from tidings.rights.accounts import create_user
    from tidings.simweb import SimWeb
    from tidings.store.schema import audit_log, sources
    from tidings.web.app import create_app

    db_url = f"sqlite:///{tmp_path}/t.db"
    with SimWeb(seed=3, sites=6, days=5) as sim:
        store, _ = ingest_simulated_web(sim, db_url)
        victim, copy_urls = an_original_with_copies(store)
        assert copy_urls
        create_user(store, "mod", "correct horse battery", "moderator")
        count_before = store.article_count()
        with LiveServer(create_app(store)) as live, sync_api.sync_playwright() as playwright:
            browser = launch(playwright)
            context = loopback_context(browser, live.url)
            page = context.new_page()
            article_page = f"{live.url}/article/{victim.id}"
            assert page.goto(article_page).status == 200

            file_complaint(page, article_page)
            assert "deadline" in page.content().lower()

            page.goto("/admin/login?next=/admin/complaints")
            page.fill("#f-username", "mod")
            page.fill("#f-password", "correct horse battery")
            page.click("#login-submit")
            page.wait_for_url(re.compile(r".*/admin/complaints.*"))
            queue = page.content()
            assert "Ada Author" in queue or "copyright" in queue.lower()
            page.click("a[href^='/admin/complaints/']:not([href$='complaints/'])")
            page.fill("#f-article_id", str(victim.id))
            page.click("#takedown")
            assert page.locator("#complaint-status").get_attribute("data-status") != "open"

            assert page.goto(article_page).status in (404, 410)
            page.goto(f"/search?q={victim.title.split()[0]}")
            assert f"/article/{victim.id}\"" not in page.content()
            assert context.request.get(f"/api/v1/articles/{victim.id}").status in (404, 410)
            feed = context.request.get("/feeds/latest.json").text()
            items = json.loads(feed)["items"]
            assert f"/article/{victim.id}\"" not in feed
            assert not any(item.get("external_url") in (victim.url, *copy_urls) for item in items)
            browser.close()

        with store.engine.begin() as conn:  # forget the validators: the next poll reads every feed again
            conn.execute(sources.update().values(etag=None, last_modified=None))
        store, outcomes = ingest_simulated_web(sim, db_url)
        assert all(not o.error for o in outcomes if o.new)
        assert store.article_count() == count_before - 1 - len(copy_urls)
        assert store.get_article(victim.id)["status"] == "taken_down"

    with store.engine.connect() as conn:
        actions = [row.action for row in conn.execute(sa.select(audit_log.c.action).order_by(audit_log.c.id))]
    assert any("complaint" in action or "filed" in action for action in actions), actions
    assert any("take" in action for action in actions), actions
