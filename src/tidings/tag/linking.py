"""Who did what, within one sentence: the agent and the target of each event trigger.

Rules, in order (nothing crosses a sentence boundary):

* symmetric events (clash, agreement, ceasefire) belong to every actor of the sentence;
* nouns for participants ("protesters", "hostages") link to no actor;
* an actor after "by" (par, por, von, durch, توسط) is the agent ("attacked by the NRF");
* a passive ("were killed", "ont été tués", "کشته شدند", a headline "…arrested in X")
  makes the actor before the trigger its target;
* a statement belongs to the actor just before the reporting verb ("the AFF said in a
  statement"), else the actor before it, else one right after ("a spokesman of the Taliban");
* in German and Persian a noun trigger followed by its actor in the genitive is that actor's
  ("Angriff der Taliban", "حمله طالبان");
* otherwise the agent is the actor before the trigger — the nearest one (the first one in the
  verb-final languages de/fa) — skipping sources ("according to the NRF", "…, X said"),
  speakers before a reporting verb ("The Taliban said an attack…"; unless a pronoun takes
  them up: "the NRF said its fighters attacked"), targets ("on", "against") and parties
  ("between X and Y"), and actors that were the target of an earlier event;
* ", killing three": a participle takes the agent of the event before it;
* an attack, blast or killing with no agent takes the actor that claimed it in the same
  sentence ("ISKP claimed responsibility for the attack").
"""
from __future__ import annotations

from dataclasses import dataclass

from tidings.tag.events import Trigger
from tidings.tag.text import Sentence
from tidings.tag.watchlist import Actor, ActorMatch

SYMMETRIC = frozenset({"clash", "agreement", "ceasefire"})
VIOLENT = frozenset({"attack", "explosion", "killing", "kidnapping", "airstrike"})
SOV_LANGS = frozenset({"fa", "de"})
AGENT_MARKERS = frozenset("by par por von durch توسط سوی".split())
TARGET_MARKERS = frozenset("""on against targeting targeted at upon contre sur contra gegen
против на علیه بر به""".split())
PASSIVE_BEFORE = frozenset("""was were been being is are be get got gets ete fue fueron
fueran sido wurde wurden worden был была были было""".split())
PASSIVE_AFTER = frozenset("شد شدند شده شدن گردید گردیدند worden".split())
# "fought off an assault", "repelled an attack", "repousse une attaque": the actor before
# defended itself; it is the target.
REPEL = frozenset("""repelled repel repels repulsed repulse thwarted foiled repousse repousserent
rechazaron rechazo repelieron wehrten abgewehrt отразили отбили""".split())
REPEL_PAIRS = frozenset({("fought", "off"), ("fight", "off"), ("fighting", "off"), ("fend", "off"),
                         ("fended", "off"), ("beat", "off"), ("beat", "back"), ("pushed", "back"),
                         ("push", "back"), ("pushing", "back"), ("drove", "back"), ("driven", "back")})
HEADLINE_PASSIVE_NEXT = frozenset("in at near after on as during over amid for".split())
# Auxiliaries of active perfect tenses: "dit avoir tué", "has killed", "han matado".
ACTIVE_AUX = frozenset("have has had avoir a ont avait avaient haber ha han habia habian hat haben".split())
# Past participles by language (on the unfolded word): a headline "Des talibans tués…",
# "Two NRF commanders arrested in…" is passive without its auxiliary.
PARTICIPLE_ENDINGS = {"en": ("ed",), "fr": ("é", "és", "ée", "ées"),
                      "es": ("ado", "ados", "ada", "adas", "ido", "idos", "ida", "idas"),
                      "ru": ("ты", "ны", "ан", "ен")}
EN_IRREGULAR = frozenset("""shot slain hit struck held taken seized caught fought overrun overran
beaten kidnapped""".split())
SPEECH = frozenset("""said says say told stated added alleged reported confirmed confirms denied
denies condemn condemned condemns blamed blames accused accuses warned warns commented comment comments
dit affirme affirmait selon indique indiqué dijo afirmo segun indico sagte laut erklarte
заявил заявила заявили сообщил сообщила сообщили گفت گفته گفتند افزود محکوم""".split())
SOURCE_MARKERS = frozenset("according selon segun laut angaben словам گفته".split())
SELF_REFERENCE = frozenset("""its their they it his her son sa ses leur leurs su sus sein seine
ihre avoir haber having group groupe grupo gruppe группировка группа""".split())
BETWEEN = frozenset("between among entre zwischen между میان بین".split())
# What may stand between a noun trigger and its doer: "Angriff der Taliban", "embuscade du
# FNR", "ataque del Estado Islámico", "حمله طالبان" (nothing: the ezafe is unwritten).
GENITIVE_GAPS = {"de": {("der",), ("des",)},
                 "fr": {("du",), ("des",), ("de", "la"), ("de", "l", "'"), ("d", "'")},
                 "es": {("del",), ("de", "los"), ("de", "las"), ("de", "la")},
                 "fa": {()}}
PARTICIPANTS = frozenset("""protesters protestors demonstrators manifestants manifestantes
demonstranten протестующие протестующих معترضان معترضین hostages otages rehenes geiseln
заложников заложники detainees detenus""".split())
# "officials pointed to the NSF", "blamed the Taliban", "accusent le FSN", "culparon al FSN",
# "обвинили ФСС": the actor right after is the one held responsible.
BLAME = frozenset("""blamed blame blames accused accuse accuses suspected suspect suspects
accuse accusent accuse accuserent impute imputent culpo culparon culpan acuso acusaron
acusan beschuldigte beschuldigten beschuldigt обвинили обвиняют обвинил""".split())
BLAME_PHRASES = (("pointed", "to"), ("pointed", "the", "finger", "at"), ("attribue", "a"),
                 ("atribuyeron", "a"), ("atribuyo", "a"))
CLAIM_STEMS = ("responsib", "revendiq", "reivindic", "bekann", "bekenn", "ответственност", "на себя",
               "مسئولیت")


@dataclass(slots=True)
class EventLink:
    """One event of a sentence: its trigger, agent and target (actor mentions or None)."""

    trigger: Trigger
    agent: ActorMatch | None = None
    target: ActorMatch | None = None

    @property
    def agent_actor(self) -> Actor | None:
        return self.agent.actor if self.agent else None

    @property
    def target_actor(self) -> Actor | None:
        return self.target.actor if self.target else None


def _folded(sentence: Sentence, lo: int, hi: int) -> list[str]:
    return sentence.folds[max(lo, 0):max(hi, 0)]


def _marked(sentence: Sentence, m: ActorMatch, markers: frozenset[str], reach: int = 2) -> bool:
    return any(w in markers for w in _folded(sentence, m.first - reach, m.first))


def _source(sentence: Sentence, m: ActorMatch, *, after: bool = False) -> bool:
    """True for "according to the NRF" and, after the event, "…, the Taliban said"."""
    if _marked(sentence, m, SOURCE_MARKERS, 3):
        return True
    return after and any(w in SPEECH for w in _folded(sentence, m.last, m.last + 2))


def _may_be_participle(word: str, lang: str) -> bool:
    """False for an English word that cannot be a past participle ("raid", "attack");
    other languages are not checked."""
    return lang != "en" or word.endswith("ed") or word in EN_IRREGULAR


def _passive(sentence: Sentence, trig: Trigger, lang: str) -> bool:
    before = _folded(sentence, trig.first - 3, trig.first)
    after = _folded(sentence, trig.last, trig.last + 2)
    word = sentence.words[trig.last - 1].lower()
    if before and before[-1] == "under":  # "came under attack"
        return True
    if any(w in REPEL for w in before) or any(pair in REPEL_PAIRS for pair in zip(before, before[1:])):
        return True
    # "were killed" is passive; "its fighters were behind the raid" is not.
    if any(w in PASSIVE_BEFORE for w in before) and _may_be_participle(word, lang or "en"):
        return True
    if any(w in PASSIVE_AFTER for w in after):
        return True
    if before and before[-1] in ACTIVE_AUX:
        return False
    if sentence.is_title and word.endswith(PARTICIPLE_ENDINGS.get(lang or "en", ())):
        return lang not in ("", "en") or not after or after[0] in HEADLINE_PASSIVE_NEXT
    return False


def _speech_before(sentence: Sentence, trig: Trigger) -> int | None:
    found = None
    for i in range(trig.first):
        if sentence.folds[i] in SPEECH:
            found = i
    return found


def _speaker_cut(sentence: Sentence, trig: Trigger) -> int:
    """Index after the last reporting word before the trigger, or -1 when a pronoun between
    them refers back to the speaker ("the NRF said its fighters attacked")."""
    speech = _speech_before(sentence, trig)
    if speech is None:
        return 0
    between = _folded(sentence, speech + 1, trig.first)
    return -1 if any(w in SELF_REFERENCE for w in between) else speech + 1


def _statement_agent(sentence: Sentence, trig: Trigger, before: list[ActorMatch],
                     after: list[ActorMatch]) -> ActorMatch | None:
    speech = _speech_before(sentence, trig)
    if speech is not None:
        near = [m for m in before if 0 <= speech - m.last <= 3]
        if near:
            return near[-1]
    else:
        plain = [m for m in before if not _source(sentence, m) and not _marked(sentence, m, TARGET_MARKERS)]
        if plain:
            return plain[-1]
    return after[0] if after and after[0].first - trig.last <= 3 else None


def _genitive_agent(sentence: Sentence, trig: Trigger, after: list[ActorMatch], lang: str) -> ActorMatch | None:
    if lang not in GENITIVE_GAPS or not after:
        return None
    gap = tuple(_folded(sentence, trig.last, after[0].first))
    return after[0] if gap in GENITIVE_GAPS[lang] else None


def link_actors(sentence: Sentence, trig: Trigger, actors: list[ActorMatch], lang: str = "",
                skip: frozenset[int] | set[int] = frozenset()) -> tuple[ActorMatch | None, ActorMatch | None]:
    """The ``(agent, target)`` mentions of one non-symmetric trigger of ``sentence``."""
    if not actors or _folded(sentence, trig.last - 1, trig.last)[0] in PARTICIPANTS:
        return None, None
    near = [m for m in actors if abs(m.first - trig.first) <= 8 or abs(m.last - trig.last) <= 8]
    by_agent = next((m for m in near if _marked(sentence, m, AGENT_MARKERS)), None)
    before = [m for m in actors if m.last <= trig.first and m is not by_agent]
    after = [m for m in actors if m.first >= trig.last and m is not by_agent
             and not _source(sentence, m, after=True)]
    if _passive(sentence, trig, lang):
        return by_agent, (before[-1] if before else None)
    if by_agent:
        return by_agent, (before[-1] if before else after[0] if after else None)
    if trig.type == "statement":
        return _statement_agent(sentence, trig, before, after), None
    genitive = _genitive_agent(sentence, trig, after, lang)
    if genitive:
        return genitive, next((m for m in after if m.actor is not genitive.actor), None)
    agent = _plain_agent(sentence, trig, before, lang, skip)
    targets = [m for m in before if _marked(sentence, m, TARGET_MARKERS)] + after
    target = next((m for m in targets if agent is None or m.actor is not agent.actor), None)
    return agent, target


def _plain_agent(sentence: Sentence, trig: Trigger, before: list[ActorMatch], lang: str,
                 skip: frozenset[int] | set[int]) -> ActorMatch | None:
    if lang in SOV_LANGS and any(w in SPEECH for w in _folded(sentence, trig.last, trig.last + 4)):
        return None  # "… این حملات را محکوم کرد": the actor before is the one who condemned
    cut = _speaker_cut(sentence, trig)
    candidates = [m for m in before if (cut == -1 or m.first >= cut) and m.first not in skip
                  and not _source(sentence, m) and not _marked(sentence, m, TARGET_MARKERS)
                  and not _marked(sentence, m, BETWEEN, 8)]
    if not candidates:
        return None
    return candidates[0] if lang in SOV_LANGS else candidates[-1]


def _participle(sentence: Sentence, trig: Trigger) -> bool:
    """", killing three": a participle clause whose doer is the previous event's."""
    word = sentence.folds[trig.first]
    return (trig.first > 0 and sentence.words[trig.first - 1] == ","
            and word.endswith(("ing", "ant", "ando", "iendo", "end", "ив")))


def _parties(sentence: Sentence, actors: list[ActorMatch]) -> list[ActorMatch]:
    """The distinct actors of a sentence but its sources ("…, Pakistan's foreign office said")."""
    seen: dict[str, ActorMatch] = {}
    for m in actors:
        if not _source(sentence, m, after=True) and not _reporter(sentence, m):
            seen.setdefault(m.actor.id, m)
    return list(seen.values())


def _reporter(sentence: Sentence, m: ActorMatch) -> bool:
    """True for an actor whose reporting verb follows within a few words ("X's office said")."""
    return any(w in SPEECH for w in _folded(sentence, m.last, m.last + 4)) and m.first > 0 and \
        sentence.words[m.first - 1] == ","


def blamed_actor(sentence: Sentence, actors: list[ActorMatch]) -> ActorMatch | None:
    """The actor a sentence holds responsible ("officials pointed to the NSF"), if any:
    one named within three words after a word or phrase of blame, not negated."""
    words = sentence.folds
    for m in actors:
        before = words[max(m.first - 5, 0):m.first]
        for k in range(len(before)):
            tail = tuple(before[k:])
            cue = before[k] in BLAME or any(tail[:len(p)] == p for p in BLAME_PHRASES)
            if cue and len(tail) <= 4 and not any(w in ("not", "no", "pas", "nicht", "не") for w in words[max(m.first - 7, 0):m.first]):
                return m
    return None


def _credit_claims(links: list[EventLink]) -> None:
    claimers = [lk.agent for lk in links if lk.trigger.type == "statement" and lk.agent
                and any(stem in lk.trigger.text.lower() for stem in CLAIM_STEMS)]
    if not claimers:
        return
    for lk in links:
        if lk.trigger.type in VIOLENT and lk.agent is None:
            lk.agent = claimers[0]
            if lk.target is not None and lk.target.actor is claimers[0].actor:
                lk.target = None


def link_sentence(sentence: Sentence, triggers: list[Trigger], actors: list[ActorMatch],
                  lang: str = "") -> list[EventLink]:
    """Every event of a sentence with its agent and target; symmetric ones once per party."""
    links: list[EventLink] = []
    previous: EventLink | None = None
    objects: set[int] = set()
    for trig in triggers:
        if trig.type in SYMMETRIC:
            links += [EventLink(trig, m) for m in _parties(sentence, actors)] or [EventLink(trig)]
            continue
        if previous is not None and previous.agent is not None and _participle(sentence, trig):
            link = EventLink(trig, previous.agent)
        else:
            link = EventLink(trig, *link_actors(sentence, trig, actors, lang, objects))
        if link.target is not None:
            objects.add(link.target.first)
        links.append(link)
        previous = link
    _credit_claims(links)
    return links
