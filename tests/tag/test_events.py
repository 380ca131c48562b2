"""Event lexicon and actor–event linking within a sentence."""
from __future__ import annotations

import pytest

from tidings.tag import Sentence, example_watchlist, find_triggers, get_lexicon, tag_article


@pytest.fixture(scope="module")
def wl():
    return example_watchlist()


def events(text: str, lang: str = "en", wl=None, title: str = "") -> set[tuple[str, str | None]]:
    return {(t.name, t.actor) for t in tag_article(title, text, lang, wl) if t.kind == "event"}


def types(text: str, lang: str) -> set[str]:
    lex = get_lexicon()
    return {t.type for t in find_triggers(Sentence.of(text), lex.languages_for(lang), lex)}


@pytest.mark.parametrize("lang, text, expected", [
    ("en", "Gunmen attacked a checkpoint.", "attack"),
    ("fr", "Des hommes armés ont attaqué un poste.", "attack"),
    ("es", "Hombres armados atacaron un puesto.", "attack"),
    ("de", "Bewaffnete haben einen Posten angegriffen.", "attack"),
    ("ru", "Боевики атаковали блокпост.", "attack"),
    ("fa", "افراد مسلح به یک پاسگاه حمله کردند.", "attack"),
    ("en", "Clashes erupted overnight.", "clash"),
    ("fr", "De violents affrontements ont éclaté.", "clash"),
    ("es", "Se registraron enfrentamientos.", "clash"),
    ("de", "Es gab heftige Gefechte.", "clash"),
    ("ru", "Произошли столкновения.", "clash"),
    ("fa", "درگیری ها ادامه دارد.", "clash"),
    ("en", "Jets carried out air strikes.", "airstrike"),
    ("fr", "Des frappes aériennes ont visé le village.", "airstrike"),
    ("es", "Un bombardeo destruyó la aldea.", "airstrike"),
    ("de", "Ein Luftangriff traf das Dorf.", "airstrike"),
    ("ru", "Авиаудар пришелся по селу.", "airstrike"),
    ("fa", "حمله هوایی روستا را ویران کرد.", "airstrike"),
    ("en", "An explosion shook the market.", "explosion"),
    ("fa", "انفجار در بازار رخ داد.", "explosion"),
    ("ru", "Взрыв прогремел у мечети.", "explosion"),
    ("en", "Three people were killed.", "killing"),
    ("fr", "Trois personnes ont été tuées.", "killing"),
    ("es", "Tres personas murieron.", "killing"),
    ("de", "Drei Menschen wurden getötet.", "killing"),
    ("ru", "Три человека погибли.", "killing"),
    ("fa", "سه نفر کشته شدند.", "killing"),
    ("en", "Gunmen kidnapped two engineers.", "kidnapping"),
    ("es", "Secuestraron a dos ingenieros.", "kidnapping"),
    ("en", "Police arrested five men.", "arrest"),
    ("de", "Die Polizei hat fünf Männer festgenommen.", "arrest"),
    ("fa", "پولیس پنج نفر را بازداشت کرد.", "arrest"),
    ("en", "Hundreds protested outside parliament.", "protest"),
    ("fr", "Des milliers de manifestants ont défilé.", "protest"),
    ("en", "The ministry issued a statement.", "statement"),
    ("ru", "Министерство сделало заявление.", "statement"),
    ("en", "The two sides signed an agreement.", "agreement"),
    ("fa", "دو طرف توافق کردند.", "agreement"),
    ("en", "A ceasefire took effect.", "ceasefire"),
    ("fr", "Un cessez-le-feu est entré en vigueur.", "ceasefire"),
    ("fa", "آتش‌بس برقرار شد.", "ceasefire"),
    ("en", "Fighters took control of the district.", "seizure"),
])
def test_lexicon_per_language(lang, text, expected):
    assert expected in types(text, lang)


def test_longest_trigger_wins():
    assert types("A drone strike hit the car.", "en") == {"airstrike"}
    assert types("حمله هوایی", "fa") == {"airstrike"}


def test_words_that_only_contain_a_trigger_do_not_count():
    assert types("The fighters and the attackers' families met; an executive spoke.", "en") == set()


def test_negated_and_planned_events_are_dropped():
    assert types("No one was killed.", "en") == set()
    assert types("They were plotting an attack.", "en") == set()


def test_agent_is_the_actor_before_the_verb(wl):
    assert events("NRF fighters attacked a Taliban checkpoint.", wl=wl) == {("attack", "National Resistance Front of Afghanistan")}
    tags = [t for t in tag_article("", "NRF fighters attacked a Taliban checkpoint.", "en", wl) if t.kind == "event"]
    assert tags[0].target == "Taliban"


def test_passive_and_by(wl):
    assert events("Three Taliban fighters were killed.", wl=wl) == {("killing", None)}
    assert events("The checkpoint was attacked by NRF fighters.", wl=wl) == {("attack", "National Resistance Front of Afghanistan")}


def test_target_is_not_the_agent(wl):
    assert events("There was an attack on NRF positions.", wl=wl) == {("attack", None)}


def test_speaker_is_not_the_agent_unless_a_pronoun_takes_it_up(wl):
    assert events("The Taliban said an attack took place.", wl=wl) == {("attack", None)}
    assert events("The NRF said its fighters attacked.", wl=wl) == {("attack", "National Resistance Front of Afghanistan")}
    assert events("Pakistan carried out air strikes, the Taliban said.", wl=wl) == {("airstrike", "Government of Pakistan")}


def test_linking_stays_within_the_sentence(wl):
    assert events("NRF fighters gathered at dawn. An attack followed.", wl=wl) == {("attack", None)}


def test_symmetric_events_go_to_every_party(wl):
    assert events("Clashes between the Taliban and the NRF continued.", wl=wl) == {
        ("clash", "Taliban"), ("clash", "National Resistance Front of Afghanistan")}


def test_participle_takes_the_previous_agent(wl):
    assert events("NRF fighters ambushed a Taliban convoy, killing four.", wl=wl) == {
        ("attack", "National Resistance Front of Afghanistan"), ("killing", "National Resistance Front of Afghanistan")}


def test_claim_makes_the_claimer_the_agent(wl):
    assert events("ISKP claimed responsibility for the bombing.", wl=wl) == {
        ("statement", "Islamic State Khorasan Province"), ("explosion", "Islamic State Khorasan Province")}


@pytest.mark.parametrize("lang, text, actor", [
    ("fr", "Les combattants du FNR ont attaqué un poste des talibans.", "National Resistance Front of Afghanistan"),
    ("de", "Kämpfer der Taliban haben Stellungen der Nationalen Widerstandsfront angegriffen.", "Taliban"),
    ("fa", "طالبان به مواضع جبهه مقاومت ملی حمله کردند.", "Taliban"),
    ("ru", "Талибы атаковали позиции Фронта национального сопротивления.", "Taliban"),
    ("es", "Los talibanes atacaron posiciones del FNR.", "Taliban"),
])
def test_agent_in_other_languages(wl, lang, text, actor):
    assert ("attack", actor) in events(text, lang, wl)


def nsf_events(text: str, title: str = "") -> set[tuple[str, str | None]]:
    from tidings.tag import Watchlist
    wl = Watchlist.from_dict({"actors": [{"id": "nsf", "name": "Northern Salvation Front",
                                          "aliases": ["forces loyal to Nasir Haqbeen"], "acronyms": ["NSF"]}]})
    return {(t.name, t.actor and "nsf") for t in tag_article(title, text, "en", wl) if t.kind == "event"}


def test_a_tally_of_past_attacks_is_no_new_attack():
    assert nsf_events("Since 2019, forces loyal to Nasir Haqbeen have carried out dozens of attacks in the north.") == set()
    assert nsf_events("The NSF has staged numerous attacks on police.") == set()
    assert types("Des combattants ont mené des dizaines d'attaques.", "fr") == set()
    # a crowd is no tally, and "since" inside a sentence dates nothing
    assert types("Hundreds protested outside parliament.", "en") == {"protest"}
    assert ("attack", "nsf") in nsf_events("Residents said that since 2021 the NSF attacked the town twice.")


def test_a_repelled_assault_is_an_attack_on_the_defender_not_a_clash():
    assert nsf_events("Security forces fought off an assault by the NSF on a checkpoint.") == {("attack", "nsf")}
    assert nsf_events("The NSF fought off an assault on its base.") == {("attack", None)}
    assert nsf_events("The army fought NSF fighters for six hours.") == {("clash", "nsf")}


def test_claims_and_comments_link_the_attack_to_the_right_actor():
    assert ("attack", "nsf") in nsf_events(
        "The Northern Salvation Front said in a statement that its fighters were behind the raid.")
    assert ("attack", "nsf") in nsf_events(
        "NSF spokesman Sayed Qaderi said the group had carried out the attack.")
    assert nsf_events("The NSF has not commented on the attack.") == {("attack", None)}
    assert nsf_events("NSF fighters were attacked by the army.") == {("attack", None)}


def test_an_unclaimed_attack_blamed_on_an_actor_is_that_actors():
    text = ("Gunmen attacked an army outpost on Wednesday. No group claimed responsibility, but "
            "officials pointed to the NSF, which is active in the area.")
    assert ("attack", "nsf") in nsf_events(text)
    assert ("attack", "nsf") not in nsf_events(
        "Gunmen attacked an army outpost on Wednesday. Officials did not blame the NSF.")
