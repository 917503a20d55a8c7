"""The synthetic dedup corpus is reproducible and its gold pairs are exactly right."""

from __future__ import annotations

import io
import itertools
import json
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from synthetic import CorpusOptions, shingle_jaccard, write_corpus


def _generate(options: CorpusOptions) -> tuple[str, str]:
    corpus, gold = io.StringIO(), io.StringIO()
    write_corpus(options, corpus, gold)
    return corpus.getvalue(), gold.getvalue()


def _gold_rows(gold: str) -> dict[tuple[str, str], tuple[str, float]]:
    rows = [line.split("\t") for line in gold.splitlines()[1:]]
    return {(a, b): (kind, float(jaccard)) for a, b, kind, jaccard in rows}


def test_same_seed_same_bytes_and_other_seed_differs() -> None:
    options = CorpusOptions(docs=120, seed=3)
    assert _generate(options) == _generate(CorpusOptions(docs=120, seed=3))
    assert _generate(options)[0] != _generate(CorpusOptions(docs=120, seed=4))[0]


def test_rows_have_the_fields_and_the_requested_count() -> None:
    corpus, _ = _generate(CorpusOptions(docs=75, seed=1))
    rows = [json.loads(line) for line in corpus.splitlines()]
    assert len(rows) == 75
    assert len({row["id"] for row in rows}) == 75
    for row in rows:
        assert set(row) == {"id", "text", "title", "date", "outlet"}
        assert row["date"].startswith("2026-")
        assert len(row["text"].split()) > 30


def test_gold_is_exactly_the_pairs_above_threshold() -> None:
    """Recompute every pair's Jaccard by brute force: gold holds those at the threshold, no others."""
    options = CorpusOptions(docs=150, seed=11, duplicate_rate=0.6)
    corpus, gold = _generate(options)
    texts = {row["id"]: row["text"] for row in map(json.loads, corpus.splitlines())}
    expected = {}
    for (a, text_a), (b, text_b) in itertools.combinations(texts.items(), 2):
        jaccard = shingle_jaccard(text_a, text_b)
        if jaccard >= options.threshold:
            expected[(a, b)] = jaccard
    found = _gold_rows(gold)
    assert set(found) == set(expected)
    assert len(found) > 20
    for pair, (kind, jaccard) in found.items():
        assert jaccard == pytest.approx(expected[pair], abs=1e-6)
        assert (kind == "exact") == (texts[pair[0]] == texts[pair[1]])


def test_planted_near_copies_span_the_interesting_range() -> None:
    _, gold = _generate(CorpusOptions(docs=600, seed=5))
    near = [jaccard for kind, jaccard in _gold_rows(gold).values() if kind == "near"]
    assert min(near) < 0.7 < max(near) < 1.0
    assert any(kind == "exact" for kind, _ in _gold_rows(gold).values())


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["fire", "mill", "crews", "river", "town", "night", "police"]), max_size=30))
def test_jaccard_is_one_with_itself_and_symmetric(tokens: list[str]) -> None:
    text = " ".join(tokens)
    other = " ".join(reversed(tokens))
    assert shingle_jaccard(text, other) == shingle_jaccard(other, text)
    assert shingle_jaccard(text, text) == 1.0
    assert 0.0 <= shingle_jaccard(text, other) <= 1.0
