"""How long cached pages stay true: cheap probes of the database, and the rule built on them.

``version()`` returns a value that changes whenever any connection (in this process or
another: the ingest worker, ``tidings admin``, a second web worker) commits, or None when
this backend cannot tell. Only when it changed, ``removals()`` reads a signature of what
takes things *away* from pages: the rights desk's append-only audit log (takedowns, restores,
blocked sources), and the numbers of comments and sources. :class:`Freshness` turns these
into validity: a removal invalidates every kept page at once; an addition (new articles from
the poller) lets kept pages lag by at most ``lag`` seconds; with no change, pages live
``max_age`` seconds.

- SQLite: ``PRAGMA data_version`` on a private connection (microseconds, no query plan, never
  a write; it changes on every commit by any other connection, WAL included).
- PostgreSQL: the current WAL position (it moves on every commit anywhere in the cluster, so it
  errs on the side of throwing cached pages away).
"""
from __future__ import annotations

import logging
import sqlite3
import threading
import time
from typing import Callable, Hashable, Protocol

log = logging.getLogger(__name__)


REMOVALS_SQL = ("SELECT (SELECT max(id) FROM audit_log), (SELECT count(*) FROM comments), "
                "(SELECT count(*) FROM sources)")


class DataVersion(Protocol):
    blocking: bool  # True when version() waits on the network (run it off the event loop)
    tracks: bool  # False: no probe at all

    def version(self) -> Hashable | None: ...

    def removals(self) -> Hashable | None: ...


class Unknown:
    """No probe: kept pages live ``lag`` seconds, as a plain micro-cache."""

    blocking = False
    tracks = False

    def version(self) -> Hashable | None:
        return None

    def removals(self) -> Hashable | None:
        return None


class SQLiteVersion:
    """``PRAGMA data_version`` of the database file at ``path``."""

    blocking = False
    tracks = True

    def __init__(self, path: str) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.conn: sqlite3.Connection | None = None

    def version(self) -> Hashable | None:
        return self._read("PRAGMA data_version")

    def removals(self) -> Hashable | None:
        return self._read(REMOVALS_SQL)

    def _read(self, sql: str) -> Hashable | None:
        with self.lock:
            try:
                if self.conn is None:
                    self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
                row = self.conn.execute(sql).fetchone()
                return row[0] if len(row) == 1 else tuple(row)
            except sqlite3.Error as exc:
                log.warning("page cache: cannot read %r from %s: %s", sql, self.path, exc)
                self.close()
                return None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class PostgresVersion:
    """The WAL insert position of the server behind ``engine``."""

    blocking = True
    tracks = True

    def __init__(self, engine) -> None:
        self.engine = engine

    def version(self) -> Hashable | None:
        return self._read("SELECT pg_current_wal_lsn()::text")

    def removals(self) -> Hashable | None:
        return self._read(REMOVALS_SQL)

    def _read(self, sql: str) -> Hashable | None:
        import sqlalchemy as sa
        try:
            with self.engine.connect() as conn:
                row = conn.execute(sa.text(sql)).one()
                return row[0] if len(row) == 1 else tuple(row)
        except sa.exc.SQLAlchemyError as exc:  # e.g. a standby, or no permission
            log.warning("page cache: cannot read %r: %s", sql, exc)
            return None


def probe_for(store) -> DataVersion:
    """The probe for ``store``'s backend (``Unknown`` for in-memory or other databases)."""
    engine = getattr(store, "engine", None)
    if engine is None:
        return Unknown()
    url = engine.url
    if url.get_backend_name() == "sqlite":
        path = url.database or ""
        if not path or path == ":memory:" or path.startswith("file:"):
            return Unknown()
        return SQLiteVersion(path)
    if url.get_backend_name() == "postgresql":
        return PostgresVersion(engine)
    return Unknown()


class Freshness:
    """Whether something kept since ``started`` (a ``clock()`` time taken before its data was
    read) may still be served; ``check()`` reads the probe once per request."""

    def __init__(self, probe: DataVersion, *, lag: float, max_age: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.probe, self.lag, self.max_age, self.clock = probe, lag, max_age, clock
        self.lock = threading.Lock()
        self.version: Hashable | None = None
        self.removed: Hashable | None = None
        self.cleared_at = self.changed_at = clock()

    def check(self) -> None:
        """Notice commits since the last check (blocking probes: call it off the event loop)."""
        if not self.probe.tracks:
            return
        version = self.probe.version()
        with self.lock:
            if version is not None and version == self.version:
                return
            self.version = version
        removed = self.probe.removals() if version is not None else None
        now = self.clock()
        with self.lock:
            self.changed_at = now
            if removed is None or removed != self.removed:
                self.cleared_at = now
                self.removed = removed

    def clear(self) -> None:
        """Invalidate everything kept so far (this process made a change)."""
        with self.lock:
            self.cleared_at = self.changed_at = self.clock()

    def valid(self, started: float) -> bool:
        now = self.clock()
        if started < self.cleared_at:
            return False
        unchanged = self.probe.tracks and started >= self.changed_at
        return now - started < (self.max_age if unchanged else self.lag)
