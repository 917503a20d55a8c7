"""Fingerprints: shingles, MinHash, sentence hashes and LSH banding."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup_samples import EDITED, UNRELATED, WIRE, article
from storyfuse.errors import OptionsError
from storyfuse.fingerprint import (
    FingerprintOptions,
    band_keys,
    content_terms,
    fingerprint,
    fingerprint_batch,
    minhash,
    optimal_bands,
    sentences_of,
    shared_count,
    term_index,
)
from storyfuse.text import words


def _estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def test_fingerprint_fields_describe_the_body() -> None:
    fp = fingerprint(article("w", WIRE))
    assert fp.id == "w"
    assert fp.token_count == len(words(" ".join(WIRE)))
    assert len(fp.shingles) == fp.token_count - 4
    assert fp.signature.dtype == np.uint64 and fp.signature.shape == (128,)
    assert len(fp.sentence_hashes) == fp.sentence_count == len(fp.sentence_term_lists()) == 9
    assert np.all(np.diff(fp.shingles.astype(np.float64)) > 0)  # sorted and distinct
    assert "millbrook" in fp.terms and "the" not in fp.terms


def test_formatting_does_not_change_the_fingerprint() -> None:
    plain = fingerprint(article("a", WIRE))
    restyled = [p.replace("'", "\u2019").upper() for p in WIRE]
    styled = fingerprint(article("b", ["  ".join(restyled[:2]), *restyled[2:]]))
    assert plain.body_hash == styled.body_hash
    assert np.array_equal(plain.shingles, styled.shingles)
    assert np.array_equal(plain.signature, styled.signature)


def test_minhash_estimates_jaccard() -> None:
    wire, edited, other = fingerprint_batch(
        [article("a", WIRE), article("b", EDITED), article("c", UNRELATED)]
    )
    shared = shared_count(wire.shingles, edited.shingles)
    true = shared / (wire.shingles.size + edited.shingles.size - shared)
    assert abs(_estimated_jaccard(wire.signature, edited.signature) - true) < 0.12
    assert _estimated_jaccard(wire.signature, other.signature) < 0.05


def test_empty_article_has_no_shingles_and_a_maximal_signature() -> None:
    fp = fingerprint(article("e", []))
    assert fp.token_count == 0 and fp.shingles.size == 0 and fp.sentence_hashes.size == 0
    assert np.all(fp.signature == np.iinfo(np.uint64).max)


def test_short_text_is_one_shingle() -> None:
    assert len(fingerprint(article("s", ["Storm hits coast."])).shingles) == 1


def test_sentences_of_keeps_abbreviations_and_initials() -> None:
    text = "Sgt. Amy Cole of Dayton, Ohio, said J.R. Smith left at 5 p.m. Friday. He was 40. Ms. Lee agreed."
    assert sentences_of(text) == [
        "Sgt. Amy Cole of Dayton, Ohio, said J.R. Smith left at 5 p.m. Friday.",
        "He was 40.",
        "Ms. Lee agreed.",
    ]


def test_content_terms_drop_function_words_but_keep_numbers() -> None:
    assert content_terms(["police", "said", "the", "2", "men", "a"]) == {"police", "2", "men"}


def test_options_are_checked() -> None:
    with pytest.raises(OptionsError, match="num_perm"):
        FingerprintOptions(num_perm=0)
    with pytest.raises(OptionsError, match="threshold"):
        optimal_bands(1.5, 128)
    with pytest.raises(OptionsError, match="exceeds"):
        band_keys(np.zeros(8, dtype=np.uint64), 3, 3)


@pytest.mark.parametrize("num_perm", [16, 64, 128, 256])
@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.8])
def test_bands_fit_in_the_signature(threshold: float, num_perm: int) -> None:
    bands, rows = optimal_bands(threshold, num_perm)
    assert bands >= 1 and rows >= 1 and bands * rows <= num_perm


@pytest.mark.parametrize("num_perm", [64, 128, 256])
def test_higher_threshold_means_longer_rows_and_fewer_bands(num_perm: int) -> None:
    thresholds = [t / 20 for t in range(2, 20)]
    shapes = [optimal_bands(t, num_perm) for t in thresholds]
    rows = [r for _, r in shapes]
    assert rows == sorted(rows)
    # Below about 0.3 a step to one more row per band can also add bands; above it, bands only fall.
    bands = [b for t, (b, _) in zip(thresholds, shapes, strict=True) if t >= 0.3]
    assert bands == sorted(bands, reverse=True)
    assert bands[0] > bands[-1]


def test_s_curve_crosses_near_the_threshold() -> None:
    bands, rows = optimal_bands(0.5, 128)
    probability = lambda s: 1 - (1 - s**rows) ** bands  # noqa: E731
    assert probability(0.3) < 0.2 < 0.8 < probability(0.7)


def test_weighting_false_negatives_adds_bands() -> None:
    recall_first = optimal_bands(0.5, 128, fp_weight=0.1, fn_weight=0.9)
    precision_first = optimal_bands(0.5, 128, fp_weight=0.9, fn_weight=0.1)
    assert recall_first[0] / recall_first[1] > precision_first[0] / precision_first[1]


def test_band_keys_collide_exactly_for_equal_bands() -> None:
    a = np.arange(16, dtype=np.uint64)
    b = a.copy()
    b[5] = 99
    keys_a, keys_b = band_keys(a, 4, 4), band_keys(b, 4, 4)
    assert [x == y for x, y in zip(keys_a, keys_b, strict=True)] == [True, False, True, True]
    assert len(set(band_keys(np.zeros(16, dtype=np.uint64), 4, 4))) == 4  # bands never share buckets


@settings(max_examples=50, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=2**64 - 1), min_size=1, max_size=60))
def test_minhash_depends_only_on_the_set(values: set[int]) -> None:
    forward = np.array(sorted(values), dtype=np.uint64)
    assert np.array_equal(minhash(forward, 32), minhash(forward[::-1].copy(), 32))


def test_minhash_estimates_jaccard_without_bias() -> None:
    """One permutation with densification: the estimate errs about as the binomial ideal of 128
    independent permutations (0.044). Inputs are uniform 64-bit hashes, as shingle hashes are."""
    rng = np.random.default_rng(7)
    errors = []
    for _ in range(200):
        shared = int(rng.integers(50, 450))
        base = rng.integers(0, 2**64, size=500, dtype=np.uint64, endpoint=False)
        fresh = rng.integers(0, 2**64, size=500 - shared, dtype=np.uint64, endpoint=False)
        other = np.concatenate([base[:shared], fresh])
        estimate = float(np.mean(minhash(base, 128) == minhash(other, 128)))
        errors.append(estimate - shared / (1000 - shared))
    assert abs(float(np.mean(errors))) < 0.01
    assert float(np.sqrt(np.mean(np.square(errors)))) < 0.05


@pytest.mark.parametrize("size", [1, 3, 40, 300, 2000])
def test_minhash_estimates_jaccard_of_small_and_large_sets(size: int) -> None:
    """Sets smaller than the signature leave most bins empty; densification fills them so that
    equal sets agree everywhere and disjoint sets almost nowhere."""
    rng = np.random.default_rng(size)
    base = rng.integers(0, 2**64, size=size, dtype=np.uint64, endpoint=False)
    other = rng.integers(0, 2**64, size=size, dtype=np.uint64, endpoint=False)
    assert np.array_equal(minhash(base, 128), minhash(base.copy(), 128))
    assert not np.any(minhash(base, 128) == np.iinfo(np.uint64).max)
    assert _estimated_jaccard(minhash(base, 128), minhash(other, 128)) < 0.1


def test_signature_is_the_minhash_of_the_shingles() -> None:
    for fp in fingerprint_batch([article("a", WIRE), article("b", EDITED), article("s", ["Storm hits."])]):
        assert np.array_equal(fp.signature, minhash(fp.shingles, 128))


@settings(max_examples=50, deadline=None)
@given(
    st.sets(st.integers(min_value=0, max_value=2**64 - 1), max_size=80),
    st.sets(st.integers(min_value=0, max_value=2**64 - 1), max_size=80),
    st.sets(st.integers(min_value=0, max_value=2**64 - 1), max_size=40),
)
def test_shared_count_is_the_size_of_the_set_intersection(a: set[int], b: set[int], common: set[int]) -> None:
    first, second = a | common, b | common
    as_array = lambda values: np.array(sorted(values), dtype=np.uint64)  # noqa: E731
    assert shared_count(as_array(first), as_array(second)) == len(first & second)


def test_term_fields_round_trip_through_term_lists() -> None:
    fp = fingerprint(article("w", WIRE))
    lists = fp.sentence_term_lists()
    assert all(terms == sorted(set(terms)) for terms in lists)
    assert set(fp.terms) == {term for terms in lists for term in terms}
    terms, flat, bounds = term_index(lists)
    assert terms == fp.terms
    assert np.array_equal(flat, fp.sentence_terms) and np.array_equal(bounds, fp.sentence_bounds)


def test_sentence_terms_are_the_content_terms_of_each_long_sentence() -> None:
    fp = fingerprint(
        article(
            "t", ["The mayor of Eastport resigned on Friday. He left. Two aides quit too, officials said."]
        )
    )
    assert fp.sentence_term_lists() == [
        ["eastport", "friday", "mayor", "resigned"],
        ["aides", "officials", "quit", "two"],
    ]


def test_shingles_depend_on_word_order() -> None:
    forward = fingerprint(article("f", ["Heavy rain flooded the low streets of the port town overnight."]))
    swapped = fingerprint(article("s", ["Rain heavy flooded the low streets of the port town overnight."]))
    assert forward.shingles.size == swapped.shingles.size == 7
    assert shared_count(forward.shingles, swapped.shingles) == 5  # only windows after the swap
