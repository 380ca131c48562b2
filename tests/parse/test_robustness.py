"""Malformed documents, wrong encodings, dates and links: recover what can be, refuse the rest."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tidings.parse import FeedError, parse_feed
from tidings.parse.dates import parse_date
from tidings.parse.decode import to_text

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)


def rss(items: str, head: str = '<?xml version="1.0" encoding="utf-8"?>', title: str = "T") -> str:
    return f'{head}<rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'


def item(link: str = "", guid: str = "", title: str = "x", date: str = "") -> str:
    parts = [f"<title>{title}</title>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if guid:
        parts.append(f"<guid>{guid}</guid>")
    if date:
        parts.append(f"<pubDate>{date}</pubDate>")
    return "<item>" + "".join(parts) + "</item>"


@pytest.mark.parametrize("doc, reason", [
    (b"", "empty"),
    (b"   \n ", "empty"),
    (b"just some words", "not a feed"),
    (b"<!DOCTYPE html><html><head><title>Home</title></head><body>hi</body></html>", "HTML page"),
    (b'<opml version="2.0"><body><outline text="x"/></body></opml>', "OPML"),
    (b"<rss", "not a feed"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a feed"),
])
def test_unrecoverable_documents_raise_a_one_line_feed_error(doc, reason):
    with pytest.raises(FeedError) as caught:
        parse_feed(doc)
    message = str(caught.value)
    assert reason in message
    assert "\n" not in message and "Traceback" not in message
    assert isinstance(caught.value, ValueError)


def test_broken_markup_is_recovered_with_a_warning():
    doc = rss(item("http://a.example/1", title="AT&T &nbsp;deal") + "<item><title>cut",
              head="")
    feed = parse_feed(doc.encode(), now=NOW)
    assert [e.url for e in feed.entries][:1] == ["http://a.example/1"]
    assert feed.entries[0].title == "AT&T deal"


def test_html_entities_and_stray_ampersands_are_read():
    doc = rss(item("http://a.example/1?a=1&b=2", title="Caf&eacute; &amp; M&M &hellip;"))
    feed = parse_feed(doc.encode(), now=NOW)
    entry = feed.entries[0]
    assert entry.title == "Café & M&M …"
    assert entry.url == "http://a.example/1?a=1&b=2"


def test_latin1_bytes_declared_utf8_still_parse_with_a_warning():
    doc = rss(item("http://a.example/caf", title="Café à Genève"), title="Journal de Genève")
    feed = parse_feed(doc.encode("latin-1"), now=NOW)
    assert feed.entries[0].title == "Café à Genève"
    assert feed.title == "Journal de Genève"
    assert "does not fit" in feed.warning


def test_utf8_bytes_declared_latin1_are_read_as_utf8():
    doc = rss(item("http://a.example/1", title="Привет"),
              head='<?xml version="1.0" encoding="iso-8859-1"?>')
    feed = parse_feed(doc.encode("utf-8"), now=NOW)
    assert feed.entries[0].title == "Привет"
    assert "UTF-8" in feed.warning


@pytest.mark.parametrize("codec", ["cp1251", "koi8-r"])
def test_declared_legacy_encoding(codec):
    doc = rss(item("http://a.example/1", title="Новости дня"),
              head=f'<?xml version="1.0" encoding="{codec}"?>')
    feed = parse_feed(doc.encode(codec), now=NOW)
    assert feed.entries[0].title == "Новости дня"
    assert feed.warning is None


def test_http_charset_is_used_without_a_declaration():
    doc = rss(item("http://a.example/1", title="Ελληνικά νέα"), head="")
    feed = parse_feed(doc.encode("iso-8859-7"), content_type="text/xml; charset=ISO-8859-7", now=NOW)
    assert feed.entries[0].title == "Ελληνικά νέα"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_wide_encodings_with_or_without_bom(codec):
    doc = rss(item("http://a.example/1", title="اردو خبریں"),
              head=f'<?xml version="1.0" encoding="{codec}"?>')
    feed = parse_feed(doc.encode(codec), now=NOW)
    assert feed.entries[0].title == "اردو خبریں"


def test_ebcdic():
    doc = rss(item("http://a.example/1", title="Mainframe"),
              head='<?xml version="1.0" encoding="cp037"?>')
    assert parse_feed(doc.encode("cp037"), now=NOW).entries[0].title == "Mainframe"


def test_control_characters_are_dropped():
    doc = rss(item("http://a.example/1", title="bell\x07 and\x1b escape"))
    assert parse_feed(doc.encode(), now=NOW).entries[0].title == "bell and escape"


def test_links_relative_guid_and_dropped():
    items = "".join([
        item("../story/1"),
        item(guid="https://a.example/from-guid"),
        item(guid="urn:uuid:1234"),
        item("javascript:alert(1)"),
        item("mailto:x@a.example"),
        item("  https://a.example/wrapped\n/link  "),
        item("../story/1"),
    ])
    feed = parse_feed(rss(items).encode(), url="https://a.example/feeds/main.xml", now=NOW)
    assert [e.url for e in feed.entries] == [
        "https://a.example/story/1", "https://a.example/from-guid",
        "https://a.example/wrapped/link"]
    assert "3 entries without a usable http(s) link dropped" in feed.warning


def test_relative_links_without_a_feed_url_use_the_site_link():
    doc = '<rss version="2.0"><channel><title>T</title><link>https://site.example/</link>' \
          + item("/a") + "</channel></rss>"
    assert parse_feed(doc.encode(), now=NOW).entries[0].url == "https://site.example/a"


@pytest.mark.parametrize("raw, expected", [
    ("Sat, 01 Jun 2024 09:00:00 GMT", datetime(2024, 6, 1, 9, tzinfo=timezone.utc)),
    ("Sat, 01 Jun 2024 09:00:00 +0530", datetime(2024, 6, 1, 3, 30, tzinfo=timezone.utc)),
    ("2024-05-31T22:00:00-04:00", datetime(2024, 6, 1, 2, tzinfo=timezone.utc)),
    ("2024-05-31 22:00:00", datetime(2024, 5, 31, 22, tzinfo=timezone.utc)),
    ("2024-05-31", datetime(2024, 5, 31, tzinfo=timezone.utc)),
    ("not a date", None),
    ("", None),
    ("Mon, 01 Jan 2035 00:00:00 GMT", None),
    ("1970-01-01T00:00:00Z", None),
])
def test_dates(raw, expected):
    assert parse_date(raw, NOW) == expected


def test_dates_in_the_future_beyond_two_days_are_dropped():
    soon = (NOW + timedelta(days=1)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    later = (NOW + timedelta(days=3)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    doc = rss(item("http://a.example/1", date=soon) + item("http://a.example/2", date=later))
    first, second = parse_feed(doc.encode(), now=NOW).entries
    assert first.published == NOW + timedelta(days=1)
    assert second.published is None
    assert first.published.tzinfo is timezone.utc


def test_summary_is_plain_and_short():
    long_html = "<p>" + "word " * 2000 + "</p><script>alert(1)</script>"
    doc = rss(f"<item><title>t</title><link>http://a.example/1</link>"
              f"<description><![CDATA[{long_html}]]></description></item>")
    entry = parse_feed(doc.encode(), now=NOW).entries[0]
    assert len(entry.summary) <= 1000 and entry.summary.endswith("…")
    assert "<" not in entry.summary and "alert" not in entry.summary
    assert entry.content.startswith("<p>word")


def test_to_text_reports_a_bad_declaration_and_guesses():
    text, warnings = to_text("<rss><title>Ünïcödé</title></rss>".encode("cp1252"))
    assert "Ünïcödé" in text
    assert warnings and "guessed" in warnings[0]
