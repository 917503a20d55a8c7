"""Story assignment: features, unit vectors, match scores and placement over plain story records."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup_samples import article
from storyfuse.assign import (
    ClusterOptions,
    StoryProfile,
    absorb,
    add_member,
    article_features,
    article_vector,
    match_score,
    place,
    story_similarity,
)
from storyfuse.errors import OptionsError


def test_features_hold_entities_and_numbers() -> None:
    features = article_features(article("x", ["The victim, Marcus Webb, 34, was found on Kessler Avenue."]))
    assert {"@marcus webb", "@kessler avenue", "#34", "victim"} <= set(features)
    assert "@the" not in features and "@the victim" not in features


def test_options_are_checked() -> None:
    with pytest.raises(OptionsError, match="threshold"):
        ClusterOptions(threshold=0.0)
    with pytest.raises(OptionsError, match="max_candidates"):
        ClusterOptions(max_candidates=0)
    with pytest.raises(OptionsError, match="lone_margin"):
        ClusterOptions(lone_margin=0.5)
    with pytest.raises(OptionsError, match="follow_up_names"):
        ClusterOptions(follow_up_names=-1)


def _profile(key: str, *vectors: dict[str, float], day: int | None = None) -> StoryProfile:
    story = StoryProfile(key)
    for vector in vectors:
        add_member(story, vector, day)
    return story


def test_place_joins_the_best_story_at_threshold_or_opens_one() -> None:
    options = ClusterOptions(threshold=0.3)
    flood = _profile("s1", {"flood": 0.6, "holmby": 0.8})
    tram = _profile("s2", {"tram": 1.0})
    assert place({"flood": 0.8, "holmby": 0.6}, None, [tram, flood], options) == ("s1", [])
    assert place({"rates": 1.0}, None, [tram, flood], options) == (None, [])


def test_place_merges_the_stories_an_article_bridges() -> None:
    options = ClusterOptions(threshold=0.3)
    first = _profile("s1", {"mill": 0.6, "redfield": 0.8})
    second = _profile("s2", {"mill": 0.6, "fire": 0.8})
    bridge = {"mill": 0.6, "redfield": 0.56, "fire": 0.56}
    assert place(bridge, None, [first, second], options) == ("s1", ["s2"])
    assert place(bridge, None, [first, second], options, link=False) == ("s1", [])
    assert (first.size, second.size) == (1, 1)  # candidates are not modified


def test_place_links_a_story_weeks_away_only_through_names_no_other_articles_hold() -> None:
    """The fire's story and the trial's, 50 days apart, share three names; the article telling
    both joins the trial and links the fire's story when those names are theirs alone."""
    options = ClusterOptions(time_penalty=0.9)
    names = {"@ana ruiz": 0.4, "@elm street": 0.4, "@dario vell": 0.4}
    fire = StoryProfile("s1", 1, {**names, "fire": 0.721}, set(names), 738000, 738000)
    trial = StoryProfile("s2", 1, {**names, "trial": 0.721}, set(names), 738050, 738050)
    article = {**names, "fire": 0.51, "trial": 0.51}
    assert place(article, 738050, [trial, fire], options) == ("s2", [])
    assert place(article, 738050, [trial, fire], options, held_by=dict.fromkeys(names, 3).get) == (
        "s2",
        ["s1"],
    )
    common = dict.fromkeys(names, 40).get  # names many other articles hold say nothing
    assert place(article, 738050, [trial, fire], options, held_by=common) == ("s2", [])


def test_entity_gate_and_dates_lower_the_match() -> None:
    options = ClusterOptions()
    story = _profile("s1", {"shot": 0.6, "@oakdale": 0.8}, day=739000)
    assert match_score({"shot": 0.6, "@grantville": 0.8}, 739000, story, options) == 0.0
    near = match_score({"shot": 0.6, "@oakdale": 0.8}, 739001, story, options)
    far = match_score({"shot": 0.6, "@oakdale": 0.8}, 739400, story, options)
    assert 0.0 < far < near <= 1.0


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.dictionaries(st.sampled_from(["a", "b", "@c", "#1"]), st.floats(0.1, 1.0), min_size=1), min_size=2
    )
)
def test_story_similarity_is_symmetric_and_absorb_adds_up(vectors: list[dict[str, float]]) -> None:
    half = len(vectors) // 2
    left, right = _profile("s1", *vectors[:half]), _profile("s2", *vectors[half:])
    options = ClusterOptions()
    assert story_similarity(left, right, options) == pytest.approx(story_similarity(right, left, options))
    absorb(left, right)
    whole = _profile("s3", *vectors)
    assert left.size == whole.size and left.entities == whole.entities
    assert left.vector_sum == pytest.approx(whole.vector_sum)


def test_article_vector_is_unit_length_and_favours_rare_features() -> None:
    vector = article_vector({"flood": 1.0, "said": 1.0, "@holmby": 1.0}, {"said": 50, "flood": 2}, 100)
    assert sum(w * w for w in vector.values()) == pytest.approx(1.0)
    assert vector["@holmby"] > vector["flood"] > vector["said"]
