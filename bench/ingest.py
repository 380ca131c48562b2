"""Ingest benchmark: the whole main job against the simulated web over real HTTP, one process.

Three numbers for the README, measured in the same run:

1. **pipeline** — articles per second through fetch → parse → extract → dedupe → cluster → tag →
   store (``run --once`` on a fresh SQLite database), wall clock, the process pinned to one core;
   the taggers' tables are built before the clock starts, as in a worker already running (their
   one-time cost is a row of its own);
2. **bare extraction** — ``trafilatura.extract`` alone over the very pages the pipeline stored,
   on the same core: the floor cost of any pipeline (target: pipeline ≥ 0.8× of it);
3. **unchanged polls** — a second ``run --once`` over many feeds that answer ``304 Not Modified``
   (target ≥ 500 polls/s).

Memory is sampled while the pipeline runs: RSS and Python objects against articles stored and
sources polled, the growth over the second half of the articles (target: flat), and which object
types grew from a third of the run to its end; ``--tracemalloc`` also diffs Python allocations by
line over that span (several times slower: stalls of the event loop can then time out connects).
The simulated web runs in a child process pinned to the other core, so its CPU is not counted.

More articles means more *sites*, not longer feeds: about ``PER_FEED`` articles per site over
``DAYS`` days (as a real outlet's feed or news sitemap), news sites at least ``MIN_SITES``, and
enough aggregators for their copies to stay about 30 % of the articles, as with the two built-in
ones (so 100,000 articles come from about 700 news sites and 300 aggregators, one loopback
address each).

Run: ``.venv/bin/python bench/ingest.py`` (5,000 articles, a few minutes), ``--articles N``,
``--quick`` (about 600 articles and 300 polls, under 30 s), ``--profile`` (top functions),
``--stages`` (CPU per article by stage: where the time beyond bare extraction goes).
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import gc
import multiprocessing as mp
import os
import pstats
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import tracemalloc
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

console = Console(width=120)
PER_FEED = 100  # articles per site, about
DAYS = 28
MIN_SITES = 30
COPY_SHARE = 0.3  # of all articles, aggregators' copies (as in a world with the two built-in ones)
BUILTIN_COPY_RATE = 0.22  # each of the two built-in aggregators copies an article with this chance
POLL_SITES = 20


def pin(cpu: int) -> str:
    """Pin this process to one core (the last one if ``cpu`` is out of range)."""
    cpus = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    if not cpus:
        return "not pinned"
    chosen = cpus[min(cpu, len(cpus) - 1)]
    os.sched_setaffinity(0, {chosen})
    return f"core {chosen} of {len(cpus)}"


def world_shape(articles: int) -> dict:
    """SimWeb arguments for about ``articles`` articles in feeds of about ``PER_FEED`` items."""
    news = max(MIN_SITES, round(articles * (1 - COPY_SHARE) / PER_FEED))
    aggregators = max(2, round(articles * COPY_SHARE / PER_FEED))
    return {"sites": news, "aggregators": aggregators, "days": DAYS, "feed_size": 10**6,
            "copy_rate": BUILTIN_COPY_RATE * 2 / aggregators, "start": "recent"}


def build_world(seed: int, articles: int, shape: dict):
    """A world of ``articles`` articles within 2 % (else the closest of a few tries): the count
    grows with the publication rates, so a rough trial, a 10,000-article one, then full size."""
    from tidings.simweb import SimWeb
    scale, best = 1.0, None
    for size in (0, min(articles, 10_000), articles, articles):
        trial_scale = scale * size / articles if size else scale
        world = SimWeb(seed=seed, events_per_day=2.5 * trial_scale, topics_per_day=1.5 * trial_scale, **shape)
        count = len(world.world.docs)
        if size == articles:
            if best is None or abs(count - articles) < abs(len(best.world.docs) - articles):
                best = world
            if abs(count - articles) <= 0.02 * articles:
                break
        scale = trial_scale * articles / max(1, count)
    return best


def serve(conn, seed: int, articles: int) -> None:
    """Child process: a world of about ``articles`` articles, and a small one for polls."""
    pin(1)
    from tidings.simweb import SimWeb
    shape = world_shape(articles)
    world = build_world(seed, articles, shape)
    small = SimWeb(seed=seed + 1, sites=POLL_SITES, days=2, start="recent", first_ip=world.next_ip)
    with world, small:
        per_site = Counter(a.site for a in world.articles())
        polled = [s.feed_url or s.sitemap_url for s in small.sites()]
        conn.send({"opml": world.opml(), "articles": sum(per_site.values()), "days": shape["days"],
                   "news": shape["sites"], "aggregators": shape["aggregators"],
                   "feed_sizes": sorted(per_site.values()), "polled": polled, "small_opml": small.opml()})
        conn.recv()  # until told to stop


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float
    articles: int  # stored so far
    sources: int  # polled or being polled so far
    rss_mb: float  # resident memory of the pipeline process
    py_blocks: int  # objects allocated by Python's allocator (``sys.getallocatedblocks``)


class Sampler(threading.Thread):
    """Articles stored and memory of this process, every ``every`` seconds; once ``mark_at``
    articles are stored, the objects by type (and a tracemalloc snapshot if tracing)."""

    def __init__(self, db_path: Path, every: float, mark_at: int) -> None:
        super().__init__(daemon=True)
        self.db_path, self.every, self.mark_at = db_path, every, mark_at
        self.samples: list[Sample] = []
        self.mark: Mark | None = None
        self.stop = threading.Event()
        self.started = time.monotonic()

    def sample(self) -> Sample:
        try:
            conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=1)
            try:
                count = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
                sources = conn.execute("SELECT COUNT(*) FROM sources WHERE last_fetch IS NOT NULL "
                                       "OR lease_owner IS NOT NULL").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error:
            count, sources = (self.samples[-1].articles, self.samples[-1].sources) if self.samples else (0, 0)
        self.samples.append(Sample(time.monotonic() - self.started, count, sources, rss_mb(),
                                   sys.getallocatedblocks()))
        return self.samples[-1]

    def run(self) -> None:
        self.sample()
        while not self.stop.wait(self.every):
            latest = self.sample()
            if self.mark is None and latest.articles >= self.mark_at:
                self.mark = Mark.take(latest.articles)


@dataclass(frozen=True, slots=True)
class Mark:
    """What the process holds at one moment: objects by type, and a tracemalloc snapshot."""

    articles: int
    types: Counter
    snapshot: tracemalloc.Snapshot | None

    @classmethod
    def take(cls, articles: int) -> "Mark":
        types = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())
        return cls(articles, types, tracemalloc.take_snapshot() if tracemalloc.is_tracing() else None)


def types_table(first: Mark, last: Mark, top: int = 15) -> Table:
    """The object types (tracked by the garbage collector) whose count grew the most."""
    table = Table(title=f"objects by type: at {last.articles:,} articles minus at {first.articles:,}")
    for name in ("type", "count then", "count now", "Δ"):
        table.add_column(name, justify="left" if name == "type" else "right")
    growth = sorted(last.types, key=lambda t: last.types[t] - first.types[t], reverse=True)[:top]
    for name in growth:
        table.add_row(name.removeprefix("builtins."), f"{first.types[name]:,}", f"{last.types[name]:,}",
                      f"{last.types[name] - first.types[name]:+,}")
    return table


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def at_articles(samples: list[Sample], count: float) -> Sample:
    """The first sample with at least ``count`` articles stored (the last one if none)."""
    return next((x for x in samples if x.articles >= count), samples[-1])


def memory_table(samples: list[Sample], rows: int = 12) -> Table:
    """Memory at evenly spaced counts of articles stored, and the change since the row above."""
    table = Table(title="memory while ingesting (pipeline process; a row every ~1/12 of the articles)")
    for name in ("seconds", "articles stored", "sources polled", "RSS MB", "Δ RSS MB", "Python objects (k)",
                 "Δ objects (k)"):
        table.add_column(name, justify="right")
    total = samples[-1].articles
    picked = [samples[0]] + [at_articles(samples, total * k / rows) for k in range(1, rows + 1)]
    previous = None
    for x in dict.fromkeys(picked):  # in order, without repeats
        d_rss = f"{x.rss_mb - previous.rss_mb:+.0f}" if previous else ""
        d_obj = f"{(x.py_blocks - previous.py_blocks) / 1000:+.0f}" if previous else ""
        table.add_row(f"{x.seconds:.0f}", f"{x.articles:,}", f"{x.sources:,}", f"{x.rss_mb:.0f}", d_rss,
                      f"{x.py_blocks / 1000:.0f}", d_obj)
        previous = x
    return table


def second_half(samples: list[Sample]) -> tuple[Sample, Sample]:
    """The samples at half the articles stored and at the end."""
    return at_articles(samples, samples[-1].articles / 2), samples[-1]


def tracemalloc_table(first: Mark, last: Mark, top: int = 15) -> Table:
    """What Python allocated between two snapshots and still holds, by allocating line."""
    noise = [tracemalloc.Filter(False, tracemalloc.__file__), tracemalloc.Filter(False, "<frozen *>")]
    old, new = first.snapshot.filter_traces(noise), last.snapshot.filter_traces(noise)
    table = Table(title=f"Python memory held at {last.articles:,} articles minus at {first.articles:,} "
                        "(tracemalloc), by allocating line")
    for name in ("Δ KB", "Δ blocks", "line"):
        table.add_column(name, justify="right" if name != "line" else "left")
    for stat in new.compare_to(old, "lineno")[:top]:
        frame = stat.traceback[0]
        table.add_row(f"{stat.size_diff / 1024:+,.0f}", f"{stat.count_diff:+,}", f"{_short(frame.filename)}:{frame.lineno}")
    return table


def _short(filename: str) -> str:
    for marker in ("/site-packages/", "/src/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# What ``--stages`` times: the calls that make up each stage of an article's way, by module and
# attribute. Nothing else is timed: the rest (HTTP, scheduling, the transaction) is the remainder.
STAGES = {
    "parse feeds": [("tidings.pipeline", "_parse")],
    "extract": [("tidings.pipeline", "extract")],
    "dedupe (fingerprint, find, remember)": [("tidings.ingest.copies", "Copies.fingerprint"),
                                             ("tidings.ingest.copies", "Copies.find"),
                                             ("tidings.ingest.copies", "Copies.remember")],
    "cluster": [("tidings.ingest.stories", "Stories.assign")],
    "tag": [("tidings.ingest", "Tags.get")],
    "store (compress, insert with full-text index, tags)": [
        ("tidings.ingest", "compress_html"), ("tidings.store.articles", "ArticleQueries.insert_article"),
        ("tidings.store.stories", "StoryQueries.add_tags")],
}


class StageClock:
    """CPU seconds spent in each of :data:`STAGES` while active (the calls are wrapped, then
    put back); the wrappers cost about a microsecond a call."""

    def __init__(self) -> None:
        self.seconds: Counter = Counter()
        self._undo: list[tuple[object, str, object]] = []

    def __enter__(self) -> "StageClock":
        import importlib
        for stage, calls in STAGES.items():
            for module, path in calls:
                owner = importlib.import_module(module)
                *outer, name = path.split(".")
                for part in outer:
                    owner = getattr(owner, part)
                original = getattr(owner, name)
                self._undo.append((owner, name, original))
                setattr(owner, name, self._timed(stage, original))
        return self

    def __exit__(self, *exc) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)

    def _timed(self, stage: str, original: Callable) -> Callable:
        seconds, clock = self.seconds, time.process_time

        def timed(*args, **kwargs):
            start = clock()
            try:
                return original(*args, **kwargs)
            finally:
                seconds[stage] += clock() - start
        return timed


def stages_table(clock: StageClock, cpu: float, stored: int) -> Table:
    """CPU per stored article by stage, and the remainder (HTTP, scheduling, transactions)."""
    table = Table(title="CPU per article by stage (--stages)")
    for name in ("stage", "ms per article", "share"):
        table.add_column(name, justify="left" if name == "stage" else "right")
    rows = [*clock.seconds.items(), ("the rest: HTTP, scheduling, transactions", cpu - sum(clock.seconds.values()))]
    for stage, seconds in rows:
        table.add_row(stage, f"{1000 * seconds / max(1, stored):.2f}", f"{seconds / cpu:.0%}")
    table.add_row("all", f"{1000 * cpu / max(1, stored):.2f}", "100%")
    return table


def settings_for(db: str):
    from tidings.config import Settings
    settings = Settings.load({"db": db})
    settings.fetch.allowed_networks = ("127.0.0.0/8",)
    return settings


class Timed(NamedTuple):
    outcomes: list
    wall: float  # seconds of the run
    cpu: float  # CPU seconds of the run
    start_up: float  # CPU seconds of the pipeline's warm-up before the clock started (0 if none)


async def timed_run(db: str, opml: str | None = None, add: list[str] = (), profile: bool = False,
                    on_end: Callable[[], object] | None = None, warm: bool = False) -> Timed:
    """One ``run --once`` in a fresh context (``on_end`` is called before it is closed).

    ``warm``: build the taggers' tables (``Context.warm_up``, which a run does once, in a thread,
    while its first pages are fetched) before the clock starts, as in a worker that has been
    running for a while; its CPU time is returned apart as ``start_up``."""
    from tidings.context import open_context
    from tidings.runner import run_once
    from tidings.sources.manage import import_opml
    ctx = open_context(settings_for(db))
    if opml:
        import_opml(ctx.store, opml)
    for url in add:
        ctx.store.add_source(url)
    start_up = time.process_time()
    if warm:
        await ctx.warm_up()
    start_up = time.process_time() - start_up
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
        if on_end:
            on_end()
        await ctx.aclose()
        ctx.store.close()
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(25)
        stats.sort_stats("cumulative").print_stats("tidings|httpcore|httpx", 40)
    return Timed(outcomes, wall, cpu, start_up)


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


def start_web(target: Callable, *args: object) -> tuple[mp.Process, object, dict]:
    """Run ``target(conn, *args)`` (a simulated web) in a child process; returns the process, this
    end of the pipe, and the first thing the child sent."""
    parent, child = mp.Pipe()
    server = mp.Process(target=target, args=(child, *args), daemon=True)
    server.start()
    return server, parent, parent.recv()


async def bench(args) -> None:
    os.environ["TIDINGS_OFFLINE"] = "1"  # never look a name up
    core = pin(0)
    server, parent, info = start_web(serve, args.seed, args.articles)
    tmp = Path(tempfile.mkdtemp(prefix="tidings-bench-"))
    db_path = tmp / "tidings.db"
    db = f"sqlite:///{db_path}"
    try:
        sizes = info["feed_sizes"]
        console.print(f"simulated web: {info['articles']:,} articles from {info['news']:,} news sites and "
                      f"{info['aggregators']:,} aggregators over {info['days']} days, one feed each of "
                      f"{sizes[0]} to {sizes[-1]} items (median {sizes[len(sizes) // 2]}); pipeline on {core}")
        from tidings.store import open_store
        open_store(db).close()  # migrations are not part of the measure
        if args.tracemalloc:
            tracemalloc.start()
        sampler = Sampler(db_path, args.sample_every, info["articles"] // 3)
        sampler.start()
        ended: list[Mark] = []

        def on_end() -> None:
            sampler.stop.set()
            sampler.join()
            ended.append(Mark.take(sampler.sample().articles))
            tracemalloc.stop()

        with StageClock() if args.stages else contextlib.nullcontext() as clock:
            outcomes, wall, cpu, start_up = await timed_run(db, opml=info["opml"], profile=args.profile,
                                                            on_end=on_end, warm=True)
        stored = sampler.samples[-1].articles
        errors = [o.error for o in outcomes if o.error]

        pages = stored_pages(db_path, args.bare_pages)
        bare, ours = bare_extraction(pages)

        polled = [f"{url}?copy={i}" for i, url in zip(range(args.polls), _cycle(info["polled"]))]
        await timed_run(db, add=polled)  # first poll of each: 200, entries parsed, nothing new
        poll_outcomes, poll_wall, _, _ = await timed_run(db, profile=args.profile)
        unchanged = sum(o.not_modified for o in poll_outcomes)
    finally:
        parent.send("stop")
        server.join(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)

    console.print(memory_table(sampler.samples))
    if clock is not None:
        console.print(stages_table(clock, cpu, stored))
    if sampler.mark and ended:
        console.print(types_table(sampler.mark, ended[0]))
        if sampler.mark.snapshot and ended[0].snapshot:
            console.print(tracemalloc_table(sampler.mark, ended[0]))
    table = Table(title="ingest benchmark (one process, one core, SQLite)")
    for name in ("measure", "value", "target"):
        table.add_column(name, justify="right" if name != "measure" else "left")
    rate = stored / wall
    table.add_row("articles stored / served", f"{stored:,} / {info['articles']:,}", "all")
    table.add_row("sources with errors", str(len(errors)), "0")
    table.add_row("pipeline, articles/s (wall)", f"{rate:.1f}", "")
    table.add_row("pipeline, CPU ms per article", f"{1000 * cpu / max(1, stored):.1f}", "")
    table.add_row("start-up before the clock (taggers' tables), CPU s", f"{start_up:.2f}", "")
    table.add_row(f"bare trafilatura.extract, pages/s ({len(pages)} of the same pages)", f"{bare:.1f}", "")
    table.add_row("tidings.extract alone, pages/s (same pages)", f"{ours:.1f}", "")
    table.add_row("pipeline ÷ bare extraction", f"{rate / bare:.2f}×", "≥ 0.8×")
    table.add_row(f"unchanged polls (304): {unchanged:,} of {len(poll_outcomes):,} sources",
                  f"{len(poll_outcomes) / poll_wall:.0f}/s", "≥ 500/s")
    begin, (half, last) = sampler.samples[0], second_half(sampler.samples)
    grown = last.rss_mb - half.rss_mb
    table.add_row("RSS before / at half the articles / at the end",
                  f"{begin.rss_mb:.0f} / {half.rss_mb:.0f} / {last.rss_mb:.0f} MB", "")
    table.add_row(f"RSS growth over the second half ({half.articles:,} → {last.articles:,} articles, "
                  f"{half.sources:,} → {last.sources:,} sources)",
                  f"{grown:+.0f} MB ({1024 * grown / max(1, last.articles - half.articles):+.1f} KB/article"
                  + (f", {1024 * grown / (last.sources - half.sources):+.0f} KB/new source)"
                     if last.sources > half.sources else ")"), "flat")
    table.add_row("Python objects, growth over the second half",
                  f"{(last.py_blocks - half.py_blocks) / 1000:+,.0f} k", "flat")
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
    ap.add_argument("--stages", action="store_true", help="CPU per article by stage")
    ap.add_argument("--tracemalloc", action="store_true",
                    help="diff Python allocations between 1/3 of the articles and the end (slower)")
    args = ap.parse_args()
    if args.quick:
        args.articles, args.polls, args.bare_pages, args.sample_every = 600, 300, 300, 1.0
    started = time.perf_counter()
    asyncio.run(bench(args))
    console.print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    mp.set_start_method("spawn")
    main()
