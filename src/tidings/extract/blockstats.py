"""Storage of site-block statistics: a protocol, an in-memory store, and plain rows.

A row is ``(host, block_hash, pages, first_seen, last_seen)``:

* ``block_hash`` — signed 64-bit hash of a block's normalised text (never 0);
* ``pages`` — on how many distinct pages of ``host`` the block was seen;
* ``first_seen`` / ``last_seen`` — the host's page ordinals (1, 2, 3... in the order the
  host's pages were learned) of the first and latest page that had the block.

The row with ``block_hash == 0`` is the host's own counter: ``pages`` is the number of pages
learned for the host (``first_seen`` = 1, ``last_seen`` = ``pages``). This is the layout of
the ``site_blocks`` table (``first_seen``/``last_seen`` hold integers, not times).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

HOST_ROW = 0
Row = tuple[str, int, int, int, int]


@dataclass(slots=True)
class BlockRecord:
    """How often and when one block was seen on one host."""

    pages: int = 0
    first_seen: int = 0
    last_seen: int = 0


class BlockStats(Protocol):
    """Where :class:`~tidings.extract.sitetemplates.SiteTemplates` keeps its counts."""

    def host_pages(self, host: str) -> int:
        """Number of pages learned for ``host``."""

    def add_page(self, host: str) -> int:
        """Count one more page for ``host``; return its ordinal (1 for the first page)."""

    def lookup(self, host: str, hashes: Iterable[int]) -> dict[int, BlockRecord]:
        """Records of the given block hashes that are known for ``host``."""

    def store(self, host: str, records: Mapping[int, BlockRecord]) -> None:
        """Insert or replace records for ``host``."""

    def forget(self, host: str, hashes: Iterable[int]) -> None:
        """Drop records (pruning)."""

    def records(self, host: str) -> dict[int, BlockRecord]:
        """Every record of ``host`` (used for pruning and dumps)."""

    def count(self, host: str) -> int:
        """How many block records ``host`` has (its counter row aside)."""


_FIELD = 32  # bits per count in a packed record
_MASK = (1 << _FIELD) - 1


def pack(record: BlockRecord) -> int:
    """One record as one int (``pages``, ``first_seen``, ``last_seen``: 32 bits each): ~40 bytes
    where a :class:`BlockRecord` and its ordinals take ~110."""
    return record.pages | record.first_seen << _FIELD | record.last_seen << 2 * _FIELD


def unpack(packed: int) -> BlockRecord:
    """Inverse of :func:`pack`."""
    return BlockRecord(packed & _MASK, packed >> _FIELD & _MASK, packed >> 2 * _FIELD)


class MemoryBlockStats:
    """In-memory :class:`BlockStats`, with dump/load to rows and JSON and a change log.

    Records are kept packed (:func:`pack`): a host holds hundreds of them.
    """

    def __init__(self) -> None:
        self._hosts: dict[str, dict[int, int]] = {}
        self._pages: dict[str, int] = {}
        self._changed: set[tuple[str, int]] = set()
        self._removed: set[tuple[str, int]] = set()

    def host_pages(self, host: str) -> int:
        return self._pages.get(host, 0)

    def add_page(self, host: str) -> int:
        self._pages[host] = self._pages.get(host, 0) + 1
        self._changed.add((host, HOST_ROW))
        return self._pages[host]

    def lookup(self, host: str, hashes: Iterable[int]) -> dict[int, BlockRecord]:
        known = self._hosts.get(host, {})
        return {h: unpack(known[h]) for h in hashes if h in known}

    def store(self, host: str, records: Mapping[int, BlockRecord]) -> None:
        known = self._hosts.setdefault(host, {})
        for block_hash, record in records.items():
            known[block_hash] = pack(record)
            self._changed.add((host, block_hash))
            self._removed.discard((host, block_hash))

    def forget(self, host: str, hashes: Iterable[int]) -> None:
        known = self._hosts.get(host, {})
        for block_hash in hashes:
            if known.pop(block_hash, None) is not None:
                self._removed.add((host, block_hash))
                self._changed.discard((host, block_hash))

    def records(self, host: str) -> dict[int, BlockRecord]:
        return {h: unpack(packed) for h, packed in self._hosts.get(host, {}).items()}

    def count(self, host: str) -> int:
        return len(self._hosts.get(host, ()))

    def hosts(self) -> list[str]:
        """Hosts with at least one learned page."""
        return sorted(self._pages)

    def rows(self) -> list[Row]:
        """Every row, host counters first."""
        out: list[Row] = [(h, HOST_ROW, n, 1, n) for h, n in sorted(self._pages.items())]
        for host in sorted(self._hosts):
            out.extend(self._row(host, h) for h in sorted(self._hosts[host]))
        return out

    def take_changes(self) -> tuple[list[Row], list[tuple[str, int]]]:
        """Rows changed and ``(host, block_hash)`` keys removed since the last call.

        For incremental persistence: upsert the first list, delete the second.
        """
        changed = [self._row(host, h) for host, h in sorted(self._changed)
                   if h == HOST_ROW or h in self._hosts.get(host, {})]
        removed = sorted(self._removed)
        self._changed.clear()
        self._removed.clear()
        return changed, removed

    def _row(self, host: str, block_hash: int) -> Row:
        if block_hash == HOST_ROW:
            n = self._pages.get(host, 0)
            return (host, HOST_ROW, n, 1, n)
        r = unpack(self._hosts[host][block_hash])
        return (host, block_hash, r.pages, r.first_seen, r.last_seen)

    @classmethod
    def from_rows(cls, rows: Iterable[Iterable]) -> MemoryBlockStats:
        """Build a store from ``(host, block_hash, pages, first_seen, last_seen)`` rows."""
        stats = cls()
        for host, block_hash, pages, first_seen, last_seen in rows:
            if int(block_hash) == HOST_ROW:
                stats._pages[str(host)] = int(pages)
            else:
                stats._hosts.setdefault(str(host), {})[int(block_hash)] = pack(BlockRecord(
                    int(pages), int(first_seen or 0), int(last_seen or 0)))
        return stats

    def to_json(self) -> str:
        """The rows as a JSON array of arrays."""
        return json.dumps(self.rows())

    @classmethod
    def from_json(cls, text: str) -> MemoryBlockStats:
        """Inverse of :meth:`to_json`."""
        return cls.from_rows(json.loads(text))
