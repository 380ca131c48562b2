"""store.trend_rows on both backends: copies are dated no earlier than their originals."""
from __future__ import annotations

from datetime import datetime, timezone

from tidings.store.schema import articles, sources, stories, tags
from tidings.trends import count_trends

NSF = "National Salvation Front"


def at(day: int) -> datetime:
    return datetime(2025, 2, day, 12, tzinfo=timezone.utc)


def test_a_copy_dated_before_its_original_counts_in_the_originals_week(store):
    with store.engine.begin() as conn:
        source = conn.execute(sources.insert().values(url="https://a.example/feed", added_at=at(1))
                              ).inserted_primary_key[0]
        conn.execute(stories.insert().values(id=1, title="attack"))
        rows = [(1, None, 11), (2, 1, 8), (3, 1, 12)]  # (id, duplicate_of, day): copy 2 misdated
        for aid, original, day in rows:
            conn.execute(articles.insert().values(
                id=aid, url=f"https://a.example/{aid}", source_id=source, story_id=1,
                duplicate_of=original, published=at(day), fetched=at(day), status="ok"))
        for kind, name, actor in [("actor", NSF, None), ("event", "attack", NSF)]:
            conn.execute(tags.insert().values(article_id=1, kind=kind, name=name, actor=actor, evidence="…"))
    found = store.trend_rows(entity=NSF, event="attack")
    assert sorted((aid, when.day) for _, aid, when in found) == [(1, 11), (2, 11), (3, 12)]
    [week] = count_trends(found, "week")
    assert (week.period_start.day, week.stories, week.articles) == (10, 1, 3)
