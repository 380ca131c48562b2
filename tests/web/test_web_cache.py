"""The in-process caches behind the pages: one computation per key, fragments true to the data."""
from __future__ import annotations

import threading
import time

from tidings.web.cache import FreshCache, TTLCache
from tidings.web.dataversion import Freshness
from tests.web.test_web_pagecache import Probe


def test_a_slow_value_is_computed_once_for_concurrent_askers():
    cache, calls = TTLCache(), []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return "trends"
    found = []
    threads = [threading.Thread(target=lambda: found.append(cache.get("k", slow))) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == ["trends"] * 5 and len(calls) == 1


def test_a_failed_computation_lets_the_next_asker_retry():
    cache = TTLCache()

    def broken():
        raise RuntimeError("database away")
    try:
        cache.get("k", broken)
    except RuntimeError:
        pass
    assert cache.get("k", lambda: 7) == 7


def test_fragments_are_recomputed_after_a_removal_only_within_the_lag_otherwise():
    now, probe = [0.0], Probe()
    fragments = FreshCache(Freshness(probe, lag=5, max_age=300, clock=lambda: now[0]))
    assert fragments.get("story", lambda: "v1") == "v1"
    now[0] = 1
    probe.commits += 1  # new content: the kept fragment may lag five seconds
    assert fragments.get("story", lambda: "v2") == "v1"
    now[0] = 2
    probe.commits += 1
    probe.removed += 1  # a takedown
    assert fragments.get("story", lambda: "v3") == "v3"
