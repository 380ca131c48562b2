"""Saved searches (alerts) and the stories each has already matched (once per story)."""
from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from .schema import alert_hits, alerts, stories
from .sources import utcnow


class AlertQueries:
    engine: sa.Engine

    def add_alert(self, name: str, query: str, *, webhook: str = "", email: str = "",
                  digest: bool = False, user_id: int | None = None,
                  now: datetime | None = None) -> int:
        """Save a search; it reports stories that start matching after ``now``."""
        now = now or utcnow()
        values = dict(name=name, query=query, webhook=webhook, email=email, digest=digest,
                      user_id=user_id, created_at=now, last_run=now)
        with self.engine.begin() as conn:
            return conn.execute(alerts.insert().values(**values)).inserted_primary_key[0]

    def list_alerts(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(sa.select(alerts).order_by(alerts.c.id)).mappings()]

    def get_alert(self, alert_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(alerts).where(alerts.c.id == alert_id)).mappings().first()
            return dict(row) if row else None

    def delete_alert(self, alert_id: int) -> bool:
        with self.engine.begin() as conn:
            return conn.execute(alerts.delete().where(alerts.c.id == alert_id)).rowcount > 0

    def record_alert_hits(self, alert_id: int, story_ids: list[int], now: datetime) -> list[int]:
        """Remember matches; returns the stories this alert had never matched before."""
        if not story_ids:
            return []
        with self.engine.begin() as conn:
            known = set(conn.execute(sa.select(alert_hits.c.story_id).where(
                alert_hits.c.alert_id == alert_id, alert_hits.c.story_id.in_(story_ids))).scalars())
            new = [s for s in dict.fromkeys(story_ids) if s not in known]
            if new:
                conn.execute(alert_hits.insert(), [dict(alert_id=alert_id, story_id=s, at=now, sent=False)
                                                   for s in new])
        return new

    def unsent_alert_stories(self, alert_id: int) -> list[dict[str, Any]]:
        """Matched stories not yet notified (new ones, and ones whose sending failed)."""
        query = (sa.select(stories).join(alert_hits, alert_hits.c.story_id == stories.c.id)
                 .where(alert_hits.c.alert_id == alert_id, sa.not_(alert_hits.c.sent))
                 .order_by(stories.c.id))
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def mark_alert_sent(self, alert_id: int, story_ids: list[int]) -> None:
        if not story_ids:
            return
        with self.engine.begin() as conn:
            conn.execute(alert_hits.update().where(alert_hits.c.alert_id == alert_id,
                                                   alert_hits.c.story_id.in_(story_ids)).values(sent=True))

    def set_alert_run(self, alert_id: int, when: datetime) -> None:
        with self.engine.begin() as conn:
            conn.execute(alerts.update().where(alerts.c.id == alert_id).values(last_run=when))
