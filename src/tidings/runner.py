"""Scheduling: claim due sources, poll them concurrently, repeat; and the housekeeping between.

Several workers (processes, perhaps on several machines) share one database: each claims
sources with a lease (``FOR UPDATE SKIP LOCKED`` on PostgreSQL), only as many as it has free
slots (``concurrency``), and a background thread renews the leases of the polls in progress.
A worker that dies stops renewing; its sources become claimable when the lease runs out
(``lease_seconds``) and another worker polls them. Ingest is idempotent (one transaction per
article, under the ingest lock, skipping known URLs), so a source polled twice stores nothing
twice.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import secrets
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .context import Context
from .pipeline import PollOutcome, poll_source
from .store import Store, utcnow

log = logging.getLogger(__name__)
HOUSEKEEPING_EVERY = 300.0  # seconds, while busy (it also runs whenever nothing is due)
WAIT_FOR_OTHERS = 1.0  # seconds between looks at sources other workers are polling (run --once)

Claim = Callable[[int], list[dict]]


def worker_name() -> str:
    """``host:pid:namespace:random``: unique even when containers share host names and pids.

    ``namespace`` names this boot and pid namespace, so that a restarted worker can tell
    which leases belong to dead processes it could see (:func:`release_dead_local_leases`).
    """
    return f"{socket.gethostname()}:{os.getpid()}:{_pid_namespace()}:{secrets.token_hex(3)}"


def _pid_namespace() -> str:
    try:
        boot = Path("/proc/sys/kernel/random/boot_id").read_text().strip()
        namespace = os.stat("/proc/self/ns/pid").st_ino
    except OSError:
        return "unknown"
    return hashlib.sha1(f"{boot}:{namespace}".encode()).hexdigest()[:8]


def dead_local_workers(owners: list[str]) -> list[str]:
    """The lease owners among ``owners`` that ran in this host's pid namespace and are gone."""
    here = (socket.gethostname(), _pid_namespace())
    dead = []
    for owner in owners:
        host, pid, namespace, _ = (owner.rsplit(":", 3) + ["", "", "", ""])[:4]
        if (host, namespace) == here and namespace != "unknown" and pid.isdigit() \
                and int(pid) != os.getpid() and not _alive(int(pid)):
            dead.append(owner)
    return dead


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def release_dead_local_leases(store: Store) -> int:
    """Free the sources leased by crashed workers of this machine (a restart after ``kill -9``
    need not wait for their leases to lapse); returns how many."""
    dead = dead_local_workers(store.lease_owners())
    if dead:
        log.info("releasing the leases of %d dead worker(s): %s", len(dead), ", ".join(dead))
    return store.release_leases_of(dead) if dead else 0


class LeaseKeeper:
    """Renews the leases of the sources being polled, from a thread (so a busy event loop
    cannot let them lapse), every third of ``lease_seconds``."""

    def __init__(self, store: Store, worker: str, lease_seconds: int) -> None:
        self.store, self.worker, self.lease_seconds = store, worker, lease_seconds
        self.held: set[int] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)

    def __enter__(self) -> "LeaseKeeper":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def hold(self, source_id: int) -> None:
        with self._lock:
            self.held.add(source_id)

    def drop(self, source_id: int) -> None:
        with self._lock:
            self.held.discard(source_id)

    def _run(self) -> None:
        while not self._stop.wait(max(self.lease_seconds / 3, 0.5)):
            with self._lock:
                ids = sorted(self.held)
            if not ids:
                continue
            try:
                self.store.renew_leases(self.worker, ids, self.lease_seconds)
            except Exception:  # noqa: BLE001 - the database may be briefly away; retry next time
                log.warning("could not renew %d lease(s)", len(ids), exc_info=True)


async def poll_one(ctx: Context, source: dict) -> PollOutcome:
    """Poll one claimed source; a bug on one source never stops the others."""
    try:
        return await poll_source(ctx, source)
    except Exception as error:  # a bug on one source must not stop the run
        log.exception("poll of %s crashed", source["url"])
        ctx.scheduler.failed(source, error)
        return PollOutcome(source["id"], error=f"internal: {error}")


async def poll_claimed(ctx: Context, claim: Claim, keeper: LeaseKeeper, *,
                       stop: asyncio.Event | None = None,
                       on_progress: Callable[[int], None] | None = None) -> list[PollOutcome]:
    """Keep up to ``concurrency`` polls in flight, claiming more as slots free, until
    ``claim`` finds nothing and all polls are done (or ``stop`` is set: polls are cancelled
    and their sources released)."""
    running: dict[asyncio.Task, int] = {}
    outcomes: list[PollOutcome] = []
    last_chores = time.monotonic()
    try:
        while True:
            free = ctx.settings.concurrency - len(running)
            if _worth_claiming(free, len(running), ctx.settings.concurrency) and not (stop and stop.is_set()):
                for source in claim(free):
                    keeper.hold(source["id"])
                    running[asyncio.create_task(poll_one(ctx, source))] = source["id"]
            if not running or (stop and stop.is_set()):
                break
            done = await _first_done(running, stop)
            for task in done:
                keeper.drop(running.pop(task))
                outcomes.append(task.result())
            if on_progress and done:
                on_progress(len(done))
            ctx.scheduler.flush_if_due()
            if time.monotonic() - last_chores > HOUSEKEEPING_EVERY:
                ctx.housekeeping()
                last_chores = time.monotonic()
    finally:
        await _cancel(ctx, running, keeper)
        ctx.scheduler.flush()
    return outcomes


def _worth_claiming(free: int, running: int, concurrency: int) -> bool:
    """Claim in batches (half the slots at least) rather than one source at a time: each
    claim is a write transaction."""
    return free > 0 and (running == 0 or free >= max(1, concurrency // 2))


async def _first_done(running: dict[asyncio.Task, int], stop: asyncio.Event | None) -> set[asyncio.Task]:
    waiting = set(running)
    stopper = asyncio.ensure_future(stop.wait()) if stop else None
    if stopper:
        waiting.add(stopper)
    done, _ = await asyncio.wait(waiting, return_when=asyncio.FIRST_COMPLETED)
    if stopper:
        stopper.cancel()
        done.discard(stopper)
    return done


async def _cancel(ctx: Context, running: dict[asyncio.Task, int], keeper: LeaseKeeper) -> None:
    for task in running:
        task.cancel()
    await asyncio.gather(*running, return_exceptions=True)
    for task, source_id in running.items():
        keeper.drop(source_id)
        if task.cancelled():  # stopping: let another worker take the source now
            ctx.store.release_source(source_id)


async def run_once(ctx: Context, on_progress: Callable[[int], None] | None = None) -> list[PollOutcome]:
    """Poll every source once (due or not) and process everything found.

    With several workers, "once" is for them all: each takes what nobody holds, and when
    nothing is left it waits for the sources others are polling; a source whose worker died is
    taken over when its lease runs out.
    """
    started: datetime = utcnow()

    def claim(n: int) -> list[dict]:
        return ctx.store.claim_sources(ctx.worker, limit=n, lease_seconds=ctx.settings.lease_seconds,
                                       not_fetched_since=started)

    outcomes: list[PollOutcome] = []
    release_dead_local_leases(ctx.store)
    with LeaseKeeper(ctx.store, ctx.worker, ctx.settings.lease_seconds) as keeper:
        while True:
            outcomes += await poll_claimed(ctx, claim, keeper, on_progress=on_progress)
            if not ctx.store.sources_leased_by_others(ctx.worker, not_fetched_since=started):
                break
            await asyncio.sleep(WAIT_FOR_OTHERS)
    ctx.housekeeping()
    return outcomes


async def run_forever(ctx: Context, stop: asyncio.Event) -> None:
    """The scheduler loop: poll whatever is due, sleep until the next source is due."""
    def claim(n: int) -> list[dict]:
        return ctx.store.claim_sources(ctx.worker, limit=n, lease_seconds=ctx.settings.lease_seconds)

    release_dead_local_leases(ctx.store)
    with LeaseKeeper(ctx.store, ctx.worker, ctx.settings.lease_seconds) as keeper:
        while not stop.is_set():
            await poll_claimed(ctx, claim, keeper, stop=stop)
            if stop.is_set():
                break
            ctx.housekeeping()
            await _sleep_until_due(ctx, stop)


async def _sleep_until_due(ctx: Context, stop: asyncio.Event) -> None:
    due = ctx.store.next_due_time()
    seconds = 30.0 if due is None else (due - utcnow()).total_seconds()
    try:
        await asyncio.wait_for(stop.wait(), timeout=min(max(seconds, 1.0), 30.0))
    except TimeoutError:
        pass
