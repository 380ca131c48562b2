"""Feeds out (Atom 1.0, JSON Feed 1.1): valid, parseable back, excerpt + primary link only."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import feedparser
import pytest

from tests.web.seed import LOREM

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_paths(world):
    return [f"/feeds/latest.{{fmt}}", "/feeds/search.{fmt}?q=herat", f"/feeds/story/{world.stories['floods']}.{{fmt}}",
            "/feeds/place/Herat.{fmt}", "/feeds/entity/Taliban.{fmt}", "/feeds/event/flood.{fmt}"]


def test_atom_feeds_are_valid_and_parse_back(client, world):
    for path in feed_paths(world):
        response = client.get(path.format(fmt="atom"))
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("application/atom+xml")
        root = ET.fromstring(response.content)
        assert root.tag == f"{ATOM}feed"
        for required in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{required}") is not None, (path, required)
        entries = root.findall(f"{ATOM}entry")
        assert entries, path
        for entry in entries:
            for required in ("id", "title", "updated", "summary"):
                assert entry.find(f"{ATOM}{required}") is not None, (path, required)
            links = {link.get("rel"): link.get("href") for link in entry.findall(f"{ATOM}link")}
            assert links["alternate"].startswith("http://testserver/"), path
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.version == "atom10" and len(parsed.entries) == len(entries)


def test_json_feeds_follow_version_1_1(client, world):
    for path in feed_paths(world):
        response = client.get(path.format(fmt="json"))
        assert response.headers["content-type"].startswith("application/feed+json"), path
        doc = response.json()
        assert doc["version"] == "https://jsonfeed.org/version/1.1"
        assert doc["title"] and doc["home_page_url"].startswith("http://testserver/")
        assert doc["feed_url"] == "http://testserver" + path.format(fmt="json")
        assert doc["items"], path
        for item in doc["items"]:
            assert item["id"] and item["url"].startswith("http://testserver/")
            assert isinstance(item["content_text"], str) and "Source: " in item["content_text"]
        assert len({item["id"] for item in doc["items"]}) == len(doc["items"])
        # feedparser 6.0 reads no JSON Feed; the project's own parser checks these below


def test_latest_feed_has_excerpt_and_primary_link_not_full_text(client, world):
    doc = client.get("/feeds/latest.json").json()
    floods = next(i for i in doc["items"] if i["url"].endswith(f"/story/{world.stories['floods']}"))
    assert floods["title"] == "Floods hit Herat province"
    assert floods["external_url"] == "https://kp.example/flood-kp"
    assert "Heavy floods hit Herat" in floods["summary"] and "3 outlet(s)" in floods["summary"]
    assert len(floods["summary"]) < 600 and LOREM * 3 not in floods["content_text"]
    talks = next(i for i in doc["items"] if i["url"].endswith(f"/story/{world.stories['talks']}"))
    assert "pourparlers de paix reprennent" not in talks["content_text"]  # nosnippet


def test_feeds_parse_with_the_project_parser(client, world):
    feeds = pytest.importorskip("tidings.parse.feeds")
    for fmt, kind in (("atom", "atom"), ("json", "json")):
        response = client.get(f"/feeds/story/{world.stories['floods']}.{fmt}")
        parsed = feeds.parse_feed(response.content, url="http://testserver/", content_type=response.headers["content-type"])
        assert parsed.kind == kind and len(parsed.entries) == 3
        assert {e.url for e in parsed.entries} == {f"http://testserver/article/{world.articles[k]}"
                                                   for k in ("flood_kp", "flood_lm", "flood_copy")}


def test_hostile_text_is_escaped_in_feeds(client, world):
    atom = client.get("/feeds/latest.atom").content
    assert b"<script>" not in atom and b"&lt;script&gt;" in atom
    ET.fromstring(atom)
    entry = next(e for e in feedparser.parse(atom).entries if "script" in e.title)
    assert entry.title.startswith("<script>alert(1)</script>")  # text, round-tripped exactly
    json_feed = client.get("/feeds/latest.json").json()
    xss = next(i for i in json_feed["items"] if "script" in i["title"])
    assert "external_url" not in xss  # javascript: is never offered as a link


def test_feed_errors(client):
    assert client.get("/feeds/latest.rss").status_code == 404
    assert client.get("/feeds/search.atom").status_code == 400
    assert client.get("/feeds/story/999999.atom").status_code == 404
    assert client.get("/feeds/widget/x.atom").status_code == 404


def test_control_characters_are_stripped(client, sqlite_store, world):
    from tidings.store.schema import articles
    with sqlite_store.engine.begin() as conn:
        conn.execute(articles.update().where(articles.c.id == world.articles["flood_kp"]).values(
            title="Floods\x00 hit\x0b Herat\x1f province"))
    ET.fromstring(client.get(f"/feeds/story/{world.stories['floods']}.atom").content)
    json.loads(client.get(f"/feeds/story/{world.stories['floods']}.json").content)
