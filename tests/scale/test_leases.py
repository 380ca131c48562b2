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
