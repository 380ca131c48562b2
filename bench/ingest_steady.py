"""Memory in steady state: the same sources polled day after day, on a simulated clock.

``bench/ingest.py`` reads every site's whole backlog in one ``run --once``, so its sites are
first polled one after another through the run, and each brings its per-host state (site
templates, schedule) late; and its clock barely moves, so no story ever closes. An aggregator
in service polls sources it knows, and stories close days after their last report. This bench
runs that: a simulated web whose sites already hold a fifth of the articles (the backlog, read
in the first round), then a round per simulated day in which the sites publish a day's news
and one ``run --once`` polls every source. The pipeline runs on the simulated clock
(``Context.clock``: arrival times, story closing, retention), in one process and one context
for the whole run, pinned to one core; the simulated web runs in a child process on the other.

Printed: a row per round (articles, open stories, RSS, Python objects) and the growth over the
second half of the rounds, when every host is known and stories close as fast as they open; the
entries of each bounded structure (its cap beside it) after the backlog, at half and at the end;
``--tracemalloc`` also diffs Python allocations by line over the second half (slower);
``--trim`` returns the C heap's free pages to the system after each round (a what-if).
Target (issue #2): memory flat.

Run: ``.venv/bin/python bench/ingest_steady.py`` (20,000 articles, a few minutes),
``--articles 100000`` (about 30 minutes), ``--quick`` (3,000 articles).
"""
from __future__ import annotations

import argparse
import ctypes
import asyncio
import gc
import multiprocessing as mp
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import (Mark, build_world, console, pin, rss_mb, settings_for, start_web, tracemalloc_table,  # noqa: E402
                    types_table, world_shape)

BACKLOG = 0.2  # share of the articles on the sites before the first round
HOURS = 24.0  # simulated time per round


def serve(conn, seed: int, articles: int) -> None:
    """Child process: a web holding the backlog; on ``(stories, hours)`` it publishes that many
    new stories over the next hours and answers with the count and its clock; ``stop`` ends."""
    pin(1)
    world = build_world(seed, round(articles * BACKLOG), world_shape(articles))
    docs, stories = len(world.world.docs), len(world.world.stories)
    with world:
        conn.send({"opml": world.opml(), "articles": docs, "per_story": docs / max(1, stories),
                   "now": world.now, "sites": len(world.world.sites)})
        while (message := conn.recv()) != "stop":
            count, hours = message
            conn.send((len(world.publish_more(count, hours)), world.now))


@dataclass(frozen=True, slots=True)
class Round:
    number: int
    day: datetime
    served: int  # new articles on the web this round
    stored: int  # articles in the database after it
    seconds: float
    open_stories: int
    terms: int  # the clusterer's document frequencies (capped: ``max_vocab``)
    blocks: int  # site-template records
    rss_mb: float
    py_blocks: int
    sizes: dict[str, int] = field(default_factory=dict)  # entries per bounded structure


class SimulatedClock:
    """The pipeline's clock, set to the simulated web's after each day's publishing."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def run_rounds(args, conn, info: dict, db: str) -> tuple[list[Round], Mark | None, Mark]:
    from tidings.context import open_context
    from tidings.runner import run_once
    from tidings.sources.manage import import_opml
    ctx = open_context(settings_for(db))
    clock = ctx.clock = SimulatedClock(info["now"])
    import_opml(ctx.store, info["opml"])
    per_round = (args.articles - info["articles"]) / args.rounds
    stories_per_round = max(1, round(per_round / info["per_story"]))
    rounds, middle = [], None
    try:
        for number in range(args.rounds + 1):
            served = info["articles"]
            if number:
                conn.send((stories_per_round, HOURS))
                served, clock.now = conn.recv()
            started = time.perf_counter()
            await run_once(ctx)
            if args.trim:
                trim_heap()
            rounds.append(Round(number, clock.now, served, ctx.store.article_count(include_removed=True),
                                time.perf_counter() - started, len(ctx.stories.clusterer.state.stories),
                                len(ctx.stories.clusterer.state.df), len(ctx.sites.stats.rows()),
                                rss_mb(), sys.getallocatedblocks(), structure_sizes(ctx)))
            console.print(row_text(rounds[-1]))
            if number == args.rounds // 2:
                gc.collect()
                middle = Mark.take(rounds[-1].stored)
        gc.collect()
        return rounds, middle, Mark.take(rounds[-1].stored)
    finally:
        await ctx.aclose()
        ctx.store.close()


def trim_heap() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``), as a worker could
    between polling rounds; a what-if for ``--trim`` (the pipeline does not do it today)."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def structure_sizes(ctx) -> dict[str, int]:
    """Entries held now by each structure that grows with what was read, and is capped."""
    from tidings.cluster import text as cluster_text
    from tidings.dedupe import normalize
    state, templates = ctx.stories.clusterer.state, ctx.sites.templates
    per_host = [templates.stats.count(h) for h in templates.stats.hosts()]
    return {"clusterer document frequencies": len(state.df),
            "clusterer stems memo": len(cluster_text._STEMS),
            "clusterer terms memo": sum(map(len, cluster_text._TERMS.values())),
            "dedupe word hashes": len(normalize._HASHES),
            "site-template records": sum(per_host),
            "site-template records, largest host": max(per_host, default=0),
            "site-template pages remembered": len(getattr(templates, "seen", getattr(templates, "_seen", ()))),
            **tag_memos(ctx.tagger), **lru_caches(), **native_memory()}


def native_memory() -> dict[str, int]:
    """Memory outside Python's objects, in KB: SQLite's own allocations, and the C heap's
    bytes in use and free-but-kept (glibc ``mallinfo2``; absent elsewhere)."""
    import _sqlite3
    found = {}
    try:
        used = ctypes.CDLL(_sqlite3.__file__).sqlite3_memory_used
        used.restype = ctypes.c_int64
        found["SQLite memory (KB)"] = used() // 1024
        libc = ctypes.CDLL("libc.so.6")
        libc.mallinfo2.restype = _MallInfo
        info = libc.mallinfo2()
        found["C heap in use, mmapped aside (KB)"] = info.uordblks // 1024
        found["C heap free, kept (KB)"] = info.fordblks // 1024
        found["C heap mmapped blocks (KB)"] = info.hblkhd // 1024
    except (OSError, AttributeError):
        pass
    if tracemalloc.is_tracing():
        found["Python traced (KB)"] = tracemalloc.get_traced_memory()[0] // 1024
    return found


class _MallInfo(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def lru_caches() -> dict[str, int]:
    """Entries of the package's ``functools.lru_cache`` functions that hold any."""
    found = {}
    for name, module in list(sys.modules.items()):
        if name.startswith("tidings."):
            for attr, value in list(vars(module).items()):
                info = getattr(value, "cache_info", None)
                if callable(info) and getattr(value, "__module__", "") == name and info().currsize > 100:
                    found[f"{name.removeprefix('tidings.')}.{attr} (lru)"] = info().currsize
    return found


def tag_memos(tagger) -> dict[str, int]:
    """Sizes of the taggers' memos reachable from the pipeline's tagger (best effort)."""
    from tidings.tag.gazetteer import Gazetteer
    from tidings.tag.prefixes import PrefixIndex
    found: dict[str, int] = {}
    for o in gc.get_objects():
        if isinstance(o, PrefixIndex):
            found["tagging prefix memos"] = found.get("tagging prefix memos", 0) + len(o._memo)
        elif isinstance(o, Gazetteer):
            found["gazetteer opens memo"] = found.get("gazetteer opens memo", 0) + len(o._opens)
    return found


def sizes_table(rounds: list[Round]) -> Table:
    picked = [rounds[0], rounds[len(rounds) // 2], rounds[-1]]
    table = Table(title="entries per bounded structure (after the backlog / at half / at the end)")
    table.add_column("structure")
    for r in picked:
        table.add_column(f"{r.stored:,} articles", justify="right")
    for name in picked[-1].sizes:
        table.add_row(name, *(f"{r.sizes.get(name, 0):,}" for r in picked))
    return table


def row_text(r: Round) -> str:
    return (f"round {r.number}: {r.served:,} served, {r.stored:,} stored, {r.seconds:.0f} s, "
            f"{r.open_stories:,} open stories, RSS {r.rss_mb:.0f} MB")


def rounds_table(rounds: list[Round]) -> Table:
    table = Table(title=f"steady polling: a round per simulated day (round 0 reads the backlog)")
    for name in ("round", "simulated day", "new on the web", "articles stored", "articles/s", "open stories",
                 "clusterer terms (k)", "template records (k)", "RSS MB", "Δ RSS MB", "Python objects (k)"):
        table.add_column(name, justify="right")
    previous = None
    for r in rounds:
        new = r.stored - (previous.stored if previous else 0)
        table.add_row(str(r.number), r.day.date().isoformat(), f"{r.served:,}", f"{r.stored:,}",
                      f"{new / max(1e-9, r.seconds):.1f}", f"{r.open_stories:,}", f"{r.terms / 1000:,.0f}",
                      f"{r.blocks / 1000:,.0f}", f"{r.rss_mb:.0f}",
                      f"{r.rss_mb - previous.rss_mb:+.0f}" if previous else "", f"{r.py_blocks / 1000:,.0f}")
        previous = r
    return table


def summary_table(rounds: list[Round], served: int) -> Table:
    half, last = rounds[len(rounds) // 2], rounds[-1]
    grown = last.rss_mb - half.rss_mb
    added = max(1, last.stored - half.stored)
    table = Table(title="memory in steady state (one process, one core, SQLite)")
    for name in ("measure", "value", "target"):
        table.add_column(name, justify="right" if name != "measure" else "left")
    table.add_row("articles stored / served", f"{last.stored:,} / {served:,}", "all")
    table.add_row("RSS after the backlog / at half the rounds / at the end",
                  f"{rounds[0].rss_mb:.0f} / {half.rss_mb:.0f} / {last.rss_mb:.0f} MB", "")
    table.add_row(f"RSS growth over the second half ({half.stored:,} → {last.stored:,} articles)",
                  f"{grown:+.0f} MB ({1024 * grown / added:+.2f} KB/article)", "flat")
    table.add_row("Python objects, growth over the second half",
                  f"{(last.py_blocks - half.py_blocks) / 1000:+,.0f} k", "flat")
    table.add_row("open stories at half / at the end", f"{half.open_stories:,} / {last.open_stories:,}", "")
    return table


async def bench(args) -> None:
    os.environ["TIDINGS_OFFLINE"] = "1"  # never look a name up
    core = pin(0)
    server, parent, info = start_web(serve, args.seed, args.articles)
    tmp = Path(tempfile.mkdtemp(prefix="tidings-bench-steady-"))
    try:
        console.print(f"simulated web: {info['sites']:,} sites holding {info['articles']:,} articles, then "
                      f"{args.rounds} days of news; pipeline on {core}")
        from tidings.store import open_store
        db = f"sqlite:///{tmp / 'tidings.db'}"
        open_store(db).close()  # migrations are not part of the measure
        rounds, middle, end = await run_rounds(args, parent, info, db)
    finally:
        parent.send("stop")
        server.join(timeout=30)
        shutil.rmtree(tmp, ignore_errors=True)
    console.print(rounds_table(rounds))
    console.print(sizes_table(rounds))
    if middle is not None:
        console.print(types_table(middle, end))
        if middle.snapshot is not None:
            console.print(tracemalloc_table(middle, end, top=25))
    console.print(summary_table(rounds, info["articles"] + sum(r.served for r in rounds[1:])))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=20_000, help="about how many articles in all (default 20,000)")
    ap.add_argument("--rounds", type=int, default=16, help="simulated days after the backlog (default 16)")
    ap.add_argument("--quick", action="store_true", help="3,000 articles over 8 rounds")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--trim", action="store_true",
                    help="after each round, return the C heap's free pages to the system (malloc_trim): "
                         "how much of the growth is memory freed but kept")
    ap.add_argument("--tracemalloc", action="store_true",
                    help="diff Python allocations by line over the second half (several times slower)")
    args = ap.parse_args()
    if args.quick:
        args.articles, args.rounds = 3000, 8
    if args.tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    asyncio.run(bench(args))
    console.print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    mp.set_start_method("spawn")
    main()
