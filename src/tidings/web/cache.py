"""Thread-safe caches: by time for values that change slowly (filter menus, trend buckets), and
by database freshness for rendered fragments (story pages)."""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any, Callable, Hashable

MAX_ENTRIES = 256


class TTLCache:
    """``get(key, compute)``: the cached value if younger than ``ttl`` seconds, else computed.

    One computation per key at a time: threads asking for a key being computed wait for it
    rather than start the same costly work again.
    """

    def __init__(self, ttl: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._items: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()
        self._computing: dict[Hashable, threading.Lock] = {}

    def get(self, key: Hashable, compute: Callable[[], Any], ttl: float | None = None) -> Any:
        limit = self.ttl if ttl is None else ttl
        hit = self._fresh(key, limit)
        if hit is not None:
            return hit[1]
        with self._lock:
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            hit = self._fresh(key, limit)  # computed by another thread meanwhile
            if hit is not None:
                return hit[1]
            now = self.clock()
            try:
                value = compute()
                with self._lock:
                    if len(self._items) >= MAX_ENTRIES:
                        self._items.pop(next(iter(self._items)))
                    self._items[key] = (now, value)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
        return value

    def _fresh(self, key: Hashable, limit: float) -> tuple[float, Any] | None:
        with self._lock:
            hit = self._items.get(key)
        return hit if hit is not None and self.clock() - hit[0] < limit else None

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class FreshCache:
    """Values kept while :class:`~.dataversion.Freshness` says they are still true (any
    removal by anyone drops them at once; additions within its lag). For rendered fragments."""

    def __init__(self, freshness, max_entries: int = 1024) -> None:
        self.freshness = freshness
        self.max_entries = max_entries
        self._items: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The kept value of ``key``, else ``compute()`` (then kept)."""
        if self.freshness.lag <= 0:
            return compute()
        self.freshness.check()
        with self._lock:
            hit = self._items.get(key)
            if hit is not None and self.freshness.valid(hit[0]):
                self._items.move_to_end(key)
                return hit[1]
        started = self.freshness.clock()
        value = compute()
        with self._lock:
            self._items[key] = (started, value)
            while len(self._items) > self.max_entries:
                self._items.popitem(last=False)
        return value
