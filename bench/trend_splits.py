"""Trend scenario: which designed attack is counted twice, and why the event grouping did not
join its stories (issue 5's "one week over").

Replays the captured trend scenario in the seeded orders of ``bench/trend_orders.py``. For
every week whose count is off, it lists the counted event groups of that week (the designed
events of their articles, and each story's language, first date, main event, actors and places
finer than a country); then for each designed attack that leads more than one group (most of
their articles report it), and each group leading none, the rules of
``trends.events.same_event`` that keep each pair of their stories apart. Week counts one short
are merges of the clusterer (``bench/trend_orders.py --explain``).

Run: ``.venv/bin/python bench/trend_splits.py`` (8 orders per mode), ``--orders N``,
``--mode sites|mix|both``, ``--all`` (also the exact orders).
"""
from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import sqlalchemy as sa

from trend_orders import (ARTICLES, TREND_SHAPE, World, capture, console, day, describe,  # noqa: E402
                          ingest_order, order, url_key, verdict, weekly)
from tidings.store.facts import stored_facts  # noqa: E402
from tidings.trends.buckets import period_start  # noqa: E402
from tidings.trends.events import LINK_WINDOW, SAME_LANGUAGE_WINDOW, _local  # noqa: E402

ENTITY = "Northern Salvation Front"


def why_apart(a, b) -> str:
    """The rules of ``trends.events.same_event`` that keep stories ``a`` and ``b`` apart."""
    same_language = a.lang == b.lang
    reasons = ["same language"] if same_language else []
    if a.main_event != b.main_event:
        reasons.append(f"main event {a.main_event}/{b.main_event}")
    window = SAME_LANGUAGE_WINDOW if same_language else LINK_WINDOW
    gap = abs(a.first - b.first) if a.first and b.first else None
    if gap is None or gap > window:
        reasons.append(f"gap {gap} > {window}")
    if not a.actors & b.actors:
        reasons.append("no shared actor")
    mine, other = _local(a.places), _local(b.places)
    if not mine & other:
        reasons.append("no shared local place")
    elif same_language and not (mine <= other or other <= mine):
        reasons.append("each names a place the other does not")
    if len(reasons) > (1 if same_language else 0):
        return "; ".join(reasons)
    return f"linkable (shared {sorted(mine & other)}), not joined: compared with group roots only"


def analyse(world: World, store, shape) -> None:
    """Print the split designed attacks and the counted groups of no designed attack."""
    rows = store.trend_rows(entity=ENTITY, event="attack")
    with store.engine.connect() as conn:
        info = {aid: (url, sid) for aid, url, sid in
                conn.execute(sa.select(ARTICLES.c.id, ARTICLES.c.url, ARTICLES.c.story_id))}
        facts = stored_facts(conn, {sid for _, sid in info.values() if sid is not None})
    first: dict[int, object] = {}
    events_of_group: dict[int, Counter] = defaultdict(Counter)
    stories_of_group: dict[int, set] = defaultdict(set)
    for group, aid, when in rows:
        first[group] = min(first.get(group, when), when)
        url, sid = info[aid]
        report = world.reports[url_key(url)]
        events_of_group[group][report.event_id] += 1
        stories_of_group[group].add(sid)
    for week, got, want in zip(world.weeks, shape, TREND_SHAPE):
        if got == want:
            continue
        mine = sorted(g for g, w in first.items() if period_start(w) == week)
        console.print(f"[bold]week {week}: {got} groups, {want} designed[/]")
        show_groups(world, mine, events_of_group, stories_of_group, facts)
        leads: dict[str, list] = defaultdict(list)
        for g in mine:
            leads[lead_of(world, events_of_group[g])].append(g)
        for event, groups in sorted(leads.items(), key=lambda kv: str(kv[0])):
            if len(groups) > 1 or event not in world.designed:
                console.print(f"  [red]{describe(world, event)}[/] leads groups {groups}")
                pairs(facts, [s for g in groups for s in sorted(stories_of_group[g])])


def lead_of(world, events: Counter):
    """The designed attack most articles of a group report (else its most reported event)."""
    designed = [(n, e) for e, n in events.items() if e in world.designed]
    return max(designed)[1] if designed else events.most_common(1)[0][0]


def show_groups(world, groups, events_of_group, stories_of_group, facts) -> None:
    for g in groups:
        evs = ", ".join(f"{e}x{n}" for e, n in events_of_group[g].most_common())
        console.print(f"  group {g}: {evs}")
        for sid in sorted(stories_of_group[g]):
            f = facts[sid]
            console.print(f"    story {sid} {f.lang} {f.first:%a %m-%d %H:%M} {f.main_event} "
                          f"actors={sorted(f.actors)} places={sorted(_local(f.places))}")


def pairs(facts, sids) -> None:
    for a, b in combinations(sids, 2):
        console.print(f"    {a} vs {b}: {why_apart(facts[a], facts[b])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--orders", type=int, default=8)
    parser.add_argument("--mode", choices=("sites", "mix", "both"), default="both")
    parser.add_argument("--all", action="store_true", help="also analyse the exact orders")
    args = parser.parse_args()
    modes = ["sites", "mix"] if args.mode == "both" else [args.mode]
    with tempfile.TemporaryDirectory(prefix="trend-splits-") as name:
        tmp = Path(name)
        world = capture(tmp)
        for mode in modes:
            for seed in range(args.orders):
                db = tmp / f"{mode}-{seed}.db"
                store = ingest_order(world, order(world, mode, seed), db)
                buckets = {day(s): b for s, b in weekly(store).items()}
                shape = tuple(buckets[w].stories if w in buckets else 0 for w in world.weeks)
                v = verdict(shape)
                if v != "exact" or args.all:
                    console.rule(f"{mode} {seed}: {shape} vs {TREND_SHAPE} ({v})")
                    analyse(world, store, shape)
                store.close()
                db.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
