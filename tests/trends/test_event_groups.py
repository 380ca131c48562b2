"""Counting events, not reports: a story's main event, and one event told in two languages."""
from datetime import datetime, timedelta, timezone

from tidings.trends.events import event_groups, story_facts

T0 = datetime(2025, 3, 4, 8, tzinfo=timezone.utc)


def rows(story, article, lang, when, *tags):
    return [(story, article, lang, when, 100 * article + i, kind, name, actor)
            for i, (kind, name, actor) in enumerate(tags)]


def test_main_event_is_the_most_specific_type_most_articles_carry():
    data = (rows(1, 1, "en", T0, ("event", "killing", None), ("event", "attack", "NSF"))
            + rows(1, 2, "en", T0, ("event", "attack", "NSF"), ("event", "statement", "NSF"))
            + rows(1, 3, "en", T0, ("event", "killing", None)))
    facts = story_facts(data)
    assert facts[1].main_event == "attack"  # killing is as common, attack is more specific


def test_a_type_few_articles_carry_does_not_make_the_story():
    data = (rows(1, 1, "en", T0, ("event", "statement", "NSF"))
            + rows(1, 2, "en", T0, ("event", "statement", "NSF"))
            + rows(1, 3, "en", T0, ("event", "statement", None), ("event", "attack", None)))
    assert story_facts(data)[1].main_event == "statement"


def test_one_event_in_two_languages_is_one_group():
    data = (rows(1, 1, "en", T0, ("event", "attack", "NSF"), ("place", "Kabul", None))
            + rows(2, 2, "fr", T0 + timedelta(hours=5), ("event", "attack", "NSF"), ("place", "Kabul", None)))
    assert event_groups(story_facts(data)) == {1: 1, 2: 1}


def test_other_place_or_days_apart_stay_apart():
    other_place = (rows(1, 1, "en", T0, ("event", "attack", "NSF"), ("place", "Kabul", None))
                   + rows(2, 2, "fr", T0, ("event", "attack", "NSF"), ("place", "Herat", None)))
    later = (rows(1, 1, "en", T0, ("event", "attack", "NSF"), ("place", "Kabul", None))
             + rows(2, 2, "fr", T0 + timedelta(days=3), ("event", "attack", "NSF"), ("place", "Kabul", None)))
    other_actor = (rows(1, 1, "en", T0, ("event", "attack", "NSF"), ("place", "Kabul", None))
                   + rows(2, 2, "fr", T0, ("event", "attack", "PDC"), ("place", "Kabul", None)))
    for data in (other_place, later, other_actor):
        assert event_groups(story_facts(data)) == {1: 1, 2: 2}


def attack(story, lang, when, *places, actor="NSF"):
    return rows(story, story, lang, when, ("event", "attack", actor), *(("place", p, None) for p in places))


def test_one_attack_split_in_one_language_is_one_group():
    """The clusterer sometimes splits one event's reports in one language: same actor and
    event, starting within hours, one naming no town the other does not."""
    same_places = attack(1, "en", T0, "Khanabad", "Kunduz") + attack(2, "en", T0 + timedelta(minutes=15), "Khanabad", "Kunduz")
    fewer = attack(1, "en", T0, "Bagram", "Charikar", "Parwan") + attack(2, "en", T0 + timedelta(hours=7), "Bagram", "Charikar")
    for data in (same_places, fewer):
        assert event_groups(story_facts(data)) == {1: 1, 2: 1}


def test_a_split_joins_its_group_when_another_language_came_between():
    data = (attack(1, "en", T0, "Bagram", "Charikar", "Salang") + attack(2, "fr", T0 + timedelta(hours=1), "Bagram", "Charikar")
            + attack(3, "en", T0 + timedelta(hours=2), "Bagram", "Charikar"))
    assert event_groups(story_facts(data)) == {1: 1, 2: 1, 3: 1}


def test_in_one_language_other_towns_or_half_a_day_apart_stay_apart():
    """Two attacks in one province a day apart, or in two districts of one town, are two
    events, even when one story names many places (it may mix reports of several)."""
    other_district = attack(1, "en", T0, "Khanabad", "Kunduz") + attack(2, "en", T0 + timedelta(hours=1), "Chahar Dara", "Kunduz")
    next_day = attack(1, "en", T0, "Kunduz") + attack(2, "en", T0 + timedelta(hours=13), "Kunduz")
    wide_then_town = (attack(1, "en", T0, "Bagram", "Balkh", "Charikar", "Kabul", "Mazar-i-Sharif")
                      + attack(2, "en", T0 + timedelta(hours=19), "Balkh", "Kabul", "Mazar-i-Sharif"))
    other_actor = attack(1, "en", T0, "Kunduz") + attack(2, "en", T0, "Kunduz", actor="PDC")
    for data in (other_district, next_day, wide_then_town, other_actor):
        assert event_groups(story_facts(data)) == {1: 1, 2: 2}


def test_a_split_naming_only_a_country_in_common_stays_apart():
    data = (attack(1, "en", T0, "Kabul", "Afghanistan") + attack(2, "en", T0 + timedelta(hours=1), "Herat", "Afghanistan"))
    assert event_groups(story_facts(data)) == {1: 1, 2: 2}


def test_a_clash_report_that_mentions_an_offensive_stays_a_clash():
    data = (rows(1, 1, "en", T0, ("event", "clash", "NSF"), ("event", "attack", "NSF"), ("event", "killing", "NSF"))
            + rows(1, 2, "en", T0, ("event", "clash", "NSF"), ("event", "seizure", "NSF"))
            + rows(1, 3, "en", T0, ("event", "killing", None), ("event", "clash", "NSF")))
    assert story_facts(data)[1].main_event == "clash"


def test_articles_lead_with_their_first_event_not_its_toll_or_a_statement():
    from tidings.trends.events import lead_event
    assert lead_event(["killing", "attack", "statement"]) == "attack"
    assert lead_event(["statement", "attack"]) == "attack"
    assert lead_event(["killing", "statement"]) == "killing"
    assert lead_event([]) is None


def test_one_country_in_common_does_not_make_one_event():
    data = (rows(1, 1, "en", T0, ("event", "attack", "NSF"), ("place", "Kabul", None), ("place", "Afghanistan", None))
            + rows(2, 2, "fr", T0, ("event", "attack", "NSF"), ("place", "Herat", None), ("place", "Afghanistan", None)))
    assert event_groups(story_facts(data)) == {1: 1, 2: 2}


def test_windowed_grouping_equals_comparing_every_earlier_story():
    import random
    from collections import Counter

    from tidings.trends.events import StoryFacts, same_event

    def everything(facts):  # the plain quadratic definition
        ordered = sorted(facts.values(), key=lambda f: (f.first is None, f.first or datetime.min, f.story_id))
        root = {}
        for i, fact in enumerate(ordered):
            root[fact.story_id] = fact.story_id
            for earlier in ordered[:i]:
                if root[earlier.story_id] == earlier.story_id and same_event(earlier, fact):
                    root[fact.story_id] = earlier.story_id
                    break
        return root

    pick = random.Random(5)
    start = datetime(2025, 3, 1, tzinfo=timezone.utc)
    facts = {}
    for sid in range(1, 400):
        event = pick.choice(["attack", "clash", "protest"])
        facts[sid] = StoryFacts(sid, langs=Counter({pick.choice("ef"): 1}),
                                first=start + timedelta(hours=pick.randrange(0, 24 * 20)),
                                leads=Counter({event: 2}), heads=Counter({event: 2}),
                                actors={pick.choice(["NSF", "PDC"])},
                                places=set(pick.sample(["Kabul", "Herat", "Kunduz", "Khanabad"], pick.choice([1, 1, 2]))))
    grouped = event_groups(facts)
    assert grouped == everything(facts)
    assert sum(root != sid for sid, root in grouped.items()) > 20  # the case links many
