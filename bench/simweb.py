"""Throughput of the simulated web: requests per second for 304s, feeds and article pages.

Run: .venv/bin/python bench/simweb.py [--quick]
"""
from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from tidings.simweb import SimWeb  # noqa: E402


def _run(urls: list[str], headers: dict[str, str], threads: int, seconds: float) -> tuple[int, int]:
    done, bad, stop = [0] * threads, [0] * threads, time.monotonic() + seconds

    def worker(i: int) -> None:
        with httpx.Client(timeout=5, headers=headers) as c:
            n = 0
            while time.monotonic() < stop:
                r = c.get(urls[n % len(urls)])
                n += 1
                done[i] += 1
                bad[i] += r.status_code not in (200, 304)

    pool = [threading.Thread(target=worker, args=(i,)) for i in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(done), sum(bad)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="about 10 seconds in all")
    args = ap.parse_args()
    seconds = 1.5 if args.quick else 5.0
    t0 = time.perf_counter()
    sim = SimWeb(seed=1, sites=8, days=14)
    build = time.perf_counter() - t0
    trend_t0 = time.perf_counter()
    SimWeb(seed=1, scenario="trend")
    trend_build = time.perf_counter() - trend_t0
    table = Table(title="simulated web")
    table.add_column("case")
    table.add_column("threads", justify="right")
    table.add_column("requests", justify="right")
    table.add_column("req/s", justify="right")
    table.add_column("errors", justify="right")
    with sim:
        feed = sim.feed_urls()[0]
        etag = httpx.get(feed).headers["etag"]
        pages = [a.url for a in sim.articles()[:200]]
        for url in pages:
            httpx.get(url)  # warm the render cache once, as a long-running demo would be
        cases = [("304 (If-None-Match)", [feed], {"If-None-Match": etag}),
                 ("feed 200, gzip", [feed], {"Accept-Encoding": "gzip"}),
                 ("article pages 200", pages, {"Accept-Encoding": "identity"})]
        for name, urls, headers in cases:
            for threads in (1, 4):
                n, bad = _run(urls, headers, threads, seconds)
                table.add_row(name, str(threads), str(n), f"{n / seconds:,.0f}", str(bad))
    Console().print(table)
    Console().print(f"world build: default {build * 1000:.0f} ms ({len(sim.articles())} articles), "
                    f"trend {trend_build * 1000:.0f} ms")


if __name__ == "__main__":
    main()
