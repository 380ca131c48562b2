"""Ingest a running simulated web through the real pipeline, as ``run --once`` would."""
from __future__ import annotations

import asyncio


def ingest_simweb(store, db_url: str, sim, *, watchlist: list | None = None) -> None:
    """Import ``sim``'s OPML into ``store``, set the watchlist (the simulated cast's by
    default) and poll every source once over loopback."""
    from tidings.config import Settings
    from tidings.context import open_context
    from tidings.ingest.tags import WATCHLIST_KEY
    from tidings.runner import run_once
    from tidings.simweb.watchlist import cast_watchlist
    from tidings.sources.manage import import_opml

    import_opml(store, sim.opml())
    store.kv_set(WATCHLIST_KEY, cast_watchlist() if watchlist is None else watchlist)
    settings = Settings.load({"db": db_url})
    settings.fetch.allowed_networks = ("127.0.0.0/8",)

    async def ingest() -> None:
        ctx = open_context(settings, store)
        await run_once(ctx)
        await ctx.aclose()

    asyncio.run(ingest())
