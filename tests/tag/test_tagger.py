"""tag_article as a whole: tags, evidence, de-duplication, and a quality floor."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tidings.tag import Tag, Watchlist, example_watchlist, tag_article

DATA = Path(__file__).parent / "data"
STORE_COLUMNS = {"kind", "name", "actor", "evidence", "country", "lat", "lon"}


@pytest.fixture(scope="module")
def wl() -> Watchlist:
    return example_watchlist()


def test_tags_carry_their_evidence_sentence(wl):
    tags = tag_article("NRF attack in Panjshir",
                       "Clashes were reported on Monday. NRF fighters attacked a Taliban post in Panjshir.", "en", wl)
    by = {(t.kind, t.name): t for t in tags}
    assert by[("event", "clash")].evidence == "Clashes were reported on Monday."
    assert by[("actor", "National Resistance Front of Afghanistan")].evidence == "NRF attack in Panjshir"
    assert by[("actor", "Taliban")].evidence == "NRF fighters attacked a Taliban post in Panjshir."
    assert by[("event", "attack")].actor == "National Resistance Front of Afghanistan"
    assert by[("event", "attack")].place == "Panjshir"
    assert [t.kind for t in tags] == sorted((t.kind for t in tags), key=("actor", "place", "event").index)


def test_one_tag_per_identity_with_a_count(wl):
    tags = tag_article("", "The NRF spoke. The NRF spoke again. The NRF attacked. The NRF attacked again.", "en", wl)
    actor = [t for t in tags if t.kind == "actor"]
    attack = [t for t in tags if t.name == "attack"]
    assert len(actor) == 1 and actor[0].count == 4
    assert len(attack) == 1 and attack[0].count == 2 and attack[0].evidence == "The NRF attacked."


def test_to_row_matches_the_store_columns(wl):
    [tag] = [t for t in tag_article("", "Fighting in Kabul.", "en", wl) if t.kind == "place"]
    row = tag.to_row()
    assert set(row) == STORE_COLUMNS and row["country"] == "AF"
    assert Tag("event", "attack").to_row()["country"] == ""
    assert json.dumps(tag.to_dict())


def test_no_watchlist_means_no_actors():
    tags = tag_article("", "NRF fighters attacked a Taliban post in Kabul.", "en")
    assert {t.kind for t in tags} == {"place", "event"}
    assert all(t.actor is None for t in tags if t.kind == "event")


def test_shouted_headline_has_no_acronym_false_positive(wl):
    tags = tag_article("THIS IS WHAT IS LEFT AFTER THE STORM", "", "en", wl)
    assert [t for t in tags if t.kind == "actor"] == []


def test_long_sentences_give_a_short_evidence(wl):
    text = "NRF fighters attacked " + "and advanced " * 100 + "at dawn."
    [tag] = [t for t in tag_article("", text, "en", wl) if t.kind == "actor"]
    assert len(tag.evidence) <= 500 and tag.evidence.endswith("…")


def test_empty_and_hostile_input(wl):
    assert tag_article("", "", "en", wl) == []
    assert isinstance(tag_article("<script>", "\x00\ufeff" + "((((" * 500, "xx", wl), list)


def _scores(wl: Watchlist, path: Path) -> dict[str, tuple[int, int]]:
    ids = {a.name: a.id for a in wl}
    found = {"actor": [0, 0], "event": [0, 0]}
    for line in path.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        tags = tag_article(item["title"], item["text"], item["lang"], wl)
        pred = {"actor": {t.ref for t in tags if t.kind == "actor"},
                "event": {f"{t.name}/{ids.get(t.actor, '-')}" for t in tags if t.kind == "event"}}
        for kind in found:
            gold = set(item[f"{kind}s"])
            found[kind][0] += len(pred[kind] & gold)
            found[kind][1] += len(pred[kind])
    return {k: tuple(v) for k, v in found.items()}


@pytest.mark.parametrize("name", ["labelled.jsonl", "heldout.jsonl"])
def test_precision_floor_on_the_labelled_samples(wl, name):
    """Regression guard: bench/tagging.py reports the full numbers."""
    for kind, (tp, predicted) in _scores(wl, DATA / name).items():
        assert tp / predicted >= 0.9, (kind, tp, predicted)
