"""Place mentions in an article, and which of the places of that name is meant.

A mention is a run of up to four capitalised words (hyphens allowed inside) whose folded form
the gazetteer knows, outside any actor's name. Among the candidates of a mention, the one
with the best score wins: its prior (countries first, then provinces, then cities by
population; the place's own name over an alternate name), plus the context of the article —
its country named in the article, other places of the same country, a demonym ("Afghan"),
a qualifier right after it ("Paris, Texas"), a province cue ("Panjshir province").

Weak mentions count only with support from the rest of the article: words that are also
common words ("Of", "Mobile", "Bath"; these must moreover be capitalised in mid-sentence),
cities under 500,000 people (100,000 are enough right after "in", "near", "près de"…), and
one-word Arabic-script alternate names. For a place in the US, whose news is full of US
places, support means its state (named in the article, or right after it: "Troy, Mich.");
elsewhere its country named, another place of the country, or a demonym also count. A name
the gazetteer gives a single place, said twice right after such a word ("ФСС атаковал
блокпост в Талукане … в Талукане погибли"), is a place whatever its size: the article uses
it as one twice, which a person's name seldom is (once is not enough: "at Howard's news
conference", "directed at Palin"). A capitalised
word next to another capitalised word that is no place is taken as part of a person's or
organisation's name ("Ahmad Massoud", "Jackson Browne") and skipped.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from tidings.tag.gazetteer import Gazetteer, Place, name_key
from tidings.tag.text import Sentence, is_capitalised, is_word

SUPPORTED_ONLY_BELOW = 500_000
# A city of this size right after "in"/"near"/… needs no other support ("in Wolfsburg").
LOCATED_ABOVE = 100_000
LOCATIVE = frozenset("in at near into inside à au aux dans près cerca bei im nahe в во около در".split())
# "près de Tcharikar", "cerca de Kunduz", "north of Kabul": these are locative with "de"/"of".
LOCATIVE_WITH_OF = frozenset("""près autour proximité abords environs cerca alrededor alrededores afueras
outskirts north south east west nord sud est ouest norte sur este oeste""".split())
OF = frozenset("de del du of".split())
# A single-place name said this many times right after a locative word needs no other support.
LOCATED_TIMES = 2
PROVINCE_WORDS = frozenset("""province provinces provincial region district valley state county
provincia provinz провинция провинции провинцию области область округ ولایت استان ولسوالی""".split())
# Capitalised words that may stand before a place name without making it a person's name.
DESCRIPTORS = frozenset("""north south east west northern southern eastern western central
northeastern northwestern southeastern southwestern upper lower greater downtown old new
in at from to of near province city district valley the and or""".split())
PLACE_HEADS = frozenset("""province city district valley airport university region county state
border gate pass river lake mountains bay river port""".split())
PERSON_GATE_EXEMPT = frozenset("bezirk provinz kreis".split())
# Words for "city", "town", "capital"… before a name ("the city of", "in der Stadt").
PLACE_WORDS = frozenset("""city town village capital stadt dorf hauptstadt ville ciudad
город شهر""".split())


@dataclass(slots=True)
class Mention:
    """A place name found in one sentence, with its candidate places."""

    sentence: int
    first: int
    last: int
    key: str
    candidates: list[Place]
    needs_support: bool = False
    cue_province: bool = False
    cue_city: bool = False
    after_locative: bool = False
    qualifier: list[Place] = field(default_factory=list)
    place: Place | None = None


@dataclass(slots=True)
class Context:
    """What the whole article says about countries, to choose among candidates."""

    named: set[str] = field(default_factory=set)
    located: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)
    states: set[str] = field(default_factory=set)


@lru_cache(maxsize=65536)
def _primary(place: Place, key: str) -> bool:
    return name_key(place.name) == key


def _heads(gaz: Gazetteer, sentence: Sentence, blocked: set[int]) -> list[int]:
    """Word tokens outside any actor's name that may open a place name or be a demonym."""
    heads = gaz.openers(sentence.words)
    return [i for i in heads if i not in blocked] if blocked else heads


def _chain(sentence: Sentence, first: int, size: int, blocked: set[int]) -> list[int]:
    """Up to ``size`` word tokens from ``first`` on, joined only by hyphens or apostrophes."""
    words = sentence.words
    chain = [first]
    for i in range(first + 1, len(words)):
        if len(chain) == size or i in blocked:
            break
        if is_word(words[i]):
            chain.append(i)
        elif words[i] not in "-'":
            break
    return chain


def _lookup(gaz: Gazetteer, sentence: Sentence, idx: list[int]) -> tuple[str, list[Place]]:
    if len(idx) == 1:
        key, exact = sentence.folds[idx[0]], gaz.exact_case.get(sentence.words[idx[0]])
    else:
        key = " ".join([sentence.folds[i] for i in idx])
        exact = gaz.exact_case.get(" ".join([sentence.words[i] for i in idx]))
    return (key, exact) if exact else (key, gaz.lookup(key))


def _capitalised_word(sentence: Sentence, i: int) -> bool:
    if i < 0 or i >= len(sentence.words):
        return False
    word = sentence.words[i]
    return is_word(word) and word[0].isupper() and not sentence.initial(i)


def _person_like(gaz: Gazetteer, sentence: Sentence, first: int, last: int, cands: list[Place]) -> bool:
    if last - first != 1 or sentence.title_case():
        return False
    if any(p.kind == "country" or p.population >= 1_000_000 for p in cands):
        return False
    prev, nxt = first - 1, last
    if _capitalised_word(sentence, prev):
        word = sentence.folds[prev]
        if (word not in DESCRIPTORS and word not in PROVINCE_WORDS and word not in PLACE_WORDS
                and word not in PERSON_GATE_EXEMPT and not gaz.lookup(word) and word not in gaz.demonyms):
            return True
    if _capitalised_word(sentence, nxt):
        word = sentence.folds[nxt]
        return word not in PLACE_HEADS and not gaz.lookup(word)
    return False


def _province_cue(sentence: Sentence, first: int, last: int) -> bool:
    around = sentence.folds[max(0, first - 3):first] + sentence.folds[last:last + 1]
    return any(w in PROVINCE_WORDS for w in around)


def _city_cue(sentence: Sentence, first: int, last: int) -> bool:
    """"the city of Herat", "شهر هرات", "Kunduz city"."""
    before = sentence.folds[max(0, first - 2):first]
    after = sentence.folds[last:last + 1]
    return any(w in PLACE_WORDS for w in before) or after == ["city"]


def scan_sentence(gaz: Gazetteer, sentence: Sentence, index: int, blocked: set[int]) -> tuple[list[Mention], set[str]]:
    """Place mentions and demonym countries of one sentence.

    Left to right, the longest name the gazetteer knows wins; the words of a mention are
    not looked at again. A word that opens no mention may be a demonym ("Afghan").
    """
    mentions, demonyms, taken = [], set(), -1
    for i in _heads(gaz, sentence, blocked):
        if i <= taken:
            continue
        mention = _longest_mention(gaz, sentence, index, i, blocked)
        if mention is not None:
            mentions.append(mention)
            taken = mention.last - 1
        elif sentence.folds[i] in gaz.demonyms:
            demonyms.add(gaz.demonyms[sentence.folds[i]])
    _qualify(gaz, sentence, mentions)
    return mentions, demonyms


def _longest_mention(gaz: Gazetteer, sentence: Sentence, index: int, first: int,
                     blocked: set[int]) -> Mention | None:
    """The longest place name opening at token ``first`` that makes a mention, if any."""
    size = gaz.longest.get(sentence.folds[first], 0)
    if not size or not is_capitalised(sentence.words[first]):
        return None
    chain = _chain(sentence, first, size, blocked)
    for n in range(len(chain), 0, -1):
        idx = chain[:n]
        key, cands = _lookup(gaz, sentence, idx)
        if cands:
            mention = _mention(gaz, sentence, index, first, idx[-1] + 1, key, cands)
            if mention is not None:
                return mention
    return None


def _mention(gaz: Gazetteer, sentence: Sentence, index: int, first: int, last: int,
             key: str, cands: list[Place]) -> Mention | None:
    if not is_capitalised(sentence.words[first]):
        return None
    common = key in gaz.common
    if common and (sentence.initial(first) or sentence.title_case()):
        return None
    if _person_like(gaz, sentence, first, last, cands):
        return None
    return Mention(index, first, last, key, cands, needs_support=common,
                   cue_province=_province_cue(sentence, first, last),
                   cue_city=_city_cue(sentence, first, last),
                   after_locative=_after_locative(sentence, first))


def _after_locative(sentence: Sentence, first: int) -> bool:
    """Right after "in", "в", "à"… or after "près de", "north of"…."""
    before = [w.lower() for w in sentence.words[max(0, first - 2):first]]
    if before and before[-1] in LOCATIVE:
        return True
    return len(before) == 2 and before[1] in OF and before[0] in LOCATIVE_WITH_OF


# AP-style abbreviations of US states, as in "Springfield, Mo." or "Troy, Mich.".
US_STATE_ABBREVIATIONS = {
    "Ala": "AL", "Ariz": "AZ", "Ark": "AR", "Calif": "CA", "Colo": "CO", "Conn": "CT", "Del": "DE",
    "Fla": "FL", "Ga": "GA", "Ill": "IL", "Ind": "IN", "Kan": "KS", "Ky": "KY", "La": "LA", "Md": "MD",
    "Mass": "MA", "Mich": "MI", "Minn": "MN", "Miss": "MS", "Mo": "MO", "Mont": "MT", "Neb": "NE",
    "Nev": "NV", "Okla": "OK", "Ore": "OR", "Pa": "PA", "Tenn": "TN", "Vt": "VT", "Va": "VA",
    "Wash": "WA", "Wis": "WI", "Wyo": "WY", "N.H": "NH", "N.J": "NJ", "N.M": "NM", "N.Y": "NY",
    "N.C": "NC", "N.D": "ND", "R.I": "RI", "S.C": "SC", "S.D": "SD", "W.Va": "WV",
}


def _state_abbreviation(gaz: Gazetteer, sentence: Sentence, i: int) -> Place | None:
    """The US state written as "Mo." (or "N.Y.") from token ``i`` on, if any."""
    text = ""
    for word in sentence.words[i:i + 6]:
        if word == "." and text:
            state = US_STATE_ABBREVIATIONS.get(text.rstrip("."))
            if state:
                return gaz.states.get(state)
        text += word
    return None


def _qualify(gaz: Gazetteer, sentence: Sentence, mentions: list[Mention]) -> None:
    """"Paris, Texas", "Troy, Mich.": a state or country after a comma qualifies a place."""
    for k, a in enumerate(mentions):
        if a.last >= len(sentence.words) or sentence.words[a.last] != ",":
            continue
        b = mentions[k + 1] if k + 1 < len(mentions) else None
        if b is not None and b.first == a.last + 1:
            a.qualifier = [p for p in b.candidates if p.kind in ("admin1", "country")]
        else:
            state = _state_abbreviation(gaz, sentence, a.last + 1)
            a.qualifier = [state] if state else []


def _contribution(m: Mention) -> tuple[set[str], set[str], set[str]]:
    """The countries a mention names, the countries it locates, the US states it names."""
    chosen = [m.place] if m.place else m.candidates
    countries = {p.country for p in chosen}
    if len(countries) != 1 or m.needs_support:
        return set(), set(), set()
    named = countries if all(p.kind == "country" for p in chosen) else set()
    states = {p.admin1 for p in chosen if p.kind == "admin1" and p.country == "US"}
    return named, countries, states


def _contexts(mentions: list[Mention], demonyms: set[str]) -> dict[str, Context]:
    """For each name, what the *other* names of the article say (linear in mentions)."""
    by_key: dict[str, tuple[set[str], set[str], set[str]]] = {}
    for m in mentions:
        have = by_key.setdefault(m.key, (set(), set(), set()))
        for mine, more in zip(have, _contribution(m)):
            mine |= more
    counts: tuple[Counter, Counter, Counter] = (Counter(), Counter(), Counter())
    for parts in by_key.values():
        for counter, part in zip(counts, parts):
            counter.update(part)

    def others(counter: Counter, own: set[str]) -> set[str]:
        return {c for c, n in counter.items() if n - (c in own) > 0}

    return {key: Context(others(counts[0], parts[0]), others(counts[1], parts[1]), set(demonyms),
                         others(counts[2], parts[2]))
            for key, parts in by_key.items()}


def score(place: Place, mention: Mention, ctx: Context) -> tuple[float, float]:
    """``(total score, support)`` of one candidate of ``mention``.

    ``support`` is what the article says for it beyond its name. For places in the US,
    whose news is full of US places, only a state (named in the article or right after the
    name) or a province cue counts as support; elsewhere the country counts too.
    """
    broad = 0.0
    if place.country in ctx.named and place.kind != "country":
        broad += 2.5
    if place.country in ctx.located:
        broad += 2.0
    if place.country in ctx.demonyms:
        broad += 0.75
    narrow = 0.0
    if place.country == "US" and place.admin1 and place.admin1 in ctx.states and place.kind != "admin1":
        narrow += 1.5
    if any(_qualifies(q, place) for q in mention.qualifier):
        narrow += 3.0
    base = place.prior + (1.0 if _primary(place, mention.key) else 0.0)
    if mention.cue_province:
        base += 1.5 if place.kind in ("admin1", "district") else -0.5
        narrow += 0.5 if place.kind in ("admin1", "district") else 0.0
    if mention.cue_city and place.kind == "city":
        base, narrow = base + 2.0, narrow + 0.5
    support = narrow if place.country == "US" else narrow + broad
    return base + broad + narrow, support


def _qualifies(qual: Place, place: Place) -> bool:
    if qual.kind == "country":
        return qual.country == place.country and place.kind != "country"
    return qual.country == place.country and qual.admin1 == place.admin1 and place.kind != "admin1"


def _acceptable(gaz: Gazetteer, m: Mention, place: Place, support: float, located: int = 0) -> bool:
    """Weak mentions — common words, small cities, sentence-initial or caseless alternate
    names — count only with support from the rest of the article; a small city's name with
    no other candidate, said ``located`` times right after a locative word, supports itself."""
    small = place.kind == "city" and place.population < SUPPORTED_ONLY_BELOW
    if small and m.after_locative and place.population >= LOCATED_ABOVE:
        small = False
    if small and located >= LOCATED_TIMES and len(m.candidates) == 1:
        small = False
    weak = m.needs_support or small or (m.key, place.id) in gaz.weak
    return support > 0 or not weak


def resolve(gaz: Gazetteer, mentions: list[Mention], demonyms: set[str]) -> list[Mention]:
    """Choose a place for each mention (two passes); drop the mentions nothing supports."""
    if not mentions:
        return []
    contexts = _contexts(mentions, demonyms)
    chosen = _choose(mentions, contexts)
    contexts = _contexts(mentions, demonyms)
    if _choose(mentions, contexts) != chosen:  # else the contexts of the choice are these
        contexts = _contexts(mentions, demonyms)
    located = Counter(m.key for m in mentions if m.after_locative)
    kept = []
    for m in mentions:
        m.place = _supported(gaz, m, contexts[m.key], located[m.key])
        if m.place is not None:
            kept.append(m)
    return kept


def _choose(mentions: list[Mention], contexts: dict[str, Context]) -> list[int]:
    """Give each mention its best place in ``contexts``; the ids of the places chosen."""
    for m in mentions:
        m.place = _best(m, contexts[m.key])
    return [id(m.place) for m in mentions]


def _best(m: Mention, ctx: Context) -> Place:
    """The candidate with the highest score (the first of them on a tie)."""
    if len(m.candidates) == 1:
        return m.candidates[0]
    return max(m.candidates, key=lambda p: score(p, m, ctx)[0])


def _supported(gaz: Gazetteer, m: Mention, ctx: Context, located: int) -> Place | None:
    """The best-scored candidate that is acceptable with the support it has, if any."""
    scored = [(p, score(p, m, ctx)) for p in m.candidates]
    ranked = sorted(scored, key=lambda ps: -ps[1][0]) if len(scored) > 1 else scored
    return next((p for p, (_, support) in ranked if _acceptable(gaz, m, p, support, located)), None)


def find_places(gaz: Gazetteer, sentences: list[Sentence],
                blocked: list[set[int]] | None = None) -> list[Mention]:
    """Resolved place mentions of an article (its sentences, title first)."""
    mentions, demonyms = [], set()
    for i, sentence in enumerate(sentences):
        found, dems = scan_sentence(gaz, sentence, i, blocked[i] if blocked else set())
        mentions += found
        demonyms |= dems
    return resolve(gaz, mentions, demonyms)
