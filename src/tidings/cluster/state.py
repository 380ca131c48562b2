"""The clusterer's memory: document frequencies, open stories and their term index.

All of it is JSON-serialisable through :meth:`StoryState.to_dict` /
:meth:`StoryState.from_dict`, so a caller can keep it in a database between runs. The
inverted index is not stored: it is rebuilt from the open stories on load.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from tidings.cluster.vectors import Vector, cap, heaviest, heaviest_after_growth, norm, top_terms

BAGS = ("text", "title", "entities", "numbers", "salient", "specific")
MEMBER_BAGS = ("text", "title", "entities", "numbers")
TOP_K = 5
RANKED = 40  # heaviest text and entity terms ranked on every change (for the index)
TOPS = ("text", "entities", "salient", "numbers", "specific")
_TOPS = frozenset(TOPS)
STATE_VERSION = 2
DEFAULT_CAP = 40  # terms kept per centroid of a bag that ``caps`` does not name


@dataclass(slots=True)
class Story:
    """An open story: capped centroids (sums of member vectors) and its time span."""

    id: int
    lang: str = ""
    size: int = 0
    sums: dict[str, Vector] = field(default_factory=lambda: {b: {} for b in BAGS})
    norms: dict[str, float] = field(default_factory=lambda: {b: 0.0 for b in BAGS})
    first: str | None = None
    last: str | None = None
    last_seen: int = 0
    arrived: str | None = None  # the day its newest article reached us, when known
    members: list[dict[str, Vector]] = field(default_factory=list, repr=False)
    tops: dict[str, list[tuple[str, float]]] = field(default_factory=dict, repr=False)

    @property
    def latest_day(self) -> str | None:
        """The day on the closing clock: when its newest article arrived, else its newest date."""
        latest = self.arrived or self.last
        return latest[:10] if latest else None

    def refresh(self) -> None:
        """Recompute norms and the cached heaviest terms after the sums changed."""
        for bag in BAGS:
            self.norms[bag] = norm(self.sums[bag])
        self.tops = {bag: heaviest(self.sums[bag], _ranked_k(bag)) for bag in TOPS}

    def absorb(self, vectors: dict[str, Vector], caps: dict[str, int],
               date: datetime | None, position: int, keep: int = 0) -> None:
        """Add one member's unit vectors and stretch the time span.

        A centroid that grows past twice its cap is cut back to the cap's heaviest terms.
        Up to ``keep`` members are also kept one by one (capped to ``caps["member"]``
        terms): the first ``keep // 3`` and the latest others.
        """
        if keep:
            self._remember(vectors, caps.get("member", 60), keep)
        sums, norms, tops = self.sums, self.norms, self.tops
        for bag in BAGS:
            total = sums[bag]
            get = total.get
            # Sums are kept rounded to 6 decimals (round(x * 1e6) / 1e6: what round(x, 6)
            # gives, at a third of the cost).
            total.update({t: round((get(t, 0.0) + w) * 1e6) / 1e6
                          for t, w in vectors.get(bag, {}).items()})
            k = caps.get(bag, DEFAULT_CAP)
            if len(total) > 2 * k:
                ranked = heaviest(total, k)
                total = sums[bag] = dict(ranked)
                if bag in _TOPS:
                    tops[bag] = ranked[:_ranked_k(bag)]
            elif bag in _TOPS:
                tops[bag] = heaviest_after_growth(total, _ranked_k(bag), tops.get(bag, []))
            norms[bag] = norm(total)
        self.size += 1
        self.last_seen = position
        if date is not None:
            day = date.date().isoformat() if isinstance(date, datetime) else date.isoformat()
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)

    def _remember(self, vectors: dict[str, Vector], k: int, keep: int) -> None:
        self.members.append({b: _unit_rounded(cap(vectors.get(b, {}), k)) for b in MEMBER_BAGS})
        if len(self.members) > keep:
            del self.members[keep // 3]

    def index_terms(self, k: int) -> set[str]:
        """The terms under which the story is found: its heaviest text and entity terms."""
        if k > RANKED:
            return set(top_terms(self.sums["text"], k)) | set(top_terms(self.sums["entities"], k))
        return {t for bag in ("text", "entities") for t, _ in self.tops[bag][:k]}

    def to_dict(self) -> dict:
        """JSON-ready form (weights are kept rounded to 6 digits, so it stays compact)."""
        return {
            "id": self.id, "lang": self.lang, "size": self.size, "first": self.first,
            "last": self.last, "last_seen": self.last_seen, "arrived": self.arrived,
            "sums": {b: dict(self.sums[b]) for b in BAGS},
            "members": [{b: dict(m[b]) for b in MEMBER_BAGS} for m in self.members],
        }

    @classmethod
    def from_dict(cls, data: dict) -> Story:
        """Inverse of :meth:`to_dict`."""
        story = cls(id=data["id"], lang=data.get("lang", ""), size=data["size"],
                    first=data.get("first"), last=data.get("last"),
                    last_seen=data.get("last_seen", 0), arrived=data.get("arrived"))
        story.sums = {b: dict(data["sums"].get(b, {})) for b in BAGS}
        story.members = [{b: dict(m.get(b, {})) for b in MEMBER_BAGS}
                         for m in data.get("members", [])]
        story.refresh()
        return story


def _ranked_k(bag: str) -> int:
    return RANKED if bag in ("text", "entities") else TOP_K


def _unit_rounded(vector: Vector) -> Vector:
    length = norm(vector)
    return {t: round(w / length, 5) for t, w in vector.items()} if length else {}


@dataclass(slots=True)
class StoryState:
    """Document frequencies, open stories and the index from terms to open stories."""

    docs: int = 0
    df: dict[str, int] = field(default_factory=dict)
    stories: dict[int, Story] = field(default_factory=dict)
    next_id: int = 1
    clock: str | None = None
    index: dict[str, set[int]] = field(default_factory=dict)
    indexed: dict[int, set[str]] = field(default_factory=dict)

    def idf(self, term: str) -> float:
        """Smoothed inverse document frequency from the documents seen so far."""
        return math.log((self.docs + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def count_terms(self, terms: set[str], max_vocab: int) -> None:
        """Record one more document containing ``terms``; prune singletons when too many."""
        self.docs += 1
        df = self.df
        Counter.update(df, terms)  # df[term] += 1 for each term, counted in C
        if len(df) > max_vocab:
            self.df = {t: n for t, n in df.items() if n > 1}

    def new_story(self, lang: str = "") -> Story:
        """Open an empty story with a fresh id."""
        story = Story(id=self.next_id, lang=lang)
        self.next_id += 1
        self.stories[story.id] = story
        return story

    def reindex(self, story: Story, k: int) -> None:
        """Point the index at ``story``'s current heaviest terms."""
        new = story.index_terms(k)
        old = self.indexed.get(story.id, set())
        for term in old - new:
            self._unlink(term, story.id)
        for term in new - old:
            self.index.setdefault(term, set()).add(story.id)
        self.indexed[story.id] = new

    def close(self, story_id: int) -> None:
        """Forget an open story (its articles keep their story id)."""
        for term in self.indexed.pop(story_id, set()):
            self._unlink(term, story_id)
        self.stories.pop(story_id, None)

    def _unlink(self, term: str, story_id: int) -> None:
        holders = self.index.get(term)
        if holders is not None:
            holders.discard(story_id)
            if not holders:
                del self.index[term]

    def to_dict(self) -> dict:
        """JSON-ready snapshot (the index is rebuilt on load)."""
        return {
            "version": STATE_VERSION, "docs": self.docs, "df": self.df,
            "next_id": self.next_id, "clock": self.clock,
            "stories": [s.to_dict() for s in self.stories.values()],
        }

    @classmethod
    def from_dict(cls, data: dict, index_k: int) -> StoryState:
        """Restore a snapshot written by :meth:`to_dict`."""
        if data.get("version") not in (1, STATE_VERSION):  # 1: without members
            raise ValueError(f"unsupported story state version {data.get('version')!r}")
        state = cls(docs=data["docs"], df=dict(data["df"]), next_id=data["next_id"],
                    clock=data.get("clock"))
        for item in data["stories"]:
            story = Story.from_dict(item)
            state.stories[story.id] = story
            state.reindex(story, index_k)
        return state
