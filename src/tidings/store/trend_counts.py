"""Trend buckets counted in the database: one row per (story, period), not one per article.

``count_trends(store.trend_rows(...), by)`` reads every visible article of the matching
stories; :func:`story_periods` lets the database date them (a copy no earlier than its
original), put them in their day, ISO week (from Monday) or month, in UTC, and count them per
story and period. :func:`combine` then maps stories to event groups and gives the same buckets:
articles summed per period, each group counted once, in the period of its earliest article.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from .schema import articles

if TYPE_CHECKING:  # the trends package loads the tagger's gazetteer: imported when first used
    from ..trends.buckets import Bucket

# SQLite date modifiers giving a period's first day ('weekday 1' moves on to the next Monday,
# or stays on one, so going back six days first lands on the Monday on or before).
_SQLITE_PERIOD = {"week": ("-6 days", "weekday 1"), "month": ("start of month",)}


def dated_articles() -> tuple[sa.ColumnElement, sa.FromClause]:
    """``(when, from)``: an article's date, where a copy cannot predate its original (an
    earlier date on a copy is the copier's error), and the join that gives it."""
    when = sa.func.coalesce(articles.c.published, articles.c.fetched)
    original = articles.alias("original")
    original_when = sa.func.coalesce(original.c.published, original.c.fetched)
    dated = sa.case((original_when > when, original_when), else_=when)
    return dated, articles.outerjoin(original, original.c.id == articles.c.duplicate_of)


def check_period(by: str) -> None:
    """Refuse a ``by`` that is not a day, week or month (it becomes SQL text below)."""
    from ..trends.buckets import PERIODS
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")


def period_sql(when: sa.ColumnElement, by: str, dialect: str) -> sa.ColumnElement:
    """The first day of the period holding ``when`` (a UTC timestamp), in SQL: a ``DATE`` on
    PostgreSQL, ``'YYYY-MM-DD'`` text on SQLite (which stores UTC as naive text)."""
    check_period(by)
    if dialect == "postgresql":
        utc = sa.func.timezone(sa.literal_column("'UTC'"), when)
        if by == "day":
            return sa.cast(utc, sa.Date)
        return sa.cast(sa.func.date_trunc(sa.literal_column(f"'{by}'"), utc), sa.Date)
    day = sa.func.date(when)  # exact; with modifiers SQLite rounds to the millisecond (23:59:59.9999: next day)
    if by == "day":
        return day
    return sa.func.date(day, *(sa.literal_column(f"'{m}'") for m in _SQLITE_PERIOD[by]))


def story_periods(story_ids: sa.Select | None, since: datetime | None, by: str, dialect: str) -> sa.Select:
    """``story_id, period, articles, matched``: the visible articles of ``story_ids`` (or of
    every story: ``None``) dated from ``since``, counted per story and period start.

    ``matched`` is 1 on the rows of a story with an article dated ``since`` or later by its
    own date (what ``trends.sql.trend_rows_query`` asks of the articles when no tag is asked
    for); such an article is in the rows, as a copy is dated no earlier than by its own date.
    So with no tag filter the stories need no ``IN`` over every article: the stories with
    no ``matched`` row are the ones it would leave out."""
    dated, joined = dated_articles()
    own = sa.func.coalesce(articles.c.published, articles.c.fetched)
    matched = own.is_not(None) if since is None else own >= since
    inner = (sa.select(articles.c.story_id.label("story_id"), period_sql(dated, by, dialect).label("period"),
                       sa.case((matched, 1), else_=0).label("matched"))
             .select_from(joined)
             .where(articles.c.status == "ok", articles.c.story_id.is_not(None)))
    if story_ids is not None:
        inner = inner.where(articles.c.story_id.in_(story_ids))
    if since is not None:
        inner = inner.where(dated >= since)
    inner = inner.subquery()
    return (sa.select(inner.c.story_id, inner.c.period, sa.func.count(), sa.func.max(inner.c.matched))
            .group_by(inner.c.story_id, inner.c.period))


def matched_stories(rows: Iterable[tuple[int, Any, int, int]]) -> set[int]:
    """The stories with a ``matched`` row among :func:`story_periods`' rows."""
    return {story_id for story_id, _, _, matched in rows if matched}


def _as_date(value: Any, seen: dict[Any, date]) -> date:
    found = seen.get(value)
    if found is None:
        found = seen[value] = value if isinstance(value, date) else date.fromisoformat(value)
    return found


def combine(rows: Iterable[tuple[int, Any, int, int]], group: Mapping[int, int], by: str) -> list[Bucket]:
    """Buckets from :func:`story_periods`' rows, as ``count_trends`` counts the articles: per
    period, the articles of the stories in ``group``, and each event group once, in its first
    period; periods without any filled with zeros. Stories without a group are left out."""
    from ..trends.buckets import Bucket, periods
    article_count: dict[date, int] = {}
    first: dict[int, date] = {}
    seen: dict[Any, date] = {}
    for story_id, period, count, _ in rows:
        event = group.get(story_id)
        if event is None or period is None:
            continue
        start = _as_date(period, seen)
        article_count[start] = article_count.get(start, 0) + count
        have = first.get(event)
        if have is None or start < have:
            first[event] = start
    if not article_count:
        return []
    stories = Counter(first.values())
    return [Bucket(p, stories.get(p, 0), article_count.get(p, 0))
            for p in periods(min(article_count), max(article_count), by)]
