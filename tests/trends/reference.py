"""The trend rows as they were computed before story facts were stored: every (story, original,
tag) row of the matching stories read and each story's facts rebuilt in Python. Kept as the
reference the stored facts must reproduce exactly (tests) and as the "before" of
``bench/trends.py``."""
from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from tidings.store.schema import articles, tags
from tidings.trends.events import event_groups, story_facts
from tidings.trends.sql import trend_rows_query


def reference_trend_rows(store, *, entity: str | None = None, event: str | None = None,
                         place: str | None = None, country: str | None = None,
                         since: datetime | None = None) -> list[tuple]:
    """``Store.trend_rows`` as it was: ``(event_group, article_id, when)`` rows."""
    matching = trend_rows_query(articles, tags, entity=entity, event=event, place=place,
                                country=country, since=since).subquery()
    story_ids = sa.select(matching.c.story_id).where(matching.c.story_id.is_not(None))
    when = sa.func.coalesce(articles.c.published, articles.c.fetched)
    facts_query = (sa.select(articles.c.story_id, articles.c.id, articles.c.lang, when, tags.c.id,
                             tags.c.kind, tags.c.name, tags.c.actor)
                   .join(tags, tags.c.article_id == articles.c.id)
                   .where(articles.c.story_id.in_(story_ids), articles.c.duplicate_of.is_(None),
                          articles.c.status == "ok"))
    original = articles.alias("original")
    original_when = sa.func.coalesce(original.c.published, original.c.fetched)
    dated = sa.case((original_when > when, original_when), else_=when)
    query = (sa.select(articles.c.story_id, articles.c.id, dated)
             .outerjoin(original, original.c.id == articles.c.duplicate_of)
             .where(articles.c.status == "ok", articles.c.story_id.in_(story_ids)))
    if since is not None:
        query = query.where(dated >= since)
    with store.engine.connect() as conn:
        facts = story_facts(conn.execute(facts_query).all())
        rows = conn.execute(query.order_by(dated)).all()
    if event is not None:
        facts = {sid: fact for sid, fact in facts.items() if fact.main_event == event}
    group = event_groups(facts)
    return [(group[sid], aid, at) for sid, aid, at in rows if sid in group]
