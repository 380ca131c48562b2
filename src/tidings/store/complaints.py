"""Complaints and takedowns: the rows behind the rights desk, each change audited in its transaction.

Statuses: ``open`` → ``taken_down`` | ``rejected`` | ``resolved``; a counter-notice turns
``taken_down`` into ``counter_notice``, which a moderator turns into ``restore_pending`` (restored
to ``restored`` once the waiting period has passed) or back into ``taken_down``.
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from .schema import article_html, articles, audit_log, blocked_urls, complaints, sources
from .sources import utcnow

ACTIONABLE = ("open", "counter_notice")


def audit_row(conn: sa.Connection, actor: str, action: str, target: str = "", details: str = "",
              at: datetime | None = None) -> int:
    """Append one audit entry inside the caller's transaction (there is no update or delete)."""
    values = dict(at=at or utcnow(), actor=actor[:200], action=action[:64], target=target[:500],
                  details=details[:4000])
    return conn.execute(audit_log.insert().values(**values)).inserted_primary_key[0]


class ComplaintQueries:
    engine: sa.Engine

    def add_complaint(self, values: dict[str, Any], *, actor: str = "public") -> int:
        """Store a complaint (``values`` are complaint columns) and audit its receipt."""
        with self.engine.begin() as conn:
            complaint_id = conn.execute(complaints.insert().values(**values)).inserted_primary_key[0]
            audit_row(conn, actor, "complaint.received", f"complaint:{complaint_id}",
                      f"kind={values.get('kind')} url={values.get('url', '')}", values.get("received_at"))
        return complaint_id

    def get_complaint(self, complaint_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(complaints).where(complaints.c.id == complaint_id)).mappings().first()
            return dict(row) if row else None

    def list_complaints(self, statuses: tuple[str, ...] | None = ACTIONABLE, *, limit: int = 200,
                        complaint_id: int | None = None) -> list[dict[str, Any]]:
        """Complaints with their article and source, soonest deadline first."""
        query = (sa.select(complaints, articles.c.title.label("article_title"),
                           articles.c.status.label("article_status"), sources.c.id.label("source_id"),
                           sources.c.title.label("source_title"), sources.c.url.label("source_url"),
                           sources.c.infringements, sources.c.blocked.label("source_blocked"))
                 .select_from(complaints.outerjoin(articles, complaints.c.article_id == articles.c.id)
                              .outerjoin(sources, articles.c.source_id == sources.c.id))
                 .order_by(complaints.c.deadline, complaints.c.id).limit(limit))
        if statuses is not None:
            query = query.where(complaints.c.status.in_(statuses))
        if complaint_id is not None:
            query = query.where(complaints.c.id == complaint_id)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def complaint_timings(self) -> list[dict[str, Any]]:
        """``status, received_at, deadline, acted_at`` of every complaint (for the metrics)."""
        query = sa.select(complaints.c.status, complaints.c.received_at, complaints.c.deadline,
                          complaints.c.acted_at)
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(query).mappings()]

    def update_complaint(self, complaint_id: int, actor: str, action: str, details: str = "",
                         *, now: datetime | None = None, **values: Any) -> None:
        """Change a complaint's columns and audit the change, in one transaction."""
        with self.engine.begin() as conn:
            conn.execute(complaints.update().where(complaints.c.id == complaint_id).values(**values))
            audit_row(conn, actor, action, f"complaint:{complaint_id}", details, now)

    def take_down(self, complaint_id: int, article_id: int, actor: str, *, reason: str = "",
                  block_source: bool = False, count_infringement: bool = True,
                  now: datetime | None = None) -> dict[str, Any]:
        """Hide an article at once, block its URLs from ingest, and close the complaint.

        Returns ``{"urls": [...], "source_id": id|None}``. The source's repeat-infringer count
        goes up by one (``count_infringement``); with ``block_source`` it is never polled again.
        """
        now = now or utcnow()
        target = f"complaint:{complaint_id}"
        with self.engine.begin() as conn:
            article = conn.execute(sa.select(articles.c.url, articles.c.canonical_url, articles.c.source_id,
                                             articles.c.story_id).where(articles.c.id == article_id)).first()
            if article is None:
                raise LookupError(f"no article {article_id}")
            members = _same_work(conn, article_id)
            conn.execute(articles.update().where(articles.c.id.in_(members)).values(status="taken_down"))
            conn.execute(article_html.delete().where(article_html.c.article_id.in_(members)))
            rows = conn.execute(sa.select(articles.c.url, articles.c.canonical_url)
                                .where(articles.c.id.in_(members))).all()
            urls = [u for u in dict.fromkeys(u for row in rows for u in row) if u]
            self._block_urls(conn, urls, complaint_id, reason, now)
            if article.story_id is not None:
                self.touch_story(conn, article.story_id)
            conn.execute(complaints.update().where(complaints.c.id == complaint_id).values(
                status="taken_down", article_id=article_id, resolution=reason, acted_at=now))
            audit_row(conn, actor, "article.taken_down", f"article:{article_id}", " ".join(urls), now)
            audit_row(conn, actor, "complaint.take_down", target, reason, now)
            self._count_source(conn, article.source_id, actor, block_source, count_infringement, now)
        return {"urls": urls, "source_id": article.source_id}

    def _block_urls(self, conn: sa.Connection, urls: list[str], complaint_id: int, reason: str,
                    now: datetime) -> None:
        for url in urls:
            known = conn.execute(sa.select(blocked_urls.c.url).where(blocked_urls.c.url == url)).first()
            if known is None:
                conn.execute(blocked_urls.insert().values(url=url, complaint_id=complaint_id,
                                                          reason=reason[:1000], at=now))

    def _count_source(self, conn: sa.Connection, source_id: int | None, actor: str, block: bool,
                      count: bool, now: datetime) -> None:
        if source_id is None:
            return
        values: dict[str, Any] = {}
        if count:
            values["infringements"] = sources.c.infringements + 1
        if block:
            values["blocked"] = True
        if values:
            conn.execute(sources.update().where(sources.c.id == source_id).values(**values))
        if block:
            audit_row(conn, actor, "source.blocked", f"source:{source_id}", "", now)

    def restore(self, complaint_id: int, actor: str, *, now: datetime | None = None,
                details: str = "") -> int | None:
        """Undo a takedown: the article is visible again and its URLs may be ingested again."""
        now = now or utcnow()
        with self.engine.begin() as conn:
            article_id = conn.execute(sa.select(complaints.c.article_id)
                                      .where(complaints.c.id == complaint_id)).scalar()
            conn.execute(blocked_urls.delete().where(blocked_urls.c.complaint_id == complaint_id))
            conn.execute(complaints.update().where(complaints.c.id == complaint_id).values(status="restored"))
            if article_id is not None:
                self._restore_article(conn, article_id, actor, now)
            audit_row(conn, actor, "complaint.restored", f"complaint:{complaint_id}", details, now)
        return article_id

    def _restore_article(self, conn: sa.Connection, article_id: int, actor: str, now: datetime) -> None:
        row = conn.execute(sa.select(articles.c.story_id, articles.c.source_id)
                           .where(articles.c.id == article_id)).first()
        conn.execute(articles.update().where(sa.or_(
            articles.c.id == article_id,
            sa.and_(articles.c.duplicate_of == article_id, articles.c.status == "taken_down"))).values(status="ok"))
        if row is not None and row.story_id is not None:
            self.touch_story(conn, row.story_id)
        if row is not None and row.source_id is not None:
            conn.execute(sources.update().where(sources.c.id == row.source_id, sources.c.infringements > 0)
                         .values(infringements=sources.c.infringements - 1))
        audit_row(conn, actor, "article.restored", f"article:{article_id}", "", now)

    def complaints_due_for_restore(self, now: datetime) -> list[int]:
        query = (sa.select(complaints.c.id).where(complaints.c.status == "restore_pending",
                                                  complaints.c.restore_after <= now)
                 .order_by(complaints.c.restore_after))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    def takedown_for_url(self, url: str) -> dict[str, Any] | None:
        """The newest taken-down complaint for ``url`` (the blocked URL or the complaint's URL)."""
        blocked = sa.select(blocked_urls.c.complaint_id).where(blocked_urls.c.url == url)
        query = (sa.select(complaints)
                 .where(complaints.c.status == "taken_down",
                        sa.or_(complaints.c.url == url, complaints.c.id.in_(blocked)))
                 .order_by(complaints.c.id.desc()).limit(1))
        with self.engine.connect() as conn:
            row = conn.execute(query).mappings().first()
            return dict(row) if row else None

    def set_source_blocked(self, source_id: int, blocked: bool, actor: str,
                           now: datetime | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(sources.update().where(sources.c.id == source_id).values(blocked=blocked))
            audit_row(conn, actor, "source.blocked" if blocked else "source.unblocked",
                      f"source:{source_id}", "", now)


def _same_work(conn: sa.Connection, article_id: int) -> list[int]:
    """The article and, for an original, its visible copies: they show the same text."""
    copies = conn.execute(sa.select(articles.c.id).where(
        articles.c.duplicate_of == article_id, articles.c.status == "ok")).scalars()
    return [article_id, *copies]
