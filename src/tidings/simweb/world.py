"""The simulated world's ground truth: which outlet published which article, and the copies."""
from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from . import write_en, write_intl, write_topics
from .events import (EVENT_TYPES, TREND_SHAPE, Event, Story, Topic, default_stories, make_event,
                     make_topic, trend_stories)
from .sites import SiteSpec

EDITS = ("verbatim", "headline", "truncated", "para_added", "para_removed")
_EDIT_WEIGHTS = (30, 20, 20, 15, 15)


@dataclass(slots=True)
class Doc:
    """One article page as published (an original or an aggregator's copy)."""

    id: int
    site: str
    path: str
    title: str
    paragraphs: list[str]
    published: datetime
    modified: datetime
    author: str
    lang: str
    section: str
    story_key: str
    event_id: str | None
    is_copy: bool = False
    original: "Doc | None" = None
    edit: str = ""
    credit: str = ""  # "link", "canonical" or ""
    wrong_date: bool = False
    robots_meta: str = ""  # "", "max-snippet:50" or "nosnippet"
    nosnippet: str = ""  # a sentence wrapped in a data-nosnippet span
    disallowed: bool = False
    seen: datetime | None = None  # when the doc appeared on its site (drives Last-Modified of lists)

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def summary(self) -> str:
        first = self.paragraphs[0]
        return first if len(first) <= 220 else first[:first.rfind(" ", 0, 210)] + "…"


def slugify(title: str) -> str:
    """ASCII slug of a title (empty for non-Latin scripts)."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_title)[:9])


def make_path(site: SiteSpec, doc_id: int, title: str, when: datetime, section: str) -> str:
    """The path of an article on ``site``, in the site's own URL style."""
    slug = slugify(title) or "article"
    return {"dated": f"/{when:%Y/%m/%d}/{slug}/",
            "section": f"/news/{section}/{doc_id}-{slug}.html",
            "slug_id": f"/actualites/{slug}-{doc_id}",
            "numeric": f"/article/{doc_id}/{slug}",
            "dated_html": f"/noticias/{when:%Y/%m}/{slug}-{doc_id}.html",
            "stories": f"/stories/{slug}-{doc_id}",
            "ru_numeric": f"/news/{doc_id}.html",
            "wp_query": f"/?p={doc_id}",
            "digest": f"/digest/{doc_id}-{slug}",
            "short": f"/r/{doc_id}"}[site.url_style]


def write_story(story: Story, lang: str, k: int, rng: random.Random, voice: str) -> tuple[str, list[str]]:
    """The ``k``-th outlet's headline and paragraphs about ``story`` in ``lang``."""
    if isinstance(story, Topic):
        return write_topics.write_topic(story, lang, k, rng)
    if lang == "en":
        return write_en.write_event(story, k, rng, voice)
    return write_intl.write_event(story, lang, k, rng)


class World:
    """Generates and holds every story, article and copy; deterministic for a seed."""

    def __init__(self, seed: int, news: list[SiteSpec], aggregators: list[SiteSpec], start: datetime,
                 days: int, scenario: str = "default", trend_shape: tuple[int, ...] = TREND_SHAPE,
                 events_per_day: float = 2.5, topics_per_day: float = 1.5, copy_rate: float = 0.22) -> None:
        self.rng = random.Random(seed)
        self.copy_rate = copy_rate
        self.news, self.aggregators = list(news), list(aggregators)
        self.sites = {s.key: s for s in self.news + self.aggregators}
        self.docs: list[Doc] = []
        self.paths: dict[str, dict[str, Doc]] = {k: {} for k in self.sites}
        self.stories: list[Story] = []
        self.generation = 0
        self._next_doc = 1
        if scenario == "trend":
            stories = trend_stories(self.rng, start, tuple(trend_shape))
            days = 7 * len(trend_shape)
        elif scenario == "default":
            stories = default_stories(self.rng, start, days, events_per_day=events_per_day,
                                      topics_per_day=topics_per_day)
        else:
            raise ValueError(f"unknown scenario {scenario!r}")
        self._next_story = len(stories) + 1
        self.start, self.now = start, start + timedelta(days=days)
        self._add(stories)

    # -- building ---------------------------------------------------------------------------
    def _add(self, stories: list[Story]) -> list[Doc]:
        new: list[Doc] = []
        before = self.now if self.docs else None
        for story in stories:
            self.stories.append(story)
            new.extend(self._cover(story))
        for d in new:
            d.seen = max(d.modified, d.original.published if d.original else d.modified, before or d.modified)
        if new:
            self.now = max(self.now, max(d.published for d in new) + timedelta(minutes=1))
        self.generation += 1
        return new

    def _outlets(self, story: Story) -> list[SiteSpec]:
        if story.kind == "event":
            n = self.rng.choices((1, 2, 3, 4, 5, 6), (15, 25, 25, 17, 10, 8))[0]
        else:
            n = self.rng.choices((1, 2, 3), (50, 35, 15))[0]
        pool, chosen = list(self.news), []
        while pool and len(chosen) < n:
            site = self.rng.choices(pool, [s.weight for s in pool])[0]
            pool.remove(site)
            chosen.append(site)
        return chosen

    def _cover(self, story: Story) -> list[Doc]:
        docs, per_lang = [], {}
        for site in self._outlets(story):
            k = per_lang[site.lang] = per_lang.get(site.lang, -1) + 1
            lag = self.rng.uniform(0.5, 20) if story.kind == "event" else self.rng.uniform(0.2, 6)
            title, paras = write_story(story, site.lang, k, self.rng, site.voice)
            doc = self._new_doc(site, story, title, paras, _minute(story.when + timedelta(hours=lag)))
            docs.append(doc)
            for agg in self.aggregators:
                if (agg.key == "news-digest" and doc.lang != "en") or self.rng.random() > self.copy_rate:
                    continue
                docs.append(self._copy(doc, agg, story))
        return docs

    def _new_doc(self, site: SiteSpec, story: Story, title: str, paras: list[str],
                 published: datetime) -> Doc:
        doc_id, self._next_doc = self._next_doc, self._next_doc + 1
        section = story.section
        modified = published + timedelta(hours=self.rng.choice((0, 0, 0, 1, 3)))
        doc = Doc(doc_id, site.key, "", title, paras, published, modified,
                  self.rng.choice(site.staff), site.lang, section, story.id,
                  story.id if isinstance(story, Event) else None)
        doc.path = make_path(site, doc_id, title, published, section)
        if site.disallow and isinstance(story, Topic) and self.rng.random() < 0.3:
            doc.path, doc.disallowed = f"{site.disallow}{doc_id}-{slugify(title)}.html", True
        if doc.path in self.paths[site.key]:
            doc.path = doc.path.rstrip("/") + f"-{doc_id}"
        self._snippet_rules(doc)
        self.paths[site.key][doc.path] = doc
        self.docs.append(doc)
        return doc

    def _snippet_rules(self, doc: Doc) -> None:
        r = self.rng.random()
        doc.robots_meta = "max-snippet:50" if r < 0.08 else "nosnippet" if r < 0.13 else ""
        if self.rng.random() < 0.12 and len(doc.paragraphs) > 2:
            sentences = re.split(r"(?<=[.!?»\"]) (?=[A-ZА-Я«\"])", doc.paragraphs[1])
            doc.nosnippet = sentences[-1]

    def _copy(self, orig: Doc, agg: SiteSpec, story: Story) -> Doc:
        rng = self.rng
        edit = rng.choices(EDITS, _EDIT_WEIGHTS)[0]
        alt_title, alt_paras = write_story(story, orig.lang, 7 + rng.randrange(5), rng, agg.voice)
        title, paras = _edited(orig, edit, alt_title, alt_paras)
        wrong = rng.random() < 0.15
        published = orig.published - timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 12)) \
            if wrong else orig.published + timedelta(hours=rng.uniform(0.3, 12))
        doc = self._new_doc(agg, story, title, paras, _minute(published))
        doc.lang, doc.author, doc.modified = orig.lang, orig.author, doc.published
        doc.is_copy, doc.original, doc.edit, doc.wrong_date = True, orig, edit, wrong
        doc.credit = rng.choices(("link", "canonical", ""), (40, 25, 35))[0]
        doc.nosnippet = ""
        return doc

    # -- later ------------------------------------------------------------------------------
    def publish_more(self, n: int, hours: float = 24.0) -> list[Doc]:
        """Add ``n`` new stories happening within ``hours`` after now, advance the clock."""
        stories: list[Story] = []
        for _ in range(n):
            when = _minute(self.now + timedelta(hours=self.rng.uniform(0, hours)))
            sid, self._next_story = self._next_story, self._next_story + 1
            if self.rng.random() < 0.65:
                etype = self.rng.choice(EVENT_TYPES)
                stories.append(make_event(self.rng, f"E{sid:04d}", etype, when))
            else:
                stories.append(make_topic(self.rng, f"T{sid:04d}", when))
        stories.sort(key=lambda s: (s.when, s.id))
        self.now = self.now + timedelta(hours=hours)
        return self._add(stories)

    def advance(self, delta: timedelta) -> None:
        """Move the simulated clock forward."""
        self.now += delta
        self.generation += 1

    def site_docs(self, key: str) -> list[Doc]:
        """A site's articles, newest first."""
        return sorted(self.paths[key].values(), key=lambda d: (d.published, d.id), reverse=True)


def _edited(orig: Doc, edit: str, alt_title: str, alt_paras: list[str]) -> tuple[str, list[str]]:
    paras = list(orig.paragraphs)
    if edit == "headline":
        return (alt_title if alt_title != orig.title else f"Report: {orig.title}"), paras
    if edit == "truncated" and len(paras) > 1:
        total, kept, words = sum(len(p.split()) for p in paras), [], 0
        for p in paras:
            if kept and words >= total / 2:
                break
            kept.append(p)
            words += len(p.split())
        return orig.title, kept[:len(paras) - 1]
    if edit == "para_added":
        extra = next((p for p in alt_paras[1:] if p not in paras), None)
        if extra:
            return orig.title, paras[:2] + [extra] + paras[2:]
    if edit == "para_removed" and len(paras) >= 3:
        return orig.title, paras[:len(paras) // 2] + paras[len(paras) // 2 + 1:]
    return orig.title, paras


def _minute(dt: datetime) -> datetime:
    return dt.replace(second=0, microsecond=0)
