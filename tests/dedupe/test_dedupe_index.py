"""Copy detection: every kind of edit is found, different reports of one event are not."""
from __future__ import annotations

import random
import sqlite3
from datetime import datetime, timezone

import pytest

from tidings.dedupe import (CopyIndex, MemoryBandStore, SignatureVerifier, SQLiteBandStore,
                            TextVerifier, fingerprint)
from tidings.dedupe.synth import EDITS, Doc, make_event, write_report
from tidings.dedupe.synth_copies import make_copy

VERIFIERS = ("text", "signature")


class Store:
    """An index over a few articles, with either verifier."""

    def __init__(self, verify: str, bands=None) -> None:
        self.texts: dict[int, tuple[str, str]] = {}
        self.fps = {}
        verifier = TextVerifier(self.texts.get) if verify == "text" else SignatureVerifier(self.fps.get)
        self.index = CopyIndex(bands or MemoryBandStore(), verifier)

    def add(self, article_id: int, title: str, text: str) -> None:
        fp = fingerprint(title, text)
        self.texts[article_id] = (title, text)
        self.fps[article_id] = fp
        self.index.add(article_id, fp)

    def find(self, title: str, text: str):
        return self.index.find_original(fingerprint(title, text), title, text)


def _report(seed: int, n_event: int = 0):
    rng = random.Random(seed)
    facts = make_event(n_event, rng, datetime(2024, 5, 1, tzinfo=timezone.utc))
    return facts, rng


def _original(seed: int) -> tuple[Doc, dict, random.Random]:
    facts, rng = _report(seed)
    title, text = write_report(facts, rng)
    when = facts["when"]
    return Doc(1, "https://a.example/1", "a.example", title, text, when, when, 0, 1), facts, rng


@pytest.mark.parametrize("verify", VERIFIERS)
@pytest.mark.parametrize("edit", EDITS)
def test_each_kind_of_copy_is_found(edit, verify):
    found = 0
    for seed in range(5):
        orig, facts, rng = _original(seed)
        store = Store(verify)
        store.add(1, orig.title, orig.text)
        copy = make_copy(orig, 2, rng, facts, kind=edit)
        match = store.find(copy.title, copy.text)
        found += match is not None and match.article_id == 1
    assert found >= 4 if edit == "teaser" else found == 5


@pytest.mark.parametrize("verify", VERIFIERS)
def test_different_reports_of_one_event_are_not_copies(verify):
    merged = total = 0
    for seed in range(40):
        facts, rng = _report(seed)
        store = Store(verify)
        for i in range(3):
            title, text = write_report(facts, rng)
            total += i > 0
            merged += i > 0 and store.find(title, text) is not None
            store.add(i, title, text)
    assert merged == 0, f"{merged} of {total} reports merged"


def test_exact_copy_is_reported_as_exact():
    orig, _, _ = _original(1)
    store = Store("text")
    store.add(7, orig.title, orig.text)
    match = store.find("Another headline", f"<p>{orig.text}</p>")
    assert match is not None and match.kind == "exact" and match.article_id == 7


LONG = ("The harbour authority in Kelworth approved a plan on Tuesday to rebuild the northern "
        "breakwater, which storms damaged twice last winter. Engineers said the work would take "
        "eighteen months and cost about forty million euros, paid partly by the port's reserves "
        "and partly by a regional grant. Fishing crews welcomed the decision but asked for a "
        "temporary mooring while the old wall is taken down.")


def test_short_teaser_is_matched_to_its_original():
    store = Store("text")
    store.add(1, "Kelworth to rebuild breakwater", LONG)
    teaser = " ".join(LONG.split()[:22]) + " … Read more"
    match = store.find("Kelworth to rebuild breakwater", teaser)
    assert match is not None and match.article_id == 1


def test_short_texts_do_not_merge_on_a_tiny_overlap():
    store = Store("text")
    store.add(1, "Harbour plan approved", "The harbour authority in Kelworth approved a plan.")
    match = store.find("School plan approved", "The harbour authority in Kelworth rejected a school.")
    assert match is None


def test_stored_teaser_does_not_absorb_a_longer_article():
    store = Store("text")
    teaser = " ".join(LONG.split()[:22])
    store.add(1, "Kelworth to rebuild breakwater", teaser)
    assert store.find("Kelworth to rebuild breakwater", LONG) is None


def test_worth_indexing_skips_duplicates_and_smaller_copies():
    store = Store("text")
    store.add(1, "Kelworth to rebuild breakwater", LONG)
    index = store.index
    assert index.worth_indexing(None)
    assert not index.worth_indexing(store.find("t", LONG))
    assert not index.worth_indexing(store.find("Kelworth to rebuild breakwater",
                                               " ".join(LONG.split()[:40])))
    longer = LONG + "\n\nLocal officials said more details would follow next week, with a public meeting."
    assert index.worth_indexing(store.find("Kelworth to rebuild breakwater", longer))


def test_sqlite_band_store_answers_like_the_memory_one(tmp_path):
    conn = sqlite3.connect(tmp_path / "bands.db")
    sql, mem = SQLiteBandStore(conn), MemoryBandStore()
    rows = {1: [10, 20, 30], 2: [20, 30, -5], 3: [99]}
    for article_id, keys in rows.items():
        sql.add(article_id, keys)
        mem.add(article_id, keys)
    for query in ([20, 30], [-5, 99, 7], [], [1234]):
        assert sql.candidates(query) == mem.candidates(query)
    assert mem.candidates([20, 30]) == {1: 2, 2: 2}


def test_band_stores_cap_postings_of_a_hot_key(tmp_path):
    sql = SQLiteBandStore(sqlite3.connect(tmp_path / "b.db"), max_postings=3)
    mem = MemoryBandStore(max_postings=3)
    for article_id in range(10):
        sql.add(article_id, [42])
        mem.add(article_id, [42])
    assert sql.candidates([42]) == mem.candidates([42]) == {7: 1, 8: 1, 9: 1}


def test_index_works_over_sqlite(tmp_path):
    orig, facts, rng = _original(3)
    store = Store("text", SQLiteBandStore(sqlite3.connect(tmp_path / "bands.db")))
    store.add(5, orig.title, orig.text)
    copy = make_copy(orig, 6, rng, facts, kind="truncated")
    assert store.find(copy.title, copy.text).article_id == 5
