"""Scheduling: claim due sources, poll them concurrently, repeat; and the housekeeping between."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import Callable
from datetime import datetime

from .context import Context
from .pipeline import PollOutcome, poll_source
from .store import utcnow

log = logging.getLogger(__name__)
BATCH = 64


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


async def poll_batch(ctx: Context, claimed: list[dict]) -> list[PollOutcome]:
    """Poll claimed sources with bounded concurrency; a failing source never stops the others."""
    gate = asyncio.Semaphore(ctx.settings.concurrency)

    async def one(source: dict) -> PollOutcome:
        async with gate:
            try:
                return await poll_source(ctx, source)
            except Exception as error:  # a bug on one source must not stop the run
                log.exception("poll of %s crashed", source["url"])
                ctx.scheduler.failed(source, error)
                return PollOutcome(source["id"], error=f"internal: {error}")

    return list(await asyncio.gather(*(one(source) for source in claimed)))


async def run_once(ctx: Context, on_progress: Callable[[int], None] | None = None) -> list[PollOutcome]:
    """Poll every source once (due or not) and process everything found."""
    started: datetime = utcnow()
    outcomes: list[PollOutcome] = []
    while claimed := ctx.store.claim_sources(ctx.worker, limit=BATCH, not_fetched_since=started):
        batch = await poll_batch(ctx, claimed)
        outcomes.extend(batch)
        if on_progress:
            on_progress(len(batch))
    ctx.housekeeping()
    return outcomes


async def run_forever(ctx: Context, stop: asyncio.Event) -> None:
    """The scheduler loop: poll whatever is due, sleep until the next source is due."""
    while not stop.is_set():
        claimed = ctx.store.claim_sources(ctx.worker, limit=BATCH)
        if claimed:
            await poll_batch(ctx, claimed)
            continue
        ctx.housekeeping()
        await _sleep_until_due(ctx, stop)


async def _sleep_until_due(ctx: Context, stop: asyncio.Event) -> None:
    due = ctx.store.next_due_time()
    seconds = 30.0 if due is None else (due - utcnow()).total_seconds()
    try:
        await asyncio.wait_for(stop.wait(), timeout=min(max(seconds, 1.0), 30.0))
    except TimeoutError:
        pass
