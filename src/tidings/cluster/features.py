"""Vectors of one article and the similarity features between an article and a story."""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from tidings.cluster.state import MEMBER_BAGS, TOP_K, Story, StoryState
from tidings.cluster.text import DocBags
from tidings.cluster.vectors import Vector, cosine, dot, heaviest, normalised

FEATURES = ("text", "title", "entities", "numbers", "title_entity_missing",
            "doc_core_missing", "story_core_missing", "both_missing", "salient",
            "doc_lead_in_story", "story_lead_in_doc", "log_size",
            "member_text", "member_title", "member_entities", "member_numbers",
            "number_conflict", "specific", "specific_conflict")
# The features the shipped weights use. The member (max-link) and number-conflict features
# were measured too (bench/clustering.py --features all) and did not generalise better.
# ``specific``/``specific_conflict`` compare the figures of the headline and lead (tolls,
# counts) apart from the background numbers (years, weekdays) every report of a group shares.
SHIPPED = (*FEATURES[:12], "specific", "specific_conflict")
LEADS = 2
NUMBERS = 3


@dataclass(slots=True)
class DocVectors:
    """An article as unit TF-IDF vectors per bag, plus what the mismatch features need."""

    vectors: dict[str, Vector]
    title_entities: set[str]
    words: set[str]  # every token, lower-cased
    date: datetime | None
    core: list[tuple[str, float]]
    leads: list[tuple[str, float]]
    top_numbers: list[tuple[str, float]]
    top_specific: list[tuple[str, float]] = field(default_factory=list)
    text_cosines: dict[int, float] = field(default_factory=dict)  # story id → cosine


def all_terms(bags: DocBags) -> set[str]:
    """Every term of the article, for the document frequencies."""
    return set(bags.body).union(bags.title, bags.entities, bags.numbers, bags.specific)


def _unit(counts: Counter | dict, idf: dict[str, float]) -> Vector:
    """``(1 + log tf) · idf``, unit length."""
    log = math.log
    return normalised({t: (1.0 + log(c)) * idf[t] for t, c in counts.items() if c > 0})


def _idf(terms: Iterable[str], state: StoryState) -> dict[str, float]:
    """:meth:`StoryState.idf` of each term, as ``log(N + 1) + 1 - log(df + 1)`` (inlined:
    it runs for every term of every article)."""
    log, get, total = math.log, state.df.get, math.log(state.docs + 1) + 1.0
    return {t: total - log(get(t, 0) + 1) for t in terms}


def _salience(bags: DocBags, state: StoryState) -> Vector:
    """Single-word names weighted by raw count (title counts once more) times IDF."""
    counts = {t: c for t, c in bags.entities.items() if " " not in t}
    for term in bags.title_entities:
        if " " not in term:
            counts[term] = counts.get(term, 0) + 1
    log, get, docs = math.log, state.df.get, state.docs + 1
    return normalised({t: c * (log(docs / (get(t, 0) + 1)) + 1.0) for t, c in counts.items()})


def doc_vectors(bags: DocBags, state: StoryState, title_weight: float,
                when: datetime | None) -> DocVectors:
    """Weight the article's bags with the current IDF and normalise them."""
    text = dict(bags.body)
    get = text.get
    for term, count in bags.title.items():
        text[term] = get(term, 0) + title_weight * count
    words, names, numbers = (_idf(text, state), _idf(bags.entities, state),
                             _idf(bags.numbers.keys() | bags.specific.keys(), state))
    vectors = {
        "text": _unit(text, words),
        "title": _unit(bags.title, words),
        "entities": _unit(bags.entities, names),
        "numbers": _unit(bags.numbers, numbers),
        "salient": _salience(bags, state),
        "specific": _unit(bags.specific, numbers),
    }
    return DocVectors(
        vectors=vectors,
        title_entities=set(bags.title_entities),
        words=bags.words,
        date=when,
        core=heaviest(vectors["entities"], TOP_K),
        leads=heaviest(vectors["salient"], LEADS),
        top_numbers=heaviest(vectors["numbers"], NUMBERS),
        top_specific=heaviest(vectors["specific"], NUMBERS),
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
    mass = sum([w for _, w in top])
    if not mass:
        return 0.0
    return sum([w for t, w in top if t not in present]) / mass


def _names_missing(top: list[tuple[str, float]], doc: DocVectors) -> float:
    """Share (by weight) of the names ``top`` (``e:`` terms) that the article lacks, as a
    name or as any word (so a name it only writes in lower case still counts as there)."""
    mass = sum([w for _, w in top])
    if not mass:
        return 0.0
    names, words = doc.vectors["entities"], doc.words
    return sum([w for t, w in top if t not in names and t[2:] not in words]) / mass


def _lead_share(leads: list[tuple[str, float]], target: Vector, top_weight: float) -> float:
    """How prominent the ``leads`` are in ``target`` (1 = as prominent as its top name)."""
    mass = sum([w for _, w in leads])
    if not mass or not top_weight:
        return 0.0
    get = target.get
    return sum([w * min(1.0, get(t, 0.0) / top_weight) for t, w in leads]) / mass


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
    story_missing = _names_missing(story.tops["entities"][:TOP_K], doc)
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
        cosine(v["specific"], sums["specific"], norms["specific"]),
        specific_conflict(doc, story),
    ]


def specific_conflict(doc: DocVectors, story: Story) -> float:
    """How far the headline and lead figures of the article and of the story exclude each
    other: the share of the article's figures that the story never mentions (in a lead or
    anywhere else) times the share of the story's leading figures that the article never
    mentions; 0 when either side has none. A headline toll of 12 against a story whose
    reports all say 5 is another event; an updated toll that the story's reports also give
    is not."""
    tops = story.tops.get("specific")
    if not doc.top_specific or not tops:
        return 0.0
    sums, v = story.sums, doc.vectors
    return (_absent_share(doc.top_specific, sums["specific"], sums["numbers"])
            * _absent_share(tops[:NUMBERS], v["specific"], v["numbers"]))


def _absent_share(top: list[tuple[str, float]], lead: Vector, anywhere: Vector) -> float:
    """Share (by weight) of the figures ``top`` found neither among the other side's
    headline and lead figures nor anywhere in its number bag."""
    mass = sum([w for _, w in top])
    if not mass:
        return 0.0
    return sum([w for t, w in top if t not in lead and t not in anywhere]) / mass
