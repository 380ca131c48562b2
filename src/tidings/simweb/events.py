"""The seeded model of the world: events (what happened) and topics (non-event news).

A *story* is either an :class:`Event` or a :class:`Topic`; outlets then write articles
about stories in their own words (see ``write_en``, ``write_intl``, ``write_topics``).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from . import lexicon
from .cast import GROUPS, PLACES, PLACE_BY_KEY, Group, Place, person_name

EVENT_TYPES = ("attack", "clash", "air_strike", "explosion", "killing", "kidnapping", "arrest",
               "protest", "statement", "agreement")
_TYPE_WEIGHTS = (18, 12, 8, 10, 8, 6, 10, 10, 10, 8)
TOPIC_KINDS = {"economy": ("currency", "exports", "flour", "mine"),
               "sport": ("cricket", "football", "buzkashi"),
               "culture": ("festival", "restoration", "poetry", "carpets")}
TREND_SHAPE = (1, 0, 2, 1, 3, 5, 6, 4)
_POISSON_STEP = 30.0


@dataclass(slots=True)
class Event:
    """One thing that happened, with the facts outlets may report.

    ``actor`` is the key of who did it: a group key (``nsf``, ``wfa``, ``pdc``), ``government``,
    ``residents`` or ``unknown``.
    """

    id: str
    type: str
    when: datetime
    place: Place
    district: str
    landmark: str
    group: Group | None
    actor: str
    killed: int = 0
    wounded: int = 0
    count: int = 0
    target: str = ""
    device: str = ""
    spot: str = ""
    subject: str = ""
    subject_n: int = 0
    partner: str = ""
    amount: int = 0
    victim: str = ""
    victim_role: str = ""
    witness: str = ""
    witness_age: int = 30
    witness_job: str = "shopkeeper"
    official: str = ""
    official_role: str = ""
    claimed: bool = False
    seed: int = 0
    kind: str = field(default="event")

    @property
    def section(self) -> str:
        return "security" if self.type not in ("statement", "agreement", "protest") else "politics"

    @property
    def actor_name(self) -> str:
        """Full English name of the actor."""
        if self.group is not None and self.actor == self.group.key:
            return self.group.name("en")
        return self.actor


@dataclass(slots=True)
class Topic:
    """A non-event story (economy, sport, culture) with its numbers and people."""

    id: str
    section: str
    topic: str
    when: datetime
    place: Place
    nums: dict[str, float]
    people: dict[str, str]
    seed: int = 0
    kind: str = field(default="topic")


Story = Event | Topic


def _group_for(rng: random.Random, place: Place | None = None) -> Group:
    if place is not None:
        local = [g for g in GROUPS if place.key in g.places]
        if local:
            return rng.choice(local)
    return rng.choice(GROUPS)


def _distinct_name(rng: random.Random, country: str, taken: set[str], **kw) -> str:
    while True:
        name = person_name(rng, country, **kw)
        if name not in taken and name.split()[-1] not in {t.split()[-1] for t in taken}:
            taken.add(name)
            return name


def _people(rng: random.Random, ev: Event) -> None:
    country = ev.place.country
    taken: set[str] = set()
    ev.witness = _distinct_name(rng, country, taken)
    ev.witness_age = rng.randint(19, 67)
    ev.witness_job = rng.choice(("shopkeeper", "taxi driver", "teacher", "student", "tailor",
                                 "pharmacist", "baker", "day labourer", "mechanic", "money changer"))
    ev.official = _distinct_name(rng, country, taken, female=rng.random() < 0.2)
    ev.victim = _distinct_name(rng, country, taken, female=False)
    ev.official_role = rng.choice(("police_spokesman", "governor_spokesman", "health_official",
                                   "district_chief"))


def make_event(rng: random.Random, eid: str, etype: str, when: datetime,
               place: Place | None = None, group: Group | None = None) -> Event:
    """Draw every fact of one event of type ``etype``; ``place``/``group`` may be imposed."""
    if group is None and etype not in ("protest", "agreement"):
        group = _group_for(rng, place)
    if place is None:
        pool = [PLACE_BY_KEY[k] for k in group.places] if group and rng.random() < 0.8 else PLACES
        place = rng.choice(pool)
    ev = Event(eid, etype, when, place, rng.choice(place.districts), rng.choice(place.landmarks),
               group, actor=group.key if group else "unknown", seed=rng.randrange(1 << 30))
    _people(rng, ev)
    _fill_by_type(rng, ev)
    return ev


def _fill_by_type(rng: random.Random, ev: Event) -> None:
    _fill_facts(rng, ev)
    if ev.type not in ("killing", "kidnapping"):
        ev.victim = ""


def _fill_facts(rng: random.Random, ev: Event) -> None:
    t = ev.type
    if t in ("attack", "clash", "air_strike", "explosion"):
        ev.killed = rng.choice((0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 17, 21))
        ev.wounded = ev.killed + rng.randint(1, 25)
        ev.target = rng.choice(tuple(lexicon.TARGETS))
    if t == "clash":
        ev.count = rng.randint(2, 14)  # hours of fighting
        ev.killed = max(ev.killed, rng.randint(2, 9))
    if t == "air_strike":
        ev.actor = "government"
        ev.count = rng.randint(2, 9)  # civilians among the dead, as residents claim
        ev.killed = max(ev.killed, ev.count + rng.randint(1, 12))
        ev.wounded = max(ev.wounded, ev.killed // 2 + 1)
    if t == "explosion":
        ev.device = rng.choice(tuple(lexicon.DEVICES))
        ev.spot = rng.choice(tuple(lexicon.SPOTS))
        ev.claimed = rng.random() < 0.3
        if not ev.claimed:
            ev.actor = "unknown"
    if t == "attack":
        ev.claimed = rng.random() < 0.6
    if t in ("killing", "kidnapping"):
        ev.victim_role = rng.choice(("a local journalist", "a district council member",
                                     "a former police commander", "a prominent cleric",
                                     "a women's rights activist", "a tribal elder",
                                     "a provincial judge", "a university lecturer"))
        ev.claimed = rng.random() < 0.3
        ev.killed = 1 if t == "killing" else 0
        ev.count = rng.randint(2, 7) if t == "kidnapping" else 0
    if t == "arrest":
        ev.actor = "government"
        ev.count = rng.randint(3, 41)
        ev.amount = rng.randint(5, 60)  # weapons seized
    if t == "protest":
        ev.actor = "residents"
        ev.group = None
        ev.count = rng.choice((200, 300, 500, 800, 1000, 1500, 2000, 3000, 5000))
        ev.subject = rng.choice(lexicon.PROTEST_SUBJECTS)
        ev.subject_n = rng.randint(3, 18)
        ev.wounded = rng.choice((0, 0, 0, 2, 5, 9))
    if t == "statement":
        if rng.random() < 0.5:
            ev.subject = rng.choice(lexicon.GROUP_STATEMENTS)
        else:
            ev.subject, ev.actor = "security_plan", "government"
        ev.subject_n = rng.choice((3, 5, 7, 10, 14, 30)) if ev.subject != "security_plan" \
            else rng.choice((500, 800, 1200, 2000, 3500))
    if t == "agreement":
        ev.actor = "government"
        ev.group = None
        ev.subject = rng.choice(lexicon.AGREEMENT_SUBJECTS)
        ev.partner = rng.choice(tuple(lexicon.PARTNERS))
        ev.subject_n = rng.randint(40, 420)
        ev.amount = rng.choice((35, 60, 85, 120, 240, 310, 500, 760))


def make_topic(rng: random.Random, tid: str, when: datetime) -> Topic:
    """Draw one non-event story."""
    section = rng.choice(tuple(TOPIC_KINDS))
    topic = rng.choice(TOPIC_KINDS[section])
    place = rng.choice(PLACES[:10])
    nums = {"a": rng.randint(2, 95), "b": rng.randint(2, 95), "c": rng.randint(101, 990),
            "x": round(rng.uniform(62, 89), 2), "d": round(rng.uniform(0.2, 3.5), 1)}
    people = {"p1": person_name(rng, place.country), "p2": person_name(rng, place.country),
              "p3": person_name(rng, place.country, female=True)}
    return Topic(tid, section, topic, when, place, nums, people, seed=rng.randrange(1 << 30))


def _moment(rng: random.Random, day: datetime, lo: int = 0, hi: int = 23) -> datetime:
    return day + timedelta(hours=rng.randint(lo, hi), minutes=rng.randrange(0, 60, 5))


def default_stories(rng: random.Random, start: datetime, days: int, *, events_per_day: float = 2.5,
                    topics_per_day: float = 1.5, first_id: int = 1) -> list[Story]:
    """Random events and topics spread over ``days`` days from ``start``."""
    out: list[Story] = []
    n = first_id
    for d in range(days):
        day = start + timedelta(days=d)
        for _ in range(_poisson(rng, events_per_day)):
            etype = rng.choices(EVENT_TYPES, _TYPE_WEIGHTS)[0]
            out.append(make_event(rng, f"E{n:04d}", etype, _moment(rng, day)))
            n += 1
        for _ in range(_poisson(rng, topics_per_day)):
            out.append(make_topic(rng, f"T{n:04d}", _moment(rng, day, 6, 20)))
            n += 1
    out.sort(key=lambda s: (s.when, s.id))
    return out


def trend_stories(rng: random.Random, start: datetime, shape: tuple[int, ...] = TREND_SHAPE,
                  group_key: str = "nsf", *, noise_per_day: float = 1.0) -> list[Story]:
    """Attacks by one group with ``shape[w]`` attacks in week ``w``, plus unrelated noise.

    Designed attacks happen Monday to Friday between 07:00 and 16:59 so that every report
    (published within 20 hours, copies within 12 more) falls in the same week. ``start``
    must be a Monday. The attacks of one week differ as a real campaign's do: on different
    days where the week allows, in different provinces (then districts), against different
    targets, with different tolls (see :func:`_week_of_attacks`). Noise never contains an
    attack by ``group_key``.
    """
    group = next(g for g in GROUPS if g.key == group_key)
    others = [g for g in GROUPS if g.key != group_key]
    out: list[Story] = []
    n = 1
    for week, count in enumerate(shape):
        out += _week_of_attacks(rng, start + timedelta(days=7 * week), count, group, n)
        n += count
    for d in range(7 * len(shape)):
        day = start + timedelta(days=d)
        for _ in range(_poisson(rng, noise_per_day)):
            etype = rng.choices(EVENT_TYPES, _TYPE_WEIGHTS)[0]
            g = rng.choice(others) if etype in ("attack", "explosion") else None
            out.append(make_event(rng, f"E{n:04d}", etype, _moment(rng, day), group=g))
            n += 1
        for _ in range(_poisson(rng, 0.7)):
            out.append(make_topic(rng, f"T{n:04d}", _moment(rng, day, 6, 20)))
            n += 1
    out.sort(key=lambda s: (s.when, s.id))
    return out


def _week_of_attacks(rng: random.Random, monday: datetime, count: int, group: Group, first_id: int) -> list[Event]:
    """``count`` attacks by ``group`` in the week from ``monday``, told apart by day, place,
    target and toll."""
    provinces = list(group.places)
    rng.shuffle(provinces)
    days = rng.sample(range(5), min(count, 5))
    for i in range(5, count):  # never twice in one province on one day
        days.append(rng.choice([d for d in range(5) if d != days[i - len(provinces)]]))
    taken: dict[str, set] = {"spot": set(), "target": set(), "killed": set()}
    out = []
    for i in range(count):
        place = PLACE_BY_KEY[provinces[i % len(provinces)]]
        when = _moment(rng, monday + timedelta(days=days[i]), 7, 16)
        ev = make_event(rng, f"E{first_id + i:04d}", "attack", when, place, group)
        _set_apart(rng, ev, taken)
        ev.claimed = rng.random() < 0.7
        out.append(ev)
    return out


def _set_apart(rng: random.Random, ev: Event, taken: dict[str, set]) -> None:
    """Redraw the district, target and toll of ``ev`` until no other attack of its week has them."""
    districts = [d for d in ev.place.districts if (ev.place.key, d) not in taken["spot"]]
    if districts and (ev.place.key, ev.district) in taken["spot"]:
        ev.district = rng.choice(districts)
    targets = [t for t in lexicon.TARGETS if t not in taken["target"]]
    if targets and ev.target in taken["target"]:
        ev.target = rng.choice(targets)
    while ev.killed in taken["killed"]:
        ev.killed = rng.choice((1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 14, 17, 21))
        ev.wounded = ev.killed + rng.randint(1, 25)
    taken["spot"].add((ev.place.key, ev.district))
    taken["target"].add(ev.target)
    taken["killed"].add(ev.killed)


def _poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth), deterministic for the rng; a large ``lam`` is drawn as the sum of
    draws of at most ``_POISSON_STEP`` each (``exp(-lam)`` would underflow past ~745)."""
    import math

    if lam > _POISSON_STEP:
        parts = math.ceil(lam / _POISSON_STEP)
        return sum(_poisson(rng, lam / parts) for _ in range(parts))
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1
