"""Story grouping: same-kind events stay apart, copies and rewrites join, duplicates bind."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup_samples import (
    EDITED,
    REWORDED,
    SHOOTING_GRANTVILLE,
    SHOOTING_OAKDALE,
    SHOOTING_OAKDALE_FOLLOWUP,
    UNRELATED,
    WIRE,
    article,
)
from storyfuse.assign import ClusterOptions
from storyfuse.cluster import StoryClusterer, cluster_stories
from storyfuse.dedup import find_duplicates
from storyfuse.models import Article, DuplicateRelation


def _corpus() -> list[Article]:
    return [
        article("oakdale", SHOOTING_OAKDALE, "2024-03-02", "Man killed outside Oakdale bar"),
        article("fire", WIRE, "2024-03-05", "Warehouse fire forces evacuations in Millbrook"),
        article("grantville", SHOOTING_GRANTVILLE, "2024-03-01", "Man wounded in Grantville shooting"),
        article("council", UNRELATED, "2024-03-04", "Riverside approves tram extension"),
        article("fire-edited", EDITED, "2024-03-05"),
        article("oakdale-arrest", SHOOTING_OAKDALE_FOLLOWUP, "2024-03-04", "Arrest in Oakdale bar killing"),
        article("fire-reworded", REWORDED, "2024-03-06"),
    ]


def test_events_of_one_kind_in_different_towns_are_separated() -> None:
    stories = cluster_stories(_corpus(), [])
    story_of = {i: n for n, ids in enumerate(stories) for i in ids}
    assert story_of["oakdale"] != story_of["grantville"]
    assert story_of["oakdale"] == story_of["oakdale-arrest"]


def test_copies_and_paraphrases_join_their_story() -> None:
    corpus = _corpus()
    stories = cluster_stories(corpus, find_duplicates(corpus))
    assert ["fire", "fire-edited", "fire-reworded"] in stories
    assert ["council"] in stories


def test_stories_follow_input_order() -> None:
    stories = cluster_stories(_corpus(), [])
    assert stories == [
        ["oakdale", "oakdale-arrest"],
        ["fire", "fire-edited", "fire-reworded"],
        ["grantville"],
        ["council"],
    ]


def test_any_duplicate_relation_forces_one_story() -> None:
    corpus = _corpus()
    forced = [DuplicateRelation("council", "grantville", "paraphrase", 0.6)]
    stories = cluster_stories(corpus, forced)
    assert ["grantville", "council"] in stories


def test_duplicates_merge_stories_opened_before_the_link_arrives() -> None:
    clusterer = StoryClusterer()
    first = clusterer.add(article("council", UNRELATED))
    second = clusterer.add(article("grantville", SHOOTING_GRANTVILLE))
    assert first != second
    joined = clusterer.add(article("bridge", ["Both stories are linked here."]), ["council", "grantville"])
    assert joined == first
    assert clusterer.stories() == [["council", "grantville", "bridge"]]


def test_incremental_assignment_matches_events() -> None:
    clusterer = StoryClusterer()
    corpus = _corpus()
    clusterer.observe(corpus)
    keys = {a.id: clusterer.add(a) for a in corpus}
    assert keys["fire"] == keys["fire-edited"] == keys["fire-reworded"]
    assert keys["oakdale"] == keys["oakdale-arrest"] != keys["grantville"]


def test_distant_dates_lower_the_match() -> None:
    strict = ClusterOptions(time_penalty=0.9, time_scale_days=30.0, follow_up_names=0)

    def stories_with_followup_on(day: str) -> list[list[str]]:
        corpus = [a for a in _corpus() if a.id != "oakdale-arrest"]
        corpus.append(article("arrest", SHOOTING_OAKDALE_FOLLOWUP, day))
        return [s for s in cluster_stories(corpus, [], strict) if "arrest" in s]

    assert stories_with_followup_on("2024-03-04") == [["oakdale", "arrest"]]
    assert stories_with_followup_on("2026-09-04") == [["arrest"]]


OAKDALE_TRIAL = [
    "A jury on Tuesday convicted Darnell Price of murder in the 2024 shooting of Marcus Webb outside a "
    "Kessler Avenue bar in Oakdale.",
    "Webb, 34, was shot in the chest and died at St. Anne's Medical Center; Price was arrested near "
    "Lindell Park two days later.",
]
OAKDALE_OTHER_SHOOTING = [
    "A 27-year-old man was shot and killed late Friday outside a bar on Mercer Street in Oakdale, police said.",
    "Officers found Leon Hale with a gunshot wound; he died at St. Anne's Medical Center, the Oakdale "
    "Police Department said.",
]
OAKDALE_NEWS = [
    ["The Oakdale Police Department will open a new station near St. Anne's Medical Center in May."],
    ["St. Anne's Medical Center in Oakdale named a new chief of surgery on Thursday."],
]


def test_a_follow_up_naming_the_events_own_people_joins_it_years_later() -> None:
    """The time factor keeps a later same-kind event of one town apart, but not a trial report
    that names the victim, the street and the suspect: names no other story uses."""
    strict = ClusterOptions(time_penalty=0.9, time_scale_days=30.0)
    corpus = [a for a in _corpus() if a.id != "oakdale-arrest"]
    corpus += [article(f"news-{n}", body, "2025-01-10") for n, body in enumerate(OAKDALE_NEWS)]
    corpus.append(article("arrest", SHOOTING_OAKDALE_FOLLOWUP, "2024-03-04"))
    corpus.append(article("trial", OAKDALE_TRIAL, "2026-09-04"))
    corpus.append(article("other", OAKDALE_OTHER_SHOOTING, "2027-04-02"))
    stories = cluster_stories(corpus, [], strict)
    assert ["oakdale", "arrest", "trial"] in stories and ["other"] in stories
    without = cluster_stories(corpus, [], ClusterOptions(time_penalty=0.9, follow_up_names=0))
    assert ["oakdale", "arrest"] in without and ["trial"] in without


def test_a_short_report_joins_the_one_story_it_matches_clearly_better() -> None:
    """One sentence matches its story weakly (under the threshold) and no other story at all;
    one naming two events' people matches both alike and stays alone, as do they."""
    vigil = "Family and friends of Marcus Webb gathered on Kessler Avenue for a vigil on Sunday evening."
    corpus = [*_corpus(), article("vigil", [vigil], "2024-03-05")]
    assert ["oakdale", "oakdale-arrest", "vigil"] in cluster_stories(corpus, [])
    assert ["vigil"] in cluster_stories(corpus, [], ClusterOptions(lone_margin=1.0))
    both = (
        "Family and friends of Marcus Webb and Jamal Torres gathered on Kessler Avenue and Birch Lane "
        "for a vigil on Sunday evening."
    )
    stories = cluster_stories([*_corpus(), article("vigil", [both], "2024-03-05")], [])
    assert ["vigil"] in stories and ["grantville"] in stories


_COACH = [
    "The former coach of Marcus Webb said the 24-year-old had hoped to open a boxing gym on Kessler Avenue.",
    "Students at Oakdale High School, where Webb played football, wore black armbands on Monday.",
]
"""A short follow-up of the Oakdale shooting told from another angle."""


def test_two_short_reports_of_one_story_are_no_rivals_to_each_other() -> None:
    """Two short reports of the Oakdale killing each match its story weakly, and each other about
    as well; a lone report that matches the story as well as it matches us is on the story's side,
    not a competing destination, so both join it."""
    vigil = [
        "Family and friends of Marcus Webb, who was shot outside an Oakdale bar, gathered for a vigil "
        "on Sunday evening.",
        "Pastor Ruth Abara led prayers and a choir sang hymns under umbrellas in the rain.",
    ]
    corpus = [*_corpus(), article("vigil", vigil, "2024-03-05"), article("coach", _COACH, "2024-03-06")]
    assert ["oakdale", "oakdale-arrest", "vigil", "coach"] in cluster_stories(corpus, [])


def test_a_short_report_whose_best_match_sides_with_a_story_joins_that_story() -> None:
    """The vigil report matches the coach's report best and the Oakdale story less; the coach's
    report matches the story better than it matches the vigil, so the vigil's real choice is the
    story (with the coach's report), not a pair of fragments."""
    vigil = [
        "Family and friends of Marcus Webb gathered on Kessler Avenue for a vigil on Sunday evening after "
        "the shooting.",
        "Pastor Ruth Abara led prayers and a choir sang hymns under umbrellas in the rain.",
    ]
    corpus = [*_corpus(), article("vigil", vigil, "2024-03-05"), article("coach", _COACH, "2024-03-06")]
    assert ["oakdale", "oakdale-arrest", "vigil", "coach"] in cluster_stories(corpus, [])


@settings(max_examples=25, deadline=None)
@given(st.permutations(list(range(7))))
def test_every_article_is_in_exactly_one_story(order: list[int]) -> None:
    corpus = [_corpus()[i] for i in order]
    stories = cluster_stories(corpus, find_duplicates(corpus))
    ids = [i for story in stories for i in story]
    assert sorted(ids) == sorted(a.id for a in corpus)
    assert {frozenset(s) for s in stories} >= {frozenset(("fire", "fire-edited", "fire-reworded"))}


_STORIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "stories" / "basil" / "docs.jsonl"


@pytest.mark.slow
@pytest.mark.skipif(not _STORIES.exists(), reason="evaluation data not present")
def test_basil_pairs_of_outlets_form_stories() -> None:
    import json

    rows = [json.loads(line) for line in _STORIES.read_text(encoding="utf-8").splitlines()]
    corpus = [
        Article(
            r["id"],
            r["id"],
            [p for p in r["text"].split("\n") if p.strip()],
            title=r["title"],
            published=r["date"],
        )
        for r in rows
    ]
    gold = {r["id"]: r["story"] for r in rows}
    stories = cluster_stories(corpus, [])
    pure = sum(len(s) for s in stories if len({gold[i] for i in s}) == 1)
    assert pure / len(corpus) >= 0.95
    assert len(stories) <= 1.3 * len(set(gold.values()))


def test_duplicates_of_one_story_and_another_merge_once() -> None:
    clusterer = StoryClusterer()
    fire = clusterer.add(article("fire", WIRE))
    council = clusterer.add(article("council", UNRELATED))
    clusterer.add(article("council-copy", UNRELATED), ["council"])
    assert fire != council
    clusterer.add(article("bridge", ["Both stories are linked here."]), ["fire", "council", "council-copy"])
    assert clusterer.stories() == [["fire", "council", "council-copy", "bridge"]]
