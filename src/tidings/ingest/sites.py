"""Per-site boilerplate learning (``tidings.extract.SiteTemplates``) kept in ``site_blocks``."""
from __future__ import annotations

import sqlalchemy as sa

from ..extract import ArticleBoxes, MemoryBlockStats, SiteTemplates
from ..store import Store
from ..store.db import upsert
from ..store.schema import site_blocks


_DELETE = site_blocks.delete().where(site_blocks.c.host == sa.bindparam("h"),
                                     site_blocks.c.block_hash == sa.bindparam("b"))


class SiteLearner:
    """Loads the learned block counts at start and writes back what changed, now and then.

    Several workers each learn in memory and write their counts back; the last writer of a
    row wins, which can only delay learning a block, never remove a paragraph early.
    """

    def __init__(self, stats: MemoryBlockStats) -> None:
        self.stats = stats
        self.templates = SiteTemplates(stats)
        self.boxes = ArticleBoxes()  # in memory only: a few pages of a host relearn it

    @classmethod
    def load(cls, store: Store) -> "SiteLearner":
        columns = (site_blocks.c.host, site_blocks.c.block_hash, site_blocks.c.pages,
                   site_blocks.c.first_seen, site_blocks.c.last_seen)
        with store.engine.connect() as conn:
            rows = conn.execute(sa.select(*columns)).all()
        stats = MemoryBlockStats.from_rows(rows)
        stats.take_changes()
        return cls(stats)

    def save(self, store: Store) -> None:
        upserts, deletes = self.stats.take_changes()
        if not upserts and not deletes:
            return
        with store.engine.begin() as conn:
            if deletes:
                conn.execute(_DELETE, [{"h": host, "b": block} for host, block in deletes])
            rows = [dict(host=h, block_hash=b, pages=p, first_seen=f, last_seen=l)
                    for h, b, p, f, l in upserts]
            for start in range(0, len(rows), 1000):  # an upsert: other workers save the same rows
                upsert(conn, site_blocks, rows[start:start + 1000], ["host", "block_hash"])
