"""Places: gazetteer lookups and disambiguation by context."""
from __future__ import annotations

import pytest

from tidings.tag import example_watchlist, get_gazetteer, tag_article


@pytest.fixture(scope="module")
def gaz():
    return get_gazetteer()


def places(text: str, lang: str = "en", title: str = "") -> list[tuple[str, str]]:
    return [(t.name, t.country) for t in tag_article(title, text, lang, example_watchlist()) if t.kind == "place"]


def test_gazetteer_is_built_once(gaz):
    assert get_gazetteer() is gaz
    assert {p.kind for p in gaz.lookup("kabul")} == {"city", "admin1"}
    assert gaz.country("af").name == "Afghanistan"


def test_paris_alone_is_in_france_but_paris_texas_is_in_texas():
    assert places("Thousands marched in Paris on Sunday.") == [("Paris", "FR")]
    assert places("A tornado hit Paris, Texas, on Sunday.") == [("Paris", "US"), ("Texas", "US")]


def test_state_abbreviation_qualifies_a_town():
    assert ("Springfield", "US") in places("He died at the federal prison in Springfield, Mo., on Monday.")


def test_georgia_follows_the_context():
    assert places("Protesters rallied in Tbilisi, the capital of Georgia.") == [("Tbilisi", "GE"), ("Georgia", "GE")]
    us = places("Officials in Atlanta said Georgia would recount the votes in Fulton County.")
    assert ("Georgia", "US") in us and ("Georgia", "GE") not in us


def test_common_words_need_capitals_mid_sentence_and_support():
    assert places("Mobile phone sales rose in March.") == []
    assert ("Mobile", "US") in places("Sales rose, while the port of Mobile, Alabama, was busy.")
    assert ("Of", "TR") in places("Floods hit the town of Of in Trabzon province in Turkey.")
    assert places("Reading the letter, she smiled. Nice work, of course.") == []


def test_person_names_are_not_places():
    assert places("Former president Barack Obama met singer Jackson Browne in Los Angeles.") == [("Los Angeles", "US")]


def test_small_towns_need_the_support_of_the_article():
    assert places("The mayor of Bazarak spoke.") == []
    assert ("Bāzārak", "AF") in places("The mayor of Bazarak in Panjshir province spoke.")


def test_demonym_supports_a_town():
    assert ("Charikar", "AF") in places("Afghan officials in Charikar said the road was open.")


def test_province_cue_prefers_the_province(gaz):
    [tag] = [t for t in tag_article("", "Fighting spread in Kunduz province.", "en") if t.kind == "place"]
    assert tag.ref == "tidings:af-kunduz" and tag.lat is not None


@pytest.mark.parametrize("text, lang, expected", [
    ("Les talibans sont entrés dans Kaboul.", "fr", ("Kabul", "AF")),
    ("Взрыв прогремел в Кабуле.", "ru", ("Kabul", "AF")),
    ("انفجار در شهر هرات رخ داد.", "fa", ("Herāt", "AF")),
    ("Combates en el valle del Panjshir.", "es", ("Panjshir", "AF")),
    ("Gefechte im Pandschir-Tal.", "de", ("Panjshir", "AF")),
    ("Взрыв в Хайбер-Пахтунхве.", "ru", ("Khyber Pakhtunkhwa", "PK")),
])
def test_places_in_other_languages(text, lang, expected):
    assert expected in places(text, lang)


def test_caseless_common_word_is_not_a_place():
    # "خبر" (news) is also an alternate name of al-Khobar; "دوشنبه" (Monday) is Dushanbe.
    assert places("سخنگوی طالبان روز دوشنبه این خبر را تایید کرد.", "fa") == []


def test_names_inside_an_actor_or_standing_for_a_government_are_not_places():
    assert places("The Islamic Emirate of Afghanistan said.") == []
    assert places("Pakistan carried out air strikes in Khost province.") == [("Khost", "AF")]


def test_place_tags_carry_coordinates_and_country():
    [tag] = [t for t in tag_article("", "Fighting in Jalalabad.", "en") if t.kind == "place"]
    assert tag.country == "AF" and 34 < tag.lat < 35 and 70 < tag.lon < 71


def test_a_small_town_said_twice_right_after_in_is_a_place():
    # Taloqan (64,000 people in GeoNames) named twice after "в", in a report naming no country
    title = "ФСС атаковал блокпост в Талукане"
    text = "В понедельник в Талукане погибли 4 человека. Силы безопасности оцепили район."
    assert ("Taloqan", "AF") in places(text, "ru", title)
    assert ("Taloqan", "AF") not in places("Силы безопасности оцепили район в Талукане.", "ru")


def test_locatives_of_two_words_and_french_exonyms():
    text = ("Le bilan de l'attaque survenue mercredi à Tcharikar s'élève à 14 morts. "
            "Les routes autour de Tcharikar sont devenues dangereuses.")
    assert ("Charikar", "AF") in places(text, "fr", "Attaque contre un poste de milice près de Tcharikar")
    assert ("Dushanbe", "TJ") in places("Reunión de ministros en Dusambé.", "es")


def test_god_said_twice_after_in_is_not_the_hungarian_town_of_god():
    assert places("She put her faith in God. In the end, she said, we trust in God.") == []
