"""Ground truth: determinism, copies, events, feeds, pages, trend scenario, new publications."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from datetime import timedelta

import feedparser
import httpx

from tidings.simweb import TREND_SHAPE, SimWeb
from tidings.simweb.truth import week_start


def _fingerprint(web: SimWeb):
    return [(a.url, a.title, a.text, a.published, a.author, a.event_id, a.story_key, a.original_url)
            for a in web.articles()]


def test_ground_truth_is_deterministic_for_a_seed():
    a, b, c = SimWeb(seed=7), SimWeb(seed=7), SimWeb(seed=8)
    assert _fingerprint(a) == _fingerprint(b)
    assert [(e.id, e.type, e.place.key, e.when, e.killed) for e in a.events()] == \
           [(e.id, e.type, e.place.key, e.when, e.killed) for e in b.events()]
    assert _fingerprint(a) != _fingerprint(c)
    assert a.publish_more(4)[0].text == b.publish_more(4)[0].text


def test_article_shapes(sim):
    arts = sim.articles()
    assert len(arts) > 150
    assert {a.lang for a in arts} >= {"en", "fr", "es", "ru"}
    originals = [a for a in arts if not a.is_copy and a.lang == "en"]
    words = [len(a.text.split()) for a in originals]
    assert min(words) >= 100 and max(words) <= 500
    assert all(a.text.count("\n\n") >= 2 for a in originals)
    assert any(a.event_id is None for a in arts) and any(a.event_id for a in arts)


def test_events_are_told_by_one_to_six_outlets_in_different_words(sim):
    outlets = defaultdict(list)
    for a in sim.articles():
        if a.event_id and not a.is_copy:
            outlets[a.event_id].append(a)
    assert set(outlets) == {e.id for e in sim.events() if e.id in outlets}
    assert all(1 <= len(v) <= 6 for v in outlets.values())
    multi = [v for v in outlets.values() if len([a for a in v if a.lang == "en"]) >= 2]
    assert multi
    for v in multi:
        en = [a for a in v if a.lang == "en"]
        assert len({a.title for a in en}) == len(en)
        assert len({a.text.split("\n\n")[0] for a in en}) == len(en)  # different leads


def test_same_type_same_place_events_are_distinguishable(sim):
    seen = {}
    for e in sim.events():
        key = (e.type, e.place.key)
        if key in seen:
            other = seen[key]
            assert (e.when, e.killed, e.wounded, e.count, e.district, e.witness) != \
                   (other.when, other.killed, other.wounded, other.count, other.district, other.witness)
        seen[key] = e


def test_copies_really_are_copies(sim):
    by_url = {a.url: a for a in sim.articles()}
    copies = [a for a in by_url.values() if a.is_copy]
    assert {c.edit for c in copies} == {"verbatim", "headline", "truncated", "para_added", "para_removed"}
    assert any(c.wrong_date for c in copies) and any(not c.credit for c in copies)
    for c in copies:
        o = by_url[c.original_url]
        assert not o.is_copy and c.story_key == o.story_key and c.event_id == o.event_id
        assert c.site in ("news-digest", "asia-wire") and c.lang == o.lang
        cp, op = c.text.split("\n\n"), o.text.split("\n\n")
        if c.edit in ("verbatim", "headline"):
            assert c.text == o.text and (c.title != o.title) == (c.edit == "headline")
        elif c.edit == "truncated":
            assert op[:len(cp)] == cp and len(cp) < len(op)
            assert len(c.text) >= len(o.text) / 4
        elif c.edit == "para_added":
            assert len(cp) in (len(op), len(op) + 1) and all(p in cp for p in op)
        else:
            assert set(cp) <= set(op) and len(cp) in (len(op), len(op) - 1)
        assert (c.published < o.published) == c.wrong_date


def test_copy_pages_carry_their_credit(sim, client):
    copies = [a for a in sim.articles() if a.is_copy]
    for kind in ("link", "canonical", ""):
        c = next(a for a in copies if a.credit_kind == kind)
        html = client.get(c.url).text
        has_link = f'published at <a href="{c.original_url}">' in html
        has_canonical = f'<link rel="canonical" href="{c.original_url}">' in html
        assert (has_link, has_canonical) == (kind == "link", kind == "canonical")
        if kind == "":
            assert c.original_url not in html


def test_pages_carry_metadata_boilerplate_and_snippet_rules(sim, client):
    arts = [a for a in sim.articles() if a.site == "kabul-ledger"][:6]
    disclaimer = next(s for s in sim.sites() if s.key == "kabul-ledger").boilerplate[5]
    for a in arts:
        html = client.get(a.url).text
        assert f'<html lang="{a.lang}">' in html
        assert f'<meta name="author" content="{a.author}">' in html
        assert a.published.strftime("%Y-%m-%dT%H:%M:00Z") in html
        assert f'<link rel="canonical" href="{a.canonical_url}">' in html
        assert disclaimer in html and "Leave a comment" in html
    meta = next(a for a in sim.articles() if a.robots_meta == "max-snippet:50")
    assert '<meta name="robots" content="max-snippet:50">' in client.get(meta.url).text
    hidden = next(a for a in sim.articles() if a.nosnippet_text and a.lang == "en")
    assert "<span data-nosnippet>" in client.get(hidden.url).text
    assert any(a.robots_meta == "nosnippet" for a in sim.articles())


def test_boilerplate_is_shared_by_all_pages_of_a_site(sim, client):
    for site in sim.sites():
        pages = [a for a in sim.articles() if a.site == site.key][:3]
        for a in pages:
            html = httpx.get(a.url).content.decode("cp1251" if site.key == "vestnik" else "utf-8")
            assert sim.boilerplate(site.key)[5] in html.replace("&#x27;", "'").replace("&amp;", "&")
            assert not any(b in a.text for b in sim.boilerplate(site.key) if len(b) > 20)


def test_feeds_list_the_ground_truth(sim, client):
    arts = sim.articles()
    kinds = Counter()
    for s in sim.sites():
        body = client.get(s.feed_url or s.sitemap_url).content
        expected = {a.link_in_feed for a in arts if a.site == s.key}
        if s.feed_kind == "json":
            links = {i["url"] for i in json.loads(body)["items"]}
        elif s.feed_kind == "sitemap":
            ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
            links = {e.text for e in ET.fromstring(body).findall("s:url/s:loc", ns)}
        else:
            parsed = feedparser.parse(body)
            assert not parsed.bozo, (s.key, parsed.bozo_exception)
            kinds[parsed.version] += 1
            links = {e.link for e in parsed.entries}
        assert links == expected, s.key
    assert {"rss20", "atom10", "rss10"} <= set(kinds)


def test_disallowed_articles_are_listed_but_forbidden(sim):
    hidden = [a for a in sim.articles() if a.disallowed]
    assert hidden and all(a.site == "northern-dispatch" and "/members/" in a.url for a in hidden)


def test_opml_lists_feeds_and_the_feedless_homepage(sim):
    root = ET.fromstring(sim.opml())
    outlines = root.findall("./body/outline")
    assert len(outlines) == len(sim.sites())
    feeds = {o.get("xmlUrl") for o in outlines if o.get("xmlUrl")}
    assert feeds == set(sim.feed_urls())
    feedless = [o for o in outlines if not o.get("xmlUrl")]
    assert [o.get("htmlUrl") for o in feedless] == [s.url for s in sim.sites() if s.feed_kind == "sitemap"]


def test_trend_scenario_exposes_the_weekly_shape():
    web = SimWeb(seed=3, scenario="trend")
    assert web.trend_truth() == list(TREND_SHAPE)
    designed = {e.id: e for e in web.events() if e.type == "attack" and e.actor == "nsf"}
    assert len(designed) == sum(TREND_SHAPE)
    reports = [a for a in web.articles() if a.event_id in designed]
    assert all(1 <= n <= 6 for n in Counter(a.event_id for a in reports if not a.is_copy).values())
    for a in reports:
        if not a.wrong_date:
            assert week_start(a.published) == week_start(designed[a.event_id].when)
    others = web.event_counts(event_type="attack")
    assert sum(c for _, c in others) > sum(TREND_SHAPE)


def test_publish_more_changes_feeds_and_validators():
    with SimWeb(seed=5, sites=3, days=2, first_ip=80) as web, httpx.Client(timeout=5) as c:
        feed = web.feed_urls()[0]
        first = c.get(feed)
        before = web.now
        new = web.publish_more(6, hours=12)
        assert new and web.now >= before + timedelta(hours=12)
        assert all(a.published > before - timedelta(days=4) for a in new)
        again = c.get(feed, headers={"If-None-Match": first.headers["etag"]})
        fresh = [a for a in new if a.site == web.sites()[0].key]
        assert again.status_code == (200 if fresh else 304)
        for a in fresh:
            assert a.link_in_feed in again.text
        assert c.get(new[0].url).status_code == 200
        assert web.advance(hours=5) == web.now
