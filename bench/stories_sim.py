"""Story clustering as the pipeline does it, on the simulated web: ``run --once`` over a world,
then the stories of the originals scored against the world's truth (BCubed and pairwise P/R/F1).

The truth groups one language's reports of one event (or one non-event story): the clusterer
works per language, and trends link stories across languages afterwards. Merges (two events
in one story) and splits (one event in two stories) are listed.

Run: ``.venv/bin/python bench/stories_sim.py`` (the trend scenario, seed 7, and the default
world, seed 1; about a minute), ``--seed N``, ``--scenario trend|default``, ``--show`` for the
titles of merged stories.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.simweb_ingest

console = Console(width=120)


def stored_stories(scenario: str, seed: int) -> tuple[dict[str, tuple[int, str, str]], int]:
    """``({url: (story id, true group, title)}, stored)`` for the originals of one world."""
    import sqlalchemy as sa

    from tests.simweb_ingest import ingest_simweb
    from tidings.simweb import SimWeb
    from tidings.store import open_store
    from tidings.store.schema import articles

    db = f"sqlite:///{tempfile.mkdtemp(prefix='tidings-stories-')}/t.db"
    with SimWeb(seed=seed, scenario=scenario) as sim:
        store = open_store(db)
        ingest_simweb(store, db, sim)
        truth = sim.articles()
    with store.engine.connect() as conn:
        rows = {r.url: r for r in conn.execute(sa.select(articles.c.url, articles.c.story_id, articles.c.duplicate_of))}
    store.close()
    found = {}
    for article in truth:
        row = rows.get(article.url)
        if article.is_copy or row is None or row.duplicate_of is not None or row.story_id is None:
            continue
        found[article.url] = (row.story_id, f"{article.story_key}:{article.lang}", article.title)
    return found, len(rows)


def scores(found: dict[str, tuple[int, str, str]]) -> dict[str, float]:
    """BCubed and pairwise precision, recall and F1 of story ids against the true groups."""
    gold, pred = defaultdict(set), defaultdict(set)
    for url, (story, group, _) in found.items():
        gold[group].add(url)
        pred[story].add(url)
    bp = sum(len(gold[g] & pred[s]) / len(pred[s]) for s, g, _ in found.values()) / len(found)
    br = sum(len(gold[g] & pred[s]) / len(gold[g]) for s, g, _ in found.values()) / len(found)
    pairs = lambda groups: sum(len(m) * (len(m) - 1) // 2 for m in groups)  # noqa: E731
    both = pairs(gold[g] & pred[s] for g in gold for s in {found[u][0] for u in gold[g]})
    pp, pr = both / max(1, pairs(pred.values())), both / max(1, pairs(gold.values()))
    f1 = lambda p, r: 2 * p * r / (p + r) if p + r else 0.0  # noqa: E731
    return {"b3_p": bp, "b3_r": br, "b3_f1": f1(bp, br), "pw_p": pp, "pw_r": pr, "pw_f1": f1(pp, pr),
            "merged": sum(len({found[u][1] for u in m}) > 1 for m in pred.values()),
            "split": sum(len({found[u][0] for u in m}) > 1 for m in gold.values()),
            "gold": len(gold), "pred": len(pred)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scenario", choices=("trend", "default"))
    ap.add_argument("--seed", type=int)
    ap.add_argument("--show", action="store_true", help="print the titles of merged stories")
    args = ap.parse_args()
    os.environ["TIDINGS_OFFLINE"] = "1"
    worlds = [(args.scenario or "trend", args.seed or 7)] if args.scenario or args.seed else [("trend", 7), ("default", 1)]
    table = Table(title="pipeline stories on the simulated web (originals; truth = one language's reports of one event)")
    for name in ("world", "originals", "true / found stories", "BCubed P/R/F1", "pairwise P/R/F1", "merged", "split"):
        table.add_column(name, justify="right")
    for scenario, seed in worlds:
        found, _ = stored_stories(scenario, seed)
        s = scores(found)
        table.add_row(f"{scenario}, seed {seed}", str(len(found)), f"{s['gold']} / {s['pred']}",
                      f"{s['b3_p']:.3f} / {s['b3_r']:.3f} / {s['b3_f1']:.3f}",
                      f"{s['pw_p']:.3f} / {s['pw_r']:.3f} / {s['pw_f1']:.3f}", str(s["merged"]), str(s["split"]))
        if args.show:
            by_story = defaultdict(list)
            by_group = defaultdict(list)
            for story, group, title in found.values():
                by_story[story].append((group, title))
                by_group[group].append((story, title))
            for story, members in by_story.items():
                if len({g for g, _ in members}) > 1:
                    console.print(f"[bold]merged in story {story}[/bold]: " + "; ".join(f"{g} {t[:60]}" for g, t in sorted(members)))
            for group, members in by_group.items():
                if len({s for s, _ in members}) > 1:
                    console.print(f"[bold]{group} split[/bold]: " + "; ".join(f"story {s}: {t[:60]}" for s, t in sorted(members)))
    console.print(table)


if __name__ == "__main__":
    main()
