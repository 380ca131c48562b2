"""Operations endpoints: ``/healthz`` and ``/metrics`` (Prometheus text format), and the
middleware that times every request."""
from __future__ import annotations

import logging
import time

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import metrics

log = logging.getLogger(__name__)
NO_STORE = {"cache-control": "no-store"}


def healthz(request: Request) -> Response:
    """200 ``{"status": "ok"}`` when the database answers, 503 otherwise."""
    store = request.app.state.store
    try:
        store.ping()
    except Exception as exc:  # noqa: BLE001 - any database failure means unhealthy
        log.warning("health check failed: %s", exc)
        return JSONResponse({"status": "error", "database": "unreachable"}, status_code=503, headers=NO_STORE)
    return JSONResponse({"status": "ok", "database": store.dialect}, headers=NO_STORE)


class DatabaseCollector:
    """Gauges read from the database at scrape time."""

    def __init__(self, store) -> None:
        self.store = store

    def collect(self):
        counts = self.store.db_counts()
        for name, text in (("articles", "Visible articles stored."),
                           ("stories", "Stories with visible articles."),
                           ("sources", "Sources configured."),
                           ("sources_with_errors", "Sources whose last fetch failed.")):
            gauge = GaugeMetricFamily(f"tidings_db_{name}", text)
            gauge.add_metric([], counts[name])
            yield gauge


def metrics_endpoint(request: Request) -> Response:
    """Process metrics (pipeline counters, web timings) followed by database gauges."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(DatabaseCollector(request.app.state.store))
    try:
        database = generate_latest(registry)
    except Exception as exc:  # noqa: BLE001 - still serve process metrics
        log.warning("database metrics unavailable: %s", exc)
        database = b"# database metrics unavailable\n"
    return Response(generate_latest(REGISTRY) + database, media_type=CONTENT_TYPE_LATEST, headers=NO_STORE)


class RequestMetrics:
    """Pure ASGI middleware counting requests by route template and timing them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = [500]

        async def record(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)
        try:
            await self.app(scope, receive, record)
        finally:
            route = _route_name(scope)
            metrics.HTTP_REQUESTS.labels(route=route, status=f"{status[0] // 100}xx").inc()
            metrics.HTTP_SECONDS.labels(route=route).observe(time.perf_counter() - started)


def _route_name(scope: Scope) -> str:
    """The matched route's path template (bounded label values), else ``other``."""
    if scope.get("tidings.cached"):
        return "cache"
    route = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "other"
