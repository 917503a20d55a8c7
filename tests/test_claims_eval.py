"""Scoring of the claims/conflicts benchmark (``benchmarks/claims_eval.py``); no shared data needed."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyfuse.align import align_claims
from storyfuse.models import (
    Article,
    ClaimGroup,
    Conflict,
    ConflictKind,
    ConflictValue,
    FusedSentence,
    Sentence,
    Variant,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
bench = importlib.import_module("claims_eval")

ANNOTATIONS = Path(__file__).resolve().parents[1] / "benchmarks" / "annotations"


def expected(kind: str, *values: tuple[str, set[str]]) -> Any:
    return bench.ExpectedConflict(
        kind, "subject", tuple(bench.ExpectedValue(v, frozenset(s)) for v, s in values)
    )


def reported(kind: ConflictKind, *values: tuple[str, list[str]]) -> Conflict:
    return Conflict(kind=kind, subject="s", values=[ConflictValue(v, "sentence", s) for v, s in values])


TOLL = expected("number", ("12", {"a", "b"}), ("15", {"c"}))


def test_value_tokens_drop_thousands_separators_and_filler() -> None:
    assert bench.value_tokens("up to 10,000 troops") == {"10000", "troops"}
    assert bench.value_tokens("About 8.000") == {"8000"}


def test_conflict_matches_when_both_sides_are_met() -> None:
    assert bench.conflict_matches(reported("number", ("12 dead", ["a"]), ("15", ["c"])), TOLL)


def test_conflict_does_not_match_another_kind() -> None:
    assert not bench.conflict_matches(reported("date", ("12", ["a"]), ("15", ["c"])), TOLL)


def test_conflict_does_not_match_when_both_values_meet_one_side() -> None:
    # the system separated a from b, which the annotation says agree
    assert not bench.conflict_matches(reported("number", ("12", ["a"]), ("12", ["b"])), TOLL)


def test_strict_mode_needs_a_shared_token_and_loose_mode_does_not() -> None:
    other_number = reported("number", ("40 homes", ["a"]), ("60 homes", ["c"]))
    assert not bench.conflict_matches(other_number, TOLL)
    assert bench.conflict_matches(other_number, TOLL, strict=False)


def test_score_conflicts_counts_hits_false_positives_and_misses() -> None:
    title = expected("title", ("police chief", {"a"}), ("interim chief", {"b"}))
    hits = [
        reported("number", ("12", ["a"]), ("15", ["c"])),
        reported("number", ("12", ["b"]), ("15", ["c"])),
    ]
    stray = reported("quote", ("we will win", ["a"]), ("we shall win", ["b"]))
    score = bench.score_conflicts([*hits, stray], [TOLL, title])
    assert (score.reported, score.reported_matched) == (3, 2)
    assert (score.annotated, score.annotated_matched) == (2, 1)
    assert score.false_positives == [stray]
    assert score.false_negatives == [title]


def sentence(doc: str, index: int, text: str) -> Sentence:
    return Sentence(article_id=doc, paragraph=0, index=index, text=text)


SENTENCES = [
    sentence("a", 0, "Two men were arrested on Friday, police said."),
    sentence("a", 1, "The \u201cfire\u201d spread to 40 homes."),
    sentence("b", 0, "Police said they arrested two men on Friday."),
    sentence("b", 1, "Forty homes burned."),
]


def test_locate_facts_matches_normalised_phrases_per_document() -> None:
    facts = [
        bench.Fact("arrests", (("a", "two MEN were arrested"), ("b", "they arrested two"))),
        bench.Fact("homes", (("a", 'the "fire" spread'), ("b", "forty homes"), ("c", "forty homes"))),
    ]
    gold, unlocated = bench.locate_facts(SENTENCES, facts)
    assert gold == {("a", 0): 0, ("b", 0): 0, ("a", 1): 1, ("b", 1): 1}
    assert unlocated == [("c", "forty homes")]


def test_a_sentence_claimed_by_two_facts_keeps_the_first() -> None:
    facts = [
        bench.Fact("arrests", (("a", "two men were arrested"),)),
        bench.Fact("day", (("a", "on Friday police said"), ("b", "on Friday"))),
    ]
    gold, unlocated = bench.locate_facts(SENTENCES, facts)
    assert gold == {("a", 0): 0, ("b", 0): 1}
    assert unlocated == [("a", "on Friday police said")]


def test_claim_labels_number_the_groups() -> None:
    group = ClaimGroup("t", ["a", "b"], 2, [Variant("t", ["a", "b"])], [SENTENCES[0], SENTENCES[2]])
    alone = ClaimGroup("u", ["a"], 1, [Variant("u", ["a"])], [SENTENCES[1]])
    assert bench.claim_labels([group, alone]) == {("a", 0): 0, ("b", 0): 0, ("a", 1): 1}


def test_story_sentences_index_as_the_align_stage_does() -> None:
    articles = [
        Article(id="a", path="a", paragraphs=["Police arrested two men. They were 19 and 20.", "It rained."]),
        Article(id="b", path="b", paragraphs=["Two men, 19 and 20, were arrested by police on Friday."]),
    ]
    ours = {
        (s.article_id, s.index, s.text) for s in bench.story_sentences({a.id: a.paragraphs for a in articles})
    }
    theirs = {(s.article_id, s.index, s.text) for c in align_claims(articles) for s in c.sentences}
    assert ours == theirs


def test_score_clusters_pairwise_and_bcubed_counts() -> None:
    score = bench.score_clusters({"a": 0, "b": 0, "c": 1}, {"a": 5, "b": 5, "c": 5})
    assert (score.common_pairs, score.system_pairs, score.gold_pairs) == (1, 3, 1)
    assert score.bcubed_precision_sum == pytest.approx(5 / 3)
    assert score.bcubed_recall_sum == pytest.approx(3.0)


def test_items_missing_from_the_system_are_singletons() -> None:
    score = bench.score_clusters({"a": 0, "b": 0}, {})
    assert (score.common_pairs, score.system_pairs, score.gold_pairs) == (0, 0, 1)
    assert score.bcubed_precision_sum == pytest.approx(2.0)
    assert score.bcubed_recall_sum == pytest.approx(1.0)


labels = st.dictionaries(st.integers(0, 12), st.integers(0, 3), min_size=1)


@given(labels, labels)
def test_cluster_scores_are_bounded_and_swap_precision_with_recall(
    gold: dict[int, int], other: dict[int, int]
) -> None:
    system = {k: v for k, v in other.items() if k in gold}
    score = bench.score_clusters(gold, system)
    assert 0 <= score.common_pairs <= min(score.system_pairs, score.gold_pairs)
    assert 0 < score.bcubed_precision_sum <= score.items
    assert 0 < score.bcubed_recall_sum <= score.items
    if len(system) == len(gold):
        swapped = bench.score_clusters(system, gold)
        assert swapped.bcubed_precision_sum == pytest.approx(score.bcubed_recall_sum)
        assert (swapped.system_pairs, swapped.gold_pairs) == (score.gold_pairs, score.system_pairs)


@given(labels)
def test_a_clustering_scores_perfectly_against_itself(gold: dict[int, int]) -> None:
    score = bench.score_clusters(gold, gold)
    assert score.common_pairs == score.system_pairs == score.gold_pairs
    assert score.bcubed_precision_sum == pytest.approx(score.items)
    assert score.bcubed_recall_sum == pytest.approx(score.items)


def test_ratio_and_f1_keep_undefined_apart_from_zero() -> None:
    assert bench.ratio(0, 0) is None
    assert bench.f1(None, 1.0) is None
    assert bench.f1(0.0, 0.0) == 0.0
    assert bench.f1(0.5, 1.0) == pytest.approx(2 / 3)


def test_load_annotation_reads_values_and_members(tmp_path: Path) -> None:
    data = {
        "story": "s1",
        "dataset": "gva",
        "docs": ["a", "b"],
        "conflicts": [{"kind": "number", "subject": "dead", "values": [{"value": "2", "sources": ["a"]}]}],
        "facts": [{"fact": "two died", "members": [["a", "two people died"], ["b", "killed two"]]}],
    }
    path = tmp_path / "one.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    note = bench.load_annotation(path)
    assert note.name == "one"
    assert note.conflicts[0].values[0] == bench.ExpectedValue("2", frozenset({"a"}))
    assert note.facts[0].members == (("a", "two people died"), ("b", "killed two"))


@pytest.mark.parametrize("path", sorted(ANNOTATIONS.glob("*.json")), ids=lambda p: p.stem)
def test_committed_annotations_are_short_and_consistent(path: Path) -> None:
    note = bench.load_annotation(path)
    docs = set(note.docs)
    assert 3 <= len(note.facts) <= 15  # three short reports may share only a few facts
    for fact in note.facts:
        assert len(fact.fact.split()) <= 12
        assert len({doc for doc, _ in fact.members}) >= 2
        for doc, phrase in fact.members:
            assert doc in docs
            assert 2 <= len(phrase.split()) <= 6
    for conflict in note.conflicts:
        assert len(conflict.values) >= 2
        for value in conflict.values:
            assert value.sources <= docs
            assert len(value.value.split()) <= 6


def test_heldout_stories_get_their_own_total(tmp_path: Path) -> None:
    data = {"story": "s1", "dataset": "gva", "docs": ["a"], "conflicts": [], "facts": []}
    path = tmp_path / "plain.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert not bench.load_annotation(path).heldout
    path.write_text(json.dumps(data | {"heldout": True}), encoding="utf-8")
    assert bench.load_annotation(path).heldout

    def result(name: str, heldout: bool) -> bench.StoryResult:
        score = bench.ConflictScore(reported=1, reported_matched=1, annotated=1, annotated_matched=1)
        return bench.StoryResult(name, 2, score, score, bench.ClusterScore(), 1, 2, [], heldout)

    table = bench.markdown([result("dev", False), result("new", True)])
    assert "| new (held out) |" in table
    assert "**total, development**" in table and "**total, held out**" in table
    assert "**total, held out**" not in bench.markdown([result("dev", False)])


def test_score_fusion_counts_facts_told_twice_and_facts_lost() -> None:
    sentences = [
        sentence("a", 0, "Two men were arrested on Friday."),
        sentence("b", 0, "Police arrested two men on Friday."),
        sentence("a", 1, "The car was stolen in May."),
        sentence("b", 1, "The car had been stolen in May."),
        sentence("a", 2, "Nobody was hurt."),
        sentence("b", 2, "No one was injured."),
    ]
    gold = {("a", 0): 0, ("b", 0): 0, ("a", 1): 1, ("b", 1): 1, ("a", 2): 2, ("b", 2): 2}
    fused = [
        FusedSentence("Two men were arrested on Friday.", ["a"]),
        FusedSentence("Police  arrested two men on Friday.", ["b"]),  # normalised text still tells it
        FusedSentence("The car was stolen in May.", ["a", "b"]),
        FusedSentence("It rained.", ["a"]),
    ]
    score = bench.score_fusion(fused, sentences, gold)
    assert (score.sentences, score.facts, score.told_twice, score.lost) == (4, 3, 1, 1)
    total = bench.FusionScore()
    total.add(score)
    total.add(score)
    assert (total.facts, total.told_twice, total.lost) == (6, 2, 2)
