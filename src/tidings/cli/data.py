"""``tidings extract|dedupe|cluster|search|stories|trends|export``: the data commands."""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from .common import UsageError, dumps, parse_date, settings_for, store_for


def register(commands) -> None:
    extract = commands.add_parser("extract", help="extract article text from files or URLs")
    extract.add_argument("inputs", nargs="*", metavar="FILE_OR_URL")
    extract.add_argument("--dir", help="extract every DIR/*.html and DIR/*.html.gz")
    extract.add_argument("--out", help="with --dir: write {name: text} JSON here")
    extract.set_defaults(handler=cmd_extract)
    for name, handler, text in (("dedupe", cmd_dedupe, "group copies of one article"),
                                ("cluster", cmd_cluster, "group articles into stories (streaming)")):
        cmd = commands.add_parser(name, help=text)
        cmd.add_argument("--in", dest="input", required=True, metavar="A.jsonl")
        cmd.add_argument("--out", required=True, metavar="OUT.json")
        cmd.set_defaults(handler=handler)
    search = commands.add_parser("search", help="full-text search, best first")
    search.add_argument("query", nargs="+")
    search.add_argument("--json", action="store_true")
    search.add_argument("--limit", type=int, default=20)
    search.set_defaults(handler=cmd_search)
    stories = commands.add_parser("stories", help="stories, newest first, with their articles")
    stories.add_argument("--since")
    stories.add_argument("--limit", type=int, default=50)
    stories.add_argument("--json", action="store_true")
    stories.set_defaults(handler=cmd_stories)
    trends = commands.add_parser("trends", help="distinct stories (not articles) per period")
    trends.add_argument("--entity")
    trends.add_argument("--event")
    trends.add_argument("--place")
    trends.add_argument("--by", choices=("day", "week", "month"), default="week")
    trends.add_argument("--since")
    trends.add_argument("--json", action="store_true")
    trends.add_argument("--csv", action="store_true")
    trends.add_argument("--plot", metavar="FILE.png|.svg")
    trends.set_defaults(handler=cmd_trends)
    export = commands.add_parser("export", help="one record per article")
    export.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    export.add_argument("--since")
    export.set_defaults(handler=cmd_export)


def cmd_extract(args) -> int:
    from ..extract import extract_dir
    if args.dir:
        if not args.out:
            raise UsageError("--dir needs --out FILE.json")
        if not Path(args.dir).is_dir():
            raise UsageError(f"no such directory: {args.dir}")
        extract_dir(args.dir, args.out, progress=sys.stderr.isatty())
        return 0
    if not args.inputs:
        raise UsageError("give FILE_OR_URL... or --dir DIR --out FILE.json")
    failed = 0
    for record in _extract_records(args.inputs):
        if record.get("error"):
            failed += 1
            print(f"tidings: {record['url']}: {record['error']}", file=sys.stderr)
            continue
        print(dumps(record))
    return 1 if failed else 0


def _extract_records(inputs: list[str]) -> list[dict]:
    """Files are read; URLs are fetched with the pipeline's fetcher (SSRF guard, size caps)."""
    from ..extract import extract_inputs, extract_inputs_async
    if not any(item.startswith(("http://", "https://")) for item in inputs):
        return list(extract_inputs(inputs))
    from ..config import Settings
    from ..context import make_fetcher

    async def fetch_all() -> list[dict]:
        async with make_fetcher(Settings.load()) as fetcher:
            return [record async for record in extract_inputs_async(inputs, fetcher.get)]

    import asyncio
    return asyncio.run(fetch_all())


def _read_jsonl(path: str) -> list[dict]:
    if not Path(path).is_file():
        raise UsageError(f"no such file: {path}")
    records = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as error:
                    raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None
    return records


def _write_json(path: str, value) -> None:
    Path(path).write_text(dumps(value, indent=0), encoding="utf-8")


def cmd_dedupe(args) -> int:
    from ..dedupe import dedupe_records
    _write_json(args.out, dedupe_records(_read_jsonl(args.input)))
    return 0


def cmd_cluster(args) -> int:
    from ..cluster import cluster_records
    _write_json(args.out, cluster_records(_read_jsonl(args.input)))
    return 0


def cmd_search(args) -> int:
    hits = store_for(args).search(" ".join(args.query), limit=args.limit)
    if args.json:
        print(dumps([hit_dict(hit) for hit in hits], indent=2))
        return 0
    for hit in hits:
        when = hit.published.strftime("%Y-%m-%d") if hit.published else "          "
        print(f"{when}  {hit.title}  [{hit.source}]\n            {hit.url}")
    return 0


def hit_dict(hit) -> dict:
    return {name: getattr(hit, name) for name in hit.__dataclass_fields__}


def cmd_stories(args) -> int:
    stories = store_for(args).stories_with_articles(since=parse_date(args.since), limit=args.limit)
    if args.json:
        print(dumps(stories, indent=2))
        return 0
    for story in stories:
        print(f"#{story['id']}  {story['title']}  ({story['article_count']} articles, "
              f"{story['source_count']} outlets)")
        for article in story["articles"]:
            mark = "  copy" if article["duplicate_of"] else ""
            print(f"    {article['source']}: {article['title']}{mark}")
    return 0


def cmd_trends(args) -> int:
    from ..trends import render_chart, to_csv
    from ..ingest.tags import resolve_filters
    store = store_for(args)
    filters = resolve_filters(store, settings_for(args), entity=args.entity, place=args.place)
    buckets = store.trend_buckets(event=args.event, since=parse_date(args.since), by=args.by, **filters)
    if args.plot:
        if not args.plot.endswith((".png", ".svg")):
            raise UsageError("--plot needs a .png or .svg file name")
        render_chart(buckets, args.plot, title=_trend_title(args))
    if args.json:
        print(dumps([{"period": b.period_start, "stories": b.stories, "articles": b.articles}
                     for b in buckets], indent=2))
    elif args.csv:
        sys.stdout.write(to_csv(buckets))
    else:
        for b in buckets:
            print(f"{b.period_start:%Y-%m-%d}  stories {b.stories:5d}  articles {b.articles:5d}")
    return 0


def _trend_title(args) -> str:
    parts = [p for p in (args.entity, args.event, args.place) if p]
    return f"Distinct stories per {args.by}" + (f": {' · '.join(parts)}" if parts else "")


EXPORT_FIELDS = ("id", "url", "canonical_url", "source", "title", "text", "published", "fetched",
                 "lang", "story", "duplicate_of", "primary_url", "entities", "places", "events")


def cmd_export(args) -> int:
    from ..export import export_records
    records = export_records(store_for(args), since=parse_date(args.since))
    if args.format == "jsonl":
        for record in records:
            sys.stdout.write(dumps(record) + "\n")
        return 0
    writer = csv.DictWriter(sys.stdout, fieldnames=EXPORT_FIELDS)
    writer.writeheader()
    for record in records:
        writer.writerow({k: _csv_value(v) for k, v in record.items()})
    return 0


def _csv_value(value):
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    return json.loads(dumps(value)) if value is not None and not isinstance(value, (str, int)) else value
