"""``python -m tidings.simweb``: run the simulated web and print its URLs until interrupted."""
from __future__ import annotations

import argparse
import json
import sys
import threading

from . import SimWeb


def build_parser() -> argparse.ArgumentParser:
    """Command-line options (shared with ``tidings demo``)."""
    p = argparse.ArgumentParser(prog="python -m tidings.simweb", description=__doc__)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--sites", type=int, default=8, help="number of news sites (default 8)")
    p.add_argument("--days", type=int, default=14)
    p.add_argument("--scenario", choices=("default", "trend"), default="default")
    p.add_argument("--start", default="recent",
                   help="first day: YYYY-MM-DD, 'recent' (ends today, default) or 'fixed' (2025-01-06)")
    p.add_argument("--port", type=int, default=0, help="port on every host (0 = ephemeral)")
    p.add_argument("--opml", metavar="FILE", help="also write an OPML file of the feeds")
    p.add_argument("--faults", action="store_true", help="also print the fault URLs")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.add_argument("--duration", type=float, default=None, help="stop after this many seconds")
    return p


def describe(sim: SimWeb, faults: bool) -> dict:
    """Sites, feeds and (optionally) faults as plain data."""
    out = {"sites": [{"key": s.key, "name": s.name, "url": s.url, "lang": s.lang, "feed": s.feed_url,
                      "sitemap": s.sitemap_url, "aggregator": s.is_aggregator} for s in sim.sites()],
           "feeds": sim.feed_urls(), "articles": len(sim.articles()), "events": len(sim.events())}
    if faults:
        out["faults"] = sim.fault_urls()
    return out


def main(argv: list[str] | None = None) -> int:
    """Start the simulated web, print where it lives, serve until Ctrl-C or ``--duration``."""
    args = build_parser().parse_args(argv)
    start = None if args.start == "fixed" else args.start
    sim = SimWeb(seed=args.seed, sites=args.sites, days=args.days, scenario=args.scenario,
                 start=start, port=args.port)
    try:
        sim.start()
    except OSError as exc:
        print(f"error: cannot bind the simulated hosts: {exc}", file=sys.stderr)
        return 1
    info = describe(sim, args.faults)
    if args.opml:
        with open(args.opml, "w", encoding="utf-8") as fh:
            fh.write(sim.opml())
    if args.json:
        print(json.dumps(info, indent=1), flush=True)
    else:
        for s in info["sites"]:
            kind = "aggregator" if s["aggregator"] else s["lang"]
            print(f"{s['name']:<30} {kind:<10} {s['url']:<28} {s['feed'] or s['sitemap']}")
        print(f"{info['articles']} articles about {info['events']} events; Ctrl-C to stop.")
        for name, url in info.get("faults", {}).items():
            print(f"  fault {name:<28} {url}")
        sys.stdout.flush()
    try:
        threading.Event().wait(args.duration)
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
