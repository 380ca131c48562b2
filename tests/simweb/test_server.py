"""HTTP behaviour: several hosts, conditional GET, gzip, robots, 404, request log."""
from __future__ import annotations

import html
from urllib.parse import urlsplit

import httpx
import pytest

from tidings.simweb import SimWeb


def test_each_site_has_its_own_loopback_host(sim, client):
    sites = sim.sites()
    hosts = {urlsplit(s.url).hostname for s in sites}
    assert len(hosts) == len(sites) == 10
    assert all(h.startswith("127.0.0.") and h != "127.0.0.1" for h in hosts)
    for s in sites:
        r = client.get(s.url)
        assert r.status_code == 200
        assert s.name in html.unescape(r.text)


def test_fixed_port_binds_every_host_on_that_port():
    probe = SimWeb(seed=2, sites=2, aggregators=0, first_ip=60).start()
    port = urlsplit(probe.site_urls()[0]).port
    probe.stop()
    with SimWeb(seed=2, sites=2, aggregators=0, first_ip=60, port=port) as web:
        assert {urlsplit(u).port for u in web.site_urls()} == {port}
        assert httpx.get(web.site_urls()[1], timeout=5).status_code == 200


def test_homepages_advertise_their_feed(sim, client):
    for s in sim.sites():
        page = client.get(s.url).text
        if s.feed_url:
            assert '<link rel="alternate"' in page and s.feed_url in page
        else:
            assert 'rel="alternate"' not in page


@pytest.mark.parametrize("kind", ["feed", "page", "home"])
def test_conditional_get_answers_304(sim, client, kind):
    url = {"feed": sim.feed_urls()[0], "page": sim.articles()[3].url, "home": sim.site_urls()[1]}[kind]
    first = client.get(url)
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(url, headers={"If-None-Match": f'W/{etag}, "other"'}).status_code == 304
    assert client.get(url, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get(url, headers={"If-Modified-Since": old}).status_code == 200


def test_gzip_only_when_asked_and_only_where_enabled(sim, client):
    feed = sim.feed_urls()[0]
    zipped = client.get(feed, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["vary"]
    plain = client.get(feed, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert zipped.content == plain.content  # httpx inflated it
    refused = client.get(feed, headers={"Accept-Encoding": "gzip;q=0"})
    assert "content-encoding" not in refused.headers
    monitor = next(s for s in sim.sites() if s.key == "central-asia-monitor")
    assert "content-encoding" not in client.get(monitor.feed_url, headers={"Accept-Encoding": "gzip"}).headers


def test_head_and_404(sim, client):
    url = sim.articles()[0].url
    head = client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == client.get(url).headers["content-length"]
    plain = client.head(url, headers={"Accept-Encoding": "identity"})
    assert int(plain.headers["content-length"]) == len(client.get(url, headers={"Accept-Encoding": "identity"}).content)
    assert client.get(sim.site_urls()[0] + "no/such/page").status_code == 404


def test_robots_txt(sim, client):
    by_key = {s.key: s for s in sim.sites()}
    nd = client.get(by_key["northern-dispatch"].url + "robots.txt").text
    assert "Disallow: /members/" in nd and "Crawl-delay: 0.01" in nd
    dm = client.get(by_key["daily-meridian"].url + "robots.txt").text
    assert f"Sitemap: {by_key['daily-meridian'].sitemap_url}" in dm


def test_windows_1251_site_declares_and_uses_it(sim, client):
    art = next(a for a in sim.articles() if a.site == "vestnik")
    r = client.get(art.url)
    assert r.headers["content-type"] == "text/html; charset=windows-1251"
    assert r.content.decode("cp1251").count(art.title) >= 1
    with pytest.raises(UnicodeDecodeError):
        r.content.decode("utf-8")


def test_wordpress_style_query_urls_and_tracking_params(sim, client):
    art = next(a for a in sim.articles() if a.site == "frontier-times")
    assert "/?p=" in art.url and "utm_source=rss" in art.link_in_feed
    assert art.title in client.get(art.link_in_feed).text
    assert art.title in client.get(art.url).text


def test_request_log_records_conditional_headers(sim, client):
    url = sim.feed_urls()[1]
    client.get(url, headers={"If-None-Match": '"x"', "User-Agent": "probe/1"})
    host = sim.sites()[1].key
    last = [r for r in sim.requests(host) if r.headers.get("User-Agent") == "probe/1"][-1]
    assert last.status == 200 and last.headers["If-None-Match"] == '"x"'


def test_stop_closes_kept_alive_connections():
    web = SimWeb(seed=4, sites=1, aggregators=0, first_ip=70).start()
    url = web.site_urls()[0]
    with httpx.Client(timeout=2) as c:
        assert c.get(url).status_code == 200
        web.stop()
        with pytest.raises(httpx.TransportError):
            c.get(url)
