"""A homepage added as if it were a feed (web UI, API) is turned into its advertised feed."""
from __future__ import annotations

import asyncio


def test_homepage_added_as_feed_is_discovered(tmp_path):
    from tidings.config import Settings
    from tidings.context import open_context
    from tidings.runner import run_once
    from tidings.simweb import SimWeb

    with SimWeb(seed=4, sites=6, days=3) as sim:
        homepage = sim.site_urls()[0]
        settings = Settings.load({"db": f"sqlite:///{tmp_path}/t.db"})
        settings.fetch.allowed_networks = ("127.0.0.0/8",)

        async def go():
            ctx = open_context(settings)
            ctx.store.add_source(homepage, kind="feed")
            outcomes = await run_once(ctx)
            await ctx.aclose()
            return ctx.store, outcomes

        store, outcomes = asyncio.run(go())
    [source] = store.list_sources()
    assert source["url"] != homepage and source["url"].startswith(homepage.rstrip("/"))
    assert source["last_error"] == "" and outcomes[0].new > 0
    assert store.article_count() == outcomes[0].new
