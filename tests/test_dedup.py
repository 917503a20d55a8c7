"""Duplicate relations: exact, near, containment and paraphrase, and their invariants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup_samples import (
    EDITED,
    EXTENDED,
    REWORDED,
    SHOOTING_GRANTVILLE,
    SHOOTING_OAKDALE,
    TRIMMED,
    UNRELATED,
    WIRE,
    article,
)
from storyfuse.dedup import (
    DedupOptions,
    candidate_pairs,
    classify_pair,
    find_duplicates,
    near_duplicates,
    term_weights,
)
from storyfuse.errors import OptionsError
from storyfuse.fingerprint import fingerprint_batch
from storyfuse.models import Article, DuplicateRelation


def _kinds(relations: list[DuplicateRelation]) -> dict[frozenset[str], str]:
    return {frozenset((r.a, r.b)): r.kind for r in relations}


def _corpus() -> list[Article]:
    return [
        article("wire", WIRE),
        article("unrelated", UNRELATED),
        article("edited", EDITED),
        article("extended", EXTENDED),
        article("reworded", REWORDED),
        article("trimmed", TRIMMED),
        article("copy", [p.replace("Tuesday", "Tuesday") for p in WIRE]),
        article("oakdale", SHOOTING_OAKDALE),
        article("grantville", SHOOTING_GRANTVILLE),
    ]


def test_each_copy_gets_its_most_specific_kind() -> None:
    kinds = _kinds(find_duplicates(_corpus()))
    assert kinds[frozenset(("wire", "copy"))] == "exact"
    assert kinds[frozenset(("wire", "edited"))] == "near"
    assert kinds[frozenset(("wire", "extended"))] == "containment"
    assert kinds[frozenset(("wire", "trimmed"))] == "containment"
    assert kinds[frozenset(("wire", "reworded"))] == "paraphrase"


def test_unrelated_and_same_kind_stories_are_not_duplicates() -> None:
    kinds = _kinds(find_duplicates(_corpus()))
    for pair in kinds:
        assert "unrelated" not in pair
        assert pair != frozenset(("oakdale", "grantville"))


def test_similarity_has_the_meaning_of_its_kind() -> None:
    relations = {frozenset((r.a, r.b)): r for r in find_duplicates(_corpus())}
    assert relations[frozenset(("wire", "copy"))].similarity == 1.0
    assert 0.5 <= relations[frozenset(("wire", "edited"))].similarity < 1.0
    assert relations[frozenset(("wire", "extended"))].similarity == pytest.approx(1.0)
    assert relations[frozenset(("wire", "reworded"))].similarity >= 0.5


def test_a_is_the_earlier_article_and_relations_are_in_input_order() -> None:
    corpus = _corpus()
    position = {a.id: i for i, a in enumerate(corpus)}
    relations = find_duplicates(corpus)
    assert all(position[r.a] < position[r.b] for r in relations)
    keys = [(position[r.a], position[r.b]) for r in relations]
    assert keys == sorted(keys)


def test_short_snippets_are_not_contained() -> None:
    snippet = article("snippet", ["A fire tore through a furniture warehouse in Millbrook on Tuesday night."])
    kinds = _kinds(find_duplicates([article("wire", WIRE), snippet]))
    assert kinds == {}


def test_boilerplate_sentences_do_not_pair_articles() -> None:
    footer = "Copyright 2024 The Valley Courier, all rights reserved and no reuse allowed."
    bodies = [
        [f"Story number {i} tells of the {w} in town on day {i}.", footer]
        for i, w in enumerate(["fair", "flood", "vote", "strike", "match"])
    ]
    corpus = [article(str(i), body) for i, body in enumerate(bodies)]
    fingerprints = fingerprint_batch(corpus)
    sentence_only = candidate_pairs(fingerprints, DedupOptions(max_df=2, paraphrase_candidates=1))
    assert len(sentence_only) <= len(corpus)
    assert find_duplicates(corpus, DedupOptions(max_df=2)) == []


def test_classify_pair_is_symmetric_on_samples() -> None:
    fingerprints = fingerprint_batch(_corpus())
    weights = term_weights(fingerprints)
    for first in fingerprints:
        for second in fingerprints:
            if first is second:
                continue
            forward = classify_pair(first, second, None, weights)
            backward = classify_pair(second, first, None, weights)
            assert (forward is None) == (backward is None)
            if forward and backward:
                assert (forward.kind, forward.similarity) == (backward.kind, backward.similarity)
                assert (forward.a, forward.b) == (backward.b, backward.a)


def test_empty_articles_are_never_duplicates() -> None:
    assert find_duplicates([article("a", []), article("b", []), article("c", [""])]) == []


def test_options_are_checked() -> None:
    with pytest.raises(OptionsError, match="near_threshold"):
        DedupOptions(near_threshold=1.0)
    with pytest.raises(OptionsError, match="max_df"):
        DedupOptions(max_df=0)


_POOL = [*WIRE, *EXTENDED[len(WIRE) :], *REWORDED, *UNRELATED, *SHOOTING_OAKDALE]
_articles = st.lists(
    st.lists(st.sampled_from(_POOL), min_size=0, max_size=6),
    min_size=2,
    max_size=7,
).map(lambda bodies: [article(f"d{i}", body) for i, body in enumerate(bodies)])


def _pair_set(relations: list[DuplicateRelation]) -> set[tuple[frozenset[str], str, float]]:
    return {(frozenset((r.a, r.b)), r.kind, round(r.similarity, 9)) for r in relations}


@settings(max_examples=40, deadline=None)
@given(_articles, st.randoms(use_true_random=False))
def test_input_order_does_not_change_the_pairs(corpus: list[Article], random: object) -> None:
    shuffled = list(corpus)
    random.shuffle(shuffled)  # type: ignore[attr-defined]
    assert _pair_set(find_duplicates(corpus)) == _pair_set(find_duplicates(shuffled))


@settings(max_examples=30, deadline=None)
@given(_articles)
def test_dedup_is_idempotent(corpus: list[Article]) -> None:
    assert find_duplicates(corpus) == find_duplicates(corpus)


@settings(max_examples=40, deadline=None)
@given(_articles)
def test_similarity_is_symmetric(corpus: list[Article]) -> None:
    fingerprints = fingerprint_batch(corpus)
    weights = term_weights(fingerprints)
    first, second = fingerprints[0], fingerprints[1]
    forward = classify_pair(first, second, None, weights)
    backward = classify_pair(second, first, None, weights)
    assert (forward and (forward.kind, forward.similarity)) == (
        backward and (backward.kind, backward.similarity)
    )


def test_near_duplicates_agrees_with_the_full_search_on_text_overlap() -> None:
    corpus = _corpus()
    texts = [(a.id, "\n".join(a.paragraphs)) for a in corpus]
    found = near_duplicates(texts)
    full = {
        frozenset((r.a, r.b)): r
        for r in find_duplicates(corpus)
        if r.kind == "exact" or (r.kind == "near" and r.similarity >= 0.5)
    }
    assert {frozenset((r.a, r.b)): r for r in found if r.kind in ("exact", "near")} == full
    assert _kinds(found)[frozenset(("wire", "copy"))] == "exact"
    assert all(r.kind != "paraphrase" and "unrelated" not in (r.a, r.b) for r in found)
    assert near_duplicates(texts, workers=2) == found
    assert near_duplicates([]) == []
