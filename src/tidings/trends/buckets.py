"""Counting distinct stories (events) and articles (reports) per day, week or month.

One event told by thirty outlets is one story and thirty articles: a trend counts stories.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

PERIODS = ("day", "week", "month")


@dataclass(slots=True, frozen=True)
class Bucket:
    """One period: its first day, the distinct stories and the distinct articles in it."""

    period_start: date
    stories: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        """``{"period_start": "YYYY-MM-DD", "stories": n, "articles": n}``."""
        return {"period_start": self.period_start.isoformat(), "stories": self.stories,
                "articles": self.articles}


def _day(value: datetime | date | str) -> date:
    if value.__class__ is datetime and value.tzinfo is timezone.utc:  # what the store returns
        return value.date()
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(timezone.utc)
        return value.date()
    return value


def period_start(value: datetime | date | str, by: str = "week") -> date:
    """The first day of the period holding ``value``: the day, the ISO week's Monday, the 1st.

    Aware datetimes are taken in UTC; naive ones as they are.
    """
    day = _day(value)
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")


def next_period(start: date, by: str) -> date:
    """The first day of the period after the one starting on ``start``."""
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    if by == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    raise ValueError(f"by must be one of {', '.join(PERIODS)}, not {by!r}")


def periods(first: date, last: date, by: str) -> list[date]:
    """Every period start from the period of ``first`` to that of ``last``, inclusive."""
    out, cur, end = [], period_start(first, by), period_start(last, by)
    while cur <= end:
        out.append(cur)
        cur = next_period(cur, by)
    return out


def count_trends(rows: Iterable[tuple[Any, Any, datetime | date | str | None]], by: str = "week", *,
                 story_date: str = "first", start: date | None = None,
                 end: date | None = None) -> list[Bucket]:
    """Count distinct stories and articles per period, empty periods filled with zeros.

    ``rows`` are ``(story_id, article_id, published)``, already filtered to what the trend
    is about (an actor, an event type, a place); the same article may come more than once
    (one row per matching tag): it is counted once. An article without a story counts as
    a story of its own; rows without a date are skipped. ``story_date="first"`` (default)
    counts a story once, in the period of its earliest article (when the event was first
    reported); ``"each"`` counts it in every period where it has an article. The buckets run
    from ``start`` (or the first row) to ``end`` (or the last row).
    """
    if story_date not in ("first", "each"):
        raise ValueError("story_date must be 'first' or 'each'")
    article_day: dict[Any, tuple[date, Any]] = {}
    for story_id, article_id, published in rows:
        if published is None:
            continue
        story = story_id if story_id is not None else ("article", article_id)
        day = _day(published)
        have = article_day.get(article_id)
        if have is None or day < have[0]:
            article_day[article_id] = (day, story)
    if not article_day and (start is None or end is None):
        return []
    articles: dict[date, set] = {}
    story_periods: dict[Any, set[date]] = {}
    period_of: dict[date, date] = {}
    for article_id, (day, story) in article_day.items():
        p = period_of.get(day)
        if p is None:
            p = period_of[day] = period_start(day, by)
        articles.setdefault(p, set()).add(article_id)
        story_periods.setdefault(story, set()).add(p)
    stories: dict[date, int] = {}
    for spans in story_periods.values():
        for p in ([min(spans)] if story_date == "first" else spans):
            stories[p] = stories.get(p, 0) + 1
    days = [d for d, _ in article_day.values()]
    first, last = start or min(days), end or max(days)
    return [Bucket(p, stories.get(p, 0), len(articles.get(p, ())))
            for p in periods(first, last, by)]


def totals(buckets: list[Bucket]) -> tuple[int, int]:
    """Sum of stories and of articles over ``buckets``."""
    return sum(b.stories for b in buckets), sum(b.articles for b in buckets)
