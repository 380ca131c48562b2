"""count_trends: periods, zero-fill, stories vs articles."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from tidings.trends import Bucket, count_trends, period_start, totals


def test_period_starts():
    day = datetime(2025, 7, 17, 23, 30)  # a Thursday
    assert period_start(day, "day") == date(2025, 7, 17)
    assert period_start(day, "week") == date(2025, 7, 14)  # ISO week: Monday
    assert period_start(day, "month") == date(2025, 7, 1)
    assert period_start(date(2025, 7, 14), "week") == date(2025, 7, 14)
    assert period_start(date(2025, 7, 20), "week") == date(2025, 7, 14)  # Sunday
    assert period_start("2025-07-17T23:30:00-05:00", "day") == date(2025, 7, 18)  # taken in UTC
    with pytest.raises(ValueError):
        period_start(day, "year")


def test_stories_are_counted_once_and_articles_each():
    rows = [(1, 10, datetime(2025, 7, 1)), (1, 11, datetime(2025, 7, 1, 9)), (1, 12, datetime(2025, 7, 1, 20)),
            (2, 13, datetime(2025, 7, 1)), (3, 14, datetime(2025, 7, 2))]
    assert count_trends(rows, "day") == [Bucket(date(2025, 7, 1), 2, 4), Bucket(date(2025, 7, 2), 1, 1)]
    assert count_trends(rows, "week") == [Bucket(date(2025, 6, 30), 3, 5)]


def test_the_same_article_twice_counts_once():
    rows = [(1, 10, datetime(2025, 7, 1))] * 3  # one row per matching tag
    assert count_trends(rows, "day") == [Bucket(date(2025, 7, 1), 1, 1)]


def test_empty_periods_are_filled_with_zeros():
    rows = [(1, 1, date(2025, 1, 30)), (2, 2, date(2025, 4, 2))]
    assert count_trends(rows, "month") == [
        Bucket(date(2025, 1, 1), 1, 1), Bucket(date(2025, 2, 1), 0, 0),
        Bucket(date(2025, 3, 1), 0, 0), Bucket(date(2025, 4, 1), 1, 1)]
    weeks = count_trends(rows, "week")
    assert len(weeks) == 10 and sum(b.stories for b in weeks) == 2
    assert all((b.period_start - weeks[0].period_start).days % 7 == 0 for b in weeks)


def test_month_rolls_over_the_year():
    rows = [(1, 1, date(2024, 12, 31)), (2, 2, date(2025, 1, 1))]
    assert [b.period_start for b in count_trends(rows, "month")] == [date(2024, 12, 1), date(2025, 1, 1)]


def test_story_counted_in_its_first_period_or_in_each():
    rows = [(7, 1, date(2025, 7, 1)), (7, 2, date(2025, 7, 9)), (7, 3, date(2025, 7, 15))]
    first = count_trends(rows, "week")
    assert [(b.stories, b.articles) for b in first] == [(1, 1), (0, 1), (0, 1)]
    each = count_trends(rows, "week", story_date="each")
    assert [(b.stories, b.articles) for b in each] == [(1, 1), (1, 1), (1, 1)]


def test_articles_without_story_are_their_own_story_and_undated_rows_are_skipped():
    rows = [(None, 1, date(2025, 7, 1)), (None, 2, date(2025, 7, 1)), (None, 3, None)]
    assert count_trends(rows, "day") == [Bucket(date(2025, 7, 1), 2, 2)]


def test_range_can_be_given():
    rows = [(1, 1, date(2025, 7, 3))]
    buckets = count_trends(rows, "day", start=date(2025, 7, 1), end=date(2025, 7, 5))
    assert [b.stories for b in buckets] == [0, 0, 1, 0, 0]
    assert count_trends([], "day", start=date(2025, 7, 1), end=date(2025, 7, 2)) == [
        Bucket(date(2025, 7, 1), 0, 0), Bucket(date(2025, 7, 2), 0, 0)]
    assert count_trends([], "week") == []


def test_the_seed_story_shape():
    """Attacks rare in the first half of the year, several a week in July–August, each
    reported by many outlets: the story counts show the rise, not the outlets."""
    rows, article = [], 0
    start = datetime(2025, 1, 1, tzinfo=timezone.utc)
    event_days = [20, 75, 130] + list(range(182, 243, 2))
    for story, day in enumerate(event_days):
        for outlet in range(30 if story % 2 else 5):
            article += 1
            rows.append((story, article, start + timedelta(days=day, hours=outlet % 20)))
    months = count_trends(rows, "month")
    assert [b.stories for b in months] == [1, 0, 1, 0, 1, 0, 15, 16]
    stories, articles = totals(months)
    assert stories == len(event_days) and articles == article and articles > 10 * stories


def test_bucket_to_dict():
    assert Bucket(date(2025, 7, 7), 9, 31).to_dict() == {"period_start": "2025-07-07", "stories": 9, "articles": 31}


def test_bad_story_date():
    with pytest.raises(ValueError):
        count_trends([], "day", story_date="last")
