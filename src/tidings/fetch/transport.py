"""An httpx transport whose every TCP connection goes through the SSRF guard."""
from __future__ import annotations

import httpcore
import httpx

from tidings.fetch.guard import GuardedBackend


class GuardedTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport`` on a connection pool that uses :class:`GuardedBackend`.

    httpx 0.28 does not take a network backend, so we build the pool ourselves instead of
    calling the parent initialiser (which would build an unguarded one); the request
    handling (``handle_async_request``) is the parent's, unchanged. No proxies: a proxy
    would connect on our behalf and escape the guard.
    """

    def __init__(self, backend: GuardedBackend, max_connections: int = 64,
                 keepalive_expiry: float = 30.0) -> None:  # noqa: super() deliberately not called
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=keepalive_expiry,
            http1=True, http2=False, retries=0,
            network_backend=backend)
