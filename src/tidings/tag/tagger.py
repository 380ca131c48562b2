"""``tag_article``: actors, places and events of one article, each with its evidence sentence."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from tidings.tag.events import Lexicon, Trigger, find_triggers, get_lexicon
from tidings.tag.gazetteer import Gazetteer, get_gazetteer
from tidings.tag.linking import VIOLENT, blamed_actor, link_sentence
from tidings.tag.places import Mention, find_places
from tidings.tag.sentences import split_sentences
from tidings.tag.text import Sentence
from tidings.tag.watchlist import ActorMatch, Watchlist

MAX_EVIDENCE = 500
KINDS = ("actor", "place", "event")


@dataclass(slots=True)
class Tag:
    """One tag of an article.

    ``kind`` is ``actor``, ``place`` or ``event``; ``name`` the actor's name, the place's
    name or the event type; ``evidence`` the sentence it was found in. For an event,
    ``actor`` is the actor of the same sentence that did it (None when the sentence names
    none, or only a target), ``target`` the actor it was done to, ``place`` the place named
    in the same sentence. ``ref`` identifies the actor (watchlist id) or the place
    (``geonames:<id>``). ``count`` is how many sentences say it.
    """

    kind: str
    name: str
    evidence: str = ""
    actor: str | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    ref: str = ""
    target: str | None = None
    place: str | None = None
    count: int = 1

    def to_dict(self) -> dict[str, Any]:
        """All fields as plain data (JSON-ready)."""
        return asdict(self)

    def to_row(self) -> dict[str, Any]:
        """The columns of the store's ``tags`` table."""
        return {"kind": self.kind, "name": self.name, "actor": self.actor, "evidence": self.evidence,
                "country": self.country or "", "lat": self.lat, "lon": self.lon}


def _evidence(text: str) -> str:
    short = " ".join(text[:MAX_EVIDENCE * 4].split())
    if len(short) <= MAX_EVIDENCE and len(text) <= MAX_EVIDENCE * 4:
        return short
    return short[:MAX_EVIDENCE - 1].rstrip() + "…"


def article_sentences(title: str, text: str) -> list[Sentence]:
    """The title (as its own sentence, when there is one) and the sentences of the text."""
    out = [Sentence.of(s, is_title=True) for s in split_sentences(title or "")[:1]]
    out += [Sentence.of(s) for s in split_sentences(text or "")]
    return out


class _Collector:
    """Tags in first-seen order, one per identity, with a count of sentences."""

    def __init__(self) -> None:
        self.tags: dict[tuple, Tag] = {}

    def add(self, key: tuple, tag: Tag) -> None:
        have = self.tags.get(key)
        if have is None:
            self.tags[key] = tag
        else:
            have.count += 1
            have.place = have.place or tag.place


def _actor_tag(match: ActorMatch, evidence: str) -> Tag:
    actor = match.actor
    return Tag("actor", actor.name, evidence, ref=actor.id, country=actor.country or None)


def _place_tag(m: Mention, evidence: str) -> Tag:
    p = m.place
    return Tag("place", p.name, evidence, lat=p.lat, lon=p.lon, country=p.country, ref=p.id)


def _nearest_place(trig: Trigger, mentions: list[Mention]) -> str | None:
    if not mentions:
        return None
    best = min(mentions, key=lambda m: min(abs(m.first - trig.last), abs(trig.first - m.last)))
    return best.place.name if best.place else None


def _event_tags(sentence: Sentence, evidence: str, triggers: list[Trigger], actors: list[ActorMatch],
                places: list[Mention], lang: str) -> list[Tag]:
    return [Tag("event", link.trigger.type, evidence,
                actor=link.agent_actor.name if link.agent_actor else None,
                target=link.target_actor.name if link.target_actor else None,
                place=_nearest_place(link.trigger, places))
            for link in link_sentence(sentence, triggers, actors, lang)]


def tag_article(title: str, text: str, lang: str = "", watchlist: Watchlist | None = None,
                gazetteer: Gazetteer | None = None, *, lexicon: Lexicon | None = None) -> list[Tag]:
    """Tag one article: actors of ``watchlist``, places of ``gazetteer``, events of the lexicon.

    Pure function of its inputs (the gazetteer and lexicon default to the shared ones, built
    once). Returns one tag per actor, per place and per (event type, actor), in order of
    first mention, each with the first sentence that shows it as ``evidence``.
    """
    watchlist = watchlist if watchlist is not None else Watchlist()
    gazetteer = gazetteer or get_gazetteer()
    lexicon = lexicon or get_lexicon()
    langs = lexicon.languages_for(lang)
    primary = langs[0] if len(langs) == 1 else ""
    sentences = article_sentences(title, text)
    actor_matches = [watchlist.match_sentence(s) for s in sentences]
    blocked = [{i for m in ms if not m.metonym for i in range(m.first, m.last)} for ms in actor_matches]
    as_actor = [{i for m in ms if m.metonym for i in range(m.first, m.last)} for ms in actor_matches]
    # A country standing for its government ("Pakistan said…") is context, not a place tag.
    mentions = [m for m in find_places(gazetteer, sentences, blocked)
                if not as_actor[m.sentence] & set(range(m.first, m.last))]
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    out = _Collector()
    for i, sentence in enumerate(sentences):
        _tag_sentence(out, sentence, actor_matches[i], by_sentence.get(i, []), blocked[i],
                      langs, primary, lexicon)
    _credit_blame(out, sentences, actor_matches)
    return _order(list(out.tags.values()))


def _credit_blame(out: _Collector, sentences: list[Sentence], actor_matches: list[list[ActorMatch]]) -> None:
    """An article whose violent event has no doer, and which says who is blamed for it
    ("officials pointed to the NSF", "les autorités ont accusé le FSN"), gets that event
    done by the blamed actor, with the blaming sentence as evidence."""
    orphan = next((t for t in out.tags.values() if t.kind == "event" and t.actor is None
                   and t.name in VIOLENT), None)
    if orphan is None or any(t.kind == "event" and t.name == orphan.name and t.actor for t in out.tags.values()):
        return
    for sentence, actors in zip(sentences, actor_matches):
        blamed = blamed_actor(sentence, actors)
        if blamed is not None:
            tag = Tag("event", orphan.name, _evidence(sentence.text), actor=blamed.actor.name, place=orphan.place)
            out.add(("event", orphan.name, tag.actor), tag)
            return


def _tag_sentence(out: _Collector, sentence: Sentence, actors: list[ActorMatch], places: list[Mention],
                  blocked: set[int], langs: list[str], lang: str, lexicon: Lexicon) -> None:
    triggers = find_triggers(sentence, langs, lexicon, _no_trigger(blocked, places))
    if not (actors or places or triggers):
        return
    evidence = _evidence(sentence.text)
    for match in actors:
        out.add(("actor", match.actor.id), _actor_tag(match, evidence))
    for m in places:
        out.add(("place", m.place.id), _place_tag(m, evidence))
    for tag in _event_tags(sentence, evidence, triggers, actors, places, lang):
        out.add(("event", tag.name, tag.actor), tag)


def _no_trigger(blocked: set[int], places: list[Mention]) -> set[int]:
    """Tokens no event trigger may begin or end on: actors' and places' names."""
    return blocked | {j for m in places for j in range(m.first, m.last)} if places else blocked


def _order(tags: list[Tag]) -> list[Tag]:
    return sorted(tags, key=lambda t: KINDS.index(t.kind))
