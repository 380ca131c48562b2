"""Primary-source attribution, evidence by evidence, and aggregator learning."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from tidings.dedupe import (AggregatorStats, Candidate, aggregator_score, attribute,
                            choose_primary, is_aggregator, url_key)

T0 = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def cand(cid, host, published=None, seen=None, credit="", aggregator=False, path="/story"):
    return Candidate(cid, f"https://{host}{path}", host, published, seen, credit, aggregator)


def test_explicit_credit_beats_an_earlier_date():
    orig = cand(1, "paper.example", at(60), at(70))
    copy = cand(2, "other.example", at(0), at(5), credit="https://www.paper.example/story/?utm_source=x")
    result = attribute([copy, orig])
    assert result.primary is orig and result.rule == "credit"


def test_credit_to_a_host_names_the_only_member_from_it():
    orig = cand(1, "paper.example", at(60), at(70), path="/2024/05/01/a")
    copy = cand(2, "other.example", at(0), at(5), credit="https://paper.example/")
    assert choose_primary([copy, orig]) is orig


def test_credit_chains_are_followed_to_their_end():
    wire = cand(1, "wire.example", at(30), at(35))
    paper = cand(2, "paper.example", at(10), at(12), credit=wire.url)
    agg = cand(3, "agg.example", at(0), at(1), credit=paper.url)
    assert choose_primary([agg, paper, wire]) is wire


def test_credit_ending_at_an_aggregator_proves_nothing():
    orig = cand(1, "paper.example", at(0), at(5))
    agg = cand(2, "agg.example", at(-90), at(20), aggregator=True)
    copy = cand(3, "other.example", at(30), at(31), credit=agg.url)
    result = attribute([copy, agg, orig])
    assert result.primary is orig and result.rule == "date"


def test_member_crediting_an_outside_page_is_not_chosen_and_outside_url_is_credited():
    outside = "https://origin.example/the-story"
    a = cand(1, "a.example", at(0), at(1), credit=outside)
    b = cand(2, "b.example", at(30), at(31))
    assert choose_primary([a, b]) is b
    alone = [cand(1, "a.example", at(0), at(1), credit=outside),
             cand(2, "b.example", at(5), at(6), credit=outside)]
    result = attribute(alone)
    assert result.primary.id == 1 and result.primary_url == outside


def test_earliest_date_wins_without_credit():
    early, late = cand(1, "a.example", at(0), at(5)), cand(2, "b.example", at(40), at(45))
    result = attribute([late, early])
    assert result.primary is early and result.rule == "date"


def test_aggregator_claimed_earlier_date_is_not_trusted():
    orig = cand(1, "paper.example", at(0), at(10))
    agg = cand(2, "agg.example", at(-600), at(120), aggregator=True)
    assert choose_primary([agg, orig]) is orig
    unflagged = cand(2, "agg.example", at(-600), at(120))
    assert choose_primary([unflagged, orig]) is unflagged


def test_date_after_first_seen_is_capped_by_first_seen():
    a = cand(1, "a.example", at(500), at(20))
    b = cand(2, "b.example", at(100), at(110))
    assert choose_primary([a, b]) is a


def test_a_date_far_before_first_seen_is_not_trusted_beyond_two_days():
    backdated = cand(1, "a.example", at(-60 * 24 * 30), at(60 * 24 * 3))
    real = cand(2, "b.example", at(0), at(5))
    assert choose_primary([backdated, real]) is real


def test_tie_goes_to_the_non_aggregator():
    agg = cand(1, "agg.example", at(0), at(0), aggregator=True)
    paper = cand(2, "paper.example", at(5), at(6))
    result = attribute([agg, paper])
    assert result.primary is paper and result.rule == "non-aggregator"


def test_without_any_dates_the_non_aggregator_wins():
    agg, paper = cand("a", "agg.example", aggregator=True), cand("b", "paper.example")
    assert choose_primary([agg, paper]) is paper


def test_naive_and_aware_dates_compare():
    naive = Candidate(1, "https://a.example/x", "a.example", datetime(2024, 5, 1, 11, 0))
    aware = cand(2, "b.example", T0)
    assert choose_primary([aware, naive]) is naive


def test_single_member_is_its_own_primary():
    only = cand(1, "a.example", at(0))
    assert attribute([only]).primary is only


def test_url_key_drops_tracking_and_prefixes():
    assert url_key("https://www.Paper.example/a/b/?utm_medium=x&id=3#top") == \
        url_key("http://paper.example/a/b?id=3")
    assert url_key("https://paper.example/a?id=3") != url_key("https://paper.example/a?id=4")


def test_aggregator_score_and_flag():
    assert aggregator_score(9, 9) == 0.0
    assert aggregator_score(6, 12) == 0.5
    assert is_aggregator(5, 10) and not is_aggregator(4, 10) and not is_aggregator(9, 9)


def test_aggregators_are_learned_from_groups():
    stats = AggregatorStats()
    for i in range(12):
        orig = cand(f"o{i}", "paper.example", at(i), at(i + 1), path=f"/s{i}")
        copy = cand(f"c{i}", "agg.example", at(i + 30), at(i + 31), path=f"/s{i}")
        stats.observe_groups([[orig, copy], [cand(f"x{i}", "agg.example", at(i), path=f"/x{i}")]]
                             if i < 3 else [[orig, copy]])
    assert stats.is_aggregator("agg.example")
    assert not stats.is_aggregator("paper.example")
    assert stats.flagged() == {"agg.example"}
