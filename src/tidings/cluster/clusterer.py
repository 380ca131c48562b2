"""Streaming story clustering: each article joins an open story or starts one, on arrival.

The clusterer never looks ahead. An article is turned into TF-IDF vectors with the document
frequencies seen so far; the open stories (of its language) that share its heaviest terms
are fetched through an inverted index, and the ``score_k`` closest by text cosine are
scored by a linear function of similarity features (text, headline, name and number
similarity; the share of names one side has and the other lacks; whether each side's
leading names are prominent in the other; story size; the similarity of the figures of
the headline and lead, and whether they exclude each other — :data:`features.SHIPPED`; the
best match with one kept member and number conflicts are there to fit too, with
``members`` > 0) and the article joins the best candidate when its score clears the
threshold. Only the lead of a long text (``max_chars``) is read.
A candidate dated more than ``window_days`` away is not joinable, and a story with no new
article for ``window_days`` is closed; stories whose articles carry no dates are only closed
by ``max_idle_docs``.

Concurrency: the state is one mutable object and every assignment depends on all earlier
ones, so assignments must be serialised: run :meth:`StoryClusterer.add` under one lock (for
instance a database advisory lock), and let other workers replay the decisions it made
with :meth:`StoryClusterer.observe` in the same order (or reload the saved state) before
they assign anything themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from operator import mul

from tidings.cluster.features import (DocVectors, all_terms, days_between, doc_vectors,
                                      features, text_cosine)
from tidings.cluster.state import Story, StoryState
from tidings.cluster.text import doc_bags, stem
from tidings.cluster.vectors import top_terms

# Fitted on the ECB+ dev split (bench/clustering.py --fit), in features.FEATURES order.
DEFAULT_WEIGHTS = (1.567, 0.204, 3.2339, 3.1954, -0.4241, -0.9547, 0.3926, -2.2765,
                   1.829, -0.3721, 2.1853, -1.2474, 0.0, 0.0, 0.0, 0.0, 0.0, 1.0217, -1.2199)
DEFAULT_BIAS = -1.6102
DEFAULT_THRESHOLD = -0.75


@dataclass(frozen=True, slots=True)
class ClusterParams:
    """Tunable knobs of :class:`StoryClusterer`.

    ``weights``/``bias``: the linear join score over :data:`features.FEATURES`; an article
    joins its best-scoring candidate when the score exceeds ``threshold``.
    ``window_days``: a story with no article for this many days is closed (dated stories
    only); ``max_idle_docs``: a story is also closed after this many articles without one
    of its own. ``caps``: terms kept per story centroid. ``index_k``: terms per story in
    the inverted index; ``query_k``: article terms looked up; ``max_candidates``: stories
    scored per article; ``max_postings``: index terms shared by more open stories are
    ignored; ``score_k``: of those, the stories closest by text cosine that get
    the full score. ``members``: member vectors kept per story (for the max-link
    features). ``max_vocab``: document-frequency entries before singletons are pruned.
    ``max_chars``: only the lead of the text, this long, is read.
    ``cross_language``: let an article join a story of another language (off: stories
    are per language).
    """

    weights: tuple[float, ...] = DEFAULT_WEIGHTS
    bias: float = DEFAULT_BIAS
    threshold: float = DEFAULT_THRESHOLD
    title_weight: float = 2.0
    window_days: float = 60.0
    max_idle_docs: int = 200_000
    caps: dict[str, int] = field(default_factory=lambda: {
        "text": 200, "title": 60, "entities": 80, "numbers": 40, "salient": 40,
        "specific": 40, "member": 60})
    members: int = 0
    index_k: int = 40
    query_k: int = 25
    max_candidates: int = 8
    score_k: int = 4
    max_postings: int = 5_000
    max_vocab: int = 2_000_000
    max_chars: int = 3_000
    cross_language: bool = False


DEFAULT = ClusterParams()


@dataclass(slots=True)
class ClusterDoc:
    """One article as the clusterer sees it."""

    id: str | int
    title: str
    text: str
    lang: str = "en"
    date: datetime | None = None
    arrived: datetime | None = None  # when it reached us: with it, stories close on that clock


class StoryClusterer:
    """Assign each incoming article to a story, streaming, with pluggable state."""

    def __init__(self, params: ClusterParams = DEFAULT, state: StoryState | None = None) -> None:
        self.params = params
        self.state = state if state is not None else StoryState()

    def add(self, doc: ClusterDoc) -> int:
        """Assign ``doc`` to a story and return the story id (new or existing)."""
        return self.place(self._vectors(doc), language_of(doc.lang), doc.arrived)

    def place(self, vectors: DocVectors, lang: str, arrived: datetime | None = None) -> int:
        """Assign an article already turned into vectors (by this clusterer, just before:
        the document frequencies count it) and return its story id."""
        self._advance_clock(arrived or vectors.date)
        best, score = self._best_story(vectors, lang)
        if best is None or score <= self.params.threshold:
            best = self.state.new_story(lang)
        self._absorb(best, vectors, arrived)
        return best.id

    def _absorb(self, story: Story, vectors: DocVectors, arrived: datetime | None = None) -> None:
        params = self.params
        story.absorb(vectors.vectors, params.caps, vectors.date, self.state.docs, params.members)
        if arrived is not None:
            story.arrived = max(story.arrived or "", _as_datetime(arrived).date().isoformat())
        self.state.reindex(story, params.index_k)

    def observe(self, doc: ClusterDoc, story_id: int) -> None:
        """Absorb ``doc`` into story ``story_id`` decided elsewhere (replaying another
        worker's :meth:`add`): the state ends up exactly as if this clusterer had decided it.
        """
        vectors = self._vectors(doc)
        self._advance_clock(doc.arrived or doc.date)
        state = self.state
        story = state.stories.get(story_id)
        if story is None:
            story = state.stories[story_id] = Story(id=story_id, lang=language_of(doc.lang))
            state.next_id = max(state.next_id, story_id + 1)
        self._absorb(story, vectors, doc.arrived)

    def score(self, doc_vectors_: DocVectors, story: Story) -> float:
        """The linear join score of an article against one story."""
        values = features(doc_vectors_, story)
        return self.params.bias + sum(map(mul, self.params.weights, values))

    def close_stale(self, now: datetime | date | None) -> list[int]:
        """Close stories idle for longer than the window; return the closed ids.

        A story is idle when its newest dated article is more than ``window_days`` before
        ``now``, or when ``max_idle_docs`` articles have arrived since its last one. A story
        without dated articles is never closed on time. When articles say when they
        ``arrived``, that is the clock (``now`` is an arrival time): a feed's weeks of backlog,
        read at once, must not close the stories that other feeds' older reports will join.
        """
        state, params = self.state, self.params
        cutoff = None
        if now is not None:
            cutoff = (_as_datetime(now) - timedelta(days=params.window_days)).date().isoformat()
        stale = [s.id for s in state.stories.values()
                 if (cutoff is not None and s.latest_day is not None and s.latest_day < cutoff)
                 or state.docs - s.last_seen > params.max_idle_docs]
        for story_id in stale:
            state.close(story_id)
        return stale

    def candidates(self, vectors: DocVectors, lang: str | None = None) -> list[Story]:
        """Open stories sharing the article's heaviest terms, most shared first.

        Terms shared by more than ``max_postings`` open stories are skipped (they tell
        nothing and would make the cost grow with the number of open stories). Unless
        ``cross_language`` is set, only stories in ``lang`` are returned.
        """
        vectors.text_cosines.clear()  # a new placement: the stories may have changed
        hits: dict[int, float] = {}
        index, params = self.state.index, self.params
        for bag in ("text", "entities"):
            vector = vectors.vectors[bag]
            for term in top_terms(vector, params.query_k):
                holders = index.get(term, ())
                if len(holders) > params.max_postings:
                    continue
                for story_id in holders:
                    hits[story_id] = hits.get(story_id, 0.0) + vector[term]
        stories = self.state.stories
        if lang is not None and not params.cross_language:
            hits = {s: h for s, h in hits.items() if stories[s].lang in (lang, "")}
        ranked = sorted(hits, key=lambda s: (-hits[s], s))[: params.max_candidates]
        return _closest([stories[s] for s in ranked], vectors, params.score_k)

    def _vectors(self, doc: ClusterDoc) -> DocVectors:
        lang = language_of(doc.lang)
        english = lang == "en"

        def common(word: str) -> bool:
            return self._is_common(stem(word) if english else word, word)

        bags = doc_bags(doc.title or "", lead(doc.text or "", self.params.max_chars), lang,
                        common)
        self.state.count_terms(all_terms(bags), self.params.max_vocab)
        return doc_vectors(bags, self.state, self.params.title_weight, _as_datetime(doc.date))

    def _is_common(self, plain_term: str, word: str) -> bool:
        """Seen in lower case far more often than as a name, in the articles so far."""
        df = self.state.df
        plain = df.get(plain_term, 0)
        return plain >= 3 and df.get("e:" + word, 0) < 0.5 * plain

    def _best_story(self, vectors: DocVectors, lang: str | None = None,
                    ) -> tuple[Story | None, float]:
        best, best_score = None, float("-inf")
        for story in self.candidates(vectors, lang):
            gap = days_between(vectors.date, story)
            if gap is not None and gap > self.params.window_days:
                continue
            value = self.score(vectors, story)
            if value > best_score:
                best, best_score = story, value
        return best, best_score

    def _advance_clock(self, when: datetime | date | None) -> None:
        state = self.state
        day = _as_datetime(when).date().isoformat() if when is not None else None
        if day is not None and (state.clock is None or day > state.clock):
            state.clock = day
            self.close_stale(date.fromisoformat(day))
        elif state.docs % 1000 == 0:
            self.close_stale(date.fromisoformat(state.clock) if state.clock else None)


def _closest(stories: list[Story], vectors: DocVectors, k: int) -> list[Story]:
    """The ``k`` stories whose text centroid is closest to the article (ties by id)."""
    if len(stories) <= k:
        return stories
    similarity = {s.id: text_cosine(vectors, s) for s in stories}
    return sorted(stories, key=lambda s: (-similarity[s.id], s.id))[:k]


def lead(text: str, limit: int) -> str:
    """The first ``limit`` characters of ``text``, cut back to a space: the top of a news
    article says what happened, where and to whom; the tail adds background."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit]


def language_of(lang: str | None) -> str:
    """``"en-GB"`` → ``"en"``; empty means English (the benchmark's and the default)."""
    return (lang or "en").strip().lower().replace("_", "-").split("-")[0] or "en"


def _as_datetime(when: datetime | date | None) -> datetime | None:
    if when is None or isinstance(when, datetime):
        return when
    return datetime(when.year, when.month, when.day)
