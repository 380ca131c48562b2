"""A small, fixed world for the web tests, written straight into the database."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from tidings.store import Store
from tidings.store.schema import articles, sources, stories, tags

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
LOREM = ("Officials said the talks would continue next week while aid groups warned of "
         "shortages across the region. ")


@dataclass
class World:
    """Ids of what :func:`seed` wrote."""

    sources: dict[str, int] = field(default_factory=dict)
    stories: dict[str, int] = field(default_factory=dict)
    articles: dict[str, int] = field(default_factory=dict)


def seed(store: Store) -> World:
    """Three sources, three stories, an original with a copy, a hostile title, a takedown."""
    world = World()
    with store.engine.begin() as conn:
        for key, title, lang, agg in (("kp", "Kabul Post", "en", False), ("lm", "Le Monde Test", "fr", False),
                                      ("agg", "Aggregator Hub", "en", True)):
            world.sources[key] = conn.execute(sources.insert().values(
                url=f"https://{key}.example/feed.xml", site_url=f"https://{key}.example/", title=title,
                lang=lang, is_aggregator=agg, added_at=T0, last_fetch=T0,
                last_error="dns: cannot resolve" if key == "lm" else "")).inserted_primary_key[0]
        _story(conn, world, "floods", "Floods hit Herat province", T0)
        _story(conn, world, "talks", "Peace talks resume in Doha", T0 + timedelta(days=8))
        _story(conn, world, "xss", "<script>alert(1)</script> headline", T0 + timedelta(days=9))
        add = lambda key, **kw: _article(conn, world, key, **kw)  # noqa: E731
        add("flood_kp", source="kp", story="floods", title="Floods hit Herat province",
            text="Heavy floods hit Herat province on Monday. " + LOREM * 6, when=T0, lang="en")
        add("flood_copy", source="agg", story="floods", title="Floods hit Herat province (copy)",
            text=None, when=T0 + timedelta(hours=2), lang="en", duplicate_of="flood_kp",
            primary_url="https://kp.example/floods")
        add("flood_lm", source="lm", story="floods", title="Inondations à Herat",
            text="Des inondations ont frappé la province de Herat. " + LOREM * 3,
            when=T0 + timedelta(hours=1), lang="fr", max_snippet=40)
        add("talks_lm", source="lm", story="talks", title="Reprise des pourparlers à Doha",
            text="Les pourparlers de paix reprennent à Doha. " + LOREM * 4,
            when=T0 + timedelta(days=8), lang="fr", nosnippet=True)
        add("talks_kp", source="kp", story="talks", title="Peace talks resume in Doha",
            text="Peace talks between the parties resumed in Doha. " + LOREM * 4,
            when=T0 + timedelta(days=8, hours=3), lang="en")
        add("xss", source="kp", story="xss", title='<script>alert(1)</script> "quoted" & <b>bold</b>',
            text='<img src=x onerror=alert(1)> javascript:alert(2) floods ' + LOREM,
            when=T0 + timedelta(days=9), lang="en", url="javascript:alert(3)")
        add("removed", source="kp", story="floods", title="Secret removed floods article",
            text="This taken down text about floods must never show. " + LOREM,
            when=T0 + timedelta(hours=5), lang="en", status="removed")
        for key, kind, name, evidence in (
                ("flood_kp", "place", "Herat", "Heavy floods hit Herat province on Monday."),
                ("flood_lm", "place", "Herat", "Des inondations ont frappé la province de Herat."),
                ("flood_kp", "event", "flood", "Heavy floods hit Herat province."),
                ("talks_kp", "actor", "Taliban", "Peace talks <b>between</b> the parties resumed."),
                ("talks_kp", "place", "Doha", "resumed in Doha")):
            conn.execute(tags.insert().values(article_id=world.articles[key], kind=kind, name=name,
                                              evidence=evidence))
        for story_id in world.stories.values():
            store.touch_story(conn, story_id)
    return world


def _story(conn, world: World, key: str, title: str, when: datetime) -> None:
    world.stories[key] = conn.execute(stories.insert().values(
        title=title, lang="en", first_seen=when, last_seen=when, first_published=when)).inserted_primary_key[0]


def _article(conn, world: World, key: str, *, source: str, story: str, title: str, text: str | None,
             when: datetime, lang: str, duplicate_of: str | None = None, primary_url: str = "",
             nosnippet: bool = False, max_snippet: int | None = None, status: str = "ok",
             url: str | None = None) -> None:
    url = url or f"https://{source}.example/{key.replace('_', '-')}"
    world.articles[key] = conn.execute(articles.insert().values(
        source_id=world.sources[source], url=url, title=title, text=text, published=when,
        fetched=when + timedelta(minutes=5), lang=lang, story_id=world.stories[story],
        duplicate_of=world.articles[duplicate_of] if duplicate_of else None,
        primary_url=primary_url or url, nosnippet=nosnippet, max_snippet=max_snippet,
        status=status, word_count=len((text or "").split()))).inserted_primary_key[0]


def count_rows(store: Store, table: sa.Table) -> int:
    with store.engine.connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
