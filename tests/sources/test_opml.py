"""OPML: tolerant reading (nesting, categories, languages, sites), safe parsing, round trips."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tidings.sources.opml import OpmlError, OpmlOutline, read_opml, write_opml

RESOURCES = Path("/work/shared/bench/feeds/real/rsparser/Tests/RSParserTests/Resources")

NESTED = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0"><head><title>Mine</title></head><body>
  <outline text="Asia" language="en">
    <outline text="Central Asia">
      <outline text="Outlet A" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/" language="ru"/>
      <outline text="Outlet B" type="site" htmlUrl="https://b.example/"/>
    </outline>
    <outline title="Titled" text="ignored" xmlURL="feed://c.example/feed"/>
  </outline>
  <outline text="No URL at all"/>
  <outline text="Bad scheme" xmlUrl="javascript:alert(1)"/>
  <outline text="Relative" xmlUrl="/rss.xml"/>
  <outline text="Repeat" xmlUrl="https://a.example/rss"/>
  <outline text="feed colon" xmlurl="feed:https://d.example/atom.xml"/>
</body></opml>"""


def test_nested_outlines_categories_languages_and_sites():
    outlines = read_opml(NESTED)
    assert outlines == [
        OpmlOutline("https://a.example/rss", "Outlet A", "https://a.example/", "Asia / Central Asia", "ru"),
        OpmlOutline("https://b.example/", "Outlet B", "https://b.example/", "Asia / Central Asia", "en",
                    is_site=True),
        OpmlOutline("http://c.example/feed", "Titled", "", "Asia", "en"),
        OpmlOutline("https://d.example/atom.xml", "feed colon", "", "", ""),
    ]


@pytest.mark.parametrize("name", ["Subs.opml", "SubsNoTitleAttributes.opml"])
def test_real_subscription_lists(name):
    path = RESOURCES / name
    if not path.is_file():
        pytest.skip("benchmark OPML files not present")
    outlines = read_opml(path.read_bytes())
    assert len(outlines) == 207
    assert outlines[0] == OpmlOutline("http://daringfireball.net/feeds/main", "Daring Fireball",
                                      "http://daringfireball.net/")
    assert any(o.title == "chat & code" for o in outlines)
    assert all(o.url.startswith("http") and o.title for o in outlines)


@pytest.mark.parametrize("doc", [b"", b"not xml at all", b"<rss><channel/></rss>", b"<opml"])
def test_not_opml(doc):
    with pytest.raises(OpmlError):
        read_opml(doc)


def test_entities_are_never_expanded():
    doc = b"""<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">
      <!ENTITY y "EXPANDED">]><opml version="2.0"><body>
      <outline text="&x;&y;" xmlUrl="https://a.example/rss"/></body></opml>"""
    (outline,) = read_opml(doc)
    assert "root:" not in outline.title and "EXPANDED" not in outline.title


def test_write_is_valid_opml_2_and_round_trips():
    outlines = [
        OpmlOutline("https://a.example/rss?x=1&y=2", 'Quotes "and" <angles> & amps', "https://a.example/",
                    "Asia / Central Asia", "ky"),
        OpmlOutline("https://b.example/", "Сайт Б", "https://b.example/", "Asia / Central Asia", "ru",
                    is_site=True),
        OpmlOutline("https://c.example/feed", "Bell\x07 in title", "", "", ""),
        OpmlOutline("https://d.example/feed", "", "", "Europe", "de"),
    ]
    text = write_opml(outlines, title="Export & co")
    root = etree.fromstring(text.encode("utf-8"))
    assert root.get("version") == "2.0"
    assert root.findtext("head/title") == "Export & co"
    back = read_opml(text)
    assert back[0] == outlines[0]
    assert back[1] == outlines[1]
    assert back[2].title == "Bell in title"
    assert back[3] == OpmlOutline("https://d.example/feed", "https://d.example/feed", "", "Europe", "de")
    assert [o.category for o in back] == ["Asia / Central Asia", "Asia / Central Asia", "", "Europe"]
