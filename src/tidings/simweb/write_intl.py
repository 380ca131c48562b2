"""French, Spanish and Russian reports of events (shorter than the English ones)."""
from __future__ import annotations

import random

from . import lexicon
from .cast import COUNTRY_NAMES, OFFICIALS
from .events import Event
from .phrases_en_common import VIOLENT_TYPES
from .phrases_intl import ES, FR, RU
from .write_en import _cap, _nth, _some

FRAMES = {"fr": FR, "es": ES, "ru": RU}
CLAIMABLE = ("attack", "explosion", "killing", "kidnapping")
RU_PREP = {"kabul": "Кабуле", "herat": "Герате", "mazar": "Мазари-Шарифе", "kandahar": "Кандагаре",
           "jalalabad": "Джелалабаде", "kunduz": "Кундузе", "ghazni": "Газни", "bamyan": "Бамиане",
           "taloqan": "Талукане", "charikar": "Чарикаре", "dushanbe": "Душанбе",
           "khujand": "Худжанде", "peshawar": "Пешаваре", "quetta": "Кветте"}
REGIONS = {"nsf": {"fr": "le nord", "es": "el norte"},
           "wfa": {"fr": "l'ouest et le sud", "es": "el oeste y el sur"},
           "pdc": {"fr": "les hauts plateaux du centre", "es": "las tierras altas del centro"}}
FIGHTERS = {"nsf": {"fr": "environ 3 000 combattants", "es": "unos 3.000 combatientes",
                    "ru": "около трёх тысяч боевиков"},
            "wfa": {"fr": "entre 1 500 et 2 000 combattants", "es": "entre 1.500 y 2.000 combatientes",
                    "ru": "от полутора до двух тысяч боевиков"},
            "pdc": {"fr": "plusieurs centaines d'hommes armés", "es": "varios cientos de hombres armados",
                    "ru": "несколько сотен вооружённых людей"}}
ROLES = {"a local journalist": ("un journaliste local", "un periodista local", "местный журналист"),
         "a district council member": ("un membre du conseil de district", "un concejal del distrito",
                                       "член районного совета"),
         "a former police commander": ("un ancien commandant de police", "un excomandante de policía",
                                       "бывший командир полиции"),
         "a prominent cleric": ("un religieux influent", "un influyente clérigo", "известный богослов"),
         "a women's rights activist": ("un militant des droits des femmes",
                                       "un activista por los derechos de las mujeres",
                                       "правозащитник"),
         "a tribal elder": ("un chef tribal", "un anciano tribal", "племенной старейшина"),
         "a provincial judge": ("un juge provincial", "un juez provincial", "судья провинциального суда"),
         "a university lecturer": ("un enseignant d'université", "un profesor universitario",
                                   "преподаватель университета")}
JOBS = {"fr": "commerçant", "es": "comerciante"}
TITLES = {"fr": {"police_spokesman": "porte-parole de la police de {prov}",
                 "governor_spokesman": "porte-parole du gouverneur de {prov}",
                 "health_official": "directeur provincial de la santé",
                 "district_chief": "chef du district de {district}"},
          "es": {"police_spokesman": "portavoz de la policía de {prov}",
                 "governor_spokesman": "portavoz del gobernador de {prov}",
                 "health_official": "director provincial de salud",
                 "district_chief": "jefe del distrito de {district}"}}
OF_EVENT = {"fr": {"attack": ("de l'attaque", "e"), "clash": ("des affrontements", "s"),
                   "air_strike": ("de la frappe aérienne", "e"), "explosion": ("de l'explosion", "e"),
                   "killing": ("de l'assassinat", ""), "kidnapping": ("de l'enlèvement", "")},
            "es": {"attack": ("del ataque", ""), "clash": ("de los enfrentamientos", ""),
                   "air_strike": ("del bombardeo", ""), "explosion": ("de la explosión", ""),
                   "killing": ("del asesinato", ""), "kidnapping": ("del secuestro", "")}}
SUBJECT_SHORT = {"fr": {"power_cuts": "les coupures de courant", "bread_prices": "le prix de la farine",
                        "activist_arrest": "la détention d'un militant", "unpaid_wages": "les salaires impayés",
                        "water": "la pénurie d'eau", "ceasefire_offer": "une trêve",
                        "talks_rejected": "le rejet des pourparlers", "security_plan": "un plan de sécurité",
                        "power_line": "une ligne électrique", "rail_link": "le rail",
                        "water_sharing": "le partage de l'eau"},
                 "es": {"power_cuts": "los apagones", "bread_prices": "el precio de la harina",
                        "activist_arrest": "la detención de un activista", "unpaid_wages": "los salarios impagados",
                        "water": "la escasez de agua", "ceasefire_offer": "una tregua",
                        "talks_rejected": "el rechazo al diálogo", "security_plan": "un plan de seguridad",
                        "power_line": "una línea eléctrica", "rail_link": "el ferrocarril",
                        "water_sharing": "el reparto del agua"},
                 "ru": {"power_cuts": "об отключениях света", "bread_prices": "о ценах на муку",
                        "activist_arrest": "о задержании активиста", "unpaid_wages": "о долгах по зарплате",
                        "water": "о нехватке воды", "ceasefire_offer": "о перемирии",
                        "talks_rejected": "об отказе от переговоров", "security_plan": "о плане безопасности",
                        "power_line": "о ЛЭП", "rail_link": "о железной дороге",
                        "water_sharing": "о разделе воды"}}
_LAT = (("shch", "щ"), ("kh", "х"), ("sh", "ш"), ("ch", "ч"), ("zh", "ж"), ("ya", "я"), ("yu", "ю"),
        ("ts", "ц"), ("gh", "г"), ("aa", "а"), ("ee", "и"), ("oo", "у"), ("j", "дж"), ("q", "к"),
        ("w", "в"), ("x", "кс"), ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"),
        ("g", "г"), ("h", "х"), ("i", "и"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"),
        ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("y", "й"), ("z", "з"))


def translit_ru(name: str) -> str:
    """A simple Latin-to-Cyrillic transliteration for names."""
    out, low, i = [], name.lower(), 0
    while i < len(name):
        for lat, cyr in _LAT:
            if low.startswith(lat, i):
                out.append(cyr[0].upper() + cyr[1:] if name[i].isupper() else cyr)
                i += len(lat)
                break
        else:
            out.append(name[i])
            i += 1
    return "".join(out)


def _num_ru(n: int, one: str, few: str, many: str) -> str:
    if n % 10 == 1 and n % 100 != 11:
        return one
    return few if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else many


def _counts(lang: str, killed: int, wounded: int, count: int) -> dict[str, str]:
    if lang == "fr":
        kp = "un mort" if killed == 1 else f"{killed} morts"
        wp = "un blessé" if wounded == 1 else f"{wounded} blessés"
    elif lang == "es":
        kp = "un muerto" if killed == 1 else f"{killed} muertos"
        wp = "un herido" if wounded == 1 else f"{wounded} heridos"
    else:
        kp = f"{_num_ru(killed, 'погиб', 'погибли', 'погибли')} {killed} " \
             f"{_num_ru(killed, 'человек', 'человека', 'человек')}"
        wp = f"{_num_ru(wounded, 'ранен', 'ранены', 'ранены')} {wounded}"
    people = f"{count} {_num_ru(count, 'человек', 'человека', 'человек')}"
    return {"kp": kp, "wp": wp, "count_people": people}


def _when(ev: Event, lang: str) -> str:
    day = lexicon.WEEKDAYS[lang][ev.when.weekday()]
    month = lexicon.MONTHS[lang][ev.when.month - 1]
    return {"fr": f"{day} {ev.when.day} {month}", "es": f"el {day} {ev.when.day} de {month}",
            "ru": f"{day}, {ev.when.day} {month},"}[lang]


def facts(ev: Event, lang: str) -> dict[str, str]:
    """Every slot a ``lang`` frame may use for ``ev``."""
    ru = lang == "ru"
    name = translit_ru if ru else (lambda s: s)
    place = ev.place.local(lang)
    at = f"в {RU_PREP[ev.place.key]}" if ru else (f"à {place}" if lang == "fr" else f"en {place}")
    f = {"place": place, "Place": place, "at": at, "at_cap": _cap(at), "when": _when(ev, lang),
         "district": ev.district,
         "de_district": ("d'" if ev.district[0] in "AEIOU" else "de ") + ev.district, "landmark": ev.landmark, "province_name": ev.place.province,
         "population": ev.place.population, "country": COUNTRY_NAMES[ev.place.country].get(lang, ""),
         "official": name(ev.official), "witness": name(ev.witness), "victim": name(ev.victim),
         "witness_age": str(ev.witness_age), "witness_job": JOBS.get(lang, ""),
         "count": str(ev.count), "amount": str(ev.amount), "hours": str(ev.count or 3)}
    f.update(_counts(lang, ev.killed, ev.wounded, ev.count))
    if lang in TITLES:
        f["official_title"] = TITLES[lang][ev.official_role].format(prov=ev.place.province,
                                                                     district=ev.district)
    if ev.type in OF_EVENT.get(lang, {}):
        f["of_event"], f["e"] = OF_EVENT[lang][ev.type]
    if ev.victim_role:
        role = ROLES[ev.victim_role][("fr", "es", "ru").index(lang)]
        f["victim_role"], f["Victim_role"] = role, _cap(role)
    _group_facts(ev, lang, f)
    _thing_facts(ev, lang, f)
    return f


def _group_facts(ev: Event, lang: str, f: dict[str, str]) -> None:
    g = ev.group
    if g is None:
        return
    name = translit_ru if lang == "ru" else (lambda s: s)
    f.update(group=g.name(lang), acr=g.acronym(lang), leader=name(g.leader),
             founded=str(g.founded), region=REGIONS[g.key].get(lang, ""),
             fighters=FIGHTERS[g.key][lang])


def _thing_facts(ev: Event, lang: str, f: dict[str, str]) -> None:
    if ev.target:
        f["target"], f["target_short"] = lexicon.TARGETS[ev.target][lang]
    if ev.device:
        f["device"] = lexicon.DEVICES[ev.device][lang]
    if ev.spot:
        f["spot"] = lexicon.SPOTS[ev.spot][lang]
    if ev.subject:
        f["subject"] = lexicon.SUBJECTS[ev.subject][lang].format(n=ev.subject_n)
        f["subject_short"] = SUBJECT_SHORT[lang][ev.subject]
    if ev.partner:
        f["partner"] = lexicon.PARTNERS[ev.partner][lang]
    if ev.type == "statement":
        _speaker(ev, lang, f)


def _speaker(ev: Event, lang: str, f: dict[str, str]) -> None:
    minister = OFFICIALS["interior_minister"]
    if ev.actor == "government":
        f["speaker"] = {"fr": f"Le ministre de l'Intérieur, {minister},",
                        "es": f"El ministro del Interior, {minister},",
                        "ru": f"министр внутренних дел {translit_ru(minister)}"}[lang]
        f["speaker_short"] = {"fr": "Le ministre de l'Intérieur", "es": "El ministro del Interior",
                              "ru": "МВД"}[lang]
        f["ru_a"] = ""
    else:
        f["speaker"] = {"fr": f"Le {f['group']}", "es": f"El {f['group']}",
                        "ru": f"группировка «{f['group']}»"}[lang]
        f["speaker_short"] = f"{'Le ' if lang == 'fr' else 'El ' if lang == 'es' else ''}{f['acr']}"
        f["ru_a"] = "а"
    f["Speaker"] = _cap(f["speaker"])


def write_event(ev: Event, lang: str, k: int, rng: random.Random) -> tuple[str, list[str]]:
    """Headline and paragraphs of the ``k``-th outlet's ``lang`` report of ``ev``."""
    fr = FRAMES[lang]
    f = facts(ev, lang)
    violent = ev.type in VIOLENT_TYPES
    title = _cap(_nth(fr["head"][ev.type], ev, k).format(**f))
    leads = fr["lead"][ev.type] + (fr["lead"]["violent"] if violent and ev.type != "kidnapping" else ())
    lead = _nth(leads, ev, k)
    if violent:
        claim = _some(rng, fr["claim"], ev, 1) if ev.type in CLAIMABLE else []
        paras = [[lead], _some(rng, fr["detail"], ev, 2), _some(rng, fr["quote"], ev, 1) + claim,
                 _some(rng, fr["context_v"], ev, 2)]
    else:
        paras = [[lead], _some(rng, fr["civil"], ev, 2), _some(rng, fr["cquote"], ev, 1),
                 _some(rng, fr["context_c"], ev, 2)]
    if ev.group is not None:
        paras.append(_some(rng, fr["group"], ev, 2))
    paras.append(_some(rng, fr["close"], ev, 1))
    return title, [" ".join(_cap(s.format(**f)) for s in p) for p in paras if p]
