"""Tagging speed: CPU milliseconds per article of ``tag_article``, on one core, per corpus.

Corpora (each part is skipped when its data is missing):

* ``labelled``: the labelled tagging samples of ``tests/tag/data`` (short, six languages);
* ``ecb``: the 772 real English news articles of ``/work/shared/bench/clustering/dev.jsonl``;
* ``pages``: the 181 real article pages of ``/work/shared/bench/extraction``, extracted with
  ``tidings.extract.extract`` (long texts, as the ingest pipeline sees them);
* ``simweb``: simulated-web articles (en/fr/es/ru), default and trend scenarios.

Every part is tagged with the example watchlist (the pipeline's default); the simulated web
also with its cast's watchlist (as the demo and the trend tests use). The process is pinned
to one core; each figure is the best of a few rounds of CPU time (the steadiest measure on a
shared machine).

Run: ``.venv/bin/python bench/tagging_speed.py`` (about a minute), ``--quick`` (< 30 s).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tidings.tag import Watchlist, example_watchlist, get_gazetteer, get_lexicon, tag_article  # noqa: E402

LABELLED = [ROOT / "tests" / "tag" / "data" / f"{name}.jsonl" for name in ("labelled", "heldout", "eventcases")]
ECB = Path("/work/shared/bench/clustering/dev.jsonl")
PAGES = Path("/work/shared/bench/extraction")
SIM_RUNS = ({"seed": 1, "sites": 8, "days": 60, "events_per_day": 5.0},
            {"seed": 2, "sites": 8, "days": 60, "events_per_day": 5.0},
            {"seed": 3, "sites": 24, "days": 45, "events_per_day": 4.0},
            {"seed": 7, "scenario": "trend"},
            {"seed": 8, "scenario": "trend"})

Article = tuple[str, str, str]  # title, text, lang


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labelled_articles() -> list[Article]:
    """The labelled tagging samples."""
    return [(d["title"], d["text"], d["lang"]) for p in LABELLED if p.exists() for d in _jsonl(p)]


def ecb_articles() -> list[Article]:
    """ECB+ dev: real English news (empty when the file is missing)."""
    return [(d["title"], d["text"], d.get("lang") or "en") for d in _jsonl(ECB)] if ECB.exists() else []


def page_articles(limit: int | None = None) -> list[Article]:
    """The real pages of the extraction benchmark, extracted (empty when missing)."""
    if not (PAGES / "meta.json").exists():
        return []
    from tidings.extract import extract
    meta = json.loads((PAGES / "meta.json").read_text(encoding="utf-8"))
    out = []
    for f in sorted((PAGES / "html").glob("*.html.gz"))[:limit]:
        page_id = f.name.split(".")[0]
        ex = extract(gzip.decompress(f.read_bytes()), meta[page_id]["url"], learn=False)
        out.append((ex.title, ex.text, ex.lang))
    return out


def sim_articles(runs: tuple[dict, ...] = SIM_RUNS) -> list[Article]:
    """Simulated-web articles and copies (no server is started)."""
    from tidings.simweb import SimWeb
    return [(a.title, a.text, a.lang) for kw in runs for a in SimWeb(**kw).articles()]


def cast() -> Watchlist:
    """The simulated web's cast, as the demo and the trend tests follow it."""
    from tidings.simweb.watchlist import cast_watchlist
    return Watchlist.from_dict(cast_watchlist())


def corpus(quick: bool = False) -> dict[str, list[Article]]:
    """Every corpus part by name (smaller parts with ``quick``)."""
    parts = {"labelled": labelled_articles(), "ecb": ecb_articles(),
             "pages": page_articles(40 if quick else None),
             "simweb": sim_articles(SIM_RUNS[:1] if quick else SIM_RUNS)}
    if quick:
        parts["ecb"] = parts["ecb"][:200]
    return {name: items for name, items in parts.items() if items}


def pin_one_core() -> None:
    """Run on one core, so that CPU time is not spread or shared."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[-1]})


def cpu_ms(items: list[Article], wl: Watchlist, rounds: int) -> float:
    """Best CPU milliseconds per article over ``rounds`` passes."""
    gaz = get_gazetteer()
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for title, text, lang in items:
            tag_article(title, text, lang, wl, gaz)
        best = min(best, time.process_time() - start)
    return 1000 * best / len(items)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora, fewer rounds (< 30 s)")
    parser.add_argument("--rounds", type=int, default=0, help="passes per figure (default 3, quick 2)")
    args = parser.parse_args()
    console = Console()
    pin_one_core()
    get_gazetteer(), get_lexicon()
    parts = corpus(args.quick)
    rounds = args.rounds or (2 if args.quick else 3)
    runs = [(name, "example", example_watchlist()) for name in parts]
    if "simweb" in parts:
        runs.append(("simweb", "cast", cast()))
    table = Table(title=f"tag_article speed (one core, best of {rounds} rounds)")
    for col in ("corpus", "watchlist", "articles", "words each", "CPU ms each", "per CPU s"):
        table.add_column(col, justify="left" if col in ("corpus", "watchlist") else "right")
    for name, wl_name, wl in runs:
        items = parts[name]
        words = sum(len(t.split()) + len(x.split()) for t, x, _ in items) / len(items)
        ms = cpu_ms(items, wl, rounds)
        table.add_row(name, wl_name, str(len(items)), f"{words:,.0f}", f"{ms:.2f}", f"{1000 / ms:,.0f}")
    console.print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
