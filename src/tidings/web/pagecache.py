"""A cache of whole responses for anonymous GET requests, true to the database.

Only responses that are the same for every anonymous visitor are kept: a GET with no cookie
of ours and no Authorization header, answered 200 without ``Set-Cookie`` or
``Cache-Control: no-store`` (pages with forms set a session cookie, so they are never kept).

Every request first probes the database (:mod:`.dataversion`: microseconds on SQLite), so
kept pages follow every process's commits (the worker, the rights desk, ``tidings admin``,
other web workers): a takedown or any other removal empties the cache at once; new content
(the poller's commits) is shown within ``TIDINGS_PAGE_CACHE_SECONDS`` (default 5; 0 turns the
cache off); with no change at all, pages live :data:`MAX_AGE` seconds. Any other method that
succeeds in this process empties the cache too. Cacheable responses say ``X-Cache: hit`` or
``miss``.
"""
from __future__ import annotations

import os
import threading
from collections import OrderedDict

import anyio.to_thread
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .dataversion import Freshness, Unknown

DEFAULT_SECONDS = 5.0
MAX_AGE = 300.0
MAX_ENTRIES = 2048
MAX_BODY = 512 * 1024
PRIVATE_COOKIES = (b"tidings_session",)
HIT = (b"x-cache", b"hit")
MISS = (b"x-cache", b"miss")


def cache_seconds() -> float:
    """``TIDINGS_PAGE_CACHE_SECONDS``: how far kept pages may lag behind new content (0: off)."""
    try:
        return max(0.0, float(os.environ.get("TIDINGS_PAGE_CACHE_SECONDS", DEFAULT_SECONDS)))
    except ValueError:
        return DEFAULT_SECONDS


def freshness_for(probe, seconds: float | None = None) -> Freshness:
    """The validity rule for ``probe`` with the configured lag."""
    lag = cache_seconds() if seconds is None else seconds
    return Freshness(probe, lag=lag, max_age=max(lag, MAX_AGE) if lag else 0.0)


class PageCache:
    """Pure ASGI middleware; see the module docstring. ``freshness`` says what is still true."""

    def __init__(self, app: ASGIApp, seconds: float | None = None, freshness: Freshness | None = None) -> None:
        self.app = app
        self.freshness = freshness or freshness_for(Unknown(), seconds)
        self.seconds = self.freshness.lag
        self.entries: OrderedDict[tuple, tuple[float, dict, bytes]] = OrderedDict()
        self.lock = threading.Lock()
        self.hits = self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.seconds <= 0:
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self._other(scope, receive, send)
            return
        key = self._key(scope)
        if key is None:
            await self.app(scope, receive, send)
            return
        if self.freshness.probe.blocking:
            await anyio.to_thread.run_sync(self.freshness.check)
        else:
            self.freshness.check()
        hit = self._get(key)
        if hit is None:
            await self._fill(key, scope, receive, send)
            return
        scope["tidings.cached"] = True
        start, body = hit
        await send(start)
        await send({"type": "http.response.body", "body": body})

    def _key(self, scope: Scope) -> tuple | None:
        headers = dict(scope["headers"])
        if b"authorization" in headers or any(c in headers.get(b"cookie", b"") for c in PRIVATE_COOKIES):
            return None
        gzip = b"gzip" in headers.get(b"accept-encoding", b"")
        return (scope.get("scheme"), headers.get(b"host"), scope["path"], scope.get("query_string", b""), gzip)

    def _get(self, key: tuple) -> tuple[dict, bytes] | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None or not self.freshness.valid(entry[0]):
                self.entries.pop(key, None)
                self.misses += 1
                return None
            self.entries.move_to_end(key)
            self.hits += 1
            return entry[1], entry[2]

    async def _fill(self, key: tuple, scope: Scope, receive: Receive, send: Send) -> None:
        started = self.freshness.clock()  # before the page reads anything: see Freshness.valid
        start: dict = {}
        chunks: list[bytes] = []
        keep = [True]

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                keep[0] = _cacheable(message)
                if keep[0]:
                    message = {**message, "headers": [*message.get("headers", []), MISS]}
                    start.update(message, headers=[*message["headers"][:-1], HIT])
            elif message["type"] == "http.response.body" and keep[0]:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > MAX_BODY:
                    keep[0] = False
                    chunks.clear()
            await send(message)

        await self.app(scope, receive, capture)
        if keep[0] and start:
            self._store(key, started, start, b"".join(chunks))

    def _store(self, key: tuple, started: float, start: dict, body: bytes) -> None:
        with self.lock:
            self.entries[key] = (started, start, body)
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)

    async def _other(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass through; a successful change of anything empties the cache."""
        async def watch(message: Message) -> None:
            if message["type"] == "http.response.start" and scope["method"] not in ("HEAD", "OPTIONS") \
                    and message["status"] < 400:
                self.clear()
            await send(message)
        await self.app(scope, receive, watch)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
        self.freshness.clear()  # fragments kept by the pages too


def _cacheable(start: Message) -> bool:
    if start["status"] != 200:
        return False
    for name, value in start.get("headers", []):
        name = name.lower()
        if name == b"set-cookie" or (name == b"cache-control" and (b"no-store" in value or b"private" in value)):
            return False
    return True
