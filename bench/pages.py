"""Page benchmark: a real uvicorn server, and 50 concurrent clients from a second process.

A synthetic site (stories of 1–40 articles from 200 outlets, copies, tags) is built once and
cached in ``data/bench/``. The server (``create_app`` under uvicorn, one process) runs as a
subprocess; this process drives it with a bounded pool of asyncio httpx clients (anonymous
visitors: no cookies kept) hitting the home page (5 variants), 2,000 story pages and 500
searches for ``--seconds``. Reports requests/s, p50/p95/p99, errors and the server's CPU time
per request. ``TIDINGS_PAGE_CACHE_SECONDS=0`` measures without the micro-cache.

Run: ``.venv/bin/python bench/pages.py`` (20 s of load) or ``--quick`` (8 s, smaller site).
Target: p95 < 100 ms.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path

import httpx
import numpy as np
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from search import LANGS, documents, vocabulary, zipf_cdf  # noqa: E402

PLACES = ("Kabul Herat Kandahar Mazar Doha Islamabad Tehran Delhi Dhaka Nairobi Lagos Cairo Paris "
          "Berlin Kyiv Moscow Beijing Tokyo Lima Quito").split()
ACTORS = "Taliban NRF UN WHO EU NATO IMF ISIS-K".split()
EVENTS = "flood earthquake election protest attack drought ceasefire".split()
START = datetime(2026, 1, 1, tzinfo=timezone.utc)
PROBLEMS: dict[str, int] = {}


def build(path: Path, stories: int, seed: int = 11) -> None:
    """Write the synthetic site through the real schema."""
    from tidings.store import open_store
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_store(f"sqlite:///{path}").close()
    rng = np.random.default_rng(seed)
    words, cdf = vocabulary(rng), zipf_cdf()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    stamp = lambda d: d.isoformat(sep=" ")[:19]  # noqa: E731
    with db:
        db.executemany("INSERT INTO sources (id, url, site_url, title, lang, is_aggregator, added_at, last_fetch, "
                       "last_error) VALUES (?,?,?,?,?,?,?,?,?)",
                       [(i, f"https://outlet{i}.example/feed", f"https://outlet{i}.example/", f"Outlet {i}",
                         LANGS[i % len(LANGS)], i % 25 == 0, stamp(START), stamp(START),
                         "timeout: no answer" if i % 17 == 0 else "") for i in range(1, 201)])
    article_id = 0
    for first in range(1, stories + 1, 500):
        story_rows, article_rows, tag_rows = [], [], []
        for story_id in range(first, min(first + 500, stories + 1)):
            size = int(min(40, 1 + rng.zipf(1.8)))
            when = START + timedelta(minutes=int(story_id * 525_600 / stories * 0.3))
            titles = documents(rng, words, cdf, size, 9)
            texts = documents(rng, words, cdf, size, 250)
            original = None
            outlets = set()
            for k in range(size):
                article_id += 1
                source = int(rng.integers(1, 201))
                outlets.add(source)
                copy = original is not None and rng.random() < 0.2
                at = when + timedelta(minutes=7 * k)
                article_rows.append((article_id, source, f"https://outlet{source}.example/{article_id}",
                                     titles[k].capitalize(), None if copy else texts[k], stamp(at), stamp(at),
                                     LANGS[source % len(LANGS)], story_id, original if copy else None,
                                     f"https://outlet{source}.example/{original if copy else article_id}"))
                original = original or article_id
            for kind, names in (("place", PLACES), ("actor", ACTORS), ("event", EVENTS)):
                if rng.random() < 0.6:
                    tag_rows.append((original, kind, str(rng.choice(names)), titles[0][:120]))
            story_rows.append((story_id, titles[0].capitalize(), "en", stamp(when),
                               stamp(when + timedelta(minutes=7 * (size - 1))), stamp(when), size, len(outlets)))
        with db:
            db.executemany("INSERT INTO stories (id, title, lang, first_seen, last_seen, first_published, "
                           "article_count, source_count) VALUES (?,?,?,?,?,?,?,?)", story_rows)
            db.executemany("INSERT INTO articles (id, source_id, url, title, text, published, fetched, lang, "
                           "story_id, duplicate_of, primary_url) VALUES (?,?,?,?,?,?,?,?,?,?,?)", article_rows)
            db.executemany("INSERT INTO tags (article_id, kind, name, evidence) VALUES (?,?,?,?)", tag_rows)
    db.execute("ANALYZE")
    db.close()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_app():
    """App factory for uvicorn worker processes (the database from ``TIDINGS_BENCH_DB``)."""
    from tidings.store import open_store
    from tidings.web.app import create_app
    return create_app(open_store(f"sqlite:///{os.environ['TIDINGS_BENCH_DB']}", upgrade=False))


def serve(db: Path, port: int, workers: int = 1) -> None:
    """The server process: create_app over the database, under uvicorn (1 or more processes)."""
    import uvicorn
    os.environ["TIDINGS_BENCH_DB"] = str(db)
    if workers == 1:
        uvicorn.run(bench_app(), host="127.0.0.1", port=port, log_level="warning", access_log=False)
        return
    uvicorn.run("pages:bench_app", factory=True, app_dir=str(ROOT / "bench"), workers=workers,
                host="127.0.0.1", port=port, log_level="warning", access_log=False)


def targets(db: Path, seed: int) -> dict[str, list[str]]:
    """URLs per route: home pages (with filters), stories, searches."""
    rng = random.Random(seed)
    conn = sqlite3.connect(db)
    story_ids = [r[0] for r in conn.execute("SELECT id FROM stories ORDER BY random() LIMIT 2000")]
    titles = [r[0] for r in conn.execute("SELECT title FROM articles ORDER BY random() LIMIT 500")]
    conn.close()
    queries = [" ".join(rng.sample(t.lower().split(), k=min(len(t.split()), rng.randint(1, 3)))) for t in titles]
    return {
        "home": ["/", "/?page=2", "/?lang=fr", "/?place=Kabul", "/?source=7"],
        "story": [f"/story/{i}" for i in story_ids],
        "search": [f"/search?{httpx.QueryParams({'q': q})}" for q in queries],
    }


async def load(base: str, urls: dict[str, list[str]], clients: int, seconds: float, seed: int):
    """Run ``clients`` workers for ``seconds``; returns {route: [(ms, ok)]}."""
    results: dict[str, list[tuple[float, bool]]] = {route: [] for route in urls}
    problems = PROBLEMS
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)

    async def worker(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        anonymous = CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))  # visitors keep no cookies
        # One client (one keep-alive connection) per visitor: a single shared httpx pool of 50
        # connections costs the client ~3 ms of CPU per request and would measure httpx.
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30, cookies=anonymous) as client:
            while time.monotonic() < deadline:
                route = rng.choice(list(urls))
                url = rng.choice(urls[route])
                started = time.perf_counter()
                try:
                    response = await client.get(url)
                    ok = response.status_code == 200
                    if not ok:
                        problems[f"HTTP {response.status_code}"] = problems.get(f"HTTP {response.status_code}", 0) + 1
                except httpx.HTTPError as exc:
                    ok = False
                    problems[type(exc).__name__] = problems.get(type(exc).__name__, 0) + 1
                results[route].append(((time.perf_counter() - started) * 1000, ok))

    await asyncio.gather(*(worker(n) for n in range(clients)))
    return results


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(results, seconds: float, clients: int, stories: int, workers: int = 1) -> Table:
    table = Table(title=f"{clients} concurrent clients for {seconds:.0f} s, {stories:,} stories "
                        f"(uvicorn, {workers} process{'es' if workers > 1 else ''})")
    for column in ("route", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors"):
        table.add_column(column, justify="left" if column == "route" else "right")
    every = [r for rs in results.values() for r in rs]
    for route, rows in list(results.items()) + [("all", every)]:
        times = [t for t, _ in rows] or [0.0]
        table.add_row(route, str(len(rows)), f"{len(rows) / seconds:.0f}", f"{statistics.median(times):.1f}",
                      f"{percentile(times, 95):.1f}", f"{percentile(times, 99):.1f}",
                      str(sum(1 for _, ok in rows if not ok)))
    return table


def cpu_seconds(pid: int) -> float:
    """User + system CPU time so far of a process and its live children (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    total = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = (task / "children").read_text().split()
        except OSError:
            continue
        total += sum(cpu_seconds(int(child)) for child in children)
    return total


def wait_ready(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server process exited")
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the server did not answer /healthz")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--quick", action="store_true", help="5,000 stories, 8 seconds")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (tidings serve: 1)")
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port, args.workers)
        return 0
    stories, seconds = (5_000, 8.0) if args.quick else (args.stories, args.seconds)
    console = Console()
    db = ROOT / "data" / "bench" / f"pages-{stories}.db"
    if not db.exists():
        console.print(f"building a site of {stories:,} stories in {db} …")
        build(db, stories)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(db), "--port", str(port),
                               "--workers", str(args.workers)],
                              env={**os.environ, "TIDINGS_LOG_FORMAT": "text"})
    try:
        wait_ready(base, server)
        urls = targets(db, args.seed)
        asyncio.run(load(base, urls, args.clients, 2.0, args.seed + 1))  # warm-up
        PROBLEMS.clear()
        cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
        results = asyncio.run(load(base, urls, args.clients, seconds, args.seed))
        cpu_used = cpu_seconds(server.pid) - cpu_before
        client_cpu = time.process_time() - client_before
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    console.print(report(results, seconds, args.clients, stories, args.workers))
    if PROBLEMS:
        console.print(f"errors by kind: {PROBLEMS}")
    served = sum(len(rows) for rows in results.values())
    console.print(f"server CPU: {cpu_used:.1f} s for {served:,} requests = {1000 * cpu_used / max(1, served):.2f} ms "
                  f"per request (so one core serves ~{served / max(cpu_used, 1e-9):.0f} req/s); client CPU "
                  f"{1000 * client_cpu / max(1, served):.2f} ms per request; load average "
                  f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    console.print("target: p95 < 100 ms (all routes).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
