"""Several ``tidings worker`` processes on one PostgreSQL database and the simulated web."""
from __future__ import annotations

import os
import re
import signal
import time

import pytest
import sqlalchemy as sa

from tests.scale.conftest import (assert_each_article_once, assert_stories_consistent, import_sim,
                                  start_worker)
from tidings.store import open_store
from tidings.store.schema import sources

pytestmark = [pytest.mark.timeout(180), pytest.mark.postgres, pytest.mark.slow]


def _finish(procs, timeout: float = 150) -> list[str]:
    outputs = []
    for proc in procs:
        out, err = proc.communicate(timeout=timeout)
        assert proc.returncode == 0, err
        outputs.append(out)
    return outputs


def _polled(output: str) -> int:
    found = re.search(r"polled (\d+) source", output)
    return int(found.group(1)) if found else 0


def test_four_workers_store_each_article_once(pg_url, sim):
    import_sim(pg_url, sim)
    outputs = _finish([start_worker(pg_url) for _ in range(4)])
    store = open_store(pg_url)
    try:
        assert_each_article_once(store, sim)
        assert_stories_consistent(store)
        polled = [_polled(out) for out in outputs]
        assert sum(polled) == store.source_count()  # each source polled once, by one worker
        assert all(s["lease_owner"] is None and s["last_fetch"] for s in store.list_sources())
    finally:
        store.close()


def _leases_of(engine: sa.Engine, pid: int) -> list[int]:
    with engine.connect() as conn:
        query = sa.select(sources.c.id).where(sources.c.lease_owner.like(f"%:{pid}:%"))
        return list(conn.execute(query).scalars())


def _stop_while_polling(engine: sa.Engine, proc, deadline: float) -> list[int]:
    """SIGSTOP ``proc`` at a moment it holds a lease: frozen in the middle of a poll."""
    while time.monotonic() < deadline:
        os.kill(proc.pid, signal.SIGSTOP)
        held = _leases_of(engine, proc.pid)
        if held:
            return held
        os.kill(proc.pid, signal.SIGCONT)
        time.sleep(0.05)
    raise AssertionError("the worker never held a lease")


def test_killed_worker_loses_nothing(pg_url, sim):
    """A worker frozen mid-poll, then killed with SIGKILL while two others run: its sources are
    finished by the others once its lease (3 s here) runs out, and nothing is lost or doubled."""
    import_sim(pg_url, sim)
    store = open_store(pg_url)
    procs = [start_worker(pg_url, lease_seconds=3)]
    try:
        held = _stop_while_polling(store.engine, procs[0], time.monotonic() + 60)
        procs += [start_worker(pg_url, lease_seconds=3) for _ in range(2)]
        os.kill(procs[0].pid, signal.SIGKILL)
        procs[0].wait()
        _finish(procs[1:])
        assert_each_article_once(store, sim)
        assert_stories_consistent(store)
        for source_id in held:  # finished by the others after the lease ran out
            source = store.get_source(source_id)
            assert source["lease_owner"] is None and source["last_fetch"] is not None
        assert all(s["last_fetch"] for s in store.list_sources())
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
        store.close()


def test_stopped_worker_hands_its_sources_back(pg_url, sim):
    """SIGTERM (systemd stop) cancels the polls in progress and releases their leases at once,
    so another worker finishes them without waiting for the lease to run out."""
    import_sim(pg_url, sim)
    store = open_store(pg_url)
    worker = start_worker(pg_url, once=False)
    try:
        deadline = time.monotonic() + 60
        while not _leases_of(store.engine, worker.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        worker.send_signal(signal.SIGTERM)
        _, err = worker.communicate(timeout=30)
        assert worker.returncode == 0, err
        assert _leases_of(store.engine, worker.pid) == []
        started = time.monotonic()
        _finish([start_worker(pg_url)])  # lease 300 s: would wait that long for a held source
        assert time.monotonic() - started < 60
        assert_each_article_once(store, sim)
    finally:
        if worker.poll() is None:
            worker.kill()
        store.close()
