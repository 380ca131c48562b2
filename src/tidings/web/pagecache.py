"""A short-lived cache of whole responses for anonymous GET requests (a "micro-cache").

Pages change when the pipeline stores something, at most every few seconds, while a busy
site serves the same home page and searches many times a second. Only responses that are
the same for every anonymous visitor are kept: a GET with no cookie of ours and no
Authorization header, answered 200 without ``Set-Cookie`` or ``Cache-Control: no-store``
(pages with forms set a session cookie, so they are never kept). Any other method that
succeeds (an admin change, a takedown) empties the cache at once.
"""
from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_SECONDS = 5.0
MAX_ENTRIES = 512
MAX_BODY = 512 * 1024
PRIVATE_COOKIES = (b"tidings_session",)


def cache_seconds() -> float:
    """``TIDINGS_PAGE_CACHE_SECONDS`` (0 turns the cache off), default 5."""
    try:
        return max(0.0, float(os.environ.get("TIDINGS_PAGE_CACHE_SECONDS", DEFAULT_SECONDS)))
    except ValueError:
        return DEFAULT_SECONDS


class PageCache:
    """Pure ASGI middleware; see the module docstring."""

    def __init__(self, app: ASGIApp, seconds: float | None = None) -> None:
        self.app = app
        self.seconds = cache_seconds() if seconds is None else seconds
        self.entries: OrderedDict[tuple, tuple[float, dict, list[bytes]]] = OrderedDict()
        self.lock = threading.Lock()

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
        hit = self._get(key)
        if hit is not None:
            scope["tidings.cached"] = True
            start, chunks = hit
            await send(start)
            for chunk in chunks:
                await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await send({"type": "http.response.body", "body": b""})
            return
        await self._fill(key, scope, receive, send)

    def _key(self, scope: Scope) -> tuple | None:
        headers = dict(scope["headers"])
        if b"authorization" in headers or any(c in headers.get(b"cookie", b"") for c in PRIVATE_COOKIES):
            return None
        gzip = b"gzip" in headers.get(b"accept-encoding", b"")
        return (scope.get("scheme"), headers.get(b"host"), scope["path"], scope.get("query_string", b""), gzip)

    def _get(self, key: tuple):
        now = time.monotonic()
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            if now - entry[0] > self.seconds:
                del self.entries[key]
                return None
            self.entries.move_to_end(key)
            return entry[1], entry[2]

    async def _fill(self, key: tuple, scope: Scope, receive: Receive, send: Send) -> None:
        start: dict = {}
        chunks: list[bytes] = []
        keep = [True]

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                keep[0] = _cacheable(message)
            elif message["type"] == "http.response.body" and keep[0]:
                chunks.append(message.get("body", b""))
                if sum(map(len, chunks)) > MAX_BODY:
                    keep[0] = False
                    chunks.clear()
            await send(message)

        await self.app(scope, receive, capture)
        if keep[0] and start:
            with self.lock:
                self.entries[key] = (time.monotonic(), start, chunks)
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


def _cacheable(start: Message) -> bool:
    if start["status"] != 200:
        return False
    for name, value in start.get("headers", []):
        name = name.lower()
        if name == b"set-cookie" or (name == b"cache-control" and (b"no-store" in value or b"private" in value)):
            return False
    return True
