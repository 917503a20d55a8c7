"""Batch sketches: vectorised tokens, shingles, one-permutation MinHash, band keys, buckets."""

from __future__ import annotations

from itertools import combinations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from dedup_samples import EDITED, EXTENDED, UNRELATED, WIRE
from storyfuse.sketch import bucket_pairs, sketch_stream, sketch_texts, token_hashes
from storyfuse.text import words

TEXTS = [
    "\n".join(WIRE),
    "\n".join(EDITED),
    "",
    "Storm hits coast.",
    "Choe Son-hui's 8,000 troops met at 9:40 p.m. -- a--b x_y 'quoted' 3.5% U.S.-led talks...",
    "Hürriyet’s “quote” — naïve café in São Paulo; Москва-Сити 東京 ﬁne İstanbul ÅSA",
    "\n".join(UNRELATED),
    "...   ---   '''",
]


def _word_hash(token: str) -> int:
    hashes, _ = token_hashes([token])
    assert hashes.size == 1
    return int(hashes[0])


def test_tokens_are_exactly_those_of_words() -> None:
    hashes, bounds = token_hashes(TEXTS)
    for index, text in enumerate(TEXTS):
        tokens = words(text)
        assert hashes[bounds[index] : bounds[index + 1]].tolist() == [_word_hash(t) for t in tokens], text


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            "ab9Z_ '-.\n\t,\u00e9\u2019\u201cI\u0130\u00df\u2026\u20ac\u0301\U0001f600\u00a0\u0416\u2014"
        ),
        max_size=40,
    )
)
def test_tokens_match_words_on_any_mix_of_joiners_and_letters(text: str) -> None:
    hashes, bounds = token_hashes([text, "x"])
    assert bounds.tolist()[1] == len(words(text))
    assert hashes[: bounds[1]].tolist() == [_word_hash(t) for t in words(text)]


def test_equal_tokens_hash_equally_and_different_tokens_differently() -> None:
    hashes, _ = token_hashes(["Mill mill MILL mills mil l"])
    values = hashes.tolist()
    assert values[0] == values[1] == values[2] and len(set(values[2:])) == 4


def test_a_text_sketches_the_same_alone_or_in_any_batch() -> None:
    batch = sketch_texts(TEXTS, 5, 64)
    for index, text in enumerate(TEXTS):
        alone = sketch_texts([text], 5, 64)
        assert np.array_equal(alone.shingles_of(0), batch.shingles_of(index))
        assert np.array_equal(alone.signatures[0], batch.signatures[index])
        assert alone.body_hashes[0] == batch.body_hashes[index]
        assert alone.token_counts[0] == batch.token_counts[index]


def test_shingles_are_the_distinct_word_windows() -> None:
    text = "one two three four five one two three four five six " * 3
    tokens = words(text)
    windows = {tuple(tokens[i : i + 5]) for i in range(len(tokens) - 4)}
    batch = sketch_texts([text, "short text", ""], 5, 32)
    shingles = batch.shingles_of(0)
    assert shingles.size == len(windows)
    assert np.all(shingles[1:] > shingles[:-1])
    assert batch.shingles_of(1).size == 1 and batch.shingles_of(2).size == 0
    assert np.all(batch.signatures[2] == np.iinfo(np.uint64).max)


def test_body_hash_is_equal_for_the_same_words_only() -> None:
    batch = sketch_texts(["The mill burned.", "the MILL  burned!", "The mill burned down."], 5, 16)
    bodies = batch.body_hashes.tolist()
    assert bodies[0] == bodies[1] != bodies[2]


def test_signatures_estimate_jaccard() -> None:
    wire, extended, other = "\n".join(WIRE), "\n".join([*WIRE, *EXTENDED]), "\n".join(UNRELATED)
    batch = sketch_texts([wire, extended, other], 5, 256)
    a, b = batch.shingles_of(0), batch.shingles_of(1)
    shared = np.intersect1d(a, b).size
    true = shared / (a.size + b.size - shared)
    estimate = float(np.mean(batch.signatures[0] == batch.signatures[1]))
    assert abs(estimate - true) < 0.1
    assert float(np.mean(batch.signatures[0] == batch.signatures[2])) < 0.05


def test_stream_gives_the_same_sketches_on_two_processes() -> None:
    texts = [f"{t} number {i}" for i in range(1200) for t in TEXTS[:1]]
    serial = list(sketch_stream(texts, 5, 32, workers=1))
    parallel = list(sketch_stream(texts, 5, 32, workers=2))
    assert len(serial) == len(parallel) == 2
    for one, two in zip(serial, parallel, strict=True):
        assert np.array_equal(one.signatures, two.signatures)
        assert np.array_equal(one.shingles, two.shingles)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.integers(0, 6), min_size=3, max_size=3), max_size=12))
def test_bucket_pairs_are_every_pair_sharing_a_key(rows: list[list[int]]) -> None:
    keys = np.array(rows, dtype=np.uint64).reshape(len(rows), 3)
    keys += np.arange(3, dtype=np.uint64) * np.uint64(100)  # one key space per column
    expected = sorted(
        (i, j) for i, j in combinations(range(len(rows)), 2) if set(keys[i].tolist()) & set(keys[j].tolist())
    )
    assert [tuple(p) for p in bucket_pairs(keys).tolist()] == expected


def test_long_tokens_hash_alike_at_any_offset_and_unlike_their_prefixes() -> None:
    """Tokens are hashed 8 bytes at a time from wherever they start in the batch's buffer: a token
    of any length must hash the same at every offset, and differ from its prefixes and from
    one-byte changes at either end."""
    base = "q" * 150
    tokens = [base[:n] for n in (1, 7, 8, 9, 16, 17, 24, 25, 149)]
    tokens += [base, base[:-1] + "r", "r" + base[1:], "b-" * 40 + "c", "é" * 30]
    hashes = {_word_hash(token) for token in tokens}
    assert len(hashes) == len(tokens)
    for pad in range(9):
        shifted, bounds = token_hashes(["", " " * pad + " ".join(tokens)])
        assert shifted[bounds[1] :].tolist() == [_word_hash(t) for t in tokens]
