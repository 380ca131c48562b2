"""Scale-out benchmark: ingest throughput of `tidings worker` processes on PostgreSQL beside
one process on SQLite, over the same simulated web.

Each case gets a fresh database, imports the simulated web's OPML and starts N
``python -m tidings --db URL worker --once`` processes; they poll every source once and
process everything (fetch, extract, dedupe, cluster, tag, store). Reported: articles stored,
wall time (process start to last exit), active time (from the first worker ready, after
imports and the tagger's one-time gazetteer build, to the last worker done), articles per
second over the active time, milliseconds per article inside the ingest transaction (which
holds the ingest lock: the part that does not scale out) and the workers' CPU per article.

Run: ``.venv/bin/python bench/scale.py`` (20 sites × 60 days, a few minutes) or ``--quick``
(3 sites × 4 days, about 30 s). PostgreSQL: ``--pg postgresql://postgres@127.0.0.1:5432/postgres``
(an admin URL; a throwaway database is created and dropped per case).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tidings.simweb import SimWeb  # noqa: E402
from tidings.sources.manage import import_opml  # noqa: E402
from tidings.store import open_store  # noqa: E402
from tidings.store.db import database_url  # noqa: E402
from tidings.store.schema import articles, sources  # noqa: E402

PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
# In the worker: warm the tagger up (a one-time build), then time the run and the time spent
# inside ingest transactions; written to a file at exit.
PROBE = """
import atexit, resource, sys, time
sys.path.insert(0, {src!r})
from tidings.store import Store
from tidings.tag import tag_article
tag_article("Warm-up", "Officials met in Kabul on Monday.", "en")
held = [0.0, 0]
real = Store.transaction
class Timed:
    def __init__(self, cm): self.cm = cm
    def __enter__(self): self.t = time.perf_counter(); return self.cm.__enter__()
    def __exit__(self, *exc):
        try: return self.cm.__exit__(*exc)
        finally: held[0] += time.perf_counter() - self.t; held[1] += 1
Store.transaction = lambda self: Timed(real(self))
def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
start, cpu0 = time.time(), cpu()
atexit.register(lambda: open({out!r}, "w").write(f"{{start}} {{time.time()}} {{held[0]}} {{held[1]}} {{cpu() - cpu0}}"))
from tidings.cli import main
sys.exit(main(sys.argv[1:]))
"""


@dataclass
class Result:
    name: str
    workers: int
    articles: int
    wall: float
    active: float
    locked: float
    cpu: float
    failed: int

    @property
    def rate(self) -> float:
        return self.articles / self.active if self.active else 0.0


def run_case(name: str, url: str, workers: int, sim: SimWeb, concurrency: int) -> Result:
    store = open_store(url)
    import_opml(store, sim.opml())
    store.close()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), TIDINGS_ALLOWED_NETWORKS="127.0.0.0/8",
               TIDINGS_CONCURRENCY=str(concurrency))
    env.pop("TIDINGS_DB", None)
    probes = [Path(tempfile.gettempdir()) / f"tidings-bench-{uuid.uuid4().hex}" for _ in range(workers)]
    started = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", PROBE.format(src=str(ROOT / "src"), out=str(probe)),
                               "--db", url, "worker", "--once"], env=env, cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for probe in probes]
    failed = sum(proc.wait(timeout=900) != 0 for proc in procs)
    wall = time.perf_counter() - started
    stamps = [[float(x) for x in p.read_text().split()] for p in probes if p.exists()]
    for probe in probes:
        probe.unlink(missing_ok=True)
    active = max(s[1] for s in stamps) - min(s[0] for s in stamps) if stamps else wall
    locked = sum(s[2] for s in stamps)
    cpu = sum(s[4] for s in stamps)
    store = open_store(url, upgrade=False)
    with store.engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(articles)).scalar()
        errors = conn.execute(sa.select(sa.func.count()).where(sources.c.last_error != "")).scalar()
    store.close()
    return Result(name, workers, count, wall, active, locked, cpu, failed + errors)


def pg_database(admin: str) -> tuple[str, callable]:
    admin = database_url(admin)
    name = f"tidings_bench_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with engine.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        engine.dispose()

    return admin.rsplit("/", 1)[0] + f"/{name}", drop


def report(results: list[Result], sim: SimWeb) -> Table:
    table = Table(title=f"ingest throughput: {len(sim.articles())} articles from {len(sim.sites())} sources")
    for column in ("backend", "workers", "articles", "wall s", "active s", "articles/s",
                   "ms in ingest tx / article", "worker CPU ms / article", "errors"):
        table.add_column(column, justify="right" if column not in ("backend",) else "left")
    for r in results:
        table.add_row(r.name, str(r.workers), str(r.articles), f"{r.wall:.1f}", f"{r.active:.1f}",
                      f"{r.rate:.1f}", f"{1000 * r.locked / max(r.articles, 1):.1f}",
                      f"{1000 * r.cpu / max(r.articles, 1):.1f}", str(r.failed))
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 sites × 4 days (about 30 s)")
    parser.add_argument("--sites", type=int, default=20)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="PostgreSQL worker counts")
    parser.add_argument("--concurrency", type=int, default=16, help="sources polled at once per worker")
    parser.add_argument("--pg", default=os.environ.get("TIDINGS_BENCH_PG", PG_ADMIN),
                        help="PostgreSQL admin URL (a database per case is created and dropped)")
    args = parser.parse_args(argv)
    sites, days = (3, 4) if args.quick else (args.sites, args.days)
    console = Console(width=max(Console().width, 110))
    results: list[Result] = []
    with SimWeb(seed=1, sites=sites, days=days) as sim, tempfile.TemporaryDirectory() as tmp:
        console.print(f"simulated web: {len(sim.articles())} articles, {len(sim.sites())} sources")
        results.append(run_case("SQLite", f"sqlite:///{tmp}/bench.db", 1, sim, args.concurrency))
        for workers in args.workers:
            url, drop = pg_database(args.pg)
            try:
                results.append(run_case("PostgreSQL", url, workers, sim, args.concurrency))
            finally:
                drop()
        console.print(report(results, sim))
    console.print(f"machine: {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f}. 'in ingest tx': "
                  "inside the ingest transaction, which holds the ingest lock (with several workers it "
                  "includes waiting for the lock); its inverse bounds the throughput of all workers together. "
                  "Worker CPU: the workers' own processes, not PostgreSQL's.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
