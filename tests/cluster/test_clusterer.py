import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from tests.cluster.articles import (ATTACK_DORNAK, ATTACK_VELMAR, OTHER, PIRATES_ORLA,
                                    PIRATES_TESSEL, QUAKE_KORVALA, QUAKE_MIRANE,
                                    REHAB_BERGLUND, REHAB_DELACROIX, docs, records)
from tidings.cluster import (ClusterDoc, ClusterParams, StoryClusterer, StoryState,
                             cluster_records)
from tidings.cluster.records import stream_order

DAY = datetime(2024, 5, 6)


def stream() -> list[ClusterDoc]:
    """Two rehab stories and two earthquakes, interleaved, plus unrelated news."""
    b, d = docs("b", REHAB_BERGLUND, DAY), docs("d", REHAB_DELACROIX, DAY)
    k, m = docs("k", QUAKE_KORVALA, DAY), docs("m", QUAKE_MIRANE, DAY)
    o = docs("o", OTHER, DAY)
    return [o[0], b[0], k[0], d[0], b[1], m[0], d[1], k[1], o[1], m[1], b[2], d[2]]


def groups(assignment: dict) -> set[frozenset]:
    by_story: dict = {}
    for doc_id, story in assignment.items():
        by_story.setdefault(story, set()).add(str(doc_id))
    return {frozenset(members) for members in by_story.values()}


def run(clusterer: StoryClusterer, items: list[ClusterDoc]) -> dict:
    return {doc.id: clusterer.add(doc) for doc in items}


EXPECTED = {frozenset({"b0", "b1", "b2"}), frozenset({"d0", "d1", "d2"}),
            frozenset({"k0", "k1"}), frozenset({"m0", "m1"}), frozenset({"o0"}),
            frozenset({"o1"})}


def test_same_kind_events_with_different_names_stay_apart_and_paraphrases_merge():
    assert groups(run(StoryClusterer(), stream())) == EXPECTED


def test_streaming_is_deterministic():
    assert run(StoryClusterer(), stream()) == run(StoryClusterer(), stream())


def test_no_look_ahead_prefix_results_do_not_depend_on_later_articles():
    full = run(StoryClusterer(), stream())
    for k in (1, 4, 7):
        prefix = run(StoryClusterer(), stream()[:k])
        assert prefix == {doc_id: full[doc_id] for doc_id in prefix}


def test_state_round_trip_continues_exactly_like_an_uninterrupted_run():
    items = stream()
    uninterrupted = run(StoryClusterer(), items)
    first = StoryClusterer()
    part = run(first, items[:6])
    saved = json.loads(json.dumps(first.state.to_dict()))
    resumed = StoryClusterer(state=StoryState.from_dict(saved, ClusterParams().index_k))
    part.update(run(resumed, items[6:]))
    assert part == uninterrupted
    assert resumed.state.to_dict() == run_state(items)


def run_state(items):
    clusterer = StoryClusterer()
    run(clusterer, items)
    return clusterer.state.to_dict()


def test_state_is_compact():
    clusterer = StoryClusterer()
    run(clusterer, stream() * 20)
    for story in clusterer.state.to_dict()["stories"]:
        caps = ClusterParams().caps
        assert all(len(story["sums"][bag]) <= 2 * caps[bag] for bag in story["sums"])


def test_missing_dates_are_accepted_and_come_first_in_file_order():
    dated = records("b", REHAB_BERGLUND, "2024-05-06") + records("k", QUAKE_KORVALA, None)
    dated[0]["date"] = "2024-05-07T10:00:00Z"
    dated.append({"id": "x", "date": "not a date", "title": "", "text": ""})
    from tidings.cluster.records import to_doc
    order = [d.id for d in stream_order(map(to_doc, dated))]
    assert order == ["k0", "k1", "x", "b1", "b2", "b0"]
    assignment = cluster_records(dated)
    assert groups(assignment) >= {frozenset({"b0", "b1", "b2"}), frozenset({"k0", "k1"})}


def test_a_story_idle_longer_than_the_window_is_closed():
    params = ClusterParams(window_days=10)
    clusterer = StoryClusterer(params)
    first, second, third = docs("b", REHAB_BERGLUND)
    first.date, second.date = DAY, DAY + timedelta(days=5)
    story = clusterer.add(first)
    assert clusterer.add(second) == story             # within the window
    third.date = DAY + timedelta(days=5 + 11)
    assert clusterer.add(third) != story              # the old story was closed
    assert story not in clusterer.state.stories


def backlog_then_late_report(arrived: datetime | None) -> tuple[int, int]:
    """A week-1 story, then one feed's backlog running eight weeks on, then another feed's
    week-1 report of the first story: the stories of the first and last articles."""
    clusterer = StoryClusterer(ClusterParams(window_days=3))
    first, *_, late = docs("b", REHAB_BERGLUND, DAY)
    backlog = docs("k", QUAKE_KORVALA) + docs("m", QUAKE_MIRANE) + docs("o", OTHER)
    for doc in (first, *backlog, late):
        doc.arrived = arrived
    for week, doc in enumerate(backlog, start=1):
        doc.date = DAY + timedelta(weeks=week)
    story = clusterer.add(first)
    for doc in backlog:
        clusterer.add(doc)
    return story, clusterer.add(late)


def test_a_feeds_backlog_does_not_close_the_stories_other_feeds_will_join():
    story, late = backlog_then_late_report(arrived=DAY + timedelta(weeks=9))
    assert late == story
    story, late = backlog_then_late_report(arrived=None)  # without arrival times: the date clock
    assert late != story


def test_stories_close_on_the_arrival_clock_and_a_snapshot_keeps_it():
    clusterer = StoryClusterer(ClusterParams(window_days=3))
    doc = docs("b", REHAB_BERGLUND, DAY)[0]
    doc.arrived = DAY + timedelta(days=30)
    story = clusterer.add(doc)
    state = StoryState.from_dict(json.loads(json.dumps(clusterer.state.to_dict())), 40)
    assert state.stories[story].arrived == "2024-06-05"
    assert StoryClusterer(ClusterParams(window_days=3), state).close_stale(DAY + timedelta(days=32)) == []
    assert clusterer.close_stale(DAY + timedelta(days=34)) == [story]


def test_close_stale_reports_closed_stories_and_keeps_undated_ones():
    clusterer = StoryClusterer(ClusterParams(window_days=3))
    dated = clusterer.add(docs("b", REHAB_BERGLUND, DAY)[0])
    undated = clusterer.add(docs("k", QUAKE_KORVALA, None)[0])
    assert clusterer.close_stale(DAY + timedelta(days=2)) == []
    assert clusterer.close_stale(DAY + timedelta(days=4)) == [dated]
    assert undated in clusterer.state.stories


def test_languages_are_kept_apart_unless_asked():
    german = docs("g", REHAB_BERGLUND, lang="de")
    english = docs("e", REHAB_BERGLUND, lang="en")
    assignment = run(StoryClusterer(), english + german)
    assert assignment["e0"] != assignment["g0"]
    assert assignment["g0"] == assignment["g1"]


def test_empty_articles_do_not_crash():
    clusterer = StoryClusterer()
    a = clusterer.add(ClusterDoc(id=1, title="", text=""))
    b = clusterer.add(ClusterDoc(id=2, title="", text=""))
    assert a != b


@pytest.mark.parametrize("bad", ["[]\n", "{\"title\": \"x\"}\n", "{oops\n"])
def test_cluster_file_rejects_bad_lines(tmp_path, bad):
    from tidings.cluster import cluster_file
    path = tmp_path / "in.jsonl"
    path.write_text(bad)
    with pytest.raises(ValueError):
        cluster_file(path, tmp_path / "out.json")


def test_observe_replays_another_workers_decisions_into_the_same_state():
    items = stream()
    deciding = StoryClusterer()
    decided = run(deciding, items)
    replaying = StoryClusterer()
    for doc in items:
        replaying.observe(doc, decided[doc.id])
    assert replaying.state.to_dict() == deciding.state.to_dict()
    extra = docs("x", REHAB_BERGLUND, DAY)[0]
    assert replaying.add(extra) == deciding.add(extra)


def test_aware_datetimes_are_stored_as_days():
    from datetime import timezone
    clusterer = StoryClusterer()
    doc = docs("b", REHAB_BERGLUND)[0]
    doc.date = datetime(2024, 5, 6, 23, 30, tzinfo=timezone.utc)
    story = clusterer.state.stories[clusterer.add(doc)]
    assert story.first == story.last == "2024-05-06"


def test_same_navy_same_gulf_different_ship_and_counts_are_two_stories():
    orla, tessel = docs("o", PIRATES_ORLA), docs("t", PIRATES_TESSEL)
    background = docs("x", OTHER) + docs("k", QUAKE_KORVALA)
    assignment = run(StoryClusterer(), background + [orla[0], tessel[0], orla[1], tessel[1]])
    assert assignment["o0"] == assignment["o1"]
    assert assignment["t0"] == assignment["t1"]
    assert assignment["o0"] != assignment["t0"]


def test_a_story_keeps_its_first_members_and_its_latest_ones():
    clusterer = StoryClusterer(ClusterParams(members=3))
    story_id = None
    for doc in docs("b", REHAB_BERGLUND * 2):
        story_id = clusterer.add(doc)
    story = clusterer.state.stories[story_id]
    assert story.size == 6 and len(story.members) == 3
    first = clusterer._vectors(docs("b", REHAB_BERGLUND)[0]).vectors["title"]
    assert set(story.members[0]["title"]) == set(first)


def test_a_conflicting_number_lowers_the_join_score():
    clusterer = StoryClusterer()
    for doc in docs("o", PIRATES_ORLA):
        clusterer.add(doc)
    story = next(iter(clusterer.state.stories.values()))
    same = ClusterDoc("s", "Navy holds 23 pirates after Gulf of Sarn raid",
                      "The Vardonian navy holds 23 pirates after the raid by VNS Orla.")
    other = ClusterDoc("d", "Navy holds 41 pirates after Gulf of Sarn raid",
                       "The Vardonian navy holds 41 pirates after the raid by VNS Orla.")
    scores = [clusterer.score(clusterer._vectors(doc), story) for doc in (same, other)]
    assert scores[0] > scores[1]


def attacks() -> tuple[StoryClusterer, list[ClusterDoc], list[ClusterDoc]]:
    """A clusterer that has seen unrelated news, and the reports of two attacks."""
    clusterer = StoryClusterer()
    run(clusterer, docs("x", OTHER) + docs("k", QUAKE_KORVALA) + docs("b", REHAB_BERGLUND))
    return clusterer, docs("d", ATTACK_DORNAK, DAY), docs("v", ATTACK_VELMAR, DAY)


def test_another_attack_with_another_headline_toll_is_another_story():
    clusterer, dornak, velmar = attacks()
    assignment = run(clusterer, [dornak[0], velmar[0], dornak[1]])
    assert assignment["v0"] != assignment["d0"]
    assert assignment["d1"] == assignment["d0"]


def test_the_same_toll_outweighs_shared_background_years_and_weekdays():
    """A report of the same attack in other words, with other years and weekdays, scores
    above a report of another attack that shares the story's background numbers."""
    clusterer, dornak, velmar = attacks()
    story = clusterer.state.stories[clusterer.add(dornak[0])]
    same, other = (clusterer.score(clusterer._vectors(doc), story)
                   for doc in (dornak[1], velmar[0]))
    assert same > clusterer.params.threshold > other


def test_only_the_lead_of_a_long_text_is_read():
    from tidings.cluster.clusterer import lead
    assert lead("short text", 100) == "short text"
    assert lead("alpha beta gamma", 12) == "alpha beta"
    tail = " ".join(["Zorvath"] * 50)
    long = ClusterDoc("l", "Quake", "A quake hit Korvala. " + "x " * 2000 + tail)
    clusterer = StoryClusterer(ClusterParams(max_chars=200))
    assert "e:zorvath" not in clusterer._vectors(long).vectors["entities"]


def test_a_saved_state_without_members_still_loads():
    clusterer = StoryClusterer()
    run(clusterer, stream())
    saved = json.loads(json.dumps(clusterer.state.to_dict()))
    saved["version"] = 1
    for story in saved["stories"]:
        del story["members"]
    restored = StoryState.from_dict(saved, ClusterParams().index_k)
    assert set(restored.stories) == set(clusterer.state.stories)


def test_a_state_saved_before_the_lead_figures_loads_and_goes_on_clustering():
    clusterer, dornak, velmar = attacks()
    clusterer.add(dornak[0])
    saved = json.loads(json.dumps(clusterer.state.to_dict()))
    for story in saved["stories"]:
        del story["sums"]["specific"]
    restored = StoryClusterer(state=StoryState.from_dict(saved, ClusterParams().index_k))
    story = restored.add(dornak[1])
    assert restored.state.stories[story].size == 2
    assert restored.state.stories[story].sums["specific"]


def test_tuning_replays_exactly_what_the_command_does():
    from tidings.cluster.tune import cluster_prepared, prepare
    rows = (records("b", REHAB_BERGLUND, "2024-05-06") + records("k", QUAKE_KORVALA, None)
            + records("m", QUAKE_MIRANE, "2024-05-09") + records("o", OTHER, None))
    params = ClusterParams(members=4)
    prepared = prepare(rows, params)
    for threshold in (-1.0, 5.0, -1.0, -8.0):  # the same vectors serve every threshold
        tried = replace(params, threshold=threshold)
        assert cluster_prepared(prepared, tried) == cluster_records(rows, tried)


def test_a_new_placement_does_not_reuse_cosines_of_a_story_that_changed():
    from tidings.cluster.features import text_cosine
    from tidings.cluster.vectors import cosine
    clusterer = StoryClusterer()
    first, second = docs("b", REHAB_BERGLUND)[:2]
    story_id = clusterer.add(first)
    vectors = clusterer._vectors(second)
    clusterer.candidates(vectors, "en")
    before = text_cosine(vectors, clusterer.state.stories[story_id])
    clusterer.observe(docs("k", QUAKE_KORVALA)[0], story_id)  # the story changes
    clusterer.candidates(vectors, "en")
    story = clusterer.state.stories[story_id]
    fresh = cosine(vectors.vectors["text"], story.sums["text"], story.norms["text"])
    assert text_cosine(vectors, story) == fresh != before
