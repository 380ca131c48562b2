"""``tidings reprocess``: stored HTML is extracted again with what site learning knows now,
so a site's repeated blocks leave the articles ingested before they were learned; twice
changes nothing more."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import sqlalchemy as sa


def test_reprocess_cleans_earlier_articles_and_is_idempotent(tmp_path):
    from tidings.config import Settings
    from tidings.context import open_context
    from tidings.runner import run_once
    from tidings.simweb import SimWeb
    from tidings.sources.manage import import_opml
    from tidings.store.schema import articles

    db_url = f"sqlite:///{tmp_path}/t.db"
    with SimWeb(seed=2, sites=6, days=10) as sim:
        settings = Settings.load({"db": db_url})
        settings.fetch.allowed_networks = ("127.0.0.0/8",)

        async def go():
            ctx = open_context(settings)
            import_opml(ctx.store, sim.opml(include_aggregators=False))
            await run_once(ctx)
            await ctx.aclose()
            return ctx.store

        store = asyncio.run(go())
        repeated = {block for site in sim.sites() for block in sim.boilerplate(site.key) if len(block) > 40}

    def leaks() -> int:
        with store.engine.connect() as conn:
            texts = conn.execute(sa.select(articles.c.text).where(articles.c.text.is_not(None))).scalars()
            return sum(1 for text in texts for block in repeated if block in text)

    def reprocess() -> str:
        env = {**os.environ, "PYTHONPATH": "src"}
        done = subprocess.run([sys.executable, "-m", "tidings", "--db", db_url, "reprocess"],
                              capture_output=True, text=True, env=env, timeout=300, check=True)
        return done.stdout

    before = leaks()
    assert before > 0  # online learning lets the first pages of each site through
    first = reprocess()
    assert leaks() == 0, f"repeated blocks left after reprocess ({before} before): {first}"
    assert reprocess().strip().endswith(", 0 changed")
