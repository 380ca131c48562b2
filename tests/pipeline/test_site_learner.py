"""What the extractor learns per site is saved in ``site_blocks`` and comes back at start."""
from __future__ import annotations

from tidings.extract.blockstats import BlockRecord
from tidings.ingest.sites import SiteLearner
from tidings.store import open_store


def test_saved_counts_come_back_and_forgotten_blocks_leave_the_table(db_url):
    store = open_store(db_url)
    learner = SiteLearner.load(store)
    stats = learner.stats
    stats.add_page("a.example")
    stats.store("a.example", {11: BlockRecord(3, 1, 2), 12: BlockRecord(1, 1, 1), 13: BlockRecord(1, 2, 2)})
    stats.store("b.example", {11: BlockRecord(2, 1, 2)})
    learner.save(store)
    stats.forget("a.example", [12, 13])  # single sightings pruned
    stats.store("a.example", {11: BlockRecord(4, 1, 3)})
    learner.save(store)

    again = SiteLearner.load(store).stats
    assert again.records("a.example") == {11: BlockRecord(4, 1, 3)}
    assert again.records("b.example") == {11: BlockRecord(2, 1, 2)}
    assert again.rows() == stats.rows()
    store.close()
