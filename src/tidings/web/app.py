"""``create_app(store, settings)``: the Starlette application of the web process."""
from __future__ import annotations

import functools
import inspect
import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import admin, api, auth, feeds, ops, pages
from .cache import FreshCache, TTLCache
from .dataversion import probe_for
from .pagecache import PageCache, freshness_for
from .params import BadParam
from .security import SecurityHeaders
from .templating import render

log = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
MAX_BODY = 1024 * 1024
ROBOTS = "User-agent: *\nDisallow: /admin/\nDisallow: /search\nDisallow: /api/\nDisallow: /feeds/search\n"


def inline(endpoint):
    """Run a quick synchronous endpoint on the event loop instead of the thread pool.

    On SQLite a page is a few milliseconds of CPU under one GIL: handing it to one of 40
    threads only adds switching and queueing (p95 grows with the load). PostgreSQL pages wait
    on the network, so there the thread pool stays (``create_app`` decides).
    """
    if inspect.iscoroutinefunction(endpoint):
        return endpoint

    @functools.wraps(endpoint)
    async def run(request):
        return endpoint(request)
    return run


def routes(wrap=lambda endpoint: endpoint) -> list:
    """Every route of the web process except those the rights package adds."""
    get = ["GET", "HEAD"]
    return [
        Route("/", wrap(pages.home), methods=get, name="home"),
        Route("/story/{id}", wrap(pages.story), methods=get, name="story"),
        Route("/article/{id}", wrap(pages.article), methods=get, name="article"),
        Route("/search", wrap(pages.search), methods=get, name="search"),
        Route("/sources", wrap(pages.sources), methods=get, name="sources"),
        Route("/trends", pages.trends, methods=get, name="trends"),  # slow to compute: off the loop
        Route("/admin/", admin.dashboard, methods=get, name="admin"),
        Route("/admin/sources", admin.sources, methods=["GET", "HEAD", "POST"]),
        Route("/admin/watchlist", admin.watchlist, methods=["GET", "HEAD", "POST"]),
        Route("/admin/alerts", admin.alerts, methods=["GET", "HEAD", "POST"]),
        Route("/feeds/latest.{fmt}", wrap(feeds.latest), methods=get),
        Route("/feeds/search.{fmt}", wrap(feeds.search), methods=get),
        Route("/feeds/story/{id}.{fmt}", wrap(feeds.story), methods=get),
        Route("/feeds/{kind}/{name}.{fmt}", wrap(feeds.tagged), methods=get),
        Route("/api/v1/openapi.json", wrap(api.openapi), methods=get),
        Route("/api/v1/sources", wrap(api.list_sources), methods=get),
        Route("/api/v1/sources", wrap(api.add_source), methods=["POST"]),
        Route("/api/v1/sources/{id}", wrap(api.get_source), methods=get),
        Route("/api/v1/articles", wrap(api.list_articles), methods=get),
        Route("/api/v1/articles/{id}", wrap(api.get_article), methods=get),
        Route("/api/v1/stories", wrap(api.list_stories), methods=get),
        Route("/api/v1/stories/{id}", wrap(api.get_story), methods=get),
        Route("/api/v1/search", wrap(api.search), methods=get),
        Route("/api/v1/trends", api.trends, methods=get),
        Route("/healthz", wrap(ops.healthz), methods=get),
        Route("/metrics", wrap(ops.metrics_endpoint), methods=get),
        Route("/robots.txt", lambda request: PlainTextResponse(ROBOTS), methods=get),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


async def http_error(request: Request, exc: HTTPException) -> Response:
    if exc.status_code in (204, 304):
        return Response(status_code=exc.status_code, headers=exc.headers)
    if _wants_json(request):
        return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)
    headings = {404: "Not found", 401: "Please log in", 403: "Not allowed", 405: "Not allowed",
                503: "Not available"}
    context = dict(status=exc.status_code, heading=headings.get(exc.status_code, "Something is wrong"),
                   message=exc.detail)
    return render(request, "error.html", context, status_code=exc.status_code, headers=exc.headers)


async def bad_param(request: Request, exc: BadParam) -> Response:
    if _wants_json(request):
        return JSONResponse({"error": str(exc)}, status_code=400)
    return render(request, "error.html", dict(status=400, heading="That request has a problem",
                                              message=str(exc)), status_code=400)


async def server_error(request: Request, exc: Exception) -> Response:
    log.exception("error serving %s", request.url.path, exc_info=exc)
    if _wants_json(request):
        return JSONResponse({"error": "internal error"}, status_code=500)
    return PlainTextResponse("Sorry, something went wrong on our side.", status_code=500)


def _settings(settings):
    if settings is not None:
        return settings
    from ..config import Settings
    try:
        return Settings.load()
    except (ValueError, OSError):
        return Settings()


def create_app(store, settings=None, *, rights: bool = True) -> Starlette:
    """The web application over ``store``; ``settings`` is a :class:`tidings.config.Settings`.

    ``rights=False`` leaves out accounts, complaints and comments (a read-only mirror).
    """
    middleware = [Middleware(SecurityHeaders), Middleware(GZipMiddleware, minimum_size=1024, compresslevel=3)]
    wrap = inline if store.dialect == "sqlite" else (lambda endpoint: endpoint)
    app = Starlette(routes=routes(wrap), middleware=middleware, max_body_size=MAX_BODY,
                    exception_handlers={HTTPException: http_error, BadParam: bad_param,
                                        Exception: server_error})
    app.state.store = store
    app.state.settings = _settings(settings)
    app.state.cache = TTLCache()
    freshness = freshness_for(probe_for(store))  # shared by the page and fragment caches
    app.state.fragments = FreshCache(freshness)
    if rights:
        auth.install(app, store)  # adds the session middleware (outside ours)
    app.add_middleware(PageCache, freshness=freshness)  # outside the sessions: sees their Set-Cookie
    app.add_middleware(ops.RequestMetrics)
    return app


def worker_app() -> Starlette:
    """The app of one ``tidings serve --workers N`` process: its own store (own connections)
    on ``TIDINGS_DB``, settings as ``Settings.load`` finds them. The parent has migrated."""
    from ..store import open_store
    settings = _settings(None)
    return create_app(open_store(settings.db, upgrade=False), settings)
