"""Source rows: adding, listing, scheduling and claiming them for polling."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa

from .schema import sources


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class SourceQueries:
    engine: sa.Engine

    def add_source(self, url: str, *, title: str = "", site_url: str = "", kind: str = "feed",
                   lang: str = "", category: str = "") -> tuple[int, bool]:
        """Add a source unless its URL is known; returns ``(id, created)``."""
        with self.engine.begin() as conn:
            existing = conn.execute(sa.select(sources.c.id).where(sources.c.url == url)).scalar()
            if existing is not None:
                return existing, False
            values = dict(url=url, title=title, site_url=site_url, kind=kind, lang=lang,
                          category=category, added_at=utcnow(), next_poll=utcnow())
            return conn.execute(sources.insert().values(**values)).inserted_primary_key[0], True

    def source_count(self) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(sources)).scalar_one()

    def list_sources(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(sources).order_by(sources.c.id)).mappings()
            return [dict(row) for row in rows]

    def get_source(self, source_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sources).where(sources.c.id == source_id)).mappings().first()
            return dict(row) if row else None

    def update_source(self, source_id: int, **values: Any) -> None:
        with self.engine.begin() as conn:
            conn.execute(sources.update().where(sources.c.id == source_id).values(**values))

    def delete_source(self, source_id: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(sources.delete().where(sources.c.id == source_id))

    def _due_condition(self, now: datetime) -> sa.ColumnElement[bool]:
        lease_free = sa.or_(sources.c.lease_until.is_(None), sources.c.lease_until < now)
        due = sa.or_(sources.c.next_poll.is_(None), sources.c.next_poll <= now)
        return sa.and_(sources.c.enabled, sa.not_(sources.c.blocked), due, lease_free)

    def claim_sources(self, worker: str, *, limit: int = 50, lease_seconds: int = 300,
                      now: datetime | None = None,
                      not_fetched_since: datetime | None = None) -> list[dict[str, Any]]:
        """Lease up to ``limit`` due sources to ``worker``.

        On PostgreSQL the rows are picked with ``FOR UPDATE SKIP LOCKED`` so concurrent workers
        never get the same source; on SQLite (no row locks) the lease is taken by an update that
        checks the lease is still free, so of two processes racing for a source one gets it.
        A lease that expires (dead worker) makes the source due again. With
        ``not_fetched_since``, every source not fetched since then is taken, due or not (that is
        ``run --once``).
        """
        now = now or utcnow()
        lease_free = sa.or_(sources.c.lease_until.is_(None), sources.c.lease_until < now)
        condition = self._due_condition(now)
        if not_fetched_since is not None:
            condition = sa.and_(
                sources.c.enabled, sa.not_(sources.c.blocked), lease_free,
                sa.or_(sources.c.last_fetch.is_(None), sources.c.last_fetch < not_fetched_since))
        # sources known to aggregate others go last: their copies should find the originals stored
        pick = sa.select(sources.c.id).where(condition).order_by(
            sources.c.is_aggregator, sources.c.next_poll.asc().nulls_first(), sources.c.id).limit(limit)
        lease = dict(lease_owner=worker, lease_until=now + timedelta(seconds=lease_seconds))
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                pick = pick.with_for_update(skip_locked=True)
            # one statement: SQLite takes its write lock before reading, so it cannot race
            rows = conn.execute(sources.update().where(sources.c.id.in_(pick.scalar_subquery()))
                                .values(**lease).returning(*sources.c)).mappings()
            return sorted((dict(row) for row in rows), key=lambda row: (row["is_aggregator"], row["id"]))

    def renew_leases(self, worker: str, source_ids: list[int], lease_seconds: int) -> int:
        """Extend ``worker``'s leases on ``source_ids`` (those it still holds); returns how many."""
        until = utcnow() + timedelta(seconds=lease_seconds)
        with self.engine.begin() as conn:
            return conn.execute(sources.update().where(
                sources.c.id.in_(source_ids), sources.c.lease_owner == worker).values(lease_until=until)).rowcount

    def sources_leased_by_others(self, worker: str, *, not_fetched_since: datetime,
                                 now: datetime | None = None) -> int:
        """How many enabled sources not fetched since then are leased, unexpired, by another worker."""
        now = now or utcnow()
        query = sa.select(sa.func.count()).select_from(sources).where(
            sources.c.enabled, sa.not_(sources.c.blocked), sources.c.lease_until >= now,
            sources.c.lease_owner != worker,
            sa.or_(sources.c.last_fetch.is_(None), sources.c.last_fetch < not_fetched_since))
        with self.engine.connect() as conn:
            return conn.execute(query).scalar_one()

    def lease_owners(self, now: datetime | None = None) -> list[str]:
        """The workers holding unexpired leases."""
        query = sa.select(sources.c.lease_owner).distinct().where(
            sources.c.lease_owner.is_not(None), sources.c.lease_until >= (now or utcnow()))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def release_leases_of(self, owners: list[str]) -> int:
        """End every lease held by ``owners`` (workers known to be dead); returns how many."""
        with self.engine.begin() as conn:
            return conn.execute(sources.update().where(sources.c.lease_owner.in_(owners))
                                .values(lease_owner=None, lease_until=None)).rowcount

    def release_source(self, source_id: int, **values: Any) -> None:
        """End a lease, storing the outcome of the poll (validators, errors, next poll)."""
        self.update_source(source_id, lease_owner=None, lease_until=None, **values)

    def release_sources(self, outcomes: list[tuple[int, dict[str, Any]]]) -> None:
        """``release_source`` for many sources in one transaction (rows with the same columns
        share one statement)."""
        by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        for source_id, values in outcomes:
            row = dict(values, lease_owner=None, lease_until=None)
            params = {f"new_{name}": value for name, value in row.items()}
            by_columns.setdefault(tuple(sorted(row)), []).append({**params, "source_id": source_id})
        with self.engine.begin() as conn:
            for columns, rows in by_columns.items():
                statement = sources.update().where(sources.c.id == sa.bindparam("source_id")).values(
                    {name: sa.bindparam(f"new_{name}") for name in columns})
                conn.execute(statement, rows)

    def next_due_time(self) -> datetime | None:
        with self.engine.connect() as conn:
            query = sa.select(sa.func.min(sources.c.next_poll)).where(
                sources.c.enabled, sa.not_(sources.c.blocked))
            return conn.execute(query).scalar()

    def source_by_url(self, url: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(sources).where(sources.c.url == url)).mappings().first()
            return dict(row) if row else None

    def aggregator_stats(self, source_id: int) -> dict[str, Any]:
        """Item and copy counts of a source, and whether it looks like an aggregator."""
        from ..dedupe import is_aggregator
        from .schema import articles
        query = sa.select(sa.func.count(), sa.func.count(articles.c.duplicate_of)).where(
            articles.c.source_id == source_id)
        with self.engine.connect() as conn:
            items, copies = conn.execute(query).one()
        return dict(item_count=items, copy_count=copies, is_aggregator=is_aggregator(copies, items))
