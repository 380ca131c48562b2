"""A varied synthetic news world for trend tests and ``bench/trends.py``, written straight
through the store's tables: stories of 1-8 originals and 0-5 copies in several languages,
their tags in mention order (events led by a consequence or a statement, events done by
actors, towns with their countries), twin stories telling one event in another language
within a day (so ``event_groups`` links them), undated and misdated copies, taken-down
articles and stories whose originals carry no tags."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from tidings.store.move import reset_sequences
from tidings.store.schema import articles, sources, stories, tags

LANGS = ("en", "en", "en", "fr", "es", "ru", "ar", "de")
EVENTS = ("attack", "clash", "airstrike", "protest", "arrest", "explosion", "kidnapping", "seizure",
          "ceasefire", "agreement", "killing", "statement")
ACTORS = tuple(f"Actor {i}" for i in range(30)) + ("Taliban", "National Salvation Front")
TOWNS = (("Kabul", "Afghanistan"), ("Herat", "Afghanistan"), ("Kandahar", "Afghanistan"),
         ("Lagos", "Nigeria"), ("Kano", "Nigeria"), ("Cairo", "Egypt"), ("Kyiv", "Ukraine"),
         ("Kharkiv", "Ukraine"), ("Lima", "Peru"), ("Quito", "Ecuador"), ("Dhaka", "Bangladesh"),
         ("Nairobi", "Kenya")) + tuple((f"Town {i}", "Chad") for i in range(40))
NOW = datetime(2026, 6, 1, tzinfo=timezone.utc)
SPAN_DAYS = 720
SOURCES = 60


# Filter sets the trend tests check, each against the old algorithm.
FILTERS = [
    {},
    dict(entity="Taliban"),
    dict(event="attack"),
    dict(entity="Actor 3", event="clash"),
    dict(place="Kabul"),
    dict(country="AF"),
    dict(since=NOW - timedelta(days=200)),
    dict(event="protest", place="Town 4", since=NOW - timedelta(days=400)),
]


def build_world(engine: sa.Engine, story_count: int, *, seed: int = 5, first_story: int = 1,
                now: datetime = NOW, text_size: int = 200) -> None:
    """Add ``story_count`` stories (ids from ``first_story``) with their articles and tags."""
    rng = random.Random(seed * 1_000_003 + first_story)
    with engine.begin() as conn:
        if conn.execute(sa.select(sources.c.id).limit(1)).first() is None:
            conn.execute(sources.insert(), [dict(id=i, url=f"https://outlet{i}.example/feed", title=f"Outlet {i}",
                                                 added_at=now - timedelta(days=SPAN_DAYS + 10))
                                            for i in range(1, SOURCES + 1)])
        next_article = (conn.execute(sa.select(sa.func.max(articles.c.id))).scalar() or 0) + 1
    writer = _Writer(next_article, "x" * text_size)
    story_id = first_story
    while story_id < first_story + story_count:
        theme = _theme(rng, now)
        writer.story(rng, story_id, theme, theme["lang"])
        story_id += 1
        if rng.random() < 0.25 and story_id < first_story + story_count:  # the same event elsewhere
            other = rng.choice([lang for lang in set(LANGS) if lang != theme["lang"]])
            twin = dict(theme, start=theme["start"] + timedelta(hours=rng.uniform(-30, 30)))
            writer.story(rng, story_id, twin, other)
            story_id += 1
        if len(writer.articles) > 5_000:
            writer.flush(engine)
    writer.flush(engine)
    with engine.begin() as conn:
        reset_sequences(conn)


def _theme(rng: random.Random, now: datetime) -> dict:
    town = rng.choice(TOWNS)
    return dict(lang=rng.choice(LANGS), event=rng.choice(EVENTS), second=rng.choice(EVENTS),
                actors=rng.sample(ACTORS, rng.choice((1, 1, 2, 3))), town=town,
                towns=[town, rng.choice(TOWNS)],
                start=now - timedelta(days=rng.uniform(0, SPAN_DAYS), minutes=rng.uniform(0, 600)))


class _Writer:
    """Rows waiting for one bulk insert per table."""

    def __init__(self, next_article: int, text: str) -> None:
        self.next_article, self.text = next_article, text
        self.stories: list[dict] = []
        self.articles: list[dict] = []
        self.tags: list[dict] = []

    def story(self, rng: random.Random, story_id: int, theme: dict, lang: str) -> None:
        originals = min(8, 1 + int(rng.paretovariate(1.5)) - 1 + rng.choice((0, 0, 1)))
        untagged = rng.random() < 0.05
        dates: list[datetime] = []
        ids: list[int] = []
        for k in range(max(1, originals)):
            when = theme["start"] + timedelta(minutes=rng.uniform(0, 3000))
            ids.append(self._article(rng, story_id, lang if rng.random() < 0.9 else rng.choice(LANGS), when, None))
            dates.append(when)
            if not untagged:
                self._tags(rng, ids[-1], theme)
        for _ in range(rng.choice((0, 0, 0, 1, 2, 5))):
            original = rng.choice(ids)
            drift = rng.uniform(-600, 2000) if rng.random() < 0.1 else rng.uniform(0, 2000)
            dates.append(theme["start"] + timedelta(minutes=drift))
            self._article(rng, story_id, lang, dates[-1], original)
        self.stories.append(dict(id=story_id, title=f"story {story_id}", lang=lang, first_seen=min(dates),
                                 last_seen=max(dates), first_published=min(dates), article_count=len(dates),
                                 source_count=1))

    def _article(self, rng: random.Random, story_id: int, lang: str, when: datetime, original: int | None) -> int:
        article_id = self.next_article
        self.next_article += 1
        source = rng.randint(1, SOURCES)
        self.articles.append(dict(
            id=article_id, source_id=source, url=f"https://outlet{source}.example/{article_id}",
            title=f"article {article_id}", text=None if original else self.text,
            published=None if rng.random() < 0.08 else when, fetched=when + timedelta(minutes=5),
            lang=lang, story_id=story_id, duplicate_of=original,
            status="taken_down" if rng.random() < 0.01 else "ok"))
        return article_id

    def _tags(self, rng: random.Random, article_id: int, theme: dict) -> None:
        """Tags in order of mention: sometimes a consequence first, the main and another event,
        the actors (some as doers of the events), towns and countries."""
        found: list[tuple] = []
        if rng.random() < 0.3:
            found.append(("event", rng.choice(("killing", "statement")), None))
        events = [theme["event"]] + ([theme["second"]] if rng.random() < 0.3 else [])
        if rng.random() < 0.15:
            events.reverse()
        for event in events:
            found.append(("event", event, rng.choice(theme["actors"]) if rng.random() < 0.6 else None))
        for actor in theme["actors"]:
            if rng.random() < 0.8:
                found.append(("actor", actor, None))
        for town, country in theme["towns"][:rng.choice((1, 1, 2))]:
            found.append(("place", town, None, country))
            if rng.random() < 0.5:
                found.append(("place", country, None, country))
        for kind, name, actor, *country in found:
            self.tags.append(dict(article_id=article_id, kind=kind, name=name, actor=actor,
                                  country=(country or [""])[0][:2].upper(), evidence=""))

    def flush(self, engine: sa.Engine) -> None:
        with engine.begin() as conn:
            for table, rows in ((stories, self.stories), (articles, self.articles), (tags, self.tags)):
                if rows:
                    conn.execute(table.insert(), rows)
        self.stories, self.articles, self.tags = [], [], []
