"""Copy detection and primary attribution benchmark (``tidings.dedupe``).

Four parts:

1. **syndication** — a generated corpus (``tidings.dedupe.synth``): events written up by
   several outlets in their own words (must stay apart), and copies of each report with
   every kind of edit. Pairwise copy P/R/F1, recall per edit, false merges of different
   reports of one event, primary attribution accuracy, aggregators learned; for both
   verifiers (exact containment from text, estimate from stored signatures).
2. **ECB+ dev** — real news (``shared/bench/clustering/dev.jsonl``): are the near-identical
   wire copies found, and is anything merged across stories?
3. **throughput** — the copy stage (fingerprint + lookup + verify + index) on one core.
4. **scaling** — lookup cost with 10k / 100k / 1M stored signatures, in the in-memory band
   store and in a SQLite ``copy_bands`` table with an index (``--quick`` stops at 100k).

Run: ``.venv/bin/python bench/dedupe.py`` (about 3 minutes) or ``--quick`` (< 30 s).
"""
from __future__ import annotations

import argparse
import itertools
import os
import sqlite3
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tidings.dedupe import (CopyIndex, MemoryBandStore, SQLiteBandStore, TextVerifier,  # noqa: E402
                            fingerprint, group_records, read_jsonl, set_overlap)
from tidings.dedupe.normalize import shingle_set, tokens  # noqa: E402
from tidings.dedupe.synth import generate  # noqa: E402

_HERE = Path(__file__).resolve().parents[1]
ECB = next((p for p in (_HERE.parent / "shared/bench/clustering/dev.jsonl",
                        Path("/work/shared/bench/clustering/dev.jsonl")) if p.exists()), None)
console = Console(width=120)


def pairwise(gold: list, pred: list) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a predicted partition against a gold one."""
    def pairs(counts):
        return sum(n * (n - 1) // 2 for n in counts.values())
    tp = pairs(Counter(zip(gold, pred)))
    p, r = tp / max(1, pairs(Counter(pred))), tp / max(1, pairs(Counter(gold)))
    return p, r, 2 * p * r / max(1e-12, p + r)


def score_synthetic(corpus, grouping) -> dict:
    """Every number of part 1 for one grouping of the corpus."""
    docs, pred = corpus.docs, grouping.group
    gold = [d.original for d in docs]
    out = dict(zip(("P", "R", "F1"), pairwise(gold, pred)))
    per_edit: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for d in docs:
        if d.edit != "original":
            per_edit[d.edit][0] += pred[d.id] == pred[d.original]
            per_edit[d.edit][1] += 1
    out["edits"] = dict(per_edit)
    reports = defaultdict(list)
    for d in docs:
        if d.edit == "original":
            reports[d.event].append(d.id)
    same = [(a, b) for ids in reports.values() for a, b in itertools.combinations(ids, 2)]
    out["event_pairs"] = len(same)
    out["event_merged"] = sum(pred[a] == pred[b] for a, b in same)
    out.update(_attribution(docs, grouping))
    flagged = grouping.aggregators
    out["agg_found"] = len(flagged & corpus.aggregators)
    out["agg_false"] = len(flagged - corpus.aggregators)
    return out


def _attribution(docs, grouping) -> dict:
    members = defaultdict(list)
    for d in docs:
        members[d.original].append(d)
    total = correct = 0
    by_case: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for orig, ms in members.items():
        if len(ms) < 2:
            continue
        chosen = grouping.attributions[grouping.group[orig]].primary.id
        ok = chosen == orig
        total, correct = total + 1, correct + ok
        cases = ["wrong earlier date" if any(m.wrong_date for m in ms) else "dates plausible",
                 "credit link" if any(m.credit_url for m in ms) else "no credit link"]
        for case in cases:
            by_case[case][0] += ok
            by_case[case][1] += 1
    return {"primary_acc": correct / max(1, total), "groups": total, "by_case": dict(by_case)}


def part_synthetic(events: int) -> tuple:
    """Part 1: both verifiers on one generated corpus."""
    corpus = generate(events, seed=11)
    records = corpus.records()
    results = {}
    for verify in ("text", "signature"):
        t0 = time.perf_counter()
        grouping = group_records(records, verify=verify)
        results[verify] = score_synthetic(corpus, grouping) | {"secs": time.perf_counter() - t0}
    table = Table(title=f"1. Syndication benchmark: {len(records)} articles, {events} events")
    table.add_column("measure")
    for verify in results:
        table.add_column(f"verify={verify}", justify="right")
    rows = [("pairwise copy P / R / F1 (target F1 ≥ 0.98)",
             lambda r: f"{r['P']:.4f} / {r['R']:.4f} / {r['F1']:.4f}"),
            ("same-event different reports merged (≤ 1%)",
             lambda r: f"{r['event_merged']}/{r['event_pairs']} = {r['event_merged'] / max(1, r['event_pairs']):.2%}"),
            ("primary attribution accuracy (≥ 0.95)",
             lambda r: f"{r['primary_acc']:.4f} of {r['groups']} groups"),
            ("aggregators learned (of 6) / false flags",
             lambda r: f"{r['agg_found']} / {r['agg_false']}"),
            ("whole run incl. attribution, articles/s", lambda r: f"{len(records) / r['secs']:.0f}")]
    rows += [(f"  recall of copies: {edit}", lambda r, e=edit: _frac(r["edits"][e]))
             for edit in sorted(results["text"]["edits"])]
    rows += [(f"  primary accuracy: {case}", lambda r, c=case: _frac(r["by_case"][c]))
             for case in sorted(results["text"]["by_case"])]
    for label, fmt in rows:
        table.add_row(label, *[fmt(r) for r in results.values()])
    console.print(table)
    return corpus, records


def _frac(pair) -> str:
    return f"{pair[0]}/{pair[1]} = {pair[0] / max(1, pair[1]):.3f}"


def part_ecb() -> None:
    """Part 2: real news with 20-odd known wire copies and 66 stories."""
    if ECB is None:
        console.print("2. ECB+ dev set not found, skipped")
        return
    recs = read_jsonl(ECB)
    t0 = time.perf_counter()
    grouping = group_records(recs)
    secs = time.perf_counter() - t0
    shingles = [shingle_set(tokens(r["title"]), tokens(r["text"]), 5) for r in recs]
    bands = Counter()
    near_identical = found = 0
    for i, j in itertools.combinations(range(len(recs)), 2):
        together = grouping.group[i] == grouping.group[j]
        same_story = recs[i]["story"] == recs[j]["story"]
        ov = set_overlap(shingles[i], shingles[j]) if (together or same_story) else None
        if ov is not None and ov.containment >= 0.9:
            near_identical += 1
            found += together
        if together:
            band = ("C ≥ 0.9" if ov.containment >= 0.9 else "0.75 ≤ C < 0.9" if ov.containment >= 0.75
                    else "0.5 ≤ C < 0.75" if ov.containment >= 0.5 else "C < 0.5 (via a third)")
            bands[band if same_story else "ACROSS STORIES"] += 1
    table = Table(title=f"2. ECB+ dev: {len(recs)} real articles, 66 stories ({len(recs) / secs:.0f} articles/s)")
    table.add_column("measure")
    table.add_column("count", justify="right")
    table.add_row("pairs with 5-gram containment ≥ 0.9 (README: 20)", str(near_identical))
    table.add_row("  of which put in one group", str(found))
    for band in ("C ≥ 0.9", "0.75 ≤ C < 0.9", "0.5 ≤ C < 0.75", "C < 0.5 (via a third)", "ACROSS STORIES"):
        table.add_row(f"merged pairs, same story, {band}" if band != "ACROSS STORIES"
                      else "merged pairs across stories (suspicious)", str(bands[band]))
    table.add_row("groups with > 1 article", str(sum(len(m) > 1 for m in grouping.members.values())))
    console.print(table)


def part_throughput(records: list[dict]) -> None:
    """Part 3: the copy stage alone, one core."""
    store = MemoryBandStore()
    texts: dict[int, tuple[str, str]] = {}
    verifier = TextVerifier(texts.get, cache_size=len(records) + 1)
    index = CopyIndex(store, verifier)
    t0 = time.perf_counter()
    matched = 0
    for i, r in enumerate(records):
        fp = fingerprint(r["title"], r["text"])
        match = index.find_original(fp, r["title"], r["text"])
        matched += match is not None
        if index.worth_indexing(match):
            verifier.remember(i, fp)
            index.add(i, fp)
    secs = time.perf_counter() - t0
    blob = fingerprint(records[0]["title"], records[0]["text"])
    table = Table(title="3. Copy stage throughput (fingerprint + candidates + verify + index), one core")
    table.add_column("articles")
    table.add_column("articles/s (target ≥ 2,000)", justify="right")
    table.add_column("copies found")
    table.add_column("fingerprint blob bytes")
    table.add_column("band keys / article")
    table.add_row(str(len(records)), f"{len(records) / secs:,.0f}", str(matched),
                  str(len(blob.to_bytes())), str(len(blob.band_keys)))
    console.print(table)


def _fill_sqlite(conn: sqlite3.Connection, start: int, stop: int, keys: int) -> None:
    """Synthetic rows for articles ``start..stop`` (ids offset far from real ones)."""
    conn.execute("DROP INDEX IF EXISTS copy_bands_key")
    conn.execute(
        "WITH RECURSIVE s(x) AS (SELECT ? UNION ALL SELECT x + 1 FROM s WHERE x < ?) "
        "INSERT INTO copy_bands SELECT random(), 100000000 + x / ? FROM s",
        (start * keys, stop * keys - 1, keys))
    conn.execute("CREATE INDEX copy_bands_key ON copy_bands (band_key)")
    conn.commit()


def _fill_memory(store: MemoryBandStore, start: int, stop: int, keys: int, rng) -> None:
    for lo in range(start, stop, 100_000):
        hi = min(stop, lo + 100_000)
        rows = rng.integers(-2**63, 2**63 - 1, size=(hi - lo, keys), dtype=np.int64).tolist()
        for offset, row in enumerate(rows):
            store.add(100_000_000 + lo + offset, row)


def _time_lookups(index: CopyIndex, queries) -> tuple[float, float, int]:
    t0 = time.perf_counter()
    hits = 0
    for fp in queries:
        hits += len(index.bands.candidates(fp.band_keys))
    t1 = time.perf_counter()
    for fp in queries:
        index.find_original(fp)
    t2 = time.perf_counter()
    n = len(queries)
    return (t1 - t0) / n * 1e6, (t2 - t1) / n * 1e6, hits


def part_scaling(records: list[dict], sizes: list[int]) -> None:
    """Part 4: per-article lookup cost as stored signatures grow to 1M."""
    planted = records[: len(records) // 2]
    queries = [fingerprint(r["title"], r["text"]) for r in records[len(records) // 2:][:2000]]
    keys = len(queries[0].band_keys)
    verifier = TextVerifier(lambda i: None, cache_size=len(planted) + 1)
    mem, rng = MemoryBandStore(), np.random.default_rng(5)
    tmp = tempfile.TemporaryDirectory()
    db_path = os.path.join(tmp.name, "bands.db")
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA cache_size=-200000")
    sql = SQLiteBandStore(conn)
    for i, r in enumerate(planted):
        fp = fingerprint(r["title"], r["text"])
        verifier.remember(i, fp)
        mem.add(i, fp.band_keys)
        sql.add(i, fp.band_keys)
    conn.commit()
    table = Table(title=f"4. Lookup cost per article vs stored signatures ({len(queries)} queries, "
                        f"{keys} band keys each)")
    for col in ("stored", "memory: candidates µs", "memory: find µs", "SQLite: candidates µs",
                "SQLite: find µs", "candidates/query", "SQLite MB", "fill s"):
        table.add_column(col, justify="right")
    done = len(planted)
    for size in sizes:
        t0 = time.perf_counter()
        _fill_memory(mem, done, size, keys, rng)
        _fill_sqlite(conn, done, size, keys)
        fill = time.perf_counter() - t0
        done = size
        m_cand, m_find, hits = _time_lookups(CopyIndex(mem, verifier), queries)
        s_cand, s_find, _ = _time_lookups(CopyIndex(sql, verifier), queries)
        table.add_row(f"{size:,}", f"{m_cand:.0f}", f"{m_find:.0f}", f"{s_cand:.0f}", f"{s_find:.0f}",
                      f"{hits / len(queries):.2f}", f"{os.path.getsize(db_path) / 1e6:,.0f}", f"{fill:.0f}")
        console.print(f"  stored {size:,}: done")
    conn.close()
    tmp.cleanup()
    console.print(table)


def main() -> None:
    """Run all four parts (``--quick`` for a smaller corpus and sizes up to 100k)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small corpus, scaling up to 100k (< 30 s)")
    ap.add_argument("--events", type=int, default=None, help="events in the synthetic corpus")
    args = ap.parse_args()
    started = time.perf_counter()
    events = args.events or (400 if args.quick else 2000)
    corpus, records = part_synthetic(events)
    part_ecb()
    part_throughput(records)
    part_scaling(records, [10_000, 100_000] if args.quick else [10_000, 100_000, 1_000_000])
    console.print(f"total {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
