"""What a story is about, for counting: its main event type, and the same event told in
several languages.

Each article *leads* with one event type: the first event it mentions (its headline, else
its opening sentence) that is not a consequence or a report of another — a death toll
("killed", "dead") or a statement — unless it mentions nothing else ("15 killed as gunmen
storm checkpoint" leads with an attack; "Fighting leaves 5 dead" with a clash; "NSF claims
attack" with an attack). A story's *main event* is the type most of its articles lead with,
ties going to the more specific type (:data:`PRECEDENCE`). So a clash report that later
says "an offensive by the NSF" stays a clash, and an attack that killed people is an
attack, not a killing. Stories in different languages with the same main event, a shared
actor and a shared place finer than a country within a day and a half are one event for
counting, since story clustering works within a language. Stories in one language were kept
apart by the clusterer, which sometimes splits one event's reports in two; they are one event
when, besides the main event and an actor, they start within half a day and one names no
place finer than a country that the other does not (so a report of an attack in Khanabad,
Kunduz and one in Kunduz are one attack; one in Khanabad and one in Chahar Dara are two).
"""
from __future__ import annotations

from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Mapping, Set as AbstractSet
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol

from tidings.tag.gazetteer import country_names

LINK_WINDOW = timedelta(hours=36)
# Stories of one language (told apart by the clusterer) must start closer to be one event.
SAME_LANGUAGE_WINDOW = timedelta(hours=12)
# Most specific first: breaks ties between the types articles lead with.
PRECEDENCE = ("airstrike", "kidnapping", "attack", "clash", "explosion", "seizure", "arrest",
              "killing", "protest", "ceasefire", "agreement", "statement")
# Types that tell the outcome of, or a reaction to, another event: an article leads with
# them only when it mentions no other.
SECONDARY = frozenset({"killing", "statement"})


def lead_event(types_in_order: list[str]) -> str | None:
    """The event type an article leads with, from its event types in order of mention."""
    primary = [t for t in types_in_order if t not in SECONDARY]
    return (primary or types_in_order or [None])[0]


def _rank(name: str) -> int:
    return PRECEDENCE.index(name) if name in PRECEDENCE else len(PRECEDENCE)


@dataclass(slots=True)
class StoryFacts:
    story_id: int
    langs: Counter = field(default_factory=Counter)
    first: datetime | None = None
    leads: Counter = field(default_factory=Counter)  # event type -> articles carrying it
    heads: Counter = field(default_factory=Counter)  # event type -> articles leading with it
    actors: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)

    @property
    def lang(self) -> str:
        return self.langs.most_common(1)[0][0] if self.langs else ""

    @property
    def main_event(self) -> str | None:
        if not self.heads:
            return None
        top = max(self.heads.values())
        return min((name for name, n in self.heads.items() if n == top), key=lambda name: (_rank(name), name))


class Facts(Protocol):
    """What linking reads of a story: :class:`StoryFacts`, or the store's stored facts."""

    story_id: int
    lang: str
    first: datetime | None
    main_event: str | None
    actors: AbstractSet[str]
    places: AbstractSet[str]


def story_facts(rows: Iterable[tuple]) -> dict[int, StoryFacts]:
    """Facts per story from ``(story_id, article_id, lang, when, tag_id, kind, name, actor)``
    rows of its originals' tags (tag ids in order of mention)."""
    facts: dict[int, StoryFacts] = {}
    carried: dict[int, list[str]] = {}
    story_of: dict[int, int] = {}
    for story_id, article_id, lang, when, tag_id, kind, name, actor in sorted(rows, key=_mention_order):
        fact = facts.setdefault(story_id, StoryFacts(story_id))
        if article_id not in story_of:
            story_of[article_id] = story_id
            fact.langs[lang or ""] += 1
            if when is not None and (fact.first is None or when < fact.first):
                fact.first = when
        if kind == "event":
            names = carried.setdefault(article_id, [])
            if name not in names:
                names.append(name)
            if actor:
                fact.actors.add(actor)
        elif kind == "actor":
            fact.actors.add(name)
        elif kind == "place":
            fact.places.add(name)
    for article_id, names in carried.items():
        fact = facts[story_of[article_id]]
        fact.leads.update(names)
        fact.heads[lead_event(names)] += 1
    return facts


def _mention_order(row: tuple) -> tuple:
    """Rows by article, then tag id (tags are stored in order of first mention)."""
    return (row[1], row[4] if row[4] is not None else 0)


def same_event(a: Facts, b: Facts) -> bool:
    """Two stories that tell one event (in different languages, or split in one)."""
    if a.main_event is None or a.main_event != b.main_event or a.first is None or b.first is None:
        return False
    window = LINK_WINDOW if a.lang != b.lang else SAME_LANGUAGE_WINDOW
    if abs(a.first - b.first) > window or not a.actors & b.actors:
        return False
    return _places_agree(a.lang == b.lang, _local(a.places), _local(b.places))


def _places_agree(same_language: bool, mine: AbstractSet[str], other: AbstractSet[str]) -> bool:
    """Local places that allow one event: a shared one, and in one language, none named by
    the story with fewer that the other does not name."""
    if not mine & other:
        return False
    return not same_language or mine <= other or other <= mine


def _local(places: AbstractSet[str]) -> AbstractSet[str]:
    """Places finer than a country: two events in one country are not one event."""
    return places - country_names()


def event_groups(facts: Mapping[int, Facts]) -> dict[int, int]:
    """Map each story id to the id of its event group (the earliest story of the group).

    Stories are taken in time order; each is compared only with the group roots of its main
    event type within ``LINK_WINDOW`` before it, so the cost grows with the stories, not with
    their square. (The roots in a window share the story's main event and lie within
    ``LINK_WINDOW``: what remains of :func:`same_event` is the language with its window, the
    actors and the places, each story's worked out once.)
    """
    ordered = sorted(facts.values(), key=lambda f: (f.first is None, f.first or datetime.min, f.story_id))
    root: dict[int, int] = {}
    roots_by_event: dict[str, deque[_Root]] = defaultdict(deque)
    for fact in ordered:
        story_id, first = fact.story_id, fact.first
        root[story_id] = story_id
        if first is None or fact.main_event is None:
            continue
        window = roots_by_event[fact.main_event]
        while window and first - window[0].first > LINK_WINDOW:
            window.popleft()
        mine = _Root(fact)
        earlier = _earlier(window, mine) if window else None
        if earlier is None:
            window.append(mine)
        else:
            root[story_id] = earlier.story_id
    return root


def _earlier(window: deque[_Root], mine: _Root) -> _Root | None:
    """The first root in ``window`` telling ``mine``'s event, if any."""
    for other in window:
        same_language = other.lang == mine.lang
        if same_language and mine.first - other.first > SAME_LANGUAGE_WINDOW:
            continue
        if other.actors & mine.actors and _places_agree(same_language, other.local, mine.local):
            return other
    return None


class _Root:
    """What linking compares of a story: its local places are worked out once, when first
    compared (many stories never are: they share no actor with a story in the window)."""

    __slots__ = ("story_id", "lang", "first", "actors", "_fact", "_local")

    def __init__(self, fact: Facts) -> None:
        self.story_id, self.lang, self.first, self.actors = fact.story_id, fact.lang, fact.first, fact.actors
        self._fact = fact
        self._local: AbstractSet[str] | None = None

    @property
    def local(self) -> AbstractSet[str]:
        if self._local is None:
            self._local = _local(self._fact.places)
        return self._local
