"""Save a screenshot of the home page (headless Chromium) to ``docs/screenshot.png``.

A small made-up world (fictional outlets and headlines) is written to a temporary SQLite
database, served by uvicorn on 127.0.0.1, and photographed with Playwright.

Run: ``.venv/bin/python bench/screenshot.py [--out docs/screenshot.png] [--width 1280]``
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
NOW = datetime(2026, 3, 14, 9, 0, tzinfo=timezone.utc)
OUTLETS = [("Harbour Gazette", "en"), ("Le Courrier du Lac", "fr"), ("Diario del Valle", "es"),
           ("Nordlicht Zeitung", "de"), ("Al-Wadi Daily", "ar"), ("Steppe Herald", "ru"),
           ("Wire Digest (aggregator)", "en")]
STORIES = [
    ("River levels fall after week of floods in the northern valley", "place", "Northvale", [0, 1, 2, 6]),
    ("Coastal city opens its first tidal power station", "event", "energy", [0, 3, 6]),
    ("Mountain villages cut off as heavy snow closes pass", "place", "Ridgepass", [5, 0]),
    ("Regional ministers agree on shared water plan", "actor", "Valley Council", [1, 2, 4, 0, 6]),
    ("Harvest festival draws record crowds despite the rain", "event", "festival", [2]),
    ("Rail workers end three-day strike after new offer", "event", "strike", [3, 0, 6]),
    ("Observatory records brightest meteor shower in a decade", "event", "astronomy", [0, 5]),
    ("Port authority announces night-time shipping curfew", "actor", "Port Authority", [4, 6]),
]


def seed(store) -> None:
    from tidings.store.schema import articles, sources, stories, tags
    with store.engine.begin() as conn:
        ids = [conn.execute(sources.insert().values(
            url=f"https://outlet{i}.example/feed.xml", site_url=f"https://outlet{i}.example/", title=name,
            lang=lang, is_aggregator="aggregator" in name, added_at=NOW, last_fetch=NOW)).inserted_primary_key[0]
            for i, (name, lang) in enumerate(OUTLETS)]
        for n, (headline, kind, tag, outlets) in enumerate(STORIES):
            when = NOW - timedelta(hours=5 * n + 1)
            story = conn.execute(stories.insert().values(title=headline, lang="en", first_seen=when,
                                                         last_seen=when)).inserted_primary_key[0]
            first = None
            for k, outlet in enumerate(outlets):
                is_copy = "aggregator" in OUTLETS[outlet][0] and first is not None
                url = f"https://outlet{outlet}.example/{n}-{k}"
                article = conn.execute(articles.insert().values(
                    source_id=ids[outlet], url=url, title=headline if k == 0 else f"{headline} ({OUTLETS[outlet][1]})",
                    text=None if is_copy else f"{headline}. A made-up report for the screenshot. " * 8,
                    published=when + timedelta(minutes=20 * k), fetched=when + timedelta(minutes=20 * k + 5),
                    lang=OUTLETS[outlet][1], story_id=story, duplicate_of=first if is_copy else None,
                    primary_url=f"https://outlet{outlets[0]}.example/{n}-0" if is_copy else url)).inserted_primary_key[0]
                first = first or article
            conn.execute(tags.insert().values(article_id=first, kind=kind, name=tag, evidence=headline))
            store.touch_story(conn, story)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright
    from tests.web.live import LiveServer
    from tidings.store import open_store
    from tidings.web.app import create_app
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/shot.db")
        seed(store)
        with LiveServer(create_app(store)) as server, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.goto(server.url + "/")
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out))
            browser.close()
        store.close()
    print(f"saved {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
