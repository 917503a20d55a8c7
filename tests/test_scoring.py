"""The extraction benchmark's scores, checked on cases small enough to work out by hand.

The scoring code lives in ``benchmarks/_scoring.py`` (it is benchmark code, not library code), so
it is imported from that folder.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
scoring = importlib.import_module("_scoring")
Overlap = scoring.Overlap

GOLD = "Rescuers reached the flooded village on Tuesday after the river burst its banks overnight."
CHROME = "Subscribe to our newsletter Sign in Share via social media Most read stories today"

texts = st.text(alphabet=st.sampled_from("abc XYZ .,\n"), max_size=60)


def test_identical_texts_score_one() -> None:
    assert scoring.page_f1(scoring.shingle_overlap(GOLD, GOLD)) == 1.0
    assert scoring.page_f1(scoring.word_overlap(GOLD, GOLD)) == 1.0


def test_disjoint_texts_score_zero() -> None:
    assert scoring.page_f1(scoring.shingle_overlap(GOLD, CHROME)) == 0.0
    assert scoring.page_f1(scoring.word_overlap(GOLD, CHROME)) == 0.0


def test_empty_extraction_scores_zero_and_empty_gold_with_empty_output_scores_one() -> None:
    assert scoring.page_f1(scoring.word_overlap(GOLD, "")) == 0.0
    assert scoring.page_f1(scoring.shingle_overlap("", "")) == 1.0


def test_bag_of_words_counts_repeats_and_ignores_case() -> None:
    # gold: the x2, cat, sat, on, mat (6 words); extracted: The, cat, sat -> tp 3, fp 0, fn 3
    overlap = scoring.word_overlap("the cat sat on the mat", "The cat sat")
    assert overlap == Overlap(tp=3, fp=0, fn=3)
    assert scoring.page_precision(overlap) == 1.0
    assert scoring.page_recall(overlap) == 0.5
    assert scoring.page_f1(overlap) == pytest.approx(2 / 3)
    # a repeated word matches only as often as the gold has it
    repeated = scoring.word_overlap("yes yes", "yes yes yes yes")
    assert (scoring.page_precision(repeated), scoring.page_recall(repeated)) == (0.5, 1.0)


def test_shingles_are_four_word_windows_normalised_per_page() -> None:
    # gold shingles: (a b c d), (b c d e); extracted: (a b c d), (b c d x) -> 1 tp, 1 fp, 1 fn
    overlap = scoring.shingle_overlap("a b c d e", "a b c d x")
    assert overlap == Overlap(tp=pytest.approx(1 / 3), fp=pytest.approx(1 / 3), fn=pytest.approx(1 / 3))
    assert scoring.page_f1(overlap) == pytest.approx(0.5)


def test_shingles_keep_case_and_short_texts_form_one_shingle() -> None:
    assert scoring.page_f1(scoring.shingle_overlap("The Cat sat down", "the cat sat down")) == 0.0
    assert scoring.shingles(["two", "words"]) == {("two", "words"): 1}
    assert scoring.page_f1(scoring.shingle_overlap("Two words", "Two words")) == 1.0


def test_aeb_average_leaves_pages_without_output_out_of_precision() -> None:
    perfect, empty = Overlap(1.0, 0.0, 0.0), Overlap(0.0, 0.0, 1.0)
    aeb = scoring.aeb_scores([perfect, empty])
    assert (aeb.precision, aeb.recall) == (1.0, 0.5)
    assert aeb.f1 == pytest.approx(2 / 3)  # harmonic mean of the averages, not mean of page F1
    per_page = scoring.mean_page_scores([perfect, empty])
    assert (per_page.precision, per_page.recall, per_page.f1) == (0.5, 0.5, 0.5)
    assert scoring.mean_page_scores([]).pages == 0


@given(texts, texts)
def test_word_f1_is_symmetric_and_bounded(gold: str, extracted: str) -> None:
    forward = scoring.page_f1(scoring.word_overlap(gold, extracted))
    assert 0.0 <= forward <= 1.0
    assert forward == pytest.approx(scoring.page_f1(scoring.word_overlap(extracted, gold)))


@given(texts)
def test_a_text_scores_one_against_itself(text: str) -> None:
    assert scoring.page_f1(scoring.shingle_overlap(text, text)) == 1.0
    assert scoring.page_f1(scoring.word_overlap(text, text)) == 1.0


@given(texts, texts)
def test_shingle_overlap_sums_to_one_unless_both_empty(gold: str, extracted: str) -> None:
    overlap = scoring.shingle_overlap(gold, extracted)
    total = overlap.tp + overlap.fp + overlap.fn
    assert total == pytest.approx(1.0) or (
        total == 0 and not scoring.tokens(gold + extracted, lowercase=False)
    )
