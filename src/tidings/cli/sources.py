"""``tidings sources add|import|export|list``."""
from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from .common import UsageError, dumps, progress, settings_for, store_for


def register(commands) -> None:
    parser = commands.add_parser("sources", help="manage sources (feeds and sites)")
    sub = parser.add_subparsers(dest="sources_command", metavar="ACTION", parser_class=type(parser))
    sub.required = True
    add = sub.add_parser("add", help="add feeds, or sites whose feeds are discovered")
    add.add_argument("urls", nargs="+", metavar="URL")
    add.set_defaults(handler=cmd_add)
    imp = sub.add_parser("import", help="import an OPML file")
    imp.add_argument("file", metavar="FILE.opml")
    imp.set_defaults(handler=cmd_import)
    sub.add_parser("export", help="print the sources as OPML").set_defaults(handler=cmd_export)
    lst = sub.add_parser("list", help="sources with status, last fetch, error, next poll")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(handler=cmd_list)


def cmd_add(args) -> int:
    from ..context import make_fetcher
    from ..sources.manage import add_urls
    for url in args.urls:
        if not url.startswith(("http://", "https://")):
            raise UsageError(f"not an http(s) URL: {url}")
    store = store_for(args)

    async def go():
        async with make_fetcher(settings_for(args)) as fetcher:
            return await add_urls(store, fetcher, args.urls)

    failed = 0
    for result in asyncio.run(go()):
        if result.feeds:
            print(f"{result.url}: {len(result.feeds)} feed(s): {' '.join(result.feeds)}")
        else:
            failed += 1
            print(f"{result.url}: added as a site to discover later ({result.error})", file=sys.stderr)
    return 0


def cmd_import(args) -> int:
    from ..sources.manage import add_outlines
    from ..sources.opml import read_opml
    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    outlines = read_opml(path.read_bytes())
    store = store_for(args)
    created = 0
    for outline in progress(outlines, total=len(outlines), label="importing"):
        created += add_outlines(store, [outline])
    print(f"imported {len(outlines)} outline(s), {created} new source(s)")
    return 0


def cmd_export(args) -> int:
    from ..sources.manage import export_opml
    sys.stdout.write(export_opml(store_for(args)))
    return 0


COLUMNS = ("id", "url", "title", "kind", "is_aggregator", "last_status", "last_fetch", "error_count",
           "last_error", "next_poll", "item_count")


def cmd_list(args) -> int:
    rows = store_for(args).list_sources()
    if args.json:
        print(dumps([{k: row[k] for k in COLUMNS + ("site_url", "lang", "category", "poll_interval")}
                     for row in rows], indent=2))
        return 0
    from rich.console import Console
    from rich.table import Table
    table = Table("id", "source", "status", "last fetch", "next poll", "items", "error")
    for row in rows:
        status = "error" if row["error_count"] else ("ok" if row["last_fetch"] else "new")
        if row["is_aggregator"]:
            status += " (aggregator)"
        table.add_row(str(row["id"]), row["title"] or row["url"], status, _when(row["last_fetch"]),
                      _when(row["next_poll"]), str(row["item_count"]), (row["last_error"] or "")[:60])
    Console(width=200 if not sys.stdout.isatty() else None).print(table)
    return 0


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else "-"
