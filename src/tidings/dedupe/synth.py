"""A synthetic syndication corpus: events, independent reports of them, and edited copies.

Every event is written up by several outlets in their own words (same names, places and
numbers, sometimes the same quoted statement) — these must NOT be merged. Every report may
then be copied: verbatim, with a new headline, cut to half, as a teaser, with a paragraph
added or removed, wrapped in boilerplate, with markup noise, lightly edited, or several of
these at once; with or without a credit link, and aggregators sometimes give an earlier
(wrong) date. Used by ``bench/dedupe.py`` and the tests; deterministic for a given seed.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from . import synth_words as W
from .synth_templates import KINDS

EDITS = ("verbatim", "headline", "truncated", "teaser", "para_added", "para_removed",
         "boilerplate", "markup", "light_edit", "combo")
WIRES = ("wirenews.example", "globalpress.example", "presswire.example")
OUTLETS = tuple(f"{n}.example" for n in (
    "dailyherald news-gazette morningpost eveningstar citytribune valleytimes harbourcourier "
    "northernecho coastalobserver capitalreview metrojournal provincialstandard riverside-record "
    "highlandsun lakesidemail westernsentinel easternpress southernledger uplandexpress "
    "islandchronicle").split())
AGGREGATORS = tuple(f"{n}.example" for n in (
    "newsnow-hub allthenews-feed headlinesdaily-agg topstories-mirror worldwire-digest "
    "newsbreak-aggregator").split())


@dataclass(slots=True)
class Doc:
    """One synthetic article with its gold labels."""

    id: int
    url: str
    host: str
    title: str
    text: str
    published: datetime
    first_seen: datetime
    event: int
    original: int
    edit: str = "original"
    credit_url: str = ""
    wrong_date: bool = False

    def record(self) -> dict:
        """The record ``dedupe_records`` reads (ISO dates; gold fields left out)."""
        return {"id": self.id, "date": self.published.isoformat(), "lang": "en",
                "title": self.title, "text": self.text, "url": self.url,
                "published": self.published.isoformat(),
                "first_seen": self.first_seen.isoformat(), "credit_url": self.credit_url}


def _fill(template: str, facts: dict, rng: random.Random) -> str:
    def sub(m: re.Match) -> str:
        key = m.group(1)
        if key in facts:
            return str(facts[key])
        return _word(key, facts, rng)
    return re.sub(r"\{(\w+)\}", sub, template)


def _word(key: str, facts: dict, rng: random.Random) -> str:
    pools = {"noun": W.NOUNS, "noun2": W.NOUNS, "adj": W.ADJS, "adj2": W.ADJS, "verb": W.VERBS,
             "verb2": W.VERBS, "adverb": W.ADVERBS, "time": W.TIMES, "say": W.SAY,
             "say_late": W.SAY_LATE, "linker": W.LINKERS, "role2": W.ROLES}
    if key in pools:
        return rng.choice(pools[key])
    if key == "person2":
        return W.person(rng)
    if key == "org2":
        return W.organisation(rng, W.name_part(rng))
    if key == "place2":
        return W.name_part(rng)
    raise KeyError(key)


_FILLER = (
    "{linker}, {subject} {verb} the {adj} {noun} {time}, {person2}, a {role2}, {say_late}.",
    "{subject} {adverb} {verb} a {adj} {noun} for the {noun2} in {place2}.",
    "The {adj} {noun} had been {verb} {time}, and {subject} expects the {noun2} to be {verb2} {adverb}.",
    "{person2}, a {role2} in {place2}, {say_late} that the {noun} was {adverb} {verb} after the {adj2} {noun2}.",
    "{linker}, the {adj} {noun2} near {place} was {verb} {time} amid concerns over the {noun}.",
    "Figures published by {org2} show the {adj} {noun} {verb2} {adverb} {time}.",
    "{subject} {say_late} the {noun} would be {verb} unless the {adj2} {noun2} is {verb2} {time}.",
)
_SUBJECTS = ("residents of {place}", "the {role}", "{org}", "analysts at {org2}",
             "opposition lawmakers", "a coalition of {noun} groups", "local traders",
             "the {adj} council in {place2}")


def filler(facts: dict, rng: random.Random) -> str:
    """One background sentence from a small grammar over a large vocabulary."""
    template = rng.choice(_FILLER).replace("{subject}", rng.choice(_SUBJECTS))
    sentence = _fill(template, facts, rng)
    return sentence[0].upper() + sentence[1:]


def make_event(eid: int, rng: random.Random, base: datetime) -> dict:
    """The facts of one event: kind, place, people, organisation, numbers, time, quote."""
    kind = rng.choice(list(KINDS))
    place = W.name_part(rng)
    facts = {"kind": kind, "place": place, "country": W.name_part(rng) + "ia",
             "person": W.person(rng), "role": rng.choice(W.ROLES),
             "org": W.organisation(rng, place), "org_b": W.organisation(rng, W.name_part(rng)),
             "team_b": W.name_part(rng), "rival": W.person(rng),
             "day": rng.choice(W.TIMES[:7]), "n1": rng.randint(3, 90), "n2": rng.randint(100, 9000),
             "n3": round(rng.uniform(1.1, 9.8), 1), "n4": rng.randint(2, 40), "low": rng.randint(0, 3),
             "when": base + timedelta(days=eid * 0.37 + rng.random(), hours=rng.randint(0, 20))}
    facts["quote"] = _fill(rng.choice(KINDS[kind]["quotes"]), facts, rng)
    return facts


def write_report(facts: dict, rng: random.Random) -> tuple[str, str]:
    """One outlet's own write-up of an event: a headline and paragraphs of text."""
    k = KINDS[facts["kind"]]
    title = _fill(rng.choice(k["titles"]), facts, rng)
    sentences = [_fill(rng.choice(k["leads"]), facts, rng)]
    details = rng.sample(k["details"], rng.randint(3, min(5, len(k["details"]))))
    sentences += [_fill(d, facts, rng) for d in details]
    if rng.random() < 0.6:
        sentences.insert(rng.randint(1, len(sentences)),
                         f"\u201c{facts['quote']}\u201d {facts['person']}, the {facts['role']}, "
                         f"{rng.choice(W.SAY)}.")
    sentences += [filler(facts, rng) for _ in range(rng.randint(5, 11))]
    paragraphs, i = [], 0
    while i < len(sentences):
        n = 1 if i == 0 else rng.randint(1, 3)
        paragraphs.append(" ".join(sentences[i:i + n]))
        i += n
    return title, "\n\n".join(paragraphs)


def _slug(title: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8])


def _url(host: str, when: datetime, title: str, n: int) -> str:
    return f"https://{host}/{when:%Y/%m/%d}/{_slug(title)}-{n}"


@dataclass
class Corpus:
    """Generated documents plus the gold facts the benchmark scores against."""

    docs: list[Doc]
    aggregators: frozenset[str]

    def records(self) -> list[dict]:
        return [d.record() for d in self.docs]


def generate(events: int = 300, seed: int = 1, copy_rate: float = 1.3) -> Corpus:
    """A corpus of ``events`` events, their reports, and the reports' copies."""
    rng = random.Random(seed)
    base = datetime(2024, 3, 1, 6, tzinfo=timezone.utc)
    docs: list[Doc] = []
    from .synth_copies import make_copy
    for eid in range(events):
        facts = make_event(eid, rng, base)
        n_reports = rng.choice((1, 1, 2, 2, 3, 3, 4, 5))
        for host in rng.sample(WIRES + OUTLETS, n_reports):
            title, text = write_report(facts, rng)
            when = facts["when"] + timedelta(minutes=rng.randint(0, 240))
            orig = Doc(len(docs), _url(host, when, title, len(docs)), host, title, text, when,
                       when + timedelta(minutes=rng.randint(2, 60)), eid, len(docs))
            docs.append(orig)
            for _ in range(_copies(rng, copy_rate)):
                docs.append(make_copy(orig, len(docs), rng, facts))
    return Corpus(docs, frozenset(AGGREGATORS))


def _copies(rng: random.Random, rate: float) -> int:
    r = rng.random()
    if r < 0.4:
        return 0
    return rng.randint(1, 2) if r < 0.75 else rng.randint(3, max(3, int(rate * 6)))


__all__ = ["Corpus", "Doc", "EDITS", "generate", "make_event", "write_report"]
