"""A simulated web of hundreds of sites: addresses past 127.0.0.255, one accept loop, more
aggregators, large publication rates, a bounded page cache."""
from __future__ import annotations

import random
import threading
import time
from urllib.parse import urlsplit

import httpx
import pytest

from tidings.simweb import SimWeb
from tidings.simweb.events import _poisson
from tidings.simweb.server import loopback


def test_loopback_numbers_run_through_the_whole_block():
    assert loopback(2) == "127.0.0.2"
    assert loopback(255) == "127.0.0.255"
    assert loopback(256) == "127.0.1.0"
    assert loopback(2**24 - 2) == "127.255.255.254"
    for bad in (0, 2**24 - 1, -3):
        with pytest.raises(ValueError):
            loopback(bad)


def test_hundreds_of_sites_on_one_thread_stop_quickly():
    web = SimWeb(seed=3, sites=300, days=2, aggregators=0, first_ip=400)
    threads = threading.active_count()
    began = time.monotonic()
    web.start()
    assert time.monotonic() - began < 5  # no reverse lookup of each address (0.1 s apiece)
    try:
        assert threading.active_count() <= threads + 1  # one accept loop, not one per host
        hosts = [urlsplit(s.url).hostname for s in web.sites()]
        assert len(set(hosts)) == 300 and hosts[0] == "127.0.1.144" and hosts[-1] == "127.0.2.187"
        assert web.next_ip == 400 + 300 + 1  # the fault host takes the one after the sites
        with httpx.Client(timeout=5) as client:
            for site in web.sites()[::60] + web.sites()[-1:]:
                page = client.get(site.url)
                assert page.status_code == 200 and site.name in page.text
                assert client.get(site.feed_url or site.sitemap_url).status_code == 200
    finally:
        began = time.monotonic()
        web.stop()
        stopped = time.monotonic() - began
    assert stopped < 5  # one poll interval, not one per host
    with pytest.raises(httpx.TransportError):
        httpx.get(web.sites()[0].url, timeout=2)


def test_generated_aggregators_copy_at_the_given_rate():
    web = SimWeb(seed=4, sites=8, days=20, aggregators=6, copy_rate=0.1)
    aggs = [s for s in web.sites() if s.is_aggregator]
    assert [s.key for s in aggs][:2] == ["news-digest", "asia-wire"] and len(aggs) == 6
    assert len({s.name for s in aggs}) == 6
    arts = web.articles()
    copies = [a for a in arts if a.is_copy]
    originals = len(arts) - len(copies)
    assert {a.site for a in copies} >= {s.key for s in aggs[2:]}
    agg_keys = {s.key for s in aggs}
    assert all(a.site in agg_keys and a.original_url for a in copies)
    assert all(a.site not in agg_keys for a in arts if not a.is_copy)
    # news-digest takes English only, the others any: about 0.1 × (5 + English share) per original
    assert 0.3 * originals < len(copies) < 0.75 * originals


def test_large_publication_rates_are_not_capped():
    rng = random.Random(7)
    draws = [_poisson(rng, 2000.0) for _ in range(200)]
    assert abs(sum(draws) / len(draws) - 2000) < 25  # the mean of 200 draws: sd ≈ 3.2
    assert len(set(draws)) > 50
    small = [_poisson(random.Random(1), 2.5) for _ in range(3)]
    assert small == [_poisson(random.Random(1), 2.5)] * 3  # small rates: one Knuth draw, as before


def test_page_cache_keeps_the_most_recent_pages_and_renders_the_rest_again():
    with SimWeb(seed=5, sites=2, days=4, aggregators=0, first_ip=720, cache_pages=3) as web, \
            httpx.Client(timeout=5) as client:
        urls = [a.url for a in web.articles()[:6]]
        first = {u: client.get(u) for u in urls}
        assert len(web._cache) == 3
        again = {u: client.get(u) for u in urls}
        for u in urls:
            assert again[u].status_code == 200 and again[u].text == first[u].text
            assert again[u].headers["ETag"] == first[u].headers["ETag"]
