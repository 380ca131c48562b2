"""Search benchmark: Store.search on SQLite FTS5 over a synthetic corpus of ~600-word articles.

The corpus is built once (words drawn from a Zipf distribution over a synthetic vocabulary,
bulk-inserted with executemany in big transactions, the FTS index rebuilt once) and cached
in ``data/bench/``; later runs reuse it. Then 1–3 word queries, with and without filters,
are timed through the real ``Store.search`` (ranking, filters, snippets): p50 / p95 / max.

Run: ``.venv/bin/python bench/search.py`` (1,000,000 articles: the first build takes several
minutes and ~9 GB) or ``--quick`` (100,000 articles, < 30 s once built, ~1 GB).
Target: p95 < 50 ms.
"""
from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tidings.store import open_store  # noqa: E402

SYLLABLES = ("ka lo mi ne ru ta si vo de ba po ze gu fi ha jo ke wa ly mo ra te an el in "
             "or us ar en is on").split()
LANGS = ("en", "en", "en", "fr", "es", "de", "ar", "ru", "fa", "zh")
VOCABULARY = 60_000
ZIPF = 1.07
START = datetime(2024, 1, 1, tzinfo=timezone.utc)
CHUNK = 5_000


def vocabulary(rng: np.random.Generator) -> np.ndarray:
    """Distinct made-up words, most frequent first."""
    words: dict[str, None] = {}
    while len(words) < VOCABULARY:
        words["".join(rng.choice(SYLLABLES, size=int(rng.integers(1, 5))))] = None
    return np.array(list(words), dtype=object)


def zipf_cdf() -> np.ndarray:
    weights = 1.0 / np.arange(1, VOCABULARY + 1) ** ZIPF
    return np.cumsum(weights / weights.sum())


def documents(rng, words, cdf, count: int, length: int) -> list[str]:
    picks = np.searchsorted(cdf, rng.random((count, length)))
    return [" ".join(row) for row in words[picks].tolist()]


def build(path: Path, n: int, *, seed: int, console: Console) -> None:
    """Create the corpus database at ``path`` through the real schema, FTS rebuilt once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = open_store(f"sqlite:///{path}")
    store.close()
    rng = np.random.default_rng(seed)
    words, cdf = vocabulary(rng), zipf_cdf()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE name='articles_fts_insert'").fetchone()[0]
    db.execute("DROP TRIGGER articles_fts_insert")
    sources = [(i, f"https://source{i}.example/feed", f"Source {i}", LANGS[i % len(LANGS)],
                START.isoformat(sep=" ")) for i in range(1, 201)]
    with db:
        db.executemany("INSERT INTO sources (id, url, title, lang, added_at) VALUES (?,?,?,?,?)", sources)
    started = time.perf_counter()
    for first in range(1, n + 1, CHUNK):
        count = min(CHUNK, n - first + 1)
        texts = documents(rng, words, cdf, count, 600)
        titles = documents(rng, words, cdf, count, 8)
        rows = []
        for k in range(count):
            i = first + k
            when = (START + timedelta(seconds=int(i * 63_072_000 / n))).isoformat(sep=" ")[:19]
            copy = i % 20 == 0 and i > 1
            rows.append((i, 1 + i % 200, f"https://source{1 + i % 200}.example/a/{i}", titles[k].capitalize(),
                         None if copy else texts[k], when, when, LANGS[i % len(LANGS)],
                         i - 1 if copy else None, "removed" if i % 1000 == 7 else "ok",
                         f"https://source{1 + i % 200}.example/a/{i - 1 if copy else i}"))
        with db:
            db.executemany("INSERT INTO articles (id, source_id, url, title, text, published, fetched, lang, "
                           "duplicate_of, status, primary_url) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        if (first - 1) % (CHUNK * 20) == 0:
            console.print(f"  inserted {first + count - 1:,}/{n:,}")
    console.print(f"  rows in {time.perf_counter() - started:.0f} s; rebuilding the FTS index…")
    started = time.perf_counter()
    with db:
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        db.execute(trigger)
    with db:
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("ANALYZE")
    db.close()
    console.print(f"  index in {time.perf_counter() - started:.0f} s; {path.stat().st_size / 1e9:.2f} GB")


def queries(seed: int, count: int) -> list[str]:
    """1–3 word queries, words log-uniform over frequency ranks 20–30,000 (broad to rare)."""
    rng = np.random.default_rng(seed + 1)
    words = vocabulary(np.random.default_rng(seed))
    ranks = np.exp(rng.uniform(np.log(20), np.log(30_000), size=(count, 3))).astype(int)
    sizes = rng.integers(1, 4, size=count)
    return [" ".join(words[r] for r in ranks[i, :sizes[i]]) for i in range(count)]


def timed(store, query: str, **filters) -> tuple[float, int]:
    started = time.perf_counter()
    hits = store.search(query, limit=20, **filters)
    return (time.perf_counter() - started) * 1000, len(hits)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(store, qs: list[str], console: Console, n: int) -> Table:
    since = START + timedelta(days=365)
    cases = {
        "no filter": {},
        "lang=fr": {"lang": "fr"},
        "source": {"source_id": 17},
        "since (last year)": {"since": since},
        "lang+since+until": {"lang": "en", "since": since, "until": since + timedelta(days=90)},
    }
    table = Table(title=f"Store.search on SQLite FTS5, {n:,} articles (limit 20, snippets on)")
    for column in ("case", "words", "queries", "p50 ms", "p95 ms", "max ms", "mean hits"):
        table.add_column(column, justify="right" if column != "case" else "left")
    for name, filters in cases.items():
        for q in qs[:20]:
            timed(store, q, **filters)  # warm the page cache
        by_words: dict[int, list[tuple[float, int]]] = {}
        for q in qs:
            by_words.setdefault(len(q.split()), []).append(timed(store, q, **filters))
        every = [r for rs in by_words.values() for r in rs]
        for words, results in sorted(by_words.items()) + [("all", every)]:
            times = [t for t, _ in results]
            table.add_row(name, str(words), str(len(times)), f"{statistics.median(times):.1f}",
                          f"{percentile(times, 95):.1f}", f"{max(times):.1f}",
                          f"{statistics.mean(h for _, h in results):.1f}")
        table.add_section()
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="articles in the corpus")
    parser.add_argument("--quick", action="store_true", help="100,000 articles and fewer queries")
    parser.add_argument("--queries", type=int, default=300, help="queries per case")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rebuild", action="store_true", help="build the corpus even if cached")
    parser.add_argument("--db", type=Path, help="corpus database (default data/bench/search-N.db)")
    args = parser.parse_args(argv)
    n = 100_000 if args.quick else args.n
    count = min(args.queries, 150) if args.quick else args.queries
    console = Console()
    path = args.db or ROOT / "data" / "bench" / f"search-{n}-{args.seed}.db"
    if args.rebuild or not path.exists():
        console.print(f"building {n:,} synthetic articles in {path} …")
        build(path, n, seed=args.seed, console=console)
    store = open_store(f"sqlite:///{path}", upgrade=False)
    console.print(run(store, queries(args.seed, count), console, n))
    from tidings.store import search_sqlite as ranking
    console.print(f"target: p95 < 50 ms. Ranking = bm25 (title ×5) over up to {ranking.CAP:,} newest matches in "
                  f"the newest {ranking.WINDOW:,} articles, else the newest {ranking.ENOUGH:,}+ further back; "
                  f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
