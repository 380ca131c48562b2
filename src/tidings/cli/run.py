"""``tidings run|serve|worker|demo``: the main job, the web alone, polling alone, the demo."""
from __future__ import annotations

import asyncio
import signal
import sys

from .common import settings_for


def register(commands) -> None:
    run = commands.add_parser("run", help="poll sources on their schedules, process, serve the web UI")
    run.add_argument("--once", action="store_true", help="poll every source once, process all, exit")
    run.add_argument("--no-web", action="store_true", help="do not serve the web UI")
    _web_flags(run)
    run.set_defaults(handler=cmd_run)
    serve = commands.add_parser("serve", help="serve the web UI and API only")
    _web_flags(serve)
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="web processes sharing the port, each with its own database connections "
                            "(default 1; about one per CPU core)")
    serve.set_defaults(handler=cmd_serve)
    worker = commands.add_parser("worker", help="poll and process only (scale out: many workers)")
    worker.add_argument("--once", action="store_true", help="poll every source once and exit")
    worker.set_defaults(handler=cmd_worker, no_web=True, host=None, port=None)
    demo = commands.add_parser("demo", help="run against the built-in simulated web on loopback")
    demo.add_argument("--once", action="store_true", help="ingest the simulated web once and exit")
    demo.add_argument("--no-web", action="store_true")
    _web_flags(demo)
    demo.set_defaults(handler=cmd_demo)


def _web_flags(parser) -> None:
    parser.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, help="port to listen on (default 8080)")


def cmd_run(args) -> int:
    from ..sources.manage import load_starter_if_empty
    settings = settings_for(args)
    return asyncio.run(_main(settings, args, before=load_starter_if_empty))


def cmd_worker(args) -> int:
    return asyncio.run(_main(settings_for(args), args))


def cmd_serve(args) -> int:
    from ..store import open_store
    from .common import UsageError
    workers = getattr(args, "workers", 1)
    if not 1 <= workers <= 64:
        raise UsageError("--workers must be between 1 and 64")
    settings = settings_for(args)
    store = open_store(settings.db)  # migrates once, before any worker starts
    if workers > 1:
        store.close()
        _serve_workers(settings, workers)
        return 0
    asyncio.run(_serve(store, settings))
    return 0


def _serve_workers(settings, workers: int) -> None:
    """``workers`` uvicorn processes on one socket; each opens its own store (``web.app.worker_app``)."""
    import os
    import uvicorn
    os.environ["TIDINGS_DB"] = settings.db  # the workers read it back through Settings.load
    print(f"tidings: serving on http://{settings.host}:{settings.port} with {workers} workers",
          file=sys.stderr, flush=True)
    uvicorn.run("tidings.web.app:worker_app", factory=True, workers=workers, host=settings.host,
                port=settings.port, log_level="warning", access_log=False, lifespan="on")


def cmd_demo(args) -> int:
    from ..simweb import SimWeb
    from ..sources.manage import import_opml
    if not args.db:
        args.db = "sqlite:///data/demo.db"
    settings = settings_for(args)
    settings.fetch.allowed_networks = ("127.0.0.0/8",)
    from ..ingest.tags import WATCHLIST_KEY
    from ..simweb.watchlist import cast_watchlist

    def prepare(store) -> None:
        if not store.source_count():
            import_opml(store, sim.opml())
        if store.kv_get(WATCHLIST_KEY) is None:
            store.kv_set(WATCHLIST_KEY, cast_watchlist())

    with SimWeb(seed=1, start="recent") as sim:
        print(f"simulated web: {len(sim.site_urls())} sites on loopback", file=sys.stderr)
        return asyncio.run(_main(settings, args, before=prepare))


async def _main(settings, args, before=None) -> int:
    from ..context import open_context
    from ..store import open_store
    store = open_store(settings.db)
    if before:
        before(store)  # before the context: its stages read the sources and the watchlist
    ctx = open_context(settings, store)
    try:
        if getattr(args, "once", False):
            return await _once(ctx)
        return await _forever(ctx, web=not args.no_web)
    finally:
        await ctx.aclose()


async def _once(ctx) -> int:
    from ..runner import run_once
    total = ctx.store.source_count()
    bar = _ProgressCounter(total)
    outcomes = await run_once(ctx, on_progress=bar.advance)
    bar.close()
    new = sum(o.new for o in outcomes)
    failed = sum(1 for o in outcomes if o.error)
    print(f"polled {len(outcomes)} source(s): {new} new article(s), {failed} source(s) with errors")
    return 0


async def _forever(ctx, *, web: bool) -> int:
    from ..runner import run_forever
    stop = asyncio.Event()
    _on_signals(stop.set)
    tasks = [asyncio.create_task(run_forever(ctx, stop))]
    if web:
        tasks.append(asyncio.create_task(_serve(ctx.store, ctx.settings, stop)))
    await stop.wait()
    await asyncio.gather(*tasks, return_exceptions=True)
    return 0


async def _serve(store, settings, stop: asyncio.Event | None = None) -> None:
    import uvicorn
    from ..web.app import create_app
    config = uvicorn.Config(create_app(store, settings), host=settings.host, port=settings.port,
                            log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    print(f"tidings: serving on http://{settings.host}:{settings.port}", file=sys.stderr, flush=True)
    if stop is None:
        await server.serve()
        return
    serving = asyncio.create_task(server.serve())
    stopping = asyncio.create_task(stop.wait())
    await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
    server.should_exit = True
    stop.set()  # uvicorn may have caught the signal itself
    await serving


def _on_signals(callback) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, callback)


class _ProgressCounter:
    """A progress bar over sources polled, shown only on a terminal."""

    def __init__(self, total: int) -> None:
        self.bar = None
        if sys.stderr.isatty():
            from rich.progress import Progress
            self.bar = Progress(transient=True)
            self.bar.start()
            self.task = self.bar.add_task("polling", total=total)

    def advance(self, n: int) -> None:
        if self.bar:
            self.bar.advance(self.task, n)

    def close(self) -> None:
        if self.bar:
            self.bar.stop()
