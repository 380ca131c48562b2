"""Where LSH band keys live: the ``BandStore`` protocol and two implementations.

A band store maps a 64-bit signed band key to the ids of the articles that have it. The
database version is a table ``copy_bands(band_key BIGINT NOT NULL, article_id INT NOT NULL)``
with an index on ``band_key``; :class:`SQLiteBandStore` is a reference implementation of it.

Lookups are bounded whatever the store size: a key shared by more than ``max_postings``
articles (boilerplate that slipped through) only yields its most recent ``max_postings``
ids, so a lookup costs at most ``len(keys) * max_postings`` rows.
"""
from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Protocol

MAX_POSTINGS = 32


class BandStore(Protocol):
    """Band keys of indexed articles."""

    def candidates(self, keys: Sequence[int]) -> dict[int, int]:
        """Ids of the articles sharing any of ``keys``, each with how many keys it shares."""
        ...

    def add(self, article_id: int, keys: Sequence[int]) -> None:
        """Index one article under its keys."""
        ...


class MemoryBandStore:
    """In-memory band store: a dict from key to one id, or to a list of ids when shared."""

    def __init__(self, max_postings: int = MAX_POSTINGS) -> None:
        self._postings: dict[int, int | list[int]] = {}
        self.max_postings = max_postings

    def __len__(self) -> int:
        return len(self._postings)

    def candidates(self, keys: Sequence[int]) -> dict[int, int]:
        """Ids sharing any of ``keys`` with their number of shared keys."""
        hits: Counter[int] = Counter()
        get = self._postings.get
        for key in keys:
            found = get(key)
            if found is None:
                continue
            if isinstance(found, int):
                hits[found] += 1
            else:
                hits.update(found[-self.max_postings:])
        return dict(hits)

    def add(self, article_id: int, keys: Sequence[int]) -> None:
        """Index ``article_id`` under ``keys``."""
        postings = self._postings
        for key in keys:
            found = postings.setdefault(key, article_id)
            if found is article_id or found == article_id:
                continue
            if isinstance(found, int):
                postings[key] = [found, article_id]
            elif found[-1] != article_id:
                found.append(article_id)

    def add_many(self, rows: Iterable[tuple[int, Sequence[int]]]) -> None:
        """Index many ``(article_id, keys)`` at once."""
        for article_id, keys in rows:
            self.add(article_id, keys)


class SQLiteBandStore:
    """Band store over a ``copy_bands`` table in SQLite (reference for the real store)."""

    def __init__(self, conn: sqlite3.Connection, max_postings: int = MAX_POSTINGS) -> None:
        self.conn = conn
        self.max_postings = max_postings
        conn.execute("CREATE TABLE IF NOT EXISTS copy_bands"
                     " (band_key INTEGER NOT NULL, article_id INTEGER NOT NULL)")
        conn.execute("CREATE INDEX IF NOT EXISTS copy_bands_key ON copy_bands (band_key)")

    def candidates(self, keys: Sequence[int]) -> dict[int, int]:
        """One indexed range scan per key, newest ``max_postings`` ids each."""
        if not keys:
            return {}
        sql = ("SELECT article_id, COUNT(*) FROM ("
               + " UNION ALL ".join(["SELECT * FROM (SELECT article_id FROM copy_bands"
                                     " WHERE band_key = ? ORDER BY rowid DESC LIMIT ?)"] * len(keys))
               + ") GROUP BY article_id")
        params: list[int] = []
        for key in keys:
            params += (key, self.max_postings)
        return dict(self.conn.execute(sql, params).fetchall())

    def add(self, article_id: int, keys: Sequence[int]) -> None:
        """Insert one row per key."""
        self.conn.executemany("INSERT INTO copy_bands (band_key, article_id) VALUES (?, ?)",
                              [(key, article_id) for key in set(keys)])
