"""Tagging benchmark: precision/recall/F1 of actors, places and events, and speed.

Quality is measured on ``tests/tag/data/labelled.jsonl`` (short articles written for tidings
in en/fr/es/de/ru/fa with gold tags, see the README next to it), on ``heldout.jsonl`` and on
``eventcases.jsonl`` (hard cases of event precision: tallies of past attacks, clashes,
repelled assaults, claims and blame), with the example watchlist:

* actors: the set of actor ids of each article;
* places: the set of places (a gold "Name|CC" accepts any gazetteer place of that name and
  country, so "Kabul|AF" accepts the city and the province);
* events: the set of (event type, agent actor id or "-") of each article.

Speed is measured on the same sample and, when present, on the 772 real English news
articles of ``/work/shared/bench/clustering/dev.jsonl`` (median ~224 words).

Run: ``.venv/bin/python bench/tagging.py`` (< 1 min), ``--quick`` (< 15 s), ``--errors``
to list every false positive and false negative.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tidings.tag import Tag, Watchlist, build_gazetteer, example_watchlist, get_gazetteer, tag_article  # noqa: E402
from tidings.tag.gazetteer import Gazetteer, name_key  # noqa: E402

LABELLED = ROOT / "tests" / "tag" / "data" / "labelled.jsonl"
HELDOUT = ROOT / "tests" / "tag" / "data" / "heldout.jsonl"
EVENTCASES = ROOT / "tests" / "tag" / "data" / "eventcases.jsonl"
ECB = Path("/work/shared/bench/clustering/dev.jsonl")
KINDS = ("actor", "place", "event")


@dataclass
class Score:
    """True positives, false positives and false negatives of one kind."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load(path: Path) -> list[dict]:
    """The labelled articles of a JSONL file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _gold_place(gaz: Gazetteer, spec: str) -> frozenset[str]:
    name, _, country = spec.rpartition("|")
    refs = {p.id for p in gaz.lookup(name_key(name)) if p.country == country}
    return frozenset(refs or {f"missing:{spec}"})


def predicted(tags: list[Tag], wl: Watchlist) -> dict[str, set]:
    """The comparable sets of one article's tags."""
    ids = {a.name: a.id for a in wl}
    return {
        "actor": {t.ref for t in tags if t.kind == "actor"},
        "place": {t.ref for t in tags if t.kind == "place"},
        "event": {f"{t.name}/{ids.get(t.actor, '-') if t.actor else '-'}" for t in tags if t.kind == "event"},
    }


def _match_places(gold: list[frozenset[str]], pred: set[str]) -> tuple[int, list, list]:
    matched = [g for g in gold if g & pred]
    fps = [p for p in pred if not any(p in g for g in gold)]
    fns = [sorted(g)[0] for g in gold if not g & pred]
    return len(matched), fps, fns


def evaluate(items: list[dict], wl: Watchlist, gaz: Gazetteer, show_errors: bool = False,
             console: Console | None = None) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    """Micro-averaged scores per kind, overall and per language."""
    total = {k: Score() for k in KINDS}
    by_lang: dict[str, dict[str, Score]] = defaultdict(lambda: {k: Score() for k in KINDS})
    for item in items:
        pred = predicted(tag_article(item["title"], item["text"], item["lang"], wl, gaz), wl)
        errors = {}
        for kind in KINDS:
            if kind == "place":
                tp, fps, fns = _match_places([_gold_place(gaz, s) for s in item["places"]], pred["place"])
            else:
                gold = set(item[f"{kind}s"])
                tp, fps, fns = len(gold & pred[kind]), sorted(pred[kind] - gold), sorted(gold - pred[kind])
            for score in (total[kind], by_lang[item["lang"]][kind]):
                score.tp += tp
                score.fp += len(fps)
                score.fn += len(fns)
            if fps or fns:
                errors[kind] = (fps, fns)
        if show_errors and errors and console:
            console.print(f"[bold]{item['id']}[/]: " + "; ".join(
                f"{k} FP={fp} FN={fn}" for k, (fp, fn) in errors.items()))
    return total, dict(by_lang)


def speed(items: list[dict], wl: Watchlist, gaz: Gazetteer, seconds: float) -> tuple[float, float, float]:
    """Articles per CPU second and per wall second (medians of runs), mean words per article.

    CPU time is the steadier measure on a shared machine; wall time is what a user waits.
    """
    words = statistics.mean(len((i["title"] + " " + i["text"]).split()) for i in items)
    cpu, wall, deadline = [], [], time.perf_counter() + seconds
    while time.perf_counter() < deadline or not cpu:
        start, start_cpu = time.perf_counter(), time.process_time()
        for item in items:
            tag_article(item["title"], item["text"], item.get("lang") or "en", wl, gaz)
        cpu.append(len(items) / max(time.process_time() - start_cpu, 1e-9))
        wall.append(len(items) / (time.perf_counter() - start))
    return statistics.median(cpu), statistics.median(wall), words


def quality_table(title: str, total: dict[str, Score], by_lang: dict[str, dict[str, Score]]) -> Table:
    """A rich table of P/R/F1 per kind, overall and per language."""
    table = Table(title=title)
    for col in ("set", "kind", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="right" if col not in ("set", "kind") else "left")
    rows = [("all", total)] + sorted(by_lang.items())
    for name, scores in rows:
        for kind in KINDS:
            s = scores[kind]
            table.add_row(name, kind, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}",
                          str(s.tp), str(s.fp), str(s.fn))
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="short speed runs (< 15 s in all)")
    parser.add_argument("--errors", action="store_true", help="list false positives and negatives")
    args = parser.parse_args()
    console = Console()
    start = time.perf_counter()
    build_gazetteer()
    build_s = time.perf_counter() - start
    gaz, wl = get_gazetteer(), example_watchlist()
    for path in (LABELLED, HELDOUT, EVENTCASES):
        if not path.exists():
            continue
        items = load(path)
        total, by_lang = evaluate(items, wl, gaz, args.errors, console)
        langs = ", ".join(f"{k} {v}" for k, v in sorted(
            {lang: sum(1 for i in items if i["lang"] == lang) for lang in by_lang}.items()))
        console.print(quality_table(f"Tagging quality: {path.name} ({len(items)} articles: {langs})",
                                    total, by_lang))
    table = Table(title="Tagging speed (one core)")
    for col in ("corpus", "articles", "words/article", "articles/CPU s", "articles/wall s"):
        table.add_column(col, justify="right" if col != "corpus" else "left")
    run = 2.0 if args.quick else 8.0
    labelled = load(LABELLED)
    cpu, wall, words = speed(labelled, wl, gaz, run)
    table.add_row("labelled sample", str(len(labelled)), f"{words:.0f}", f"{cpu:,.0f}", f"{wall:,.0f}")
    if ECB.exists():
        ecb = [json.loads(line) for line in ECB.read_text(encoding="utf-8").splitlines()]
        ecb = ecb[:200] if args.quick else ecb
        cpu, wall, words = speed(ecb, wl, gaz, run)
        table.add_row("ECB+ dev (real English news)", str(len(ecb)), f"{words:.0f}", f"{cpu:,.0f}", f"{wall:,.0f}")
    console.print(table)
    console.print(f"gazetteer build: {build_s:.2f} s (once per process); "
                  f"{len(gaz.by_key):,} name keys")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
