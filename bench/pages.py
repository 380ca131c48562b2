"""Page benchmark: ``tidings serve`` on loopback, and 50 concurrent visitors from a second process.

A synthetic site (stories of 1–40 articles from 200 outlets, copies, tags) is built once and
kept in ``data/bench/``. The server is the real command (``tidings serve --workers N``, 1 by
default) in a subprocess; this process drives it with 50 visitors, each on its own keep-alive
connection (a plain asyncio HTTP/1.1 client that costs ~0.3 ms of CPU a request, where httpx
costs ~4), anonymous (no cookies kept), each request a random pick among the home page (5
variants), 2,000 story pages and 500 searches, for ``--seconds``. Meanwhile a thread commits to
the database every ``--ingest-every`` seconds as the poller does, so the server's caches are
emptied as they would be in production. Reports requests/s, p50/p95/p99, errors, the share
served from the page cache (``X-Cache: hit``), server CPU per request, and the largest
uncompressed page per route. ``TIDINGS_PAGE_CACHE_SECONDS=0`` measures without any cache.

Run: ``.venv/bin/python bench/pages.py`` (20 s of load) or ``--quick`` (8 s, smaller site).
Target: p95 < 100 ms at 50 clients, no errors, no page over 100 KB.
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
import threading
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


PLACES = ("Kabul Herat Kandahar Mazar Doha Islamabad Tehran Delhi Dhaka Nairobi Lagos Cairo Paris "
          "Berlin Kyiv Moscow Beijing Tokyo Lima Quito").split()
ACTORS = "Taliban NRF UN WHO EU NATO IMF ISIS-K".split()
EVENTS = "flood earthquake election protest attack drought ceasefire".split()
START = datetime(2026, 1, 1, tzinfo=timezone.utc)
PROBLEMS: dict[str, int] = {}
LANGS = ("en", "en", "en", "fr", "es", "de", "ar", "ru", "fa", "zh")
SOUNDS = "ka lo mi ne ru ta si vo de ba po ze gu fi ha jo ke wa ly mo ra te an el in or us".split()
WORDS = 30_000


def vocabulary(rng: np.random.Generator) -> np.ndarray:
    """Made-up words, the most frequent first."""
    found: dict[str, None] = {}
    while len(found) < WORDS:
        found["".join(rng.choice(SOUNDS, size=int(rng.integers(1, 5))))] = None
    return np.array(list(found), dtype=object)


def zipf_cdf(exponent: float = 1.07) -> np.ndarray:
    weights = np.arange(1, WORDS + 1, dtype=float) ** -exponent
    return np.cumsum(weights) / weights.sum()


def documents(rng: np.random.Generator, words: np.ndarray, cdf: np.ndarray, count: int, length: int) -> list[str]:
    """``count`` texts of ``length`` words drawn with Zipf frequencies."""
    picks = np.minimum(np.searchsorted(cdf, rng.random((count, length))), WORDS - 1)
    return [" ".join(row) for row in words[picks].tolist()]


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


def serve_command(db: Path, port: int, workers: int) -> list[str]:
    """The server: ``tidings serve`` as users run it (``--workers N`` processes)."""
    return [sys.executable, "-m", "tidings", "--db", f"sqlite:///{db}", "serve", "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers)]


def ingest_ticks(db: Path, every: float, stop: threading.Event) -> None:
    """Commit to the database every ``every`` seconds, as the poller does (``last_fetch`` of a
    source): each commit empties the server's page caches, as new stories would."""
    conn = sqlite3.connect(db, timeout=30)
    tick = 0
    while not stop.wait(every):
        tick += 1
        with conn:
            conn.execute("UPDATE sources SET last_fetch = ? WHERE id = ?",
                         (datetime.now(timezone.utc).isoformat(sep=" ")[:19], 1 + tick % 200))
    conn.close()


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


class Visitor:
    """One anonymous visitor on one keep-alive HTTP/1.1 connection (no cookies kept).

    A plain asyncio stream client: it sends what a browser sends for a page (``Accept`` and
    ``Accept-Encoding: gzip``) and reads the whole body. httpx costs the client ~4 ms of CPU a
    request, which on two shared cores would measure the client more than the server.
    """

    def __init__(self, host: str, port: int, gzip: bool = True) -> None:
        self.host, self.port = host, port
        self.encoding = "Accept-Encoding: gzip\r\n" if gzip else ""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int, bool]:
        """(status, body bytes on the wire, served from the page cache)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: text/html\r\n"
                          f"{self.encoding}User-Agent: tidings-bench\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "content-length" in headers:
            size = int(headers["content-length"])
            await self.reader.readexactly(size)
        elif headers.get("transfer-encoding") == "chunked":
            size = await self._chunks()
        else:
            raise ValueError("response without a length")
        if headers.get("connection") == "close":
            await self.close()
        return status, size, headers.get("x-cache") == "hit"

    async def _chunks(self) -> int:
        size = 0
        while True:
            length = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await self.reader.readexactly(length + 2)
            size += length
            if length == 0:
                return size

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def load(base: str, urls: dict[str, list[str]], clients: int, seconds: float, seed: int):
    """Run ``clients`` visitors for ``seconds``; returns {route: [(ms, ok, cached)]}."""
    results: dict[str, list[tuple[float, bool, bool]]] = {route: [] for route in urls}
    problems = PROBLEMS
    deadline = time.monotonic() + seconds
    host, port = base.removeprefix("http://").split(":")

    def problem(kind: str) -> None:
        problems[kind] = problems.get(kind, 0) + 1

    async def worker(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        visitor = Visitor(host, int(port))
        try:
            while time.monotonic() < deadline:
                route = rng.choice(list(urls))
                url = rng.choice(urls[route])
                started = time.perf_counter()
                cached = False
                try:
                    status, _, cached = await asyncio.wait_for(visitor.get(url), 30)
                    ok = status == 200
                    if not ok:
                        problem(f"HTTP {status}")
                except (OSError, ValueError, asyncio.IncompleteReadError, asyncio.TimeoutError) as exc:
                    ok = False
                    problem(type(exc).__name__)
                    await visitor.close()
                results[route].append(((time.perf_counter() - started) * 1000, ok, cached))
        finally:
            await visitor.close()

    await asyncio.gather(*(worker(n) for n in range(clients)))
    return results


async def page_sizes(base: str, urls: dict[str, list[str]], per_route: int = 40) -> dict[str, int]:
    """The largest uncompressed page per route over a sample of its URLs."""
    host, port = base.removeprefix("http://").split(":")
    visitor, largest = Visitor(host, int(port), gzip=False), {}
    try:
        for route, paths in urls.items():
            for path in paths[:per_route]:
                try:
                    largest[route] = max(largest.get(route, 0), (await visitor.get(path))[1])
                except (OSError, ValueError, asyncio.IncompleteReadError):
                    await visitor.close()  # counted as errors by the load; here only sizes matter
    finally:
        await visitor.close()
    return largest


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def report(results, seconds: float, clients: int, stories: int, workers: int = 1) -> Table:
    table = Table(title=f"{clients} concurrent clients for {seconds:.0f} s, {stories:,} stories "
                        f"(uvicorn, {workers} process{'es' if workers > 1 else ''})")
    for column in ("route", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "cache hits"):
        table.add_column(column, justify="left" if column == "route" else "right")
    every = [r for rs in results.values() for r in rs]
    for route, rows in list(results.items()) + [("all", every)]:
        times = [t for t, _, _ in rows] or [0.0]
        table.add_row(route, str(len(rows)), f"{len(rows) / seconds:.0f}", f"{statistics.median(times):.1f}",
                      f"{percentile(times, 95):.1f}", f"{percentile(times, 99):.1f}",
                      str(sum(1 for _, ok, _ in rows if not ok)),
                      f"{100 * sum(1 for *_, hit in rows if hit) / max(1, len(rows)):.0f}%")
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
    parser.add_argument("--workers", type=int, default=1, help="tidings serve --workers N (default 1)")
    parser.add_argument("--ingest-every", type=float, default=2.0, metavar="SECONDS",
                        help="commit to the database this often during the load, as the poller does "
                             "(each commit empties the page caches); 0: never (default 2)")
    args = parser.parse_args(argv)
    stories, seconds = (5_000, 8.0) if args.quick else (args.stories, args.seconds)
    console = Console()
    db = ROOT / "data" / "bench" / f"pages-{stories}.db"
    if not db.exists():
        console.print(f"building a site of {stories:,} stories in {db} …")
        build(db, stories)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "TIDINGS_LOG_FORMAT": "text",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen(serve_command(db, port, args.workers), env=env, cwd=ROOT)
    stop = threading.Event()
    try:
        wait_ready(base, server)
        urls = targets(db, args.seed)
        asyncio.run(load(base, urls, args.clients, 2.0, args.seed + 1))  # warm-up
        PROBLEMS.clear()
        if args.ingest_every > 0:
            threading.Thread(target=ingest_ticks, args=(db, args.ingest_every, stop), daemon=True).start()
        cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
        results = asyncio.run(load(base, urls, args.clients, seconds, args.seed))
        cpu_used = cpu_seconds(server.pid) - cpu_before
        client_cpu = time.process_time() - client_before
        stop.set()
        sizes = asyncio.run(page_sizes(base, urls))
    finally:
        stop.set()
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
    ingest = f"a commit every {args.ingest_every:g} s" if args.ingest_every > 0 else "no commits"
    console.print(f"during the load: {ingest}; largest page (uncompressed, 40 URLs a route): "
                  + ", ".join(f"{route} {size / 1024:.0f} KB" for route, size in sizes.items()))
    console.print("target: p95 < 100 ms (all routes), no page over 100 KB.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
