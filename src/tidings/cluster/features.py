"""Vectors of one article and the similarity features between an article and a story."""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from tidings.cluster.state import MEMBER_BAGS, TOP_K, Story, StoryState
from tidings.cluster.text import DocBags
from tidings.cluster.vectors import Vector, cosine, dot, heaviest, normalised

FEATURES = ("text", "title", "entities", "numbers", "title_entity_missing",
            "doc_core_missing", "story_core_missing", "both_missing", "salient",
            "doc_lead_in_story", "story_lead_in_doc", "log_size",
            "member_text", "member_title", "member_entities", "member_numbers",
            "number_conflict")
# The features the shipped weights use. The member (max-link) and number-conflict features
# were measured too (bench/clustering.py --features all) and did not generalise better.
SHIPPED = FEATURES[:12]
LEADS = 2
NUMBERS = 3


@dataclass(slots=True)
class DocVectors:
    """An article as unit TF-IDF vectors per bag, plus what the mismatch features need."""

    vectors: dict[str, Vector]
    title_entities: set[str]
    words: set[str]
    date: datetime | None
    core: list[tuple[str, float]]
    leads: list[tuple[str, float]]
    top_numbers: list[tuple[str, float]]
    text_cosines: dict[int, float] = field(default_factory=dict)  # story id → cosine


def all_terms(bags: DocBags) -> set[str]:
    """Every term of the article, for the document frequencies."""
    return set(bags.title) | set(bags.body) | set(bags.entities) | set(bags.numbers)


def _tfidf(counts: Counter | dict, state: StoryState) -> Vector:
    """``(1 + log tf) · idf``, unit length (the IDF of :meth:`StoryState.idf`, inlined)."""
    log, get, total = math.log, state.df.get, math.log(state.docs + 1) + 1.0
    return normalised({t: (1.0 + log(c)) * (total - log(get(t, 0) + 1))
                       for t, c in counts.items() if c > 0})


def _salience(bags: DocBags, state: StoryState) -> Vector:
    """Single-word names weighted by raw count (title counts once more) times IDF."""
    counts = Counter({t: c for t, c in bags.entities.items() if " " not in t})
    for term in bags.title_entities:
        if " " not in term:
            counts[term] += 1
    idf = state.idf
    return normalised({t: c * idf(t) for t, c in counts.items()})


def doc_vectors(bags: DocBags, state: StoryState, title_weight: float,
                when: datetime | None) -> DocVectors:
    """Weight the article's bags with the current IDF and normalise them."""
    text = Counter(bags.body)
    for term, count in bags.title.items():
        text[term] += title_weight * count
    vectors = {
        "text": _tfidf(text, state),
        "title": _tfidf(bags.title, state),
        "entities": _tfidf(bags.entities, state),
        "numbers": _tfidf(bags.numbers, state),
        "salient": _salience(bags, state),
    }
    return DocVectors(
        vectors=vectors,
        title_entities=set(bags.title_entities),
        words=set(bags.entities) | bags.words,
        date=when,
        core=heaviest(vectors["entities"], TOP_K),
        leads=heaviest(vectors["salient"], LEADS),
        top_numbers=heaviest(vectors["numbers"], NUMBERS),
    )


def days_between(when: datetime | None, story: Story) -> float | None:
    """Days from ``when`` to the story's dated span (0 inside it); None when undated."""
    if when is None or story.first is None:
        return None
    day = when.date() if isinstance(when, datetime) else when
    first, last = date.fromisoformat(story.first[:10]), date.fromisoformat(story.last[:10])
    if first <= day <= last:
        return 0.0
    return float(min(abs((day - first).days), abs((day - last).days)))


def _title_names_missing(doc: DocVectors, present: dict) -> float:
    """Share (by squared weight) of the headline's names that the story lacks."""
    vector = doc.vectors["entities"]
    mass = missing = 0.0
    for term in doc.title_entities:
        weight = vector.get(term, 0.0)
        mass += weight * weight
        if term not in present:
            missing += weight * weight
    return missing / mass if mass else 0.0


def _missing_share(top: list[tuple[str, float]], present: set | dict) -> float:
    """Share (by weight) of the heaviest terms ``top`` that are not in ``present``."""
    mass = sum(w for _, w in top)
    if not mass:
        return 0.0
    return sum(w for t, w in top if t not in present) / mass


def _lead_share(leads: list[tuple[str, float]], target: Vector, top_weight: float) -> float:
    """How prominent the ``leads`` are in ``target`` (1 = as prominent as its top name)."""
    mass = sum(w for _, w in leads)
    if not mass or not top_weight:
        return 0.0
    return sum(w * min(1.0, target.get(t, 0.0) / top_weight) for t, w in leads) / mass


def member_max(doc: DocVectors, story: Story) -> list[float]:
    """Per member bag, the highest cosine of the article with one kept member."""
    if not story.members:
        return [0.0] * len(MEMBER_BAGS)
    out = []
    for bag in MEMBER_BAGS:
        vector = doc.vectors[bag]
        out.append(max((dot(vector, m[bag]) for m in story.members), default=0.0)
                   if vector else 0.0)
    return out


def text_cosine(doc: DocVectors, story: Story) -> float:
    """Text cosine of the article with the story's centroid, computed once per story
    while the article is being placed (the story does not change meanwhile)."""
    found = doc.text_cosines.get(story.id)
    if found is None:
        found = doc.text_cosines[story.id] = cosine(
            doc.vectors["text"], story.sums["text"], story.norms["text"])
    return found


def features(doc: DocVectors, story: Story) -> list[float]:
    """The similarity features of ``doc`` against ``story``, in :data:`FEATURES` order."""
    v, sums, norms = doc.vectors, story.sums, story.norms
    doc_missing = _missing_share(doc.core, sums["entities"])
    story_missing = _missing_share(story.tops["entities"][:TOP_K], doc.words)
    story_leads = story.tops["salient"][:LEADS]
    return [
        text_cosine(doc, story),
        cosine(v["title"], sums["title"], norms["title"]),
        cosine(v["entities"], sums["entities"], norms["entities"]),
        cosine(v["numbers"], sums["numbers"], norms["numbers"]),
        _title_names_missing(doc, sums["entities"]),
        doc_missing,
        story_missing,
        doc_missing * story_missing,
        cosine(v["salient"], sums["salient"], norms["salient"]),
        _lead_share(doc.leads, sums["salient"], story_leads[0][1] if story_leads else 0.0),
        _lead_share(story_leads, v["salient"], doc.leads[0][1] if doc.leads else 0.0),
        math.log(story.size),
        *member_max(doc, story),
        _missing_share(doc.top_numbers, sums["numbers"])
        * _missing_share(story.tops["numbers"][:NUMBERS], v["numbers"]),
    ]
