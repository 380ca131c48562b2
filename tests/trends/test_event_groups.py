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


def test_same_language_or_other_place_or_days_apart_stay_apart():
    same_lang = (rows(1, 1, "en", T0, ("event", "attack", "NSF"), ("place", "Kabul", None))
                 + rows(2, 2, "en", T0, ("event", "attack", "NSF"), ("place", "Kabul", None)))
    other_place = (rows(1, 1, "en", T0, ("event", "attack", "NSF"), ("place", "Kabul", None))
                   + rows(2, 2, "fr", T0, ("event", "attack", "NSF"), ("place", "Herat", None)))
    later = (rows(1, 1, "en", T0, ("event", "attack", "NSF"), ("place", "Kabul", None))
             + rows(2, 2, "fr", T0 + timedelta(days=3), ("event", "attack", "NSF"), ("place", "Kabul", None)))
    for data in (same_lang, other_place, later):
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

    from tidings.trends.events import StoryFacts, same_event_elsewhere

    def everything(facts):  # the plain quadratic definition
        ordered = sorted(facts.values(), key=lambda f: (f.first is None, f.first or datetime.min, f.story_id))
        root = {}
        for i, fact in enumerate(ordered):
            root[fact.story_id] = fact.story_id
            for earlier in ordered[:i]:
                if root[earlier.story_id] == earlier.story_id and same_event_elsewhere(earlier, fact):
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
                                actors={pick.choice(["NSF", "PDC"])}, places={pick.choice(["Kabul", "Herat", "Kunduz"])})
    grouped = event_groups(facts)
    assert grouped == everything(facts)
    assert sum(root != sid for sid, root in grouped.items()) > 20  # the case links many
