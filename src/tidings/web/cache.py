"""A tiny thread-safe time-to-live cache for values that are costly and change slowly
(filter menus, trend buckets)."""
from __future__ import annotations

import threading
import time
from typing import Any, Callable, Hashable

MAX_ENTRIES = 256


class TTLCache:
    """``get(key, compute)``: the cached value if younger than ``ttl`` seconds, else computed."""

    def __init__(self, ttl: float = 30.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl = ttl
        self.clock = clock
        self._items: dict[Hashable, tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any], ttl: float | None = None) -> Any:
        now = self.clock()
        with self._lock:
            hit = self._items.get(key)
        if hit is not None and now - hit[0] < (self.ttl if ttl is None else ttl):
            return hit[1]
        value = compute()
        with self._lock:
            if len(self._items) >= MAX_ENTRIES:
                self._items.pop(next(iter(self._items)))
            self._items[key] = (now, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
