"""Source leases: each due source goes to one worker; a lapsed lease lets another take over."""
from __future__ import annotations

import threading
import time
from datetime import timedelta

from tidings.runner import LeaseKeeper
from tidings.store import open_store, utcnow


def _add(store, n: int) -> list[int]:
    return [store.add_source(f"https://news{i}.example/feed.xml")[0] for i in range(n)]


def test_concurrent_claims_never_share_a_source(db_url):
    store = open_store(db_url)
    ids = _add(store, 40)
    claimed: dict[str, list[int]] = {}

    def worker(name: str) -> None:
        own = open_store(db_url, upgrade=False)
        mine = claimed.setdefault(name, [])
        while batch := own.claim_sources(name, limit=3):
            mine += [source["id"] for source in batch]
        own.close()

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    everything = [source_id for found in claimed.values() for source_id in found]
    assert sorted(everything) == ids  # all claimed, none twice
    owners = {s["id"]: s["lease_owner"] for s in store.list_sources()}
    assert all(owners[i] == name for name, found in claimed.items() for i in found)
    store.close()


def test_a_lapsed_lease_is_taken_over(store):
    (source_id,) = _add(store, 1)
    now = utcnow()
    assert [s["id"] for s in store.claim_sources("dead", lease_seconds=60, now=now)] == [source_id]
    assert store.claim_sources("alive", now=now + timedelta(seconds=59)) == []
    assert store.sources_leased_by_others("alive", not_fetched_since=now, now=now + timedelta(seconds=59)) == 1
    assert store.sources_leased_by_others("dead", not_fetched_since=now, now=now + timedelta(seconds=59)) == 0
    later = now + timedelta(seconds=61)
    assert store.sources_leased_by_others("alive", not_fetched_since=now, now=later) == 0
    taken = store.claim_sources("alive", now=later)
    assert [s["id"] for s in taken] == [source_id] and taken[0]["lease_owner"] == "alive"


def test_renewal_extends_only_the_holders_leases(store):
    first, second = _add(store, 2)
    store.claim_sources("a", limit=1, lease_seconds=10)
    store.claim_sources("b", limit=1, lease_seconds=10)
    before = {s["id"]: s["lease_until"] for s in store.list_sources()}
    assert store.renew_leases("a", [first, second], 3600) == 1
    after = {s["id"]: s["lease_until"] for s in store.list_sources()}
    assert after[first] - before[first] > timedelta(minutes=50)
    assert after[second] == before[second]


def test_lease_keeper_renews_while_a_poll_runs(store):
    (source_id,) = _add(store, 1)
    store.claim_sources("me", lease_seconds=3)
    first = store.get_source(source_id)["lease_until"]
    with LeaseKeeper(store, "me", lease_seconds=3) as keeper:
        keeper.hold(source_id)
        deadline = time.monotonic() + 10
        while store.get_source(source_id)["lease_until"] == first and time.monotonic() < deadline:
            time.sleep(0.2)
    assert store.get_source(source_id)["lease_until"] > first


def test_leases_of_dead_local_workers_are_released_at_start(store):
    import subprocess
    import sys

    from tidings.runner import dead_local_workers, release_dead_local_leases, worker_name
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    host, _, namespace, _ = worker_name().split(":")
    dead = f"{host}:{gone.pid}:{namespace}:abcdef"
    living = worker_name()  # this process
    elsewhere = f"other-host:{gone.pid}:{namespace}:abcdef"
    assert dead_local_workers([dead, living, elsewhere]) == [dead]

    first, second, third = _add(store, 3)
    store.claim_sources(dead, limit=1)
    store.claim_sources(living, limit=1)
    store.claim_sources(elsewhere, limit=1)
    assert release_dead_local_leases(store) == 1
    owners = {s["id"]: s["lease_owner"] for s in store.list_sources()}
    assert owners == {first: None, second: living, third: elsewhere}


def test_release_sources_writes_each_outcome(store):
    first, second = _add(store, 2)
    store.claim_sources("me", limit=2)
    store.release_sources([(first, {"last_status": 304, "error_count": 0}),
                           (second, {"last_status": 500, "last_error": "boom"})])
    rows = {s["id"]: s for s in store.list_sources()}
    assert (rows[first]["last_status"], rows[first]["lease_owner"]) == (304, None)
    assert (rows[second]["last_status"], rows[second]["last_error"], rows[second]["lease_owner"]) == (500, "boom", None)
