"""Watchlists: aliases, acronyms, stems, metonyms, files."""
from __future__ import annotations

import json

import pytest

from tidings.tag import Actor, Watchlist, example_watchlist, load_watchlist, save_watchlist


@pytest.fixture(scope="module")
def wl() -> Watchlist:
    return example_watchlist()


def ids(wl: Watchlist, text: str) -> list[str]:
    return [m.actor.id for m in wl.match(text)]


def test_example_watchlist_has_the_seed_actors(wl):
    for actor_id in ("nrf", "aff", "taliban", "iskp", "ttp", "pakistan", "tajikistan", "uzbekistan", "iran", "us"):
        assert wl.get(actor_id) is not None, actor_id


@pytest.mark.parametrize("text", [
    "NRF fighters attacked",
    "the National Resistance Front said",
    "forces loyal to Ahmad Massoud advanced",
    "le Front national de résistance a affirmé",
    "FRONT NATIONAL DE RESISTANCE",
    "نیروهای جبهه مقاومت ملی حمله کردند",
    "позиции Фронта национального сопротивления",
])
def test_nrf_names_in_several_languages(wl, text):
    assert ids(wl, text) == ["nrf"]


def test_acronym_is_case_sensitive_and_whole_word(wl):
    assert ids(wl, "The NRFL season starts") == []
    assert ids(wl, "an nrf spokesman") == []
    assert ids(wl, "a crisis in the region") == []
    assert ids(wl, "ISIS fighters") == ["islamic-state"]


def test_longest_alias_wins(wl):
    assert ids(wl, "ISIS-K claimed it") == ["iskp"]
    assert ids(wl, "the Islamic State Khorasan Province said") == ["iskp"]
    assert ids(wl, "the Pakistani Taliban attacked") == ["ttp"]
    assert ids(wl, "the Taliban attacked") == ["taliban"]


def test_stems_match_inflected_words(wl):
    assert ids(wl, "Талибы атаковали") == ["taliban"]
    assert ids(wl, "против талибов") == ["taliban"]
    assert ids(wl, "los talibanes atacaron") == ["taliban"]


def test_match_gives_character_spans(wl):
    text = "Yesterday NRF fighters struck."
    [m] = wl.match(text)
    assert text[m.start:m.end] == "NRF"


def test_metonym_is_an_actor_unless_it_is_a_place(wl):
    assert ids(wl, "Pakistan carried out air strikes") == ["pakistan"]
    assert ids(wl, "refugees returned from Pakistan") == []
    assert ids(wl, "delegations from China, Iran, Pakistan and India") == []
    assert ids(wl, "the presidents of Uzbekistan and Tajikistan signed") == ["uzbekistan", "tajikistan"]
    assert ids(wl, "A US drone strike") == ["us"]
    assert ids(wl, "les talibans à Islamabad") == ["taliban"]


def test_resolve_finds_an_actor_by_any_name(wl):
    assert wl.resolve("NRF").id == "nrf"
    assert wl.resolve("national resistance front").id == "nrf"
    assert wl.resolve("taliban").id == "taliban"
    assert wl.resolve("nobody at all") is None


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_save_and_load_round_trip(tmp_path, wl, suffix):
    path = tmp_path / f"wl{suffix}"
    save_watchlist(path, wl)
    again = load_watchlist(path)
    assert [a.id for a in again] == [a.id for a in wl]
    assert again.get("nrf").aliases == wl.get("nrf").aliases
    assert ids(again, "NRF and the Taliban") == ["nrf", "taliban"]


def test_edit_add_and_remove(tmp_path):
    wl = Watchlist()
    wl.add(Actor(id="hts", name="Hayat Tahrir al-Sham", acronyms=["HTS"]))
    assert ids(wl, "HTS fighters") == ["hts"]
    wl.add(Actor(id="hts", name="Hayat Tahrir al-Sham", aliases=["Tahrir al-Sham"]))
    assert ids(wl, "HTS fighters") == []  # replaced by id
    assert wl.remove("hts") and not wl.remove("hts")
    assert len(wl) == 0


def test_toml_is_read(tmp_path):
    path = tmp_path / "wl.toml"
    path.write_text('[[actors]]\nid = "nrf"\nname = "National Resistance Front"\nacronyms = ["NRF"]\n')
    assert ids(load_watchlist(path), "NRF said") == ["nrf"]


@pytest.mark.parametrize("content", [
    "actors: [{name: No id}]",
    "actors: [{id: 'Bad Id!', name: x}]",
    "actors: [{id: a, name: x, colour: red}]",
    "actors: [{id: a, name: x, aliases: [ab*]}]",
    "actors: {id: a}",
    "actors: [unclosed",
    "actors: [{id: a, name: null}]",
    "actors: [{id: a, name: x, kind: [1, 2]}]",
    "actors: [{id: a, name: x, aliases: 5}]",
    "actors: [{id: a, name: x, aliases: [{b: c}]}]",
])
def test_malformed_files_raise_value_error(tmp_path, content):
    path = tmp_path / "wl.yaml"
    path.write_text(content)
    with pytest.raises(ValueError):
        load_watchlist(path)


def test_saved_json_is_plain_data(tmp_path, wl):
    path = tmp_path / "wl.json"
    save_watchlist(path, wl)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["actors"][0]["id"] == "nrf" and "NRF" in data["actors"][0]["acronyms"]
