"""Real headless Chromium against a real uvicorn server: navigation, search, chart, login."""
from __future__ import annotations

import re

import pytest

from tests.browser import MARKS, loopback_context
from tests.web.browser_fixtures import browser, live  # noqa: F401 - fixtures


pytestmark = MARKS
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")


@pytest.fixture
def page(browser, live):
    context = loopback_context(browser, live.url)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    opened.errors = errors
    yield opened
    context.close()


def test_home_story_article_and_primary_link(page, world):
    page.goto("/")
    assert page.title().startswith("Latest stories")
    page.get_by_role("link", name="Floods hit Herat province").click()
    page.wait_for_url(re.compile(r"/story/\d+$"))
    assert "First reported by Kabul Post" in page.locator(".first").inner_text()
    page.locator(".coverage").get_by_role("link", name="Inondations à Herat").click()
    page.wait_for_url(re.compile(r"/article/\d+$"))
    link = page.locator("a.primary-link")
    assert link.get_attribute("href") == "https://lm.example/flood-lm"
    assert link.get_attribute("rel") == "noopener noreferrer nofollow"
    assert link.is_visible()
    assert page.errors == []  # no CSP violations or script errors


def test_search_shows_highlighted_hits(page, world):
    page.goto("/")
    page.get_by_label("Search articles").fill("heavy floods")
    page.get_by_label("Search articles").press("Enter")
    page.wait_for_url(re.compile(r"/search\?q=heavy\+floods"))
    marks = page.locator(".hits mark").all_inner_texts()
    assert {m.lower() for m in marks} >= {"heavy", "floods"}
    page.get_by_label("Language").select_option("fr")
    page.get_by_label("Words").fill("herat")
    page.get_by_role("button", name="Search", exact=True).last.click()
    assert page.locator(".hits h2").all_inner_texts() == ["Inondations à Herat"]


def test_trends_chart_renders(page, world):
    page.goto("/trends?place=Herat&by=day&since=2026-03-01")
    svg = page.locator("figure svg")
    assert svg.is_visible()
    assert svg.locator("rect").count() >= 2
    box = svg.bounding_box()
    assert box["width"] > 200 and box["height"] > 50


def test_keyboard_skip_link_and_phone_layout(page, world):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.goto(f"/story/{world.stories['floods']}")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_admin_login(page, sqlite_store, world):
    accounts = pytest.importorskip("tidings.rights.accounts", reason="the rights package is not installed")
    accounts.create_user(sqlite_store, "root", "correct-horse-battery", "admin")
    page.goto("/admin/sources")
    page.wait_for_url(re.compile(r"/admin/login\?next="))
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("correct-horse-battery")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/sources$"))
    page.get_by_label("Feed or site URL").fill("https://added.example/feed.xml")
    page.get_by_role("button", name="Add source").click()
    page.wait_for_url(re.compile(r"/admin/sources\?notice="))
    assert "https://added.example/feed.xml" in page.locator("table").inner_text()
