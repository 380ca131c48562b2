"""Extraction speed: ``tidings.extract.extract`` beside bare trafilatura, CPU ms per page.

Two page sets: the 181 real article pages of ``/work/shared/bench/extraction`` (173 kB of HTML
each on average) and article pages of the simulated web (``tidings.simweb``, ~5 kB each,
rendered in memory, nothing served). Four extractors on each: ``trafilatura.extract`` in its
default mode, in ``fast=True`` mode, ours (``extract(html, url)``, no site learning), and ours
with learned article boxes as at ingest (``tidings.extract.articlebox``: once a host's article
box is known, only the box is extracted).
The process is pinned to one core; CPU time (``time.process_time``); best of ``--runs``
passes. The ingest target is the pipeline at ≥ 0.8× bare trafilatura, so the last column
(bare ÷ ours) is what to watch.

Run: ``.venv/bin/python bench/extract_speed.py`` (about a minute) or ``--quick`` (60 real and
300 simulated pages, one pass). ``--profile`` prints a cProfile of ours on the real pages.
"""
from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tidings.extract import ArticleBoxes, extract  # noqa: E402
from tidings.simweb import SimWeb  # noqa: E402

DATA = Path("/work/shared/bench/extraction")
Page = tuple[str, bytes]  # (url, html)


def real_pages(data: Path, limit: int | None) -> list[Page]:
    """``(original URL, HTML bytes)`` of the benchmark pages, in id order."""
    meta = json.loads((data / "meta.json").read_text(encoding="utf-8"))
    files = sorted((data / "html").glob("*.html.gz"))[:limit]
    return [(meta[f.name.split(".")[0]]["url"], gzip.decompress(f.read_bytes())) for f in files]


def sim_pages(limit: int, seed: int = 1) -> list[Page]:
    """Article pages of simulated worlds (seeds from ``seed`` on), rendered without serving."""
    out: list[Page] = []
    while len(out) < limit:
        sim = SimWeb(seed=seed, sites=30, days=28, start="recent", port=18080)
        for doc in sorted(sim.world.docs, key=lambda d: d.id):
            res = sim._render(sim.world.sites[doc.site], doc.path)  # noqa: SLF001 - no server needed
            if res is not None:
                out.append((sim.url_of(doc), res.body))
        seed += 1
    return out[:limit]


class WithBoxes:
    """``extract`` with learned article boxes, as at ingest; what is learned starts afresh on
    each pass (the real set has one or two pages per host: boxes never come into play there)."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.boxes = ArticleBoxes()

    def __call__(self, html: bytes, url: str) -> object:
        return extract(html, url, boxes=self.boxes)


def tools() -> dict[str, Callable[[bytes, str], object]]:
    return {
        "trafilatura": lambda html, url: trafilatura.extract(html, url=url, include_comments=False),
        "trafilatura fast": lambda html, url: trafilatura.extract(
            html, url=url, include_comments=False, fast=True),
        "tidings": lambda html, url: extract(html, url),
        "tidings, boxes": WithBoxes(),
    }


def best_ms(fn: Callable[[bytes, str], object], pages: list[Page], runs: int) -> float:
    """Best CPU milliseconds per page over ``runs`` passes."""
    best = float("inf")
    for _ in range(runs):
        getattr(fn, "reset", lambda: None)()
        start = time.process_time()
        for url, html in pages:
            fn(html, url)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(pages)


def pin() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[-1]})


def profile(pages: list[Page], console: Console) -> None:
    prof = cProfile.Profile()
    prof.enable()
    for url, html in pages:
        extract(html, url)
    prof.disable()
    stats = pstats.Stats(prof, stream=sys.stdout).sort_stats("cumulative")
    console.print("[bold]cProfile of tidings.extract on the real pages (cumulative)[/bold]")
    stats.print_stats(40)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="60 real + 300 simulated pages, one pass")
    parser.add_argument("--runs", type=int, default=3, help="passes per tool, best kept")
    parser.add_argument("--sim-pages", type=int, default=1000)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--profile", action="store_true", help="cProfile ours on the real pages")
    args = parser.parse_args(argv)
    console = Console(width=130)
    pin()
    runs = 1 if args.quick else max(1, args.runs)
    sets = {"real (173 kB)": real_pages(args.data, 60 if args.quick else None),
            "simweb (~5 kB)": sim_pages(300 if args.quick else args.sim_pages)}
    if args.profile:
        profile(sets["real (173 kB)"], console)
        return 0
    table = Table(title=f"extract CPU ms/page, one core, best of {runs}")
    for col in ("pages", "n", *tools(), "bare ÷ ours", "fast ÷ ours", "bare ÷ boxes"):
        table.add_column(col, justify="left" if col == "pages" else "right")
    for name, pages in sets.items():
        for url, html in pages[:3]:  # warm-up: imports, regex compilation, caches
            extract(html, url)
        ms = {tool: best_ms(fn, pages, runs) for tool, fn in tools().items()}
        table.add_row(name, str(len(pages)), *(f"{v:.2f}" for v in ms.values()),
                      f"{ms['trafilatura'] / ms['tidings']:.2f}",
                      f"{ms['trafilatura fast'] / ms['tidings']:.2f}",
                      f"{ms['trafilatura'] / ms['tidings, boxes']:.2f}")
    console.print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
