"""Trend buckets and the inline SVG bar chart of the trends page.

``tidings.trends`` (the tagging stage) provides ``count_trends`` and ``render_svg_inline``;
while it is missing, the small local versions here are used instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Iterable

from markupsafe import Markup, escape

WIDTH, HEIGHT, PAD = 640, 220, 28


@dataclass(slots=True)
class Bucket:
    """Distinct stories and visible articles in one period."""

    period_start: date
    stories: int
    articles: int


def period_start(when: datetime, by: str) -> date:
    """The first day of the day, ISO week (Monday) or month containing ``when`` (UTC)."""
    day = when.astimezone(timezone.utc).date()
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return day


def local_count_trends(rows: Iterable[tuple], by: str = "week") -> list[Bucket]:
    """``(story_id, article_id, when)`` rows into buckets of distinct stories, gaps filled."""
    stories: dict[date, set] = {}
    counts: dict[date, int] = {}
    for story_id, _article_id, when in rows:
        if when is None:
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        start = period_start(when, by)
        stories.setdefault(start, set()).add(story_id)
        counts[start] = counts.get(start, 0) + 1
    if not counts:
        return []
    periods = _fill(min(counts), max(counts), by)
    return [Bucket(p, len(stories.get(p, ())), counts.get(p, 0)) for p in periods]


def _fill(first: date, last: date, by: str) -> list[date]:
    periods, current = [], first
    while current <= last and len(periods) < 2000:
        periods.append(current)
        if by == "month":
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
        else:
            current += timedelta(days=7 if by == "week" else 1)
    return periods


def local_svg(buckets: list[Any]) -> str:
    """A small SVG bar chart: a dark bar of stories and a light bar of articles per period."""
    if not buckets:
        return ""
    top = max(max(b.articles, b.stories) for b in buckets) or 1
    slot = (WIDTH - 2 * PAD) / len(buckets)
    bar = max(1.0, slot * 0.4)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'role="img" aria-labelledby="chart-title"><title id="chart-title">Stories (dark) and '
             f'articles (light) per period</title>',
             f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" stroke="#555"/>']
    for i, b in enumerate(buckets):
        x = PAD + i * slot
        label = escape(f"{b.period_start:%Y-%m-%d}: {b.stories} stories, {b.articles} articles")
        for offset, value, colour, kind in ((0, b.stories, "#1f4e79", "story"),
                                            (bar, b.articles, "#9cc3e6", "article")):
            h = (HEIGHT - 2 * PAD) * value / top
            parts.append(f'<rect class="bar bar-{kind}" x="{x + offset:.1f}" y="{HEIGHT - PAD - h:.1f}" '
                         f'width="{bar:.1f}" height="{h:.1f}" fill="{colour}"><title>{label}</title></rect>')
    first, last = buckets[0].period_start, buckets[-1].period_start
    parts.append(f'<text x="{PAD}" y="{HEIGHT - 8}" font-size="12" fill="#333">{first:%Y-%m-%d}</text>')
    parts.append(f'<text x="{WIDTH - PAD}" y="{HEIGHT - 8}" font-size="12" fill="#333" '
                 f'text-anchor="end">{last:%Y-%m-%d}</text>')
    parts.append(f'<text x="{PAD}" y="16" font-size="12" fill="#333">max {top}</text></svg>')
    return "".join(parts)


def count_trends(rows: Iterable[tuple], by: str = "week") -> list[Any]:
    """The tagging stage's ``count_trends`` if present, else :func:`local_count_trends`."""
    try:
        from tidings.trends import count_trends as theirs
    except ImportError:
        return local_count_trends(rows, by)
    return theirs(list(rows), by=by)


def svg_chart(buckets: list[Any]) -> Markup:
    """Inline SVG for ``buckets`` (built from dates and numbers only, so safe to embed)."""
    try:
        from tidings.trends import render_svg_inline
    except ImportError:
        return Markup(local_svg(buckets))
    return Markup(render_svg_inline(buckets))
