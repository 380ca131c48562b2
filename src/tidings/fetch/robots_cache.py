"""Fetching robots.txt once per site and remembering it (in memory, with a TTL).

Status handling (RFC 9309, as Google does it):

* 2xx: parse it.
* 4xx other than 429 (404, 403, 401...): no rules, everything is allowed.
* 5xx and 429: the site is treated as fully disallowed for now; we retry after
  ``error_ttl`` seconds (or the server's Retry-After, if longer).
* redirect trouble, oversize or undecodable robots.txt: allowed, retried after ``error_ttl``.
* DNS, connect, timeout and SSRF errors are raised as they are: the page itself would
  fail the same way, and nothing is cached.
"""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Awaitable, Callable
from urllib.parse import urlsplit

from tidings.fetch.charset import decode_body
from tidings.fetch.robots import RobotsRules
from tidings.models import FetchError, Page

FetchPage = Callable[[str], Awaitable[Page]]
_NETWORK_KINDS = {"ssrf", "dns", "connect", "timeout"}
MAX_SITES = 10_000


@dataclass
class RobotsEntry:
    """The rules of one origin, when they expire, and why they are what they are."""

    rules: RobotsRules
    expires: float
    reason: str = ""
    retry_after: float | None = None


def origin_of(url: str) -> str:
    """``https://Example.com:443/a?b`` -> ``https://example.com:443``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or (443 if scheme == "https" else 80)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{scheme}://{host}:{port}"


class RobotsCache:
    """Per-origin robots.txt rules, fetched with ``fetch_page`` at most once per TTL."""

    def __init__(self, fetch_page: FetchPage, agent: str, ttl: float = 86400.0,
                 error_ttl: float = 600.0) -> None:
        self.fetch_page = fetch_page
        self.agent = agent
        self.ttl = ttl
        self.error_ttl = error_ttl
        self._entries: dict[str, RobotsEntry] = {}
        self._pending: dict[str, asyncio.Future[RobotsEntry]] = {}

    def cached(self, url: str) -> RobotsEntry | None:
        """The unexpired entry for ``url``'s origin, without fetching."""
        entry = self._entries.get(origin_of(url))
        if entry is not None and entry.expires > time.monotonic():
            return entry
        return None

    async def entry(self, url: str) -> RobotsEntry:
        """The rules for ``url``'s origin, fetching robots.txt if needed (one fetch per origin)."""
        found = self.cached(url)
        if found is not None:
            return found
        origin = origin_of(url)
        task = self._pending.get(origin)
        if task is None:
            task = asyncio.ensure_future(self._load(origin))
            self._pending[origin] = task
            task.add_done_callback(lambda _: self._pending.pop(origin, None))
        return await asyncio.shield(task)

    async def _load(self, origin: str) -> RobotsEntry:
        now = time.monotonic()
        try:
            page = await self.fetch_page(origin + "/robots.txt")
        except FetchError as exc:
            if exc.kind in _NETWORK_KINDS:
                raise
            entry = self._from_error(exc, now)
        else:
            text = page.text or decode_body(page.body, "text/plain")[0]
            entry = RobotsEntry(RobotsRules.parse(text, self.agent), now + self.ttl)
        self._store(origin, entry)
        return entry

    def _from_error(self, exc: FetchError, now: float) -> RobotsEntry:
        status = exc.status or 0
        if exc.kind == "http" and 400 <= status < 500 and status != 429:
            return RobotsEntry(RobotsRules(), now + self.ttl, f"robots.txt: HTTP {status}")
        if exc.kind == "http":
            wait = max(self.error_ttl, exc.retry_after or 0.0)
            reason = (f"robots.txt answered HTTP {status}; the site is treated as "
                      f"disallowed until it recovers (RFC 9309)")
            return RobotsEntry(RobotsRules(disallow_all=True), now + wait, reason, wait)
        return RobotsEntry(RobotsRules(), now + self.error_ttl, f"robots.txt ignored: {exc}")

    def _store(self, origin: str, entry: RobotsEntry) -> None:
        self._entries.pop(origin, None)
        self._entries[origin] = entry
        while len(self._entries) > MAX_SITES:
            self._entries.pop(next(iter(self._entries)))
