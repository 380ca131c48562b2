"""Ingest benchmark: the whole main job against the simulated web over real HTTP, one process.

Three numbers for the README, measured in the same run:

1. **pipeline** — articles per second through fetch → parse → extract → dedupe → cluster → tag →
   store (``run --once`` on a fresh SQLite database), wall clock, the process pinned to one core;
2. **bare extraction** — ``trafilatura.extract`` alone over the very pages the pipeline stored,
   on the same core: the floor cost of any pipeline (target: pipeline ≥ 0.8× of it);
3. **unchanged polls** — a second ``run --once`` over many feeds that answer ``304 Not Modified``
   (target ≥ 500 polls/s).

Memory is sampled while the pipeline runs (RSS against articles stored: it should stay flat).
The simulated web runs in a child process pinned to the other core, so its CPU is not counted.

Run: ``.venv/bin/python bench/ingest.py`` (5,000 articles, a few minutes), ``--articles N``,
``--quick`` (about 600 articles and 300 polls, under 30 s), ``--profile`` (top functions).
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import multiprocessing as mp
import os
import pstats
import sqlite3
import sys
import tempfile
import threading
import time
import zlib
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

console = Console(width=120)
SITES = 30
POLL_SITES = 20
POLL_IP = 150  # the small world of polled feeds lives on 127.0.0.150 and up


def pin(cpu: int) -> str:
    """Pin this process to one core (the last one if ``cpu`` is out of range)."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not cpus:
        return "not pinned"
    chosen = cpus[min(cpu, len(cpus) - 1)]
    os.sched_setaffinity(0, {chosen})
    return f"core {chosen} of {len(cpus)}"


def serve(conn, seed: int, articles: int) -> None:
    """Child process: a world of about ``articles`` articles, and a small one for polls."""
    pin(1)
    from tidings.simweb import SimWeb
    days = max(3, round(articles / (0.45 * SITES)))
    world = SimWeb(seed=seed, sites=SITES, days=days, feed_size=10**6, start="recent")
    days = max(3, round(days * articles / max(1, len(world.articles()))))
    world = SimWeb(seed=seed, sites=SITES, days=days, feed_size=10**6, start="recent")
    small = SimWeb(seed=seed + 1, sites=POLL_SITES, days=2, start="recent", first_ip=POLL_IP)
    with world, small:
        polled = [s.feed_url or s.sitemap_url for s in small.sites()]
        conn.send({"opml": world.opml(), "articles": len(world.articles()), "days": days,
                   "polled": polled, "small_opml": small.opml()})
        conn.recv()  # until told to stop


class Sampler(threading.Thread):
    """RSS of this process and articles stored, every ``every`` seconds."""

    def __init__(self, db_path: Path, every: float) -> None:
        super().__init__(daemon=True)
        self.db_path, self.every = db_path, every
        self.samples: list[tuple[float, int, float]] = []
        self.stop = threading.Event()
        self.started = time.monotonic()

    def sample(self) -> None:
        try:
            with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=1) as conn:
                count = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            count = -1
        self.samples.append((time.monotonic() - self.started, count, rss_mb()))

    def run(self) -> None:
        while not self.stop.wait(self.every):
            self.sample()


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def settings_for(db: str):
    from tidings.config import Settings
    settings = Settings.load({"db": db})
    settings.fetch.allowed_networks = ("127.0.0.0/8",)
    return settings


async def timed_run(db: str, opml: str | None = None, add: list[str] = (), profile: bool = False):
    """One ``run --once`` in a fresh context; returns (outcomes, wall seconds, cpu seconds)."""
    from tidings.context import open_context
    from tidings.runner import run_once
    from tidings.sources.manage import import_opml
    ctx = open_context(settings_for(db))
    if opml:
        import_opml(ctx.store, opml)
    for url in add:
        ctx.store.add_source(url)
    profiler = cProfile.Profile() if profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    try:
        outcomes = await run_once(ctx)
    finally:
        if profiler:
            profiler.disable()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        await ctx.aclose()
        ctx.store.close()
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats("tidings|httpcore|httpx", 40)
    return outcomes, wall, cpu


def stored_pages(db_path: Path, limit: int) -> list[tuple[str, str]]:
    with sqlite3.connect(db_path) as conn:
        rows = conn.execute("SELECT a.url, h.html FROM article_html h JOIN articles a ON a.id = h.article_id "
                            "ORDER BY h.article_id LIMIT ?", (limit,)).fetchall()
    return [(url, zlib.decompress(blob).decode("utf-8")) for url, blob in rows]


def bare_extraction(pages: list[tuple[str, str]]) -> tuple[float, float]:
    """Pages per second of bare trafilatura and of ``tidings.extract`` (no site learning)."""
    import trafilatura
    from tidings.extract import extract
    start = time.process_time()
    for url, html in pages:
        trafilatura.extract(html, url=url, include_comments=False)
    bare = len(pages) / max(1e-9, time.process_time() - start)
    start = time.process_time()
    for url, html in pages:
        extract(html, url)
    ours = len(pages) / max(1e-9, time.process_time() - start)
    return bare, ours


def memory_table(samples: list[tuple[float, int, float]], rows: int = 10) -> Table:
    table = Table(title="memory while ingesting (RSS of the pipeline process)")
    for name in ("seconds", "articles stored", "RSS MB"):
        table.add_column(name, justify="right")
    step = max(1, len(samples) // rows)
    for t, count, mb in samples[::step] + ([samples[-1]] if len(samples) % step != 1 else []):
        table.add_row(f"{t:.0f}", f"{count:,}", f"{mb:.0f}")
    return table


async def bench(args) -> None:
    os.environ["TIDINGS_OFFLINE"] = "1"  # never look a name up
    core = pin(0)
    parent, child = mp.Pipe()
    server = mp.Process(target=serve, args=(child, args.seed, args.articles), daemon=True)
    server.start()
    info = parent.recv()
    tmp = Path(tempfile.mkdtemp(prefix="tidings-bench-"))
    db_path = tmp / "tidings.db"
    db = f"sqlite:///{db_path}"
    try:
        console.print(f"simulated web: {info['articles']:,} articles from {SITES} sites and 2 aggregators over "
                      f"{info['days']} days; pipeline on {core}")
        from tidings.store import open_store
        open_store(db).close()  # migrations are not part of the measure
        sampler = Sampler(db_path, args.sample_every)
        sampler.start()
        outcomes, wall, cpu = await timed_run(db, opml=info["opml"], profile=args.profile)
        sampler.stop.set()
        sampler.sample()
        stored = sampler.samples[-1][1]
        errors = [o.error for o in outcomes if o.error]

        pages = stored_pages(db_path, args.bare_pages)
        bare, ours = bare_extraction(pages)

        polled = [f"{url}?copy={i}" for i, url in zip(range(args.polls), _cycle(info["polled"]))]
        await timed_run(db, add=polled)  # first poll of each: 200, entries parsed, nothing new
        poll_outcomes, poll_wall, poll_cpu = await timed_run(db, profile=args.profile)
        unchanged = sum(o.not_modified for o in poll_outcomes)
    finally:
        parent.send("stop")
        server.join(timeout=30)

    console.print(memory_table(sampler.samples))
    table = Table(title="ingest benchmark (one process, one core, SQLite)")
    for name in ("measure", "value", "target"):
        table.add_column(name, justify="right" if name != "measure" else "left")
    rate = stored / wall
    table.add_row("articles stored / served", f"{stored:,} / {info['articles']:,}", "all")
    table.add_row("sources with errors", str(len(errors)), "0")
    table.add_row("pipeline, articles/s (wall)", f"{rate:.1f}", "")
    table.add_row("pipeline, CPU ms per article", f"{1000 * cpu / max(1, stored):.1f}", "")
    table.add_row(f"bare trafilatura.extract, pages/s ({len(pages)} of the same pages)", f"{bare:.1f}", "")
    table.add_row("tidings.extract alone, pages/s (same pages)", f"{ours:.1f}", "")
    table.add_row("pipeline ÷ bare extraction", f"{rate / bare:.2f}×", "≥ 0.8×")
    table.add_row(f"unchanged polls (304): {unchanged:,} of {len(poll_outcomes):,} sources",
                  f"{len(poll_outcomes) / poll_wall:.0f}/s", "≥ 500/s")
    first, last = sampler.samples[len(sampler.samples) // 2], sampler.samples[-1]
    table.add_row("RSS growth over the second half of the ingest", f"{last[2] - first[2]:+.0f} MB", "flat")
    console.print(table)
    if errors:
        console.print(f"errors: {sorted(set(errors))[:5]}")


def _cycle(items: list[str]):
    while True:
        yield from items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=5000, help="about how many articles (default 5,000)")
    ap.add_argument("--polls", type=int, default=2000, help="feeds for the unchanged-poll measure")
    ap.add_argument("--quick", action="store_true", help="600 articles and 300 polls (< 30 s)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bare-pages", type=int, default=800, help="pages for the bare-extraction floor")
    ap.add_argument("--sample-every", type=float, default=2.0, help="seconds between RSS samples")
    ap.add_argument("--profile", action="store_true", help="profile the pipeline run (slower)")
    args = ap.parse_args()
    if args.quick:
        args.articles, args.polls, args.bare_pages, args.sample_every = 600, 300, 300, 1.0
    started = time.perf_counter()
    asyncio.run(bench(args))
    console.print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    mp.set_start_method("spawn")
    main()
