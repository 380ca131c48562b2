"""English reports of events: each outlet tells the same facts in its own words."""
from __future__ import annotations

import random
from datetime import timedelta

from . import lexicon
from .cast import OFFICIALS, local_officials, person_name
from .events import Event
from .phrases_en import EN
from .phrases_en_common import (ANALYST_QUOTES, CONTEXT_CIVIL, CONTEXT_VIOLENT, DEVICE_SHORT,
                                GROUP_BACKGROUND, JOB_PLACES, OFFICIAL_TITLES, PLACE_BACKGROUND,
                                REACTIONS, REACTIONS_CIVIL, SCENES, SPOT_SHORT, SUBJECT_SHORT,
                                TYPE_NOUNS, VIOLENT_TYPES)

VOICES = ("wire", "narrative", "analysis")


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _plural(n: int, word: str = "person", words: str = "people", *, spelled: bool) -> str:
    num = lexicon.number_word(n) if spelled else str(n)
    return f"{num} {word if n == 1 else words}"


def facts(ev: Event, rng: random.Random, *, day_first: bool = True) -> dict[str, str]:
    """Every slot an English template may use, for one outlet's telling of ``ev``."""
    fixed = random.Random(ev.seed)  # event-level details shared by every outlet
    killed = ev.killed
    if killed >= 3 and rng.random() < 0.2:  # an early, lower toll
        killed -= rng.randint(1, 2)
    month = lexicon.MONTHS["en"][ev.when.month - 1]
    f = {
        "place": ev.place.name, "province_name": ev.place.province, "district": ev.district,
        "landmark": ev.landmark, "population": ev.place.population, "capital": "Kabul",
        "day": lexicon.WEEKDAYS["en"][ev.when.weekday()],
        "next_day": lexicon.WEEKDAYS["en"][(ev.when + timedelta(days=1)).weekday()],
        "date": f"{ev.when.day} {month}" if day_first else f"{month} {ev.when.day}",
        "tod": lexicon.time_of_day(ev.when.hour),
        "killed": str(killed), "killed_w": lexicon.number_word(killed),
        "Killed_w": _cap(lexicon.number_word(killed)),
        "killed_p": _plural(killed, spelled=False), "killed_pw": _plural(killed, spelled=True),
        "Killed_pw": _cap(_plural(killed, spelled=True)),
        "wounded": str(ev.wounded), "wounded_w": lexicon.number_word(ev.wounded),
        "Wounded_w": _cap(lexicon.number_word(ev.wounded)),
        "wounded_p": _plural(ev.wounded, spelled=False),
        "wounded_pw": _plural(ev.wounded, spelled=True),
        "count": str(ev.count), "count_w": lexicon.number_word(ev.count),
        "count_w_cap": _cap(lexicon.number_word(ev.count)),
        "others_w": lexicon.number_word(max(ev.count - 1, 1)),
        "hours": str(ev.count if ev.type == "clash" else fixed.randint(1, 4)),
        "vehicles": fixed.choice(("two pickup trucks", "several motorcycles", "a stolen army vehicle",
                                  "a minibus and a car")),
        "civ_w": lexicon.number_word(ev.count if ev.type == "air_strike" else fixed.randint(2, 5)),
        "blasts_w": lexicon.number_word(fixed.randint(2, 6)),
        "ransom": f"{fixed.choice((20, 50, 80, 100, 150, 300))},000",
        "jobs": f"{fixed.randint(2, 40) * 100:,}", "amount": str(ev.amount),
        "witness": ev.witness, "witness_age": str(ev.witness_age), "witness_job": ev.witness_job,
        "witness_job_place": JOB_PLACES.get(ev.witness_job, "shop"),
        "official": ev.official, "victim": ev.victim, "victim_role": ev.victim_role,
        "victim_role_cap": _cap(ev.victim_role.removeprefix("a ")),
        "defence_spox": OFFICIALS["defence_spokesman"], "interior_spox": OFFICIALS["interior_spokesman"],
        "economy_minister": OFFICIALS["economy_minister"],
        "governor": local_officials(ev.place)["governor"],
        "analyst": person_name(rng, "Afghanistan"),
    }
    f["hours_w"] = lexicon.number_word(int(f["hours"]))
    f["hours_pw"] = _plural(int(f["hours"]), "hour", "hours", spelled=True)
    f["pct"] = str(fixed.randint(8, 39))
    f["type_noun"] = TYPE_NOUNS[ev.type]
    f["official_title"] = OFFICIAL_TITLES[ev.official_role].format(**f)
    _group_facts(ev, f)
    _thing_facts(ev, f)
    return f


def _group_facts(ev: Event, f: dict[str, str]) -> None:
    g = ev.group
    if g is None:
        return
    f.update(group=g.name("en"), acr=g.acronym("en"), leader=g.leader, gspox=g.spokesman,
             loyal=f"forces loyal to {g.leader}", founded=str(g.founded), region=g.region,
             aims=g.aims, fighters=g.fighters)


def _thing_facts(ev: Event, f: dict[str, str]) -> None:
    if ev.target:
        f["target"], f["target_short"] = lexicon.TARGETS[ev.target]["en"]
    if ev.device:
        f["device"] = lexicon.DEVICES[ev.device]["en"]
        f["Device"] = _cap(f["device"])
        f["device_short"] = DEVICE_SHORT[ev.device]
    if ev.spot:
        f["spot"], f["spot_short"] = lexicon.SPOTS[ev.spot]["en"], SPOT_SHORT[ev.spot]
    if ev.subject:
        f["subject"] = lexicon.SUBJECTS[ev.subject]["en"].format(n=ev.subject_n)
        f["subject_short"] = SUBJECT_SHORT[ev.subject]
    if ev.partner:
        f["partner"] = lexicon.PARTNERS[ev.partner]["en"]
    if ev.type == "statement":
        if ev.actor == "government":
            f["speaker"] = f"Interior minister {OFFICIALS['interior_minister']}"
            f["speaker_short"] = "Interior minister"
        else:
            f["speaker"] = f"the {f['group']}"
            f["speaker_short"] = f["acr"]


def _ok(template: str, ev: Event) -> bool:
    if not template.startswith("?"):
        return True
    cond = template[1:template.index(" ")]
    return {"dead": ev.killed > 0, "nodead": ev.killed == 0, "claimed": ev.claimed,
            "unclaimed": not ev.claimed, "hurt": ev.wounded > 0}[cond]


def _strip(template: str) -> str:
    return template[template.index(" ") + 1:] if template.startswith("?") else template


def _usable(templates, ev: Event) -> list[str]:
    return [_strip(t) for t in templates if _ok(t, ev)]


def _nth(templates, ev: Event, k: int) -> str:
    """The k-th usable template in an event-specific order: outlets 0..n differ."""
    usable = _usable(templates, ev)
    order = random.Random(ev.seed + len(usable)).sample(range(len(usable)), len(usable))
    return usable[order[k % len(usable)]]


def _some(rng: random.Random, templates, ev: Event, n: int) -> list[str]:
    usable = _usable(templates, ev)
    return rng.sample(usable, min(n, len(usable)))


def write_event(ev: Event, k: int, rng: random.Random, voice: str) -> tuple[str, list[str]]:
    """Headline and paragraphs of the ``k``-th outlet's English report of ``ev``."""
    f = facts(ev, rng, day_first=voice != "wire")
    t = EN[ev.type]
    violent = ev.type in VIOLENT_TYPES
    title = _cap(_nth(t["head"], ev, k).format(**f))
    lead = _nth(t["lead"], ev, k)
    det = _some(rng, t["detail"], ev, 4)
    quotes = _some(rng, t["quote"], ev, 2)
    claim = _some(rng, t["claim"], ev, 1)
    close = _some(rng, t["close"], ev, 1)
    group_bg = _some(rng, GROUP_BACKGROUND, ev, 2) if ev.group else []
    place_bg = _some(rng, PLACE_BACKGROUND, ev, 1)
    context = _some(rng, CONTEXT_VIOLENT if violent else CONTEXT_CIVIL, ev, 2 if violent else 4)
    react = _some(rng, REACTIONS if violent else REACTIONS_CIVIL, ev, 1)
    if voice == "wire":
        paras = [[lead], det[:2], quotes[:1], claim + det[2:3], group_bg, context[:1] + react,
                 context[2:], det[3:] + close]
    elif voice == "narrative":
        scene = [rng.choice(SCENES)] if violent else []
        paras = [scene + [lead], det[:1], quotes, det[1:3] + claim, context[:2],
                 place_bg + group_bg[:1] + context[2:], react + det[3:] + close]
    else:
        analyst = [rng.choice(ANALYST_QUOTES)] if ev.group else []
        paras = [[lead] + det[:1], claim + det[1:2], group_bg + context[:1], analyst + quotes[:1],
                 react + context[1:2], context[2:], det[2:] + place_bg + close]
    return title, [" ".join(_cap(s.format(**f)) for s in p) for p in paras if p]
