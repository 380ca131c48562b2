"""Helpers of the pipeline tests: running the main job in-process or as ``python -m tidings``
against the simulated web, and scoring what was stored against its ground truth.

No name is ever looked up: the in-process fetcher gets a resolver that refuses every name, and
subprocesses run with ``TIDINGS_OFFLINE=1``; the simulated web is on literal loopback addresses.
"""
from __future__ import annotations

import asyncio
import itertools
import os
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
LOOPBACK = ("127.0.0.0/8",)


def no_dns(host: str, port: int) -> list[str]:
    """A resolver for tests: names are never looked up (every simulated site is an IP literal)."""
    raise OSError(f"tests look up no names ({host})")


def settings_for(db_url: str, **fetch):
    """Settings of a test run: loopback allowed, short timeouts unless given."""
    from tidings.config import Settings
    settings = Settings.load({"db": db_url})
    settings.fetch.allowed_networks = LOOPBACK
    settings.fetch.total_timeout = fetch.pop("total_timeout", 10.0)
    for name, value in fetch.items():
        setattr(settings.fetch, name, value)
    return settings


def poll_once(db_url: str, opml: str | None = None, **fetch):
    """One ``run --once`` in this process (a fresh context, as the command would open);
    returns ``(store, outcomes)``. ``opml`` is imported first when given."""
    from tidings.context import open_context
    from tidings.fetch import Fetcher
    from tidings.runner import run_once
    from tidings.sources.manage import import_opml

    async def go():
        settings = settings_for(db_url, **fetch)
        ctx = open_context(settings)
        await ctx.fetcher.aclose()
        ctx.fetcher = Fetcher(settings.fetch, resolver=no_dns)
        try:
            if opml is not None:
                import_opml(ctx.store, opml)
            return ctx.store, await run_once(ctx)
        finally:
            await ctx.aclose()

    return asyncio.run(go())


def records(store) -> list[dict]:
    from tidings.export import export_records
    return list(export_records(store))


def cli_env(**extra: str) -> dict[str, str]:
    """Environment of a ``python -m tidings`` subprocess: this checkout, loopback allowed, offline."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIDINGS_")}
    env.update(PYTHONPATH=str(ROOT / "src"), TIDINGS_ALLOWED_NETWORKS="127.0.0.0/8", TIDINGS_OFFLINE="1")
    env.update(extra)
    return env


def tidings(*args: str, db: str | None = None, env: dict | None = None, timeout: float = 120,
            stdin: str | None = None, cwd: str | Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m tidings [--db DB] ARGS...`` to completion."""
    argv = [sys.executable, "-m", "tidings"] + (["--db", db] if db else []) + list(args)
    return subprocess.run(argv, env=env or cli_env(), capture_output=True, text=True, timeout=timeout,
                          input=stdin, cwd=cwd)


def spawn(*args: str, db: str | None = None, env: dict | None = None, cwd: str | Path | None = None,
          log: Path | None = None) -> subprocess.Popen:
    """Start ``python -m tidings [--db DB] ARGS...`` in the background (output to ``log``)."""
    argv = [sys.executable, "-m", "tidings"] + (["--db", db] if db else []) + list(args)
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    return subprocess.Popen(argv, env=env or cli_env(), stdout=out, stderr=subprocess.STDOUT, cwd=cwd)


@dataclass
class Score:
    """What was stored, compared with the simulated web's ground truth."""

    stored: int
    truth: int
    missing: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    false_merges: list[tuple[str, str]] = field(default_factory=list)
    missed_copies: list[tuple[str, str]] = field(default_factory=list)
    true_pairs: int = 0
    predicted_pairs: int = 0
    copies: int = 0
    wrong_primary: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return (self.predicted_pairs - len(self.false_merges)) / max(1, self.predicted_pairs)

    @property
    def recall(self) -> float:
        return (self.true_pairs - len(self.missed_copies)) / max(1, self.true_pairs)

    @property
    def primary_accuracy(self) -> float:
        return 1 - len(self.wrong_primary) / max(1, self.copies)


def _pairs(groups: dict[str, object]) -> set[tuple[str, str]]:
    members = defaultdict(list)
    for url, group in groups.items():
        members[group].append(url)
    return {pair for urls in members.values() for pair in itertools.combinations(sorted(urls), 2)}


def score(truth: list, stored: list[dict]) -> Score:
    """Score export records against ``SimWeb.articles()``: coverage, copy pairs, primaries."""
    by_url = {a.url: a for a in truth}
    rows = {r["url"]: r for r in stored}
    out = Score(len(stored), len(truth), missing=sorted(set(by_url) - set(rows)),
                unknown=sorted(set(rows) - set(by_url)))
    common = [u for u in rows if u in by_url]
    found = _pairs({u: rows[u]["duplicate_of"] or rows[u]["id"] for u in common})
    real = _pairs({u: by_url[u].original_url or u for u in common})
    out.false_merges = sorted(found - real)
    out.missed_copies = sorted(real - found)
    out.true_pairs, out.predicted_pairs = len(real), len(found)
    copies = [u for u in common if by_url[u].is_copy]
    out.copies = len(copies)
    out.wrong_primary = [(u, rows[u]["primary_url"], by_url[u].primary_url) for u in copies
                         if rows[u]["primary_url"] != by_url[u].primary_url]
    return out


def consistency_problems(db_url: str) -> list[str]:
    """Links that must hold in any stored state: copies point at originals of their own story,
    every story and band row points at something, story counts match their articles."""
    from tidings.store import open_store
    store = open_store(db_url)
    checks = {
        "copy of a copy or of nothing": """SELECT a.id FROM articles a LEFT JOIN articles o ON o.id = a.duplicate_of
            WHERE a.duplicate_of IS NOT NULL AND (o.id IS NULL OR o.duplicate_of IS NOT NULL)""",
        "copy in another story than its original": """SELECT a.id FROM articles a JOIN articles o
            ON o.id = a.duplicate_of WHERE a.story_id IS NOT o.story_id""",
        "copy with text / original without": """SELECT id FROM articles WHERE (duplicate_of IS NULL AND text IS NULL)
            OR (duplicate_of IS NOT NULL AND text IS NOT NULL)""",
        "article without a story": """SELECT a.id FROM articles a LEFT JOIN stories s ON s.id = a.story_id
            WHERE s.id IS NULL""",
        "band of no article": """SELECT b.article_id FROM copy_bands b LEFT JOIN articles a ON a.id = b.article_id
            WHERE a.id IS NULL""",
        "story count off": """SELECT s.id FROM stories s WHERE s.article_count !=
            (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id AND a.status = 'ok')""",
        "primary_url differs within a group": """SELECT a.id FROM articles a JOIN articles o ON o.id = a.duplicate_of
            WHERE a.primary_url != o.primary_url""",
    }
    problems = []
    with store.engine.connect() as conn:
        for name, query in checks.items():
            if conn.dialect.name == "postgresql":
                query = query.replace("IS NOT o.story_id", "IS DISTINCT FROM o.story_id")
            ids = list(conn.execute(sa.text(query)).scalars())
            if ids:
                problems.append(f"{name}: {ids[:5]}")
    store.close()
    return problems
