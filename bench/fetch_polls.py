"""Unchanged-poll throughput of the fetcher: conditional GETs answered ``304``.

A minimal keep-alive HTTP server runs in a separate process on 127.0.0.1 and answers every
page with ``304 Not Modified`` (``/robots.txt`` with 404, so each site's robots.txt is
fetched once, as in production). Names ``site-N.test`` resolve to 127.0.0.1 through a stub
resolver and 127.0.0.0/8 is allowed, so the full path runs: SSRF guard, robots cache,
per-host and global limits, conditional headers. Target: >= 500 unchanged polls/s.

Run: ``.venv/bin/python bench/fetch_polls.py`` (about 20 s) or ``--quick`` (a few seconds).
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tidings.fetch import Fetcher, FetchSettings  # noqa: E402

NOT_MODIFIED = b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\nContent-Length: 0\r\n\r\n'
NOT_FOUND = b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"


async def _answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b" ", 2)[1]
            writer.write(NOT_FOUND if path == b"/robots.txt" else NOT_MODIFIED)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, IndexError):
        pass
    finally:
        writer.close()


def serve(port_out: multiprocessing.Queue) -> None:
    """Server process: answer 304 forever on an ephemeral loopback port."""
    async def main() -> None:
        server = await asyncio.start_server(_answer, "127.0.0.1", 0, backlog=1024)
        port_out.put(server.sockets[0].getsockname()[1])
        await server.serve_forever()
    asyncio.run(main())


@dataclass
class Scenario:
    name: str
    hosts: int
    concurrency: int
    polls: int
    warm: bool = True  # robots.txt of every host fetched before timing


@dataclass
class Outcome:
    scenario: Scenario
    seconds: float
    latencies: list[float]
    errors: int

    @property
    def rate(self) -> float:
        return self.scenario.polls / self.seconds


async def run(scenario: Scenario, port: int) -> Outcome:
    settings = FetchSettings(allowed_networks=("127.0.0.0/8",))
    queue: asyncio.Queue[str] = asyncio.Queue()
    for i in range(scenario.polls):
        queue.put_nowait(f"http://site-{i % scenario.hosts}.test:{port}/feed.xml")
    latencies: list[float] = []
    errors = 0

    async def worker(fetcher: Fetcher) -> None:
        nonlocal errors
        while not queue.empty():
            url = queue.get_nowait()
            started = time.perf_counter()
            page = await fetcher.get(url, etag='"v1"', accept="application/rss+xml")
            latencies.append(time.perf_counter() - started)
            errors += not page.not_modified

    async with Fetcher(settings, resolver=lambda host, port: ["127.0.0.1"]) as fetcher:
        await fetcher.get(f"http://warm.test:{port}/")  # imports, first connection
        if scenario.warm:
            for start in range(0, scenario.hosts, 200):
                await asyncio.gather(*(fetcher.robots_allowed(f"http://site-{i}.test:{port}/")
                                       for i in range(start, min(scenario.hosts, start + 200))))
        started = time.perf_counter()
        await asyncio.gather(*(worker(fetcher) for _ in range(scenario.concurrency)))
        seconds = time.perf_counter() - started
    return Outcome(scenario, seconds, latencies, errors)


def scenarios(quick: bool) -> list[Scenario]:
    n = 1000 if quick else 5000
    return [
        Scenario("1 host, 1 caller (keep-alive)", 1, 1, n),
        Scenario("1 host, 8 callers (2 per host)", 1, 8, n),
        Scenario("50 hosts, 64 callers", 50, 64, n),
        Scenario("5000 hosts, 64 callers (new connection each)", 5000, 64, n),
        Scenario("5000 hosts, cold: robots.txt + poll", 5000, 64, n, warm=False),
    ]


def _verdict(outcome: Outcome) -> str:
    if not outcome.scenario.warm:
        return "n/a (2 requests/poll)"
    return "yes" if outcome.rate >= 500 else "NO"


def report(outcomes: list[Outcome]) -> None:
    table = Table(title="tidings.fetch: unchanged polls (304) through Fetcher.get")
    for column in ("scenario", "polls", "seconds", "polls/s", "p50 ms", "p95 ms", "errors",
                   "target >= 500/s"):
        table.add_column(column, justify="left" if column == "scenario" else "right")
    for o in outcomes:
        lat = sorted(o.latencies)
        p95 = lat[int(0.95 * (len(lat) - 1))] if lat else 0.0
        table.add_row(o.scenario.name, str(o.scenario.polls), f"{o.seconds:.2f}",
                      f"{o.rate:,.0f}", f"{statistics.median(lat) * 1000:.2f}",
                      f"{p95 * 1000:.2f}", str(o.errors), _verdict(o))
    Console(width=130).print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer polls (a few seconds)")
    args = parser.parse_args()
    ports: multiprocessing.Queue = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(ports,), daemon=True)
    server.start()
    try:
        port = ports.get(timeout=10)
        outcomes = [asyncio.run(run(s, port)) for s in scenarios(args.quick)]
    finally:
        server.terminate()
        server.join(5)
    report(outcomes)


if __name__ == "__main__":
    main()
