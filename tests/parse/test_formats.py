"""parse_feed over each format it reads: RSS 0.9x/1.0/2.0, Atom 0.3/1.0, JSON Feed, sitemaps."""
from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone

import pytest

from tidings.parse import FeedError, parse_feed

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example &amp; Co</title><link>https://example.org/</link><language>en-GB</language>
  <item>
    <title>First &lt;b&gt;bold&lt;/b&gt; story</title>
    <link>https://example.org/news/1</link>
    <guid isPermaLink="false">id-1</guid>
    <pubDate>Fri, 31 May 2024 10:00:00 +0200</pubDate>
    <dc:creator>Ana Author</dc:creator>
    <description>&lt;p&gt;Short &lt;script&gt;evil()&lt;/script&gt;summary&lt;/p&gt;</description>
    <content:encoded><![CDATA[<p>Full <em>body</em> text</p>]]></content:encoded>
  </item>
  <item><title>Second</title><link>/news/2</link></item>
</channel></rss>"""


def test_rss2_fields():
    feed = parse_feed(RSS2, url="https://example.org/feed.xml", now=NOW)
    assert (feed.kind, feed.title, feed.site_url, feed.lang) == (
        "rss", "Example & Co", "https://example.org/", "en-gb")
    first, second = feed.entries
    assert first.url == "https://example.org/news/1"
    assert first.title == "First bold story"
    assert first.published == datetime(2024, 5, 31, 8, 0, tzinfo=UTC)
    assert first.author == "Ana Author"
    assert first.guid == "id-1"
    assert first.summary == "Short summary"
    assert "<em>body</em>" in first.content
    assert first.lang == "en-gb"
    assert second.url == "https://example.org/news/2"
    assert second.published is None
    assert feed.warning is None


@pytest.mark.parametrize("version", ["0.91", "0.92", "0.94"])
def test_rss_09x(version):
    doc = f"""<rss version="{version}"><channel><title>Old</title><link>http://old.example/</link>
    <item><title>Item</title><link>http://old.example/a</link>
    <description>Text</description></item></channel></rss>"""
    feed = parse_feed(doc.encode(), now=NOW)
    assert feed.kind == "rss"
    assert [e.url for e in feed.entries] == ["http://old.example/a"]
    assert feed.entries[0].summary == "Text"


def test_rss_10_rdf():
    doc = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="http://rdf.example/"><title>RDF site</title><link>http://rdf.example/</link>
    <dc:language>de</dc:language></channel>
  <item rdf:about="http://rdf.example/1"><title>Eins</title><link>http://rdf.example/1</link>
    <dc:date>2024-05-30T08:15:00+02:00</dc:date></item>
</rdf:RDF>"""
    feed = parse_feed(doc, now=NOW)
    assert feed.kind == "rdf"
    assert feed.title == "RDF site"
    assert feed.entries[0].url == "http://rdf.example/1"
    assert feed.entries[0].published == datetime(2024, 5, 30, 6, 15, tzinfo=UTC)


def test_rss_090_needs_the_fallback_reader():
    doc = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://my.netscape.com/rdf/simple/0.9/">
  <channel><title>Ninety</title><link>http://ninety.example/</link><description>d</description></channel>
  <item><title>A</title><link>http://ninety.example/a</link></item>
  <item><title>B</title><link>http://ninety.example/b</link></item>
</rdf:RDF>"""
    feed = parse_feed(doc, now=NOW)
    assert feed.kind == "rdf"
    assert [e.title for e in feed.entries] == ["A", "B"]


ATOM10 = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title type="html">Le &lt;i&gt;Journal&lt;/i&gt;</title>
  <link rel="alternate" href="https://journal.example/"/>
  <link rel="self" href="https://journal.example/atom.xml"/>
  <entry>
    <title>Premier</title>
    <link rel="enclosure" href="https://journal.example/audio.mp3"/>
    <link rel="alternate" type="text/html" href="/articles/premier"/>
    <id>tag:journal.example,2024:1</id>
    <published>2024-05-31T23:30:00-05:00</published>
    <updated>2024-06-01T01:00:00Z</updated>
    <author><name>Jeanne</name></author>
    <summary>Résumé</summary>
    <content type="html">&lt;p&gt;Texte complet&lt;/p&gt;</content>
  </entry>
</feed>""".encode()


def test_atom10():
    feed = parse_feed(ATOM10, url="https://journal.example/atom.xml", now=NOW)
    assert (feed.kind, feed.title, feed.site_url, feed.lang) == (
        "atom", "Le Journal", "https://journal.example/", "fr")
    entry = feed.entries[0]
    assert entry.url == "https://journal.example/articles/premier"
    assert entry.published == datetime(2024, 6, 1, 4, 30, tzinfo=UTC)
    assert entry.updated == datetime(2024, 6, 1, 1, 0, tzinfo=UTC)
    assert entry.author == "Jeanne"
    assert entry.summary == "Résumé"
    assert "Texte complet" in entry.content
    assert entry.guid == "tag:journal.example,2024:1"


def test_atom03():
    doc = b"""<?xml version="1.0"?>
<feed version="0.3" xmlns="http://purl.org/atom/ns#">
  <title>Old Atom</title><link rel="alternate" type="text/html" href="http://atom03.example/"/>
  <entry><title>Entry</title><link rel="alternate" type="text/html" href="http://atom03.example/e"/>
    <id>urn:x:1</id><issued>2024-05-01T10:00:00Z</issued><modified>2024-05-02T10:00:00Z</modified>
  </entry>
</feed>"""
    feed = parse_feed(doc, now=NOW)
    assert feed.kind == "atom"
    entry = feed.entries[0]
    assert entry.url == "http://atom03.example/e"
    assert entry.published == datetime(2024, 5, 1, 10, 0, tzinfo=UTC)


def test_json_feed_11():
    doc = {
        "version": "https://jsonfeed.org/version/1.1", "title": "JSON site",
        "home_page_url": "https://json.example/", "language": "es",
        "items": [
            {"id": "1", "url": "https://json.example/1", "title": "Uno",
             "content_html": "<p>Hola</p>", "date_published": "2024-05-31T10:00:00+02:00",
             "authors": [{"name": "Pilar"}]},
            {"id": "https://json.example/2", "content_text": "a < b & c",
             "date_modified": "2024-05-30T00:00:00Z", "language": "ca"},
            {"id": "not-a-url", "title": "no link at all"},
            "not an object",
        ],
    }
    feed = parse_feed(json.dumps(doc).encode(), content_type="application/feed+json", now=NOW)
    assert (feed.kind, feed.title, feed.site_url, feed.lang) == (
        "json", "JSON site", "https://json.example/", "es")
    first, second = feed.entries
    assert first.author == "Pilar"
    assert first.published == datetime(2024, 5, 31, 8, 0, tzinfo=UTC)
    assert second.url == "https://json.example/2"
    assert second.content == "a &lt; b &amp; c"
    assert second.summary == "a < b & c"
    assert second.lang == "ca"
    assert "1 entries without a usable http(s) link dropped" in feed.warning


def test_json_feed_10_author_and_external_url():
    doc = {"version": "https://jsonfeed.org/version/1", "title": "T",
           "items": [{"id": "x", "external_url": "https://else.example/a",
                      "author": {"name": "Old Style"}}]}
    feed = parse_feed(json.dumps(doc), now=NOW)
    assert feed.entries[0].url == "https://else.example/a"
    assert feed.entries[0].author == "Old Style"


@pytest.mark.parametrize("doc", [b"{not json", b"[1, 2]", b'{"title": "no items"}', b"[" * 100_000])
def test_bad_json_is_a_feed_error(doc):
    with pytest.raises(FeedError):
        parse_feed(doc)


NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>https://paper.example/2024/05/31/story</loc>
    <lastmod>2024-05-31T12:00:00+00:00</lastmod>
    <news:news>
      <news:publication><news:name>The Paper</news:name><news:language>uz</news:language></news:publication>
      <news:publication_date>2024-05-31T09:30:00+05:00</news:publication_date>
      <news:title>Sarlavha</news:title>
    </news:news>
  </url>
  <url><loc>https://paper.example/about</loc><lastmod>2024-01-02</lastmod></url>
  <url><loc>javascript:alert(1)</loc></url>
</urlset>"""


def test_news_sitemap():
    feed = parse_feed(NEWS_SITEMAP, url="https://paper.example/news-sitemap.xml", now=NOW)
    assert (feed.kind, feed.title, feed.lang) == ("sitemap", "The Paper", "uz")
    story, about = feed.entries
    assert story.url == "https://paper.example/2024/05/31/story"
    assert story.title == "Sarlavha"
    assert story.published == datetime(2024, 5, 31, 4, 30, tzinfo=UTC)
    assert story.updated == datetime(2024, 5, 31, 12, 0, tzinfo=UTC)
    assert story.lang == "uz"
    assert about.published is None
    assert about.updated == datetime(2024, 1, 2, tzinfo=UTC)
    assert feed.warning is None


def test_gzipped_sitemap_index():
    doc = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://paper.example/sitemap-1.xml</loc><lastmod>2024-05-01</lastmod></sitemap>
      <sitemap><loc>/sitemap-2.xml</loc></sitemap></sitemapindex>"""
    feed = parse_feed(gzip.compress(doc), url="https://paper.example/sitemap.xml.gz", now=NOW)
    assert feed.kind == "sitemapindex"
    assert [e.url for e in feed.entries] == ["https://paper.example/sitemap-1.xml",
                                            "https://paper.example/sitemap-2.xml"]


def test_str_input_and_bom():
    feed = parse_feed("\ufeff" + RSS2.decode(), url="https://example.org/feed.xml", now=NOW)
    assert len(feed.entries) == 2
