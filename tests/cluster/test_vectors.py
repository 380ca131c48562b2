import random

from tests.cluster.articles import OTHER, QUAKE_KORVALA, QUAKE_MIRANE, REHAB_BERGLUND, docs
from tidings.cluster import StoryClusterer
from tidings.cluster.state import Story
from tidings.cluster.vectors import heaviest, heaviest_after_growth


def test_heaviest_after_growth_equals_a_full_ranking_ties_included():
    rng = random.Random(3)
    vector = {f"t{i}": float(rng.randint(1, 4)) for i in range(60)}  # many ties
    for _ in range(200):
        before = heaviest(vector, 10)
        for term in rng.sample(sorted(vector), 5) + [f"new{rng.randint(0, 999)}"]:
            vector[term] = vector.get(term, 0.0) + float(rng.randint(0, 2))
        assert heaviest_after_growth(vector, 10, before) == heaviest(vector, 10)


def test_story_rankings_kept_on_absorb_equal_a_full_refresh():
    clusterer = StoryClusterer()
    items = docs("b", REHAB_BERGLUND * 4) + docs("k", QUAKE_KORVALA * 3) + docs("o", OTHER)
    items += docs("m", QUAKE_MIRANE * 3)
    for doc in items:
        clusterer.add(doc)
    assert any(s.size > 5 for s in clusterer.state.stories.values())
    for story in clusterer.state.stories.values():
        fresh = Story.from_dict(story.to_dict())
        assert story.tops == fresh.tops
        assert story.norms == fresh.norms


def test_centroid_weights_stay_rounded_to_six_decimals():
    clusterer = StoryClusterer()
    for doc in docs("b", REHAB_BERGLUND * 3):
        clusterer.add(doc)
    for story in clusterer.state.stories.values():
        for bag in story.sums.values():
            assert all(round(weight, 6) == weight for weight in bag.values())
