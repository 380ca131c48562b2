"""Main-text extraction benchmark: tidings.extract vs bare trafilatura, same run, one core.

Runs both extractors over the pages of ``/work/shared/bench/extraction`` (181 article pages
with a hand-made ground truth), scores both with that folder's ``score.py`` and prints
4-gram P/R/F1, token F1, pageF1, empty pages and pages per CPU-second (the process is pinned
to one core; best of ``--runs``). Also checks metadata where the truth is known: canonical
URL against ``meta.json`` and the language found.

Run: ``.venv/bin/python bench/extraction.py`` (about a minute) or ``--quick`` (40 pages).
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tidings.extract import SiteTemplates, canonicalize_url, extract  # noqa: E402

DATA = Path("/work/shared/bench/extraction")
QUICK_PAGES = 40


def load_pages(data: Path, limit: int | None) -> dict[str, bytes]:
    """Page id -> HTML bytes, in id order."""
    files = sorted((data / "html").glob("*.html.gz"))[:limit]
    return {p.name[:-len(".html.gz")]: gzip.decompress(p.read_bytes()) for p in files}


def run(fn: Callable[[bytes, str], str], pages: dict[str, bytes], urls: dict[str, str],
        runs: int) -> tuple[dict[str, str], float]:
    """Outputs of ``fn`` and the best total CPU seconds over ``runs`` passes."""
    best, out = float("inf"), {}
    for _ in range(runs):
        total = 0.0
        for key, html in pages.items():
            start = time.process_time()
            out[key] = fn(html, urls.get(key, "")) or ""
            total += time.process_time() - start
        best = min(best, total)
    return out, best


def score(pred: dict[str, str], gt_dir: Path, scorer: Path, tmp: Path, name: str) -> dict:
    """Run the benchmark's scorer; return its metrics and the per-page 4-gram F1."""
    pred_file, out_file, pages_file = tmp / f"{name}.json", tmp / f"{name}-score.json", tmp / f"{name}.tsv"
    pred_file.write_text(json.dumps(pred), encoding="utf-8")
    subprocess.run([sys.executable, str(scorer), str(pred_file), "--gt", str(gt_dir),
                    "--json", str(out_file), "--per-page", str(pages_file)],
                   check=True, capture_output=True)
    metrics = json.loads(out_file.read_text())["metrics"]
    per_page = {}
    for line in pages_file.read_text().splitlines()[1:]:
        fields = line.split("\t")
        per_page[fields[0]] = float(fields[4])
    return {"4": _all(metrics["4"]), "1": _all(metrics["1"]), "pages": per_page}


def _all(by_dataset: dict) -> dict:
    return by_dataset.get("ALL") or next(iter(by_dataset.values()))


def subset_ground_truth(data: Path, keys: list[str], tmp: Path) -> Path:
    """A ground-truth folder holding only ``keys`` (for --quick)."""
    gt = json.loads((data / "ground-truth.json").read_text())
    meta = json.loads((data / "meta.json").read_text())
    folder = tmp / "gt"
    folder.mkdir()
    (folder / "ground-truth.json").write_text(json.dumps({k: gt[k] for k in keys}))
    (folder / "meta.json").write_text(json.dumps({k: meta[k] for k in keys}))
    return folder


def metadata_check(pages: dict[str, bytes], urls: dict[str, str]) -> dict:
    """Canonical URL (page given no URL) vs the known URL; languages found."""
    has, match, langs = 0, 0, Counter()
    for key, html in pages.items():
        found = extract(html)
        langs[found.lang or "?"] += 1
        if found.canonical_url:
            has += 1
            match += found.canonical_url == canonicalize_url(urls[key])
    return {"with_canonical": has, "canonical_match": match, "langs": langs}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help=f"first {QUICK_PAGES} pages, one run")
    parser.add_argument("--runs", type=int, default=2, help="passes per tool, best time kept")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one CPU core")
    args = parser.parse_args(argv)
    console = Console(width=max(110, Console().width))
    if not args.no_pin and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    pages = load_pages(args.data, QUICK_PAGES if args.quick else None)
    urls = {k: v.get("url", "") for k, v in json.loads((args.data / "meta.json").read_text()).items()}
    runs = 1 if args.quick else max(1, args.runs)
    templates = SiteTemplates()
    tools = {
        f"trafilatura {trafilatura.__version__} (no comments)":
            lambda html, url: trafilatura.extract(html, include_comments=False),
        "tidings (site learning on)": lambda html, url: extract(html, site=templates).text,
    }
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        gt_dir = subset_ground_truth(args.data, list(pages), tmp) if args.quick else args.data
        results = {}
        for name, fn in tools.items():
            out, seconds = run(fn, pages, urls, runs)
            results[name] = (score(out, gt_dir, args.data / "score.py", tmp, str(len(results))),
                             len(pages) / seconds, out)
    _print(console, results, len(pages))
    meta = metadata_check(pages, urls)
    console.print(f"metadata: canonical URL found on {meta['with_canonical']}/{len(pages)} pages, "
                  f"equal to meta.json url on {meta['canonical_match']}; "
                  f"lang: {dict(meta['langs'].most_common())}")
    return 0


def _print(console: Console, results: dict, n_pages: int) -> None:
    table = Table(title=f"Main-text extraction, {n_pages} pages (4-gram unless marked)")
    for col in ("tool", "P", "R", "F1", "token F1", "pageF1", "empty", "pages/s"):
        table.add_column(col, justify="left" if col == "tool" else "right", no_wrap=True)
    for name, (res, speed, _) in results.items():
        four, one = res["4"], res["1"]
        table.add_row(name, f"{four['P']:.3f}", f"{four['R']:.3f}", f"{four['F1']:.3f}",
                      f"{one['F1']:.3f}", f"{four['pageF1']:.3f}", str(four["empty"]), f"{speed:.1f}")
    console.print(table)
    (base, base_speed, base_out), (ours, our_speed, our_out) = results.values()
    lost = [k for k, f in base["pages"].items() if f >= 0.5 and not our_out.get(k, "").strip()]
    worse = sum(1 for k, f in base["pages"].items() if ours["pages"].get(k, 0) < f - 0.05)
    better = sum(1 for k, f in base["pages"].items() if ours["pages"].get(k, 0) > f + 0.05)
    console.print(f"speed ratio tidings/trafilatura: {our_speed / base_speed:.2f} (target ≥ 0.70); "
                  f"pages trafilatura gets right (F1≥0.5) that we return empty: {len(lost)}; "
                  f"pages better/worse by >0.05 F1: {better}/{worse}")


if __name__ == "__main__":
    sys.exit(main())
