"""Feed parser benchmark: feedparser vs fastfeedparser vs both vs tidings.parse_feed.

Two measures over ``/work/shared/bench/feeds/``:

* ``real/``: 233 full-size real feeds -> speed (feeds/s, MB/s), exceptions, entries found.
* ``feedparser-tests/``: 2,253 small well-formed and ill-formed feeds -> how many files a
  parser *survives*: no exception, and at least as many entries as the file's ``Expect:``
  header refers to (``entries[i]`` needs i+1 entries, ``len(entries) == n`` needs n).

Run: ``.venv/bin/python bench/feeds.py`` (about a minute) or ``--quick`` (< 30 s, a sample).
"""
from __future__ import annotations

import argparse
import io
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import fastfeedparser
import feedparser
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

DATA = Path("/work/shared/bench/feeds")
SKIP_NAMES = {"LICENSE", "README.md", "manifest.tsv"}
ENTRY_INDEX = re.compile(rb"entries\[(\d+)\]")
ENTRY_LEN = re.compile(rb"len\(entries\)\s*==\s*(\d+)")


@dataclass
class Result:
    """What one parser did over one set of files."""

    files: int = 0
    seconds: float = 0.0
    megabytes: float = 0.0
    exceptions: int = 0
    refused: int = 0
    empty: int = 0
    entries: int = 0
    survived: int = 0
    errors: dict[str, int] = field(default_factory=dict)


def feed_files(folder: Path) -> list[Path]:
    """Every feed document under ``folder`` (no OPML, licences or notes)."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.name not in SKIP_NAMES
                  and p.suffix != ".opml")


def expected_entries(data: bytes) -> int:
    """How many entries the file's ``Expect:`` header takes for granted."""
    header = data[:3000]
    wanted = [int(n) + 1 for n in ENTRY_INDEX.findall(header)]
    wanted += [int(n) for n in ENTRY_LEN.findall(header)]
    return max(wanted, default=0)


def run_feedparser(data: bytes) -> int:
    return len(feedparser.parse(io.BytesIO(data)).entries)  # a file: bytes may be read as a path


def run_fastfeedparser(data: bytes) -> int:
    return len(fastfeedparser.parse(data).entries)  # bytes: never fetches a URL


def run_fast_then_feedparser(data: bytes) -> int:
    """fastfeedparser first; feedparser when it raises or finds no entry."""
    try:
        found = run_fastfeedparser(data)
    except Exception:  # noqa: BLE001 - any failure means: try the robust parser
        found = 0
    return found or run_feedparser(data)


def run_tidings(data: bytes) -> int:
    from tidings.parse import FeedError, parse_feed

    try:
        return len(parse_feed(data, url="http://127.0.0.1/feed").entries)
    except FeedError:
        return -1


PARSERS: dict[str, Callable[[bytes], int]] = {
    "feedparser 6.0.14": run_feedparser,
    "fastfeedparser 0.6.5": run_fastfeedparser,
    "fast → feedparser fallback": run_fast_then_feedparser,
    "tidings.parse_feed": run_tidings,
}


def measure(parse: Callable[[bytes], int], docs: list[bytes]) -> Result:
    """Parse every document once; count time, exceptions, entries and survivals."""
    result = Result(files=len(docs), megabytes=sum(map(len, docs)) / 1e6)
    for data in docs:
        start = time.perf_counter()
        try:
            found = parse(data)
        except Exception as exc:  # noqa: BLE001 - a benchmark counts failures
            result.exceptions += 1
            name = type(exc).__name__
            result.errors[name] = result.errors.get(name, 0) + 1
            found = None
        result.seconds += time.perf_counter() - start
        if found is None:
            continue
        result.entries += max(found, 0)
        result.refused += found < 0
        result.empty += found <= 0
        result.survived += found >= expected_entries(data)
    return result


def load(folder: Path, every: int) -> list[bytes]:
    return [p.read_bytes() for p in feed_files(folder)[::every]]


def real_table(results: dict[str, Result]) -> Table:
    table = Table(title="real/ — full-size feeds (speed)")
    for col in ("parser", "files", "MB", "seconds", "feeds/s", "MB/s", "exceptions",
                "no entries", "entries"):
        table.add_column(col, justify="left" if col == "parser" else "right")
    for name, r in results.items():
        table.add_row(name, str(r.files), f"{r.megabytes:.1f}", f"{r.seconds:.2f}",
                      f"{r.files / r.seconds:,.1f}", f"{r.megabytes / r.seconds:,.1f}",
                      str(r.exceptions), str(r.empty), f"{r.entries:,}")
    return table


def tests_table(results: dict[str, Result]) -> Table:
    table = Table(title="feedparser-tests/ — robustness")
    for col in ("parser", "files", "seconds", "exceptions", "FeedError", "survived",
                "survived %", "exception kinds"):
        table.add_column(col, justify="left" if col in ("parser", "exception kinds") else "right")
    for name, r in results.items():
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(r.errors.items())) or "-"
        table.add_row(name, str(r.files), f"{r.seconds:.2f}", str(r.exceptions), str(r.refused),
                      str(r.survived), f"{100 * r.survived / r.files:.1f}", kinds)
    return table


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print both tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a sample, < 30 s")
    parser.add_argument("--only", choices=list(PARSERS), action="append",
                        help="run only these parsers (repeatable)")
    args = parser.parse_args(argv)
    every_real, every_test = (6, 4) if args.quick else (1, 1)
    chosen = {k: v for k, v in PARSERS.items() if not args.only or k in args.only}
    console = Console(width=None if sys.stdout.isatty() else 130)
    real = load(DATA / "real", every_real)
    tests = load(DATA / "feedparser-tests", every_test)
    real_results = {name: measure(fn, real) for name, fn in chosen.items()}
    console.print(real_table(real_results))
    test_results = {name: measure(fn, tests) for name, fn in chosen.items()}
    console.print(tests_table(test_results))
    console.print("tidings.parse_feed: a FeedError (unrecoverable input, one-line message) is "
                  "counted apart, not as an exception; 'survived' undercounts it because it keeps "
                  "only entries with an http(s) link (most test-suite items have none).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
