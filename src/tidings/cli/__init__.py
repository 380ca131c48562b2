"""The ``tidings`` command line: one sub-command per job, exit 0 ok, 1 failure, 2 bad usage."""
from __future__ import annotations

import argparse
import logging
import sys

from . import admin, data, run, sources
from .common import UsageError

MODULES = (sources, run, data, admin)


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, as the contract says
        sys.stderr.write(f"tidings: {message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="tidings", description="Self-hosted aggregator of global media.")
    parser.add_argument("--db", help="database URL (default: $TIDINGS_DB or sqlite:///data/tidings.db)")
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    commands.required = True
    for module in MODULES:
        module.register(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from ..logs import setup_logging
    setup_logging(logging.DEBUG if args.debug else logging.WARNING)
    try:
        return int(args.handler(args) or 0)
    except KeyboardInterrupt:
        return 130
    except UsageError as error:
        sys.stderr.write(f"tidings: {error}\n")
        return 2
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the contract wants one line, not a traceback
        if args.debug:
            raise
        sys.stderr.write(f"tidings: error: {error}\n")
        return 1
