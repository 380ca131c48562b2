"""Build the query that feeds :func:`tidings.trends.count_trends` from the store's tables.

The filter reads tags: ``entity`` an actor tag of that name; ``event`` an event tag of that
type; both together an event tag of that type *done by* that actor (``tags.actor``);
``place`` a place tag of that name or, for a country code, any place in that country (so
Kabul counts for ``AF``). Values are bound parameters, never pasted into SQL.
"""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa


def _names(value: str | Sequence[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _has_tag(articles: sa.Table, tags: sa.Table, *conds: sa.ColumnElement[bool]) -> sa.ColumnElement[bool]:
    """The article carries a tag meeting ``conds`` (an ``IN`` on the tags' (kind, name,
    article_id) index, so the database can start from the few tagged articles)."""
    return articles.c.id.in_(sa.select(tags.c.article_id).where(*conds))


def trend_rows_query(articles: sa.Table, tags: sa.Table, *, entity: str | Sequence[str] | None = None,
                     event: str | Sequence[str] | None = None, place: str | Sequence[str] | None = None,
                     country: str | None = None, since: datetime | None = None,
                     until: datetime | None = None) -> sa.Select:
    """``SELECT story_id, article_id, published`` for the articles that match every filter.

    ``entity`` are canonical actor names (resolve what the user typed with
    ``Watchlist.resolve`` first); ``event`` event types; ``place`` place names; ``country``
    an ISO 3166 alpha-2 code. ``published`` falls back to ``fetched`` when unknown. Articles
    whose ``status`` is not ``ok`` are left out when the table has that column.
    """
    when = sa.func.coalesce(articles.c.published, articles.c.fetched) if "fetched" in articles.c \
        else articles.c.published
    query = sa.select(articles.c.story_id.label("story_id"), articles.c.id.label("article_id"),
                      when.label("published"))
    if "status" in articles.c:
        query = query.where(articles.c.status == "ok")
    if entity is not None and event is not None:
        query = query.where(_has_tag(articles, tags, tags.c.kind == "event", tags.c.name.in_(_names(event)),
                                     tags.c.actor.in_(_names(entity))))
    elif entity is not None:
        query = query.where(_has_tag(articles, tags, tags.c.kind == "actor", tags.c.name.in_(_names(entity))))
    elif event is not None:
        query = query.where(_has_tag(articles, tags, tags.c.kind == "event", tags.c.name.in_(_names(event))))
    if place is not None or country is not None:
        where = []
        if place is not None:
            where.append(tags.c.name.in_(_names(place)))
        if country is not None:
            where.append(tags.c.country == country.upper())
        query = query.where(_has_tag(articles, tags, tags.c.kind == "place", sa.or_(*where)))
    if since is not None:
        query = query.where(when >= since)
    if until is not None:
        query = query.where(when < until)
    return query.where(when.is_not(None))
