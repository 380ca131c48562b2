"""What a story is about, for counting: its main event type, and the same event told in
several languages.

A story's *main event* is the most specific type that at least half of its articles carry
(a clash report that also says "attacked" is a clash; an attack that killed people is an
attack, not a killing; a claim of an attack is an attack, not a statement). Stories in different languages with the same main event,
a shared actor and a shared place within a day and a half are one event for counting, since
story clustering works within a language.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

LINK_WINDOW = timedelta(hours=36)
# Most specific first: when several types are carried by most articles, the first one wins.
PRECEDENCE = ("airstrike", "kidnapping", "attack", "clash", "explosion", "seizure", "arrest",
              "killing", "protest", "ceasefire", "agreement", "statement")


@dataclass(slots=True)
class StoryFacts:
    story_id: int
    langs: Counter = field(default_factory=Counter)
    first: datetime | None = None
    leads: Counter = field(default_factory=Counter)  # event type -> articles carrying it
    actors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)

    @property
    def lang(self) -> str:
        return self.langs.most_common(1)[0][0] if self.langs else ""

    @property
    def main_event(self) -> str | None:
        if not self.leads:
            return None
        articles = sum(self.langs.values())
        carried = [name for name, n in self.leads.items() if n * 2 >= articles]
        if not carried:
            top = max(self.leads.values())
            carried = [name for name, n in self.leads.items() if n == top]
        return min(carried, key=lambda name: (PRECEDENCE.index(name) if name in PRECEDENCE else 99, name))


def story_facts(rows: Iterable[tuple]) -> dict[int, StoryFacts]:
    """Facts per story from ``(story_id, article_id, lang, when, tag_id, kind, name, actor)``
    rows of its originals' tags (tag ids in order of mention)."""
    facts: dict[int, StoryFacts] = {}
    carried: dict[int, set[str]] = {}
    story_of: dict[int, int] = {}
    for story_id, article_id, lang, when, tag_id, kind, name, actor in rows:
        fact = facts.setdefault(story_id, StoryFacts(story_id))
        if article_id not in story_of:
            story_of[article_id] = story_id
            fact.langs[lang or ""] += 1
            if when is not None and (fact.first is None or when < fact.first):
                fact.first = when
        if kind == "event":
            carried.setdefault(article_id, set()).add(name)
            if actor:
                fact.actors.add(actor)
        elif kind == "actor":
            fact.actors.add(name)
        elif kind == "place":
            fact.places.add(name)
    for article_id, names in carried.items():
        facts[story_of[article_id]].leads.update(names)
    return facts


def same_event_elsewhere(a: StoryFacts, b: StoryFacts) -> bool:
    """Two stories in different languages that tell one event."""
    if a.lang == b.lang or a.main_event is None or a.main_event != b.main_event:
        return False
    if a.first is None or b.first is None or abs(a.first - b.first) > LINK_WINDOW:
        return False
    return bool(a.actors & b.actors) and bool(a.places & b.places)


def event_groups(facts: dict[int, StoryFacts]) -> dict[int, int]:
    """Map each story id to the id of its event group (the earliest story of the group)."""
    ordered = sorted(facts.values(), key=lambda f: (f.first is None, f.first or datetime.min, f.story_id))
    root: dict[int, int] = {}
    for i, fact in enumerate(ordered):
        root[fact.story_id] = fact.story_id
        for earlier in ordered[:i]:
            if root[earlier.story_id] == earlier.story_id and same_event_elsewhere(earlier, fact):
                root[fact.story_id] = earlier.story_id
                break
    return root
