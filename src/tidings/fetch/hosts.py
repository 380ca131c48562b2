"""Politeness: a concurrency limit per host and overall, and spacing per host."""
from __future__ import annotations

import asyncio
import time
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import AsyncIterator


@dataclass
class _Host:
    semaphore: asyncio.Semaphore
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_at: float = 0.0
    users: int = 0


class HostLimiter:
    """Grants request slots: at most ``per_host`` at once per host, ``global_limit`` overall,
    and successive requests to a host at least ``delay`` seconds apart (Crawl-delay).
    """

    def __init__(self, per_host: int, global_limit: int) -> None:
        self.per_host = per_host
        self._global = asyncio.Semaphore(global_limit)
        self._hosts: dict[str, _Host] = {}

    @asynccontextmanager
    async def slot(self, host: str, delay: float = 0.0) -> AsyncIterator[None]:
        """Hold a request slot for ``host`` for the duration of the block."""
        state = self._hosts.get(host)
        if state is None:
            state = self._hosts[host] = _Host(asyncio.Semaphore(self.per_host))
        state.users += 1
        try:
            async with state.semaphore:
                await self._space(state, delay)
                async with self._global:
                    yield
        finally:
            state.users -= 1
            if state.users == 0 and state.next_at <= time.monotonic():
                self._hosts.pop(host, None)

    def active_hosts(self) -> int:
        """How many hosts have requests in flight or a pending spacing (for metrics)."""
        return len(self._hosts)

    @staticmethod
    async def _space(state: _Host, delay: float) -> None:
        async with state.lock:
            wait = state.next_at - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            state.next_at = time.monotonic() + delay
