"""Housekeeping gives the heap memory a round freed back to the system (glibc keeps it)."""
from __future__ import annotations

import asyncio
import os
import sys

import pytest

from tests.pipeline.world import settings_for
from tidings.heap import trim_heap


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def free_a_burst() -> tuple[float, bytes]:
    """Allocate ~180 MB in blocks small enough for the heap (not mmap) and free all but the
    last, which stays on top of the heap as a live object does in a worker (so glibc cannot
    just shrink the heap): RSS after, and the block kept."""
    burst = [bytes(60_000) for _ in range(3000)]
    last = burst[-1]
    del burst
    return rss_mb(), last


@pytest.mark.skipif(not sys.platform.startswith("linux") or not trim_heap(),
                    reason="heap trimming needs glibc on Linux (malloc_trim)")
def test_housekeeping_returns_freed_heap_memory(tmp_path):
    from tidings.context import open_context
    ctx = open_context(settings_for(f"sqlite:///{tmp_path / 't.db'}"))
    try:
        trim_heap()
        before = rss_mb()
        kept, _last = free_a_burst()
        ctx.housekeeping()
        after = rss_mb()
    finally:
        asyncio.run(ctx.aclose())
        ctx.store.close()
    assert kept - before > 100  # glibc kept what was freed ...
    assert after - before < 40  # ... until housekeeping gave it back
