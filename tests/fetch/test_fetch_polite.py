"""Politeness: robots.txt, Crawl-delay spacing, per-host and global concurrency."""
from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from tidings.fetch import Fetcher
from tidings.models import FetchError

ROBOTS = b"""User-agent: otherbot
Disallow: /

User-agent: *
Disallow: /private
Allow: /private/ok
Crawl-delay: 0.3
"""


def run(settings, job, resolver=None):
    async def main():
        async with Fetcher(settings, resolver=resolver) as fetcher:
            return await job(fetcher)
    return asyncio.run(main())


def test_robots_disallow_refuses_without_requesting_the_page(server, loopback):
    server.route("/robots.txt", ROBOTS)
    server.route("/private/x", b"hidden")

    async def job(f):
        with pytest.raises(FetchError) as err:
            await f.get(server.url("/private/x"))
        return err.value
    err = run(loopback, job)
    assert err.kind == "robots" and "/private/x" in err.message
    assert server.page_hits() == []


def test_robots_allow_rule_and_api(server, loopback):
    server.route("/robots.txt", ROBOTS)

    async def job(f):
        return (await f.robots_allowed(server.url("/private/ok/1")),
                await f.robots_allowed(server.url("/private/no")),
                await f.robots_allowed(server.url("/public")),
                f.crawl_delay(server.url("/")), f.crawl_delay("127.0.0.1"))
    assert run(loopback, job) == (True, False, True, 0.3, 0.0)


def test_robots_fetched_once_and_crawl_delay_spaces_requests(server, loopback):
    server.route("/robots.txt", ROBOTS)
    server.route("/a", b"a")

    async def job(f):
        await asyncio.gather(*(f.get(server.url("/a")) for _ in range(4)))
    run(loopback, job)
    assert len(server.hits("/robots.txt")) == 1
    times = [r.at for r in server.hits("/a")]
    gaps = [b - a for a, b in zip(times, times[1:])]
    # 0.3 s apart when sent; allow for scheduling jitter on arrival.
    assert len(times) == 4 and min(gaps) >= 0.2 and times[-1] - times[0] >= 0.8


def test_crawl_delay_is_capped(server, loopback):
    server.route("/robots.txt", b"User-agent: *\nCrawl-delay: 3600\n")

    async def job(f):
        await f.robots_allowed(server.url("/"))
        return f.crawl_delay(server.url("/"))
    assert run(replace(loopback, max_crawl_delay=0.5), job) == 0.5


def test_missing_robots_allows_everything(server, loopback):
    server.route("/private", b"fine")
    page = run(loopback, lambda f: f.get(server.url("/private")))
    assert page.text == "fine" and len(server.hits("/robots.txt")) == 1


def test_robots_server_error_disallows_temporarily(server, loopback):
    server.route("/robots.txt", b"oops", status=503, headers={"Retry-After": "1200"})
    server.route("/a", b"a")

    async def job(f):
        with pytest.raises(FetchError) as err:
            await f.get(server.url("/a"))
        return err.value
    err = run(loopback, job)
    assert err.kind == "robots" and "503" in err.message and err.retry_after == 1200
    assert server.page_hits() == []


def test_check_robots_false_skips_robots(server, loopback):
    server.route("/robots.txt", b"User-agent: *\nDisallow: /\n")
    server.route("/a", b"a")
    page = run(loopback, lambda f: f.get(server.url("/a"), check_robots=False))
    assert page.text == "a" and server.hits("/robots.txt") == []


def test_per_host_concurrency_is_limited(server, loopback):
    server.route("/slow", b"s", delay=0.15)

    async def job(f):
        await asyncio.gather(*(f.get(server.url("/slow")) for _ in range(8)))
    run(loopback, job)
    assert server.peak == 2 and len(server.hits("/slow")) == 8


def test_hosts_are_limited_separately_and_globally(server, loopback):
    server.route("/slow", b"s", delay=0.15)
    names = [f"h{i}.test" for i in range(4)]

    async def job(f):
        await asyncio.gather(*(f.get(f"http://{name}:{server.port}/slow")
                               for name in names for _ in range(3)))
    run(replace(loopback, per_host=1, global_limit=3, respect_robots=False), job,
        resolver=lambda host, port: ["127.0.0.1"])
    assert server.peak == 3 and len(server.hits("/slow")) == 12
