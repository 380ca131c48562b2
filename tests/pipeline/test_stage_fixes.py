"""Small checks of what the end-to-end runs showed wrong, each at its own stage: a table-laid-out
page split into its paragraphs, feed links without tracking parameters, another site's
``rel=canonical`` not hiding an original, old dates of a crawled backlog still ordering a copy
group, a site source that is its own feed, an OPML homepage outline."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tidings.dedupe import Candidate, attribute
from tidings.extract import extract
from tidings.ingest import article_url
from tidings.models import Article
from tidings.sources.opml import read_opml

PARAS = ["Armed men abducted four people on a road in the Qarabagh district on Thursday, officials said. "
         "The gunmen stopped the vehicle at a makeshift checkpoint.",
         "No group has said it was behind the abduction. The passengers were travelling to a wedding, "
         "relatives said, and the road has been closed since.",
         "Police set up additional checkpoints on the roads leading out of the district. Kidnappings for "
         "ransom have become common on roads around the city."]
LEGACY = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><html lang="en"><head>
<meta charset="utf-8"><meta property="og:site_name" content="Central Monitor">
<title>Four abducted near Qarabagh | Central Monitor</title></head><body>
<table width="100%"><tr><td colspan="2"><font size="5">Central Monitor</font><br>Analysis and news</td></tr>
<tr><td valign="top"><a href="/s/0/">Home</a><br><a href="/s/1/">World</a><br><a href="/s/2/">Politics</a><br>
<a href="/s/3/">Economy</a><br><br><b>Further reading</b></td>
<td valign="top"><h2>Four abducted near Qarabagh</h2><span>10 January 2025, 03:50</span><br><br>
<div class="txt">{'<br><br>'.join(PARAS)}</div>
<div class="nl">Support independent analysis: become a member for five dollars a month.</div></td></tr>
<tr><td colspan="2"><small>© Central Monitor. All rights reserved.</small></td></tr></table></body></html>"""


def test_a_table_laid_out_page_keeps_its_paragraphs_apart_and_drops_its_menu():
    found = extract(LEGACY, "http://monitor.example/article/1")
    paragraphs = found.text.split("\n\n")
    for para in PARAS:
        assert para in paragraphs
    assert "Home" not in found.text and "Politics" not in found.text
    assert "Central Monitor" not in paragraphs and "Four abducted" not in found.text


def test_feed_links_lose_tracking_parameters_and_fragments_only():
    assert article_url("http://a.example/?p=208&utm_source=rss&utm_medium=feed") == "http://a.example/?p=208"
    assert article_url("https://a.example/x?id=3&fbclid=abc#comments") == "https://a.example/x?id=3"
    assert article_url("https://a.example/x?id=3&page=2") == "https://a.example/x?id=3&page=2"
    assert article_url("https://a.example/story") == "https://a.example/story"


def test_another_sites_canonical_does_not_make_the_original_look_stored(store):
    original = "http://origin.example/story"
    source, _ = store.add_source("http://copier.example/feed")
    own, _ = store.add_source("http://origin.example/feed")
    with store.transaction() as conn:
        store.insert_article(conn, Article(url="http://copier.example/r/1", source_id=source,
                                           canonical_url=original, title="t", text="x", story_id=None))
    assert store.known_urls([original], own) == set()
    assert store.known_urls([original], source) == {original}
    assert store.known_urls(["http://copier.example/r/1"], own) == {"http://copier.example/r/1"}


def test_a_backlog_crawled_in_one_go_is_ordered_by_the_dates_it_claims():
    now = datetime(2026, 5, 1, 12, tzinfo=timezone.utc)
    day = datetime(2026, 3, 10, 12, tzinfo=timezone.utc)
    original = Candidate(1, "http://origin.example/a", published=day, first_seen=now + timedelta(seconds=3))
    copy = Candidate(2, "http://copier.example/a", published=day + timedelta(hours=2), first_seen=now)
    assert attribute([copy, original]).primary.id == 1
    assert attribute([original, copy]).primary.id == 1


def test_opml_homepage_links_are_sites_to_discover():
    (outline,) = read_opml(b"""<opml version="2.0"><body><outline type="link" text="Meridian"
        htmlUrl="http://meridian.example/" url="http://meridian.example/"/></body></opml>""")
    assert outline.is_site and outline.url == "http://meridian.example/"


def test_a_site_source_whose_only_feed_is_itself_becomes_a_feed(store):
    from tidings.polling import SourceBook
    source_id, _ = store.add_source("http://a.example/feed.xml", kind="site")
    row = store.get_source(source_id)
    became = SourceBook(store).became_feed(row, ["http://a.example/feed.xml"])
    assert became["kind"] == "feed"
    row = store.get_source(source_id)
    assert row["kind"] == "feed" and row["enabled"] and row["url"] == "http://a.example/feed.xml"
