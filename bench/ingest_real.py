"""Ingest benchmark on real pages: the whole main job over the 181 real article pages of
``../shared/bench/extraction`` (173 kB of HTML each on average), beside bare trafilatura.

The simulated web's pages are small (a few kB), so on them fixed costs — the HTTP exchange, the
database, clustering — weigh far more than they do on the web. Here a loopback server replays
the real pages instead: one RSS feed per original host, every page at its own path, robots.txt
absent. ``run --once`` on a fresh SQLite database stores them (fetch → parse → extract → dedupe
→ cluster → tag → store), pinned to one core, the server pinned to the other; then
``trafilatura.extract`` alone runs over the same pages on the same core. Target: the pipeline at
≥ 0.8× bare extraction. The taggers' tables are built before the clock starts, as in a worker
already running: on 181 pages their one-time cost (0.2 s with the disk cache, 0.65 s without)
would be a tenth of the run; it is shown in a column of its own. Each host has one or two
pages here, so learned article boxes (``tidings.extract.articlebox``) never come into play.

Run: ``.venv/bin/python bench/ingest_real.py`` (about a minute); ``--repeat N`` runs it N times.
The pages are third-party articles kept for testing only: they are served on 127.0.0.1 and
never leave the machine.
"""
from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest import pin, settings_for, timed_run  # noqa: E402

console = Console(width=120)
FIRST_IP = (201, 1)  # replay sites live on 127.0.201.1 and up
PAGES = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "extraction"


def load_pages(root: Path) -> dict[str, tuple[str, bytes]]:
    """``{page id: (original URL, HTML bytes)}``."""
    meta = json.loads((root / "meta.json").read_text(encoding="utf-8"))
    return {f.name.split(".")[0]: (meta[f.name.split(".")[0]]["url"], gzip.decompress(f.read_bytes()))
            for f in sorted((root / "html").glob("*.html.gz"))}


def sites(pages: dict[str, tuple[str, bytes]]) -> list[tuple[str, list[str]]]:
    """``(original host, page ids)``, one per host: each becomes a replay site."""
    by_host: dict[str, list[str]] = defaultdict(list)
    for page_id, (url, _) in pages.items():
        by_host[urlsplit(url).hostname or "unknown"].append(page_id)
    return sorted(by_host.items())


def feed(host: str, base: str, ids: list[str]) -> bytes:
    items = "".join(f"<item><title>{escape(host)} {i}</title><link>{base}/page/{i}</link>"
                    f"<guid>{base}/page/{i}</guid></item>" for i in ids)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{escape(host)}</title><link>{base}/</link>{items}</channel></rss>").encode()


def serve(conn, root: str) -> None:
    """Child process: replay the pages on 127.0.0.1 until told to stop."""
    pin(1)
    pages = load_pages(Path(root))
    routes: dict[str, tuple[str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            kind, body = routes.get(self.path, ("text/plain", b""))
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    routes.update({f"/page/{i}": ("text/html; charset=utf-8", html) for i, (_, html) in pages.items()})
    servers, feed_urls = [], []
    for n, (host, ids) in enumerate(sites(pages)):  # a loopback address per site: hosts differ
        server = ThreadingHTTPServer((f"127.0.{FIRST_IP[0] + n // 250}.{FIRST_IP[1] + n % 250}", 0), Handler)
        server.daemon_threads = True
        base = f"http://{server.server_address[0]}:{server.server_address[1]}"
        routes[f"/feed/{n}.xml"] = ("application/rss+xml", feed(host, base, ids))
        feed_urls.append(f"{base}/feed/{n}.xml")
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    conn.send({"feeds": feed_urls, "pages": len(pages)})
    conn.recv()
    for server in servers:
        server.shutdown()


def bare_extraction(root: Path) -> float:
    """Pages per CPU second of ``trafilatura.extract`` alone over the same pages."""
    import trafilatura
    pages = load_pages(root)
    start = time.process_time()
    for url, html in pages.values():
        trafilatura.extract(html.decode("utf-8", "replace"), url=url, include_comments=False)
    return len(pages) / (time.process_time() - start)


async def one_run(feed_urls: list[str], root: Path, profile: bool = False,
                  ) -> tuple[int, float, float, float, float]:
    db = f"sqlite:///{tempfile.mkdtemp(prefix='tidings-bench-real-')}/tidings.db"
    from tidings.store import open_store
    store = open_store(db)  # migrations are not part of the measure
    store.close()
    run = await timed_run(db, add=feed_urls, profile=profile, warm=True)
    stored = sum(o.new for o in run.outcomes)
    return stored, run.wall, run.cpu, bare_extraction(root), run.start_up


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=PAGES, help="a folder laid out like ../shared/bench/extraction")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--profile", action="store_true", help="profile the pipeline runs (slower)")
    args = ap.parse_args()
    os.environ["TIDINGS_OFFLINE"] = "1"
    core = pin(0)
    parent, child = mp.Pipe()
    server = mp.Process(target=serve, args=(child, str(args.pages)), daemon=True)
    server.start()
    info = parent.recv()
    runs = []
    try:
        for _ in range(args.repeat):
            runs.append(asyncio.run(one_run(info["feeds"], args.pages, args.profile)))
    finally:
        parent.send("stop")
        server.join(timeout=10)
    table = Table(title=f"ingest on {info['pages']} real pages (one process, {core}, SQLite)")
    for name in ("run", "stored", "start-up CPU s", "pipeline articles/s (wall)", "per CPU s",
                 "bare trafilatura pages/CPU s", "pipeline ÷ bare (wall)", "target"):
        table.add_column(name, justify="right")
    for n, (stored, wall, cpu, bare, start_up) in enumerate(runs, 1):
        table.add_row(str(n), f"{stored}/{info['pages']}", f"{start_up:.2f}", f"{stored / wall:.1f}",
                      f"{stored / cpu:.1f}", f"{bare:.1f}", f"{stored / wall / bare:.2f}×", "≥ 0.8×")
    if len(runs) > 1:
        ratios = [s / w / b for s, w, _, b, _ in runs]
        table.add_row("median", "", "", "", "", "", f"{statistics.median(ratios):.2f}×", "")
    console.print(table)


if __name__ == "__main__":
    mp.set_start_method("spawn")
    main()
