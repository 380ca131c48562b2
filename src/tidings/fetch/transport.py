"""An httpx transport whose every TCP connection goes through the SSRF guard."""
from __future__ import annotations

import time
from typing import TYPE_CHECKING

import httpcore
import httpx

from tidings.fetch.guard import GuardedBackend

if TYPE_CHECKING:
    from httpcore._async.connection_pool import AsyncPoolRequest


class LinearPool(httpcore.AsyncConnectionPool):
    """httpcore's connection pool, with request assignment in linear time.

    httpcore 1.0.9 re-scans every connection for every connection and every queued request
    each time a request starts or ends, and asks the kernel whether each idle socket was
    closed by its server (encode/httpcore#1035): with dozens of hosts kept alive that costs
    more than the request itself. Here the full sweep for expired connections runs at most
    every ``SWEEP_SECONDS``; a connection about to be reused is always checked first. The
    policy is otherwise httpcore's: reuse a connection to the same origin, open one while
    under ``max_connections``, else replace an idle one.
    """

    SWEEP_SECONDS = 1.0
    _last_sweep = 0.0

    def _assign_requests_to_connections(self) -> list[httpcore.AsyncConnectionInterface]:
        closing = self._sweep()
        for pool_request in self._requests:
            if pool_request.is_queued():
                self._assign(pool_request, closing)
        return closing

    def _sweep(self) -> list[httpcore.AsyncConnectionInterface]:
        now = time.monotonic()
        if now - self._last_sweep < self.SWEEP_SECONDS:
            self._connections = [c for c in self._connections if not c.is_closed()]
            return []
        self._last_sweep = now
        closing, kept, idle = [], [], 0
        for connection in self._connections:
            if connection.is_closed():
                continue
            if connection.has_expired() or (
                    connection.is_idle() and idle >= self._max_keepalive_connections):
                closing.append(connection)
            else:
                idle += connection.is_idle()
                kept.append(connection)
        self._connections = kept
        return closing

    def _assign(self, pool_request: AsyncPoolRequest,
                closing: list[httpcore.AsyncConnectionInterface]) -> None:
        origin = pool_request.request.url.origin
        first_idle = None
        for connection in list(self._connections):
            if connection.can_handle_request(origin) and connection.is_available():
                if connection.is_idle() and connection.has_expired():
                    self._connections.remove(connection)
                    closing.append(connection)
                    continue
                pool_request.assign_to_connection(connection)
                return
            if first_idle is None and connection.is_idle():
                first_idle = connection
        if len(self._connections) >= self._max_connections:
            if first_idle is None:
                return
            self._connections.remove(first_idle)
            closing.append(first_idle)
        connection = self.create_connection(origin)
        self._connections.append(connection)
        pool_request.assign_to_connection(connection)


class GuardedTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` on a connection pool that uses :class:`GuardedBackend`.

    httpx 0.28 does not take a network backend, so we build the pool ourselves instead of
    calling the parent initialiser (which would build an unguarded one); the request
    handling (``handle_async_request``) is the parent's, unchanged. No proxies: a proxy
    would connect on our behalf and escape the guard.
    """

    def __init__(self, backend: GuardedBackend, max_connections: int = 64,
                 keepalive_expiry: float = 30.0) -> None:  # noqa: super() deliberately not called
        self._pool = LinearPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=keepalive_expiry,
            http1=True, http2=False, retries=0,
            network_backend=backend)
