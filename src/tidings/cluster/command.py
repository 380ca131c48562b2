"""``tidings cluster --in A.jsonl --out C.json`` (also ``python -m tidings.cluster``).

The lead's CLI can reuse :func:`add_arguments` and :func:`run` for its sub-command.
"""
from __future__ import annotations

import argparse
import sys

from tidings.cluster.records import cluster_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of the ``cluster`` command."""
    parser.add_argument("--in", dest="input", required=True, metavar="A.jsonl",
                        help="articles, one JSON object a line: id, date, lang, title, text")
    parser.add_argument("--out", dest="output", required=True, metavar="C.json",
                        help="where to write {id: story}")


def run(args: argparse.Namespace) -> int:
    """Cluster ``args.input`` into ``args.output``; 0 on success, 1 on failure."""
    try:
        assignment = cluster_file(args.input, args.output)
    except (OSError, ValueError) as error:
        print(f"tidings cluster: {error}", file=sys.stderr)
        return 1
    stories = len(set(assignment.values()))
    print(f"{len(assignment)} articles in {stories} stories", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; argparse exits with 2 on bad usage."""
    parser = argparse.ArgumentParser(
        prog="tidings cluster",
        description="Group articles into stories, streaming in date order, no look-ahead.")
    add_arguments(parser)
    return run(parser.parse_args(argv))
