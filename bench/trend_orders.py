"""Trend scenario: does the weekly story count depend on the order the feeds are read in?

``tests/e2e/test_trend_scenario.py`` ingests ``SimWeb(seed=7, scenario="trend")`` and counts,
per week, the distinct stories of the designed attacks (shape ``TREND_SHAPE``). The streaming
clusterer is order-dependent: in some poll orders it merges two attacks a day or two apart, and
a week comes out one story short. This bench makes that measurable without timing noise.

1. *Capture*: the real pipeline polls the simulated web once over HTTP (loopback only, as the
   tests do: ``tests/simweb_ingest.py``), and every batch handed to ``ingest_all`` is recorded.
2. *Replay*: the recorded articles go into a fresh SQLite store in N seeded orders, 32 per
   ``ingest_all`` call, all arriving at one fixed instant, then ``ctx.housekeeping()``; the
   weekly counts come from the test's own ``weekly()``. Orders: ``sites`` = each feed whole,
   feeds shuffled; ``mix`` = a seeded random interleaving of the feeds' batches; and once
   ``polled``, the order the capture ran in (which follows the machine's load).

The table shows, per mode, how many orders give the exact shape, one week one story short
(a merge), one week one story over (a split), or anything else, and the mean number of stories
that hold articles of more than one designed attack. ``--explain SEED`` prints, for that order
(of the first mode chosen), each designed-attack article that joined a story of another event,
with the scores and the largest feature contributions (weight x value) of the join.

Run: ``.venv/bin/python bench/trend_orders.py`` (30 orders per mode, ~2-3 min),
``--quick`` (8 orders), ``--mode sites|mix|both``, ``--orders N``, ``--explain SEED``.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

import tidings.pipeline as pipeline  # noqa: E402
from tests.e2e.test_trend_scenario import weekly  # noqa: E402
from tests.simweb_ingest import ingest_simweb  # noqa: E402
from tidings.cluster import clusterer as C  # noqa: E402
from tidings.cluster.features import FEATURES, features  # noqa: E402
from tidings.config import Settings  # noqa: E402
from tidings.context import open_context  # noqa: E402
from tidings.ingest import ingest_all  # noqa: E402
from tidings.ingest.tags import WATCHLIST_KEY  # noqa: E402
from tidings.ingest.stories import PIPELINE_PARAMS  # noqa: E402
from tidings.simweb import TREND_SHAPE, SimWeb  # noqa: E402
from tidings.simweb.watchlist import cast_watchlist  # noqa: E402
from tidings.sources.manage import import_opml  # noqa: E402
from tidings.store import open_store  # noqa: E402
from tidings.store.schema import articles as ARTICLES  # noqa: E402

BATCH = 32
NOW = datetime(2026, 11, 25, 3, 0, tzinfo=timezone.utc)  # every article arrives at once
console = Console(width=None if sys.stdout.isatty() else 130)


@dataclass
class World:
    """What one capture of the trend scenario yields."""

    batches: list[list]  # Article batches, as ingest_all received them
    opml: str
    weeks: list  # the first len(TREND_SHAPE) week starts, as dates
    reports: dict  # url key -> SimArticle
    events: dict  # event id -> Event
    designed: set[str] = field(default_factory=set)  # the NSF attacks


def day(value):
    return value.date() if hasattr(value, "date") else value


def url_key(url: str) -> tuple:
    parts = urlsplit(url)
    return parts.hostname, parts.path, parts.query


def capture(tmp: Path) -> World:
    """Poll the simulated web once through the real pipeline, recording every batch."""
    batches: list[list] = []

    def record(ctx, batch):
        batches.append([replace(a) for a in batch])
        return ingest_all(ctx, batch)

    url = f"sqlite:///{tmp}/capture.db"
    with SimWeb(seed=7, scenario="trend") as sim, mock.patch.object(pipeline, "ingest_all", record):
        store = open_store(url)
        ingest_simweb(store, url, sim)
        store.close()
        truth = sim.event_counts(event_type="attack", actor="nsf", by="week")
        events = {e.id: e for e in sim.events()}
        world = World(batches, sim.opml(), [day(w) for w, _ in truth[:len(TREND_SHAPE)]],
                      {url_key(a.url): a for a in sim.articles()}, events)
    world.designed = {i for i, e in events.items() if e.actor == "nsf" and e.type == "attack"}
    return world


def order(world: World, mode: str, seed: int) -> list[list]:
    """The feeds' articles in ``BATCH``-sized chunks, in the seeded order of ``mode``
    (``polled``: the batches as captured)."""
    if mode == "polled":
        return world.batches
    by_site: dict[int, list] = defaultdict(list)
    for batch in world.batches:
        by_site[batch[0].source_id].extend(batch)
    chunks = {s: [a[i:i + BATCH] for i in range(0, len(a), BATCH)] for s, a in by_site.items()}
    rng = random.Random(seed)
    if mode == "sites":
        sites = sorted(chunks)
        rng.shuffle(sites)
        return [c for s in sites for c in chunks[s]]
    out = []
    while chunks:
        site = rng.choice([s for s in sorted(chunks) for _ in chunks[s]])
        out.append(chunks[site].pop(0))
        if not chunks[site]:
            del chunks[site]
    return out


def replay(world: World, batches: list[list], db: Path) -> tuple[tuple[int, ...], int]:
    """Ingest ``batches`` into a fresh store; the weekly story counts and how many stories
    hold more than one designed attack."""
    store = ingest_order(world, batches, db)
    buckets = {day(start): b for start, b in weekly(store).items()}
    shape = tuple(buckets[w].stories if w in buckets else 0 for w in world.weeks)
    merged = merged_stories(world, store)
    store.close()
    db.unlink(missing_ok=True)
    return shape, merged


def ingest_order(world: World, batches: list[list], db: Path):
    """A fresh store at ``db`` holding ``batches``, ingested in that order (then housekeeping)."""
    url = f"sqlite:///{db}"
    store = open_store(url)
    import_opml(store, world.opml)
    store.kv_set(WATCHLIST_KEY, cast_watchlist())
    settings = Settings.load({"db": url})
    settings.fetch.allowed_networks = ("127.0.0.0/8",)
    ctx = open_context(settings, store=store)
    for batch in batches:
        ingest_all(ctx, [replace(a, fetched=NOW) for a in batch])
    ctx.housekeeping()
    return store


def merged_stories(world: World, store) -> int:
    with store.engine.connect() as conn:
        rows = conn.execute(sa.select(ARTICLES.c.url, ARTICLES.c.story_id)).all()
    held: dict[int, set] = defaultdict(set)
    for url, story in rows:
        event = world.reports[url_key(url)].event_id
        if event in world.designed:
            held[story].add(event)
    return sum(len(events) > 1 for events in held.values())


def verdict(shape: tuple[int, ...]) -> str:
    diff = [got - want for got, want in zip(shape, TREND_SHAPE)]
    off = [d for d in diff if d]
    if not off:
        return "exact"
    return {(-1,): "short", (1,): "over"}.get(tuple(off), "other")


def measure(world: World, mode: str, orders: int, tmp: Path) -> dict:
    counts = dict.fromkeys(("exact", "short", "over", "other"), 0)
    merged = 0
    for seed in range(orders):
        shape, m = replay(world, order(world, mode, seed), tmp / f"{mode}-{seed}.db")
        counts[verdict(shape)] += 1
        merged += m
        console.log(f"{mode} {seed:>3} {shape} {verdict(shape)} merged={m}")
    return {"orders": orders, **counts, "merged": merged / orders}


def table(rows: dict[str, dict]) -> Table:
    out = Table(title=f"Trend scenario, weekly NSF attack stories vs {TREND_SHAPE}")
    for name in ("mode", "orders", "exact shape", "one week short (merge)", "one week over",
                 "other", "merged stories (mean)"):
        out.add_column(name, justify="left" if name == "mode" else "right")
    for mode, r in rows.items():
        out.add_row(mode, str(r["orders"]), f"{r['exact']}/{r['orders']}", str(r["short"]),
                    str(r["over"]), str(r["other"]), f"{r['merged']:.2f}")
    return out


# --- --explain: trace the clusterer's joins -------------------------------------------------

class Tracer:
    """Records, per clustered article, the candidates scored and the story joined."""

    def __init__(self, world: World) -> None:
        self.world, self.members, self.merges = world, defaultdict(list), []
        self.scored: list = []
        self.real_best, self.real_add = C.StoryClusterer._best_story, C.StoryClusterer.add

    def best_story(self, clusterer, vectors, lang=None):
        found = self.real_best(clusterer, vectors, lang)
        self.scored = [(clusterer.score(vectors, s), s.id, features(vectors, s))
                       for s in clusterer.candidates(vectors, lang)
                       if (g := C.days_between(vectors.date, s)) is None
                       or g <= clusterer.params.window_days]
        self.scored.sort(key=lambda x: -x[0])
        return found

    def add(self, clusterer, doc):
        self.scored = []
        story = self.real_add(clusterer, doc)
        report, before = self.world.reports[url_key(doc.id)], self.members[story]
        if report.event_id in self.world.designed and before and report.event_id not in {
                m.event_id for m in before}:
            self.merges.append((report, story, list(before), self.scored))
        before.append(report)
        return story


def explain(world: World, mode: str, seed: int, tmp: Path) -> None:
    tracer = Tracer(world)
    with mock.patch.object(C.StoryClusterer, "_best_story",
                           lambda self, *a: tracer.best_story(self, *a)), \
            mock.patch.object(C.StoryClusterer, "add", lambda self, doc: tracer.add(self, doc)):
        shape, _ = replay(world, order(world, mode, seed), tmp / "explain.db")
    p = PIPELINE_PARAMS
    console.rule(f"{mode} order {seed}: {shape} ({verdict(shape)}), {len(tracer.merges)} joins across "
                 f"events; join when score > {p.threshold:+.2f} (bias {p.bias:+.2f})")
    for report, story, members, scored in tracer.merges:
        print_merge(world, report, story, members, scored)


def describe(world: World, event_id: str | None) -> str:
    e = world.events.get(event_id)
    if e is None:
        return str(event_id)
    mark = "*" if event_id in world.designed else ""
    return (f"{event_id}{mark} {e.type} {e.when:%a %m-%d} {e.place.name}/{e.district} "
            f"killed={e.killed} target={e.target}")


def print_merge(world, report, story, members, scored) -> None:
    console.print(f"\n[bold]{report.lang} {report.site}[/] {report.title!r}\n"
                  f"  event {describe(world, report.event_id)}\n  joined story {story}:")
    for event in sorted({m.event_id or "" for m in members}):
        titles = [m.title for m in members if (m.event_id or "") == event]
        console.print(f"    {describe(world, event or None)}: {len(titles)} x, e.g. {titles[0]!r}")
    weights = PIPELINE_PARAMS.weights
    for score, sid, values in scored[:2]:
        contrib = sorted(((w * v, n) for n, w, v in zip(FEATURES, weights, values) if w * v),
                         key=lambda x: -abs(x[0]))[:6]
        parts = ", ".join(f"{n}={c:+.2f}" for c, n in contrib)
        console.print(f"  {'->' if sid == story else '  '} story {sid} score {score:+.2f}: {parts}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=30)
    parser.add_argument("--mode", choices=("sites", "mix", "both"), default="both")
    parser.add_argument("--quick", action="store_true", help="8 orders per mode")
    parser.add_argument("--explain", type=int, metavar="SEED",
                        help="trace the merges of one order of the first --mode")
    args = parser.parse_args()
    modes = ["sites", "mix"] if args.mode == "both" else [args.mode]
    orders = 8 if args.quick else args.orders
    with tempfile.TemporaryDirectory(prefix="trend-orders-") as name:
        tmp = Path(name)
        world = capture(tmp)
        console.log(f"captured {len(world.batches)} batches, "
                    f"{sum(map(len, world.batches))} articles")
        if args.explain is not None:
            explain(world, modes[0], args.explain, tmp)
            return
        rows = {"polled": measure(world, "polled", 1, tmp)}
        console.print(table(rows | {m: measure(world, m, orders, tmp) for m in modes}))


if __name__ == "__main__":
    main()
