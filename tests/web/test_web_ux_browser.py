"""Usability in a real headless Chromium: phone layout, labels, wording that explains the numbers."""
from __future__ import annotations

import pytest

from tests.browser import MARKS, loopback_context
from tests.web.browser_fixtures import browser, live  # noqa: F401 - fixtures


pytestmark = MARKS
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")

PHONE = {"width": 390, "height": 800}
TRENDS = "/trends?place=Herat&by=day&since=2026-03-01"
# Every visible form control, and the ones among them that no label, aria-label or
# aria-labelledby names (placeholders do not count: they vanish as soon as one types).
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
  .map(e => e.name || e.id)"""
TOO_WIDE = """() => [...document.querySelectorAll('main *')]
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !e.closest('.table-wrap, .chart-scroll'))
  .map(e => e.tagName.toLowerCase() + '.' + e.className)"""


@pytest.fixture
def phone(browser, live):
    context = loopback_context(browser, live.url)
    opened = context.new_page()
    opened.set_viewport_size(PHONE)
    yield opened
    context.close()


def _public_paths(world) -> list[str]:
    return ["/", f"/story/{world.stories['floods']}", f"/article/{world.articles['flood_copy']}",
            "/search?q=floods", "/search?q=nothingmatchesthis", TRENDS, "/sources", "/complaints/new",
            f"/story/{world.stories['floods']}/comments", "/no/such/page"]


def test_phone_pages_fit_the_screen_and_every_control_is_labelled(phone, world):
    for path in _public_paths(world):
        phone.goto(path)
        assert phone.evaluate(TOO_WIDE) == [], path
        assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
        assert phone.evaluate(UNLABELLED) == [], path
        assert phone.title().strip() and not phone.title().startswith("404"), path


def test_phone_complaint_form_fields_are_full_width_with_labels_above(phone):
    phone.goto("/complaints/new")
    form = phone.locator("#complaint-form").bounding_box()
    for field in ("f-url", "f-name", "f-email", "f-phone", "f-signature"):
        label = phone.locator(f"label[for={field}]").bounding_box()
        box = phone.locator(f"#{field}").bounding_box()
        assert box["width"] >= 0.75 * form["width"], field  # not a 20-character sliver
        assert box["y"] >= label["y"] + label["height"] - 1, field  # the label sits above it


def test_phone_search_filters_share_rows_and_dates_are_not_clipped(phone):
    phone.goto("/search?q=floods")
    lang, source = phone.get_by_label("Language").bounding_box(), phone.get_by_label("Source").bounding_box()
    assert abs(lang["y"] - source["y"]) < 2  # two per row: the results start on the first screen
    for name in ("since", "until"):
        field = phone.locator(f"input[name={name}]")
        assert field.evaluate("e => e.scrollWidth <= e.clientWidth"), name


def test_phone_trend_chart_keeps_a_readable_width_inside_its_own_scroller(phone):
    phone.goto(TRENDS)
    svg = phone.locator("figure svg")
    assert svg.bounding_box()["width"] >= 500  # day labels stay legible
    scroller = phone.locator(".chart-scroll")
    assert scroller.get_attribute("tabindex") == "0"  # scrollable with the keyboard too
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_trends_spell_out_stories_versus_articles(phone):
    phone.goto(TRENDS)
    totals = phone.locator("#trend-totals").inner_text()
    assert "1 story" in totals and "3 articles" in totals and "UTC" in totals
    assert "counted once" in phone.locator("#trend-help").inner_text()


def test_story_page_names_each_outbound_link_and_marks_the_first_report(phone, world):
    phone.goto(f"/story/{world.stories['floods']}")
    first = phone.locator(".first a.out")
    assert first.get_attribute("href") == "https://kp.example/flood-kp"
    assert "Kabul Post" in first.inner_text()
    names = phone.locator(".coverage .article-line a.out").evaluate_all(
        "links => links.map(a => a.textContent.replace(/\\s+/g, ' ').trim())")
    assert len(names) >= 2 and len(set(names)) == len(names)  # not "original ↗" twice for a screen reader
    phone.goto("/")
    assert phone.locator("nav a[aria-current=page]").inner_text() == "Latest"


def test_not_found_page_says_what_happened_and_where_to_go(phone):
    response = phone.goto("/no/such/page")
    assert response.status == 404
    assert phone.title().startswith("Not found (404)")
    assert "no page at this address" in phone.locator("main").inner_text()
    assert phone.get_by_role("link", name="search the articles").is_visible()
