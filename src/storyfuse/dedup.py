"""Duplicate detection: which articles are copies, trimmed or extended copies, or rewrites.

Each pair of related articles gets one typed relation, the most specific that holds:

1. **exact** — equal normalised bodies (similarity 1.0);
2. **near** — Jaccard similarity of word shingles at least ``near_threshold``;
3. **containment** — the smaller article's shingles lie at least ``containment_threshold`` inside
   the larger (a wire copy with added paragraphs, or a trimmed copy); similarity is that share;
4. **paraphrase** — little shared text, but most of the smaller article's sentences have a
   counterpart in the larger that states the same with overlapping content words; similarity is
   the aligned share, weighted by how informative (IDF) each sentence's words are.

Comparing every pair is quadratic, so candidates come from three indexes, each built for one
kind: LSH buckets of MinHash signatures (near), verbatim sentence hashes (containment, which LSH on
Jaccard misses when one article is much longer), and the rarest shared words (paraphrase). Every
candidate is then verified exactly by :func:`classify_pair`. :func:`candidate_pairs` and
:func:`classify_pair` are pure, so a store or a distributed engine can run them unchanged.

>>> from storyfuse.models import Article
>>> body = ["Fire crews fought a blaze at the old grain mill on Monday night, officials said."]
>>> rels = find_duplicates([Article("x", "x.txt", body), Article("y", "y.txt", body)])
>>> [(r.a, r.b, r.kind) for r in rels]
[('x', 'y', 'exact')]
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations, repeat

import numpy as np
import numpy.typing as npt

from storyfuse.errors import OptionsError
from storyfuse.fingerprint import (
    Fingerprint,
    FingerprintOptions,
    fingerprint_batch,
    optimal_bands,
    shared_count,
)
from storyfuse.models import Article, DuplicateRelation
from storyfuse.sketch import band_key_matrix, bucket_pairs, sketch_stream

__all__ = [
    "DedupOptions",
    "aligned_share",
    "candidate_pairs",
    "classify_pair",
    "find_duplicates",
    "near_duplicates",
    "term_weights",
]


@dataclass(slots=True)
class DedupOptions:
    """Thresholds and index limits of duplicate detection.

    Args:
        near_threshold: Jaccard of shingle sets from which two articles are near-duplicates: at
            0.5 more than half of all their distinct shingles are shared.
        containment_threshold: share of the smaller article's shingles found in the larger.
        paraphrase_threshold: IDF-weighted share of the smaller article's sentences aligned with
            a sentence of the larger.
        sentence_similarity: IDF-weighted Dice overlap of content words for two sentences to align.
        min_shared_vocabulary: IDF-weighted share of the smaller article's content words that the
            larger must contain before sentences are aligned: a rewrite keeps the names, places and
            numbers, while two reports of similar events share only common words.
        min_aligned_sentences: fewer aligned sentences is coincidence (stock phrases), not a rewrite.
        min_tokens: an article shorter than this is too small to call contained in or a rewrite
            of another (headlines, captions); exact and near copies are still reported.
        max_df: a sentence or word found in more articles is boilerplate or common language, not
            a trace of copying; such keys suggest no candidate pairs.
        paraphrase_candidates: per article, how many best word-overlap partners are verified.
        fingerprint: how articles are fingerprinted.

    >>> DedupOptions(near_threshold=0.7).near_threshold
    0.7
    """

    near_threshold: float = 0.5
    containment_threshold: float = 0.8
    paraphrase_threshold: float = 0.6
    sentence_similarity: float = 0.35
    min_shared_vocabulary: float = 0.4
    min_aligned_sentences: int = 3
    min_tokens: int = 25
    max_df: int = 100
    paraphrase_candidates: int = 10
    fingerprint: FingerprintOptions = field(default_factory=FingerprintOptions)

    def __post_init__(self) -> None:
        for name in (
            "near_threshold",
            "containment_threshold",
            "paraphrase_threshold",
            "sentence_similarity",
            "min_shared_vocabulary",
        ):
            value = getattr(self, name)
            if not 0.0 < value < 1.0:
                raise OptionsError(f"{name} must be in (0.0, 1.0), got {value}")
        for name in ("min_aligned_sentences", "min_tokens", "max_df", "paraphrase_candidates"):
            if getattr(self, name) < 1:
                raise OptionsError(f"{name} must be at least 1, got {getattr(self, name)}")


def find_duplicates(
    articles: Sequence[Article], options: DedupOptions | None = None
) -> list[DuplicateRelation]:
    """All duplicate relations among ``articles``, one per related pair.

    In each relation ``a`` is the article that comes first in ``articles`` (input order stands in
    for time of arrival), and relations are sorted by the positions of ``a`` then ``b``.

    >>> from storyfuse.models import Article
    >>> find_duplicates([Article("x", "x.txt", ["Short."]), Article("y", "y.txt", ["Other."])])
    []
    """
    options = options or DedupOptions()
    fingerprints = fingerprint_batch(articles, options.fingerprint)
    weights = term_weights(fingerprints)
    relations: list[DuplicateRelation] = []
    for i, j in candidate_pairs(fingerprints, options, weights):
        relation = classify_pair(fingerprints[i], fingerprints[j], options, weights)
        if relation is not None:
            relations.append(relation)
    return relations


def near_duplicates(
    texts: Iterable[tuple[str, str]], options: DedupOptions | None = None, workers: int = 1
) -> list[DuplicateRelation]:
    """Exact copies and pairs whose word-shingle Jaccard reaches ``near_threshold``, among
    ``(id, text)`` pairs: the corpus-scale path, from batch sketches alone (no sentences, no terms).

    Candidates share a body hash or an LSH bucket (bands tuned to ``near_threshold``); each is
    verified on the exact shingle sets and typed as :func:`classify_pair` would (``exact``,
    ``containment`` for a one-way copy, else ``near``). Sketching runs on ``workers`` processes;
    the result does not depend on their number. Relations are ordered as in
    :func:`find_duplicates`.

    >>> text = "Fire crews fought a blaze at the old grain mill on Monday night, officials said."
    >>> [(r.a, r.b, r.kind) for r in near_duplicates([("x", text), ("y", text + " More.")])]
    [('x', 'y', 'near')]
    """
    options = options or DedupOptions()
    fp = options.fingerprint
    bands, rows = optimal_bands(options.near_threshold, fp.num_perm)
    ids: list[str] = []
    token_counts: list[npt.NDArray[np.int64]] = []
    body_hashes: list[npt.NDArray[np.uint64]] = []
    band_keys: list[npt.NDArray[np.uint64]] = []
    shingles: list[npt.NDArray[np.uint64]] = []

    def pending() -> Iterator[str]:
        for text_id, text in texts:
            ids.append(text_id)
            yield text

    # Only band keys and shingles are kept: a signature is done with once it is banded.
    for batch in sketch_stream(pending(), fp.shingle_size, fp.num_perm, fp.seed, workers):
        token_counts.append(batch.token_counts)
        body_hashes.append(batch.body_hashes)
        band_keys.append(band_key_matrix(batch.signatures, bands, rows))
        shingles.extend(batch.shingles_of(i) for i in range(batch.token_counts.size))
    if not ids:
        return []
    usable = np.flatnonzero(np.concatenate(token_counts) > 0)
    keys = np.column_stack([np.concatenate(band_keys)[usable], np.concatenate(body_hashes)[usable]])
    counts, bodies = np.concatenate(token_counts).tolist(), np.concatenate(body_hashes).tolist()
    relations: list[DuplicateRelation] = []
    for i, j in usable[bucket_pairs(keys)].tolist():
        pair = (ids[i], ids[j])
        if bodies[i] == bodies[j]:
            relations.append(DuplicateRelation(*pair, "exact", 1.0))
            continue
        sizes = (shingles[i].size, shingles[j].size)
        shared = shared_count(shingles[i], shingles[j])
        relation = _overlap_relation(pair, (counts[i], counts[j]), sizes, shared, options)
        if relation is not None and shared >= options.near_threshold * (sizes[0] + sizes[1] - shared):
            relations.append(relation)
    return relations


def term_weights(fingerprints: Sequence[Fingerprint]) -> dict[str, float]:
    """Inverse document frequency of every content term, ``log(1 + n / df)``.

    >>> from storyfuse.models import Article
    >>> from storyfuse.fingerprint import fingerprint
    >>> fps = [fingerprint(Article(i, i, [t])) for i, t in [("1", "Rain fell on Leeds today."),
    ...                                                 ("2", "Rain fell on Hull all night.")]]
    >>> w = term_weights(fps); w["leeds"] > w["rain"]
    True
    """
    frequency: dict[str, int] = defaultdict(int)
    for fp in fingerprints:
        for term in fp.terms:
            frequency[term] += 1
    n = len(fingerprints)
    return {term: math.log1p(n / df) for term, df in frequency.items()}


# --- candidates ---------------------------------------------------------------------------------


def candidate_pairs(
    fingerprints: Sequence[Fingerprint],
    options: DedupOptions | None = None,
    weights: Mapping[str, float] | None = None,
) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, worth verifying, sorted; empty articles never pair.

    The union of: equal body hashes; a shared LSH bucket (bands tuned to ``near_threshold``); a
    shared sentence hash held by at most ``max_df`` articles; and each article's
    ``paraphrase_candidates`` best partners by summed weight of its rarest shared terms.
    """
    options = options or DedupOptions()
    weights = weights if weights is not None else term_weights(fingerprints)
    usable = [i for i, fp in enumerate(fingerprints) if fp.token_count > 0]
    pairs: set[tuple[int, int]] = set()
    if usable:
        bands, rows = optimal_bands(options.near_threshold, options.fingerprint.num_perm)
        signatures = np.stack([fingerprints[i].signature for i in usable])
        bodies = np.fromiter((fingerprints[i].body_hash for i in usable), dtype=np.uint64, count=len(usable))
        keys = np.column_stack([band_key_matrix(signatures, bands, rows), bodies])
        pairs.update(map(tuple, np.asarray(usable)[bucket_pairs(keys)].tolist()))
    sentences: dict[int, list[int]] = defaultdict(list)
    for i in usable:
        for key in fingerprints[i].sentence_hashes.tolist():
            sentences[key].append(i)
    for members in sentences.values():
        if len(members) <= options.max_df:
            pairs.update(combinations(members, 2))
    pairs.update(_word_overlap_pairs(fingerprints, usable, options, weights))
    return sorted(pairs)


_QUERY_TERMS = 30


def _word_overlap_pairs(
    fingerprints: Sequence[Fingerprint],
    usable: Sequence[int],
    options: DedupOptions,
    weights: Mapping[str, float],
) -> set[tuple[int, int]]:
    """Each article's best partners by the summed weight of its rarest terms that they share.

    Only the ``_QUERY_TERMS`` rarest terms of an article that some other article also has are
    looked up: names, places and numbers, which a rewrite keeps and an unrelated article rarely
    has. Ties break on article id, so the result does not depend on input order.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i in usable:
        for term in fingerprints[i].terms:
            postings[term].append(i)
    per_article = options.paraphrase_candidates
    pairs: set[tuple[int, int]] = set()
    for i in usable:
        shared_terms = [t for t in fingerprints[i].terms if 1 < len(postings[t]) <= options.max_df]
        rare = heapq.nlargest(_QUERY_TERMS, shared_terms, key=lambda t: (weights.get(t, 0.0), t))
        scores: dict[int, float] = defaultdict(float)
        for term in rare:
            weight = weights.get(term, 0.0)
            for j in postings[term]:
                scores[j] += weight
        scores.pop(i, None)
        if len(scores) > per_article:
            cutoff = heapq.nlargest(per_article, scores.values())[-1]
            tied = sorted(
                (j for j, score in scores.items() if score >= cutoff), key=lambda j: fingerprints[j].id
            )
            best = sorted(tied, key=lambda j: -scores[j])[:per_article]
        else:
            best = list(scores)
        pairs.update((min(i, j), max(i, j)) for j in best)
    return pairs


# --- verification -------------------------------------------------------------------------------


def classify_pair(
    first: Fingerprint,
    second: Fingerprint,
    options: DedupOptions | None = None,
    weights: Mapping[str, float] | None = None,
) -> DuplicateRelation | None:
    """The most specific duplicate relation between two articles, or ``None``.

    ``a`` of the result is ``first``. ``weights`` (term IDF, see :func:`term_weights`) only matter
    for paraphrases; without them every term weighs 1. Symmetric: swapping the arguments swaps
    ``a`` and ``b`` and nothing else.
    """
    options = options or DedupOptions()
    if first.token_count == 0 or second.token_count == 0:
        return None
    if first.body_hash == second.body_hash:
        return DuplicateRelation(first.id, second.id, "exact", 1.0)
    shared = shared_count(first.shingles, second.shingles)
    relation = _overlap_relation(
        (first.id, second.id),
        (first.token_count, second.token_count),
        (first.shingles.size, second.shingles.size),
        shared,
        options,
    )
    if relation is not None:
        return relation
    long_enough = min(first.token_count, second.token_count) >= options.min_tokens
    if not long_enough:
        return None
    share, aligned = aligned_share(
        first, second, options.sentence_similarity, weights or {}, options.min_shared_vocabulary
    )
    if share >= options.paraphrase_threshold and aligned >= options.min_aligned_sentences:
        return DuplicateRelation(first.id, second.id, "paraphrase", share)
    return None


def _overlap_relation(
    ids: tuple[str, str],
    tokens: tuple[int, int],
    sizes: tuple[int, int],
    shared: int,
    options: DedupOptions,
) -> DuplicateRelation | None:
    """A containment or near relation from the shingle counts of two articles that are not
    exact copies (token counts, shingle set sizes and shared shingles), or ``None``."""
    smaller, larger = sorted(sizes)
    jaccard = shared / (sizes[0] + sizes[1] - shared)
    containment = shared / smaller if smaller else 0.0
    # One-way: the smaller text sits inside the larger, which has text of its own (a wire copy
    # with added paragraphs). Two copies that cover each other are near duplicates instead.
    one_way = smaller < options.containment_threshold * larger
    long_enough = min(tokens) >= options.min_tokens
    if long_enough and one_way and containment >= options.containment_threshold:
        return DuplicateRelation(ids[0], ids[1], "containment", containment)
    if jaccard >= options.near_threshold:
        return DuplicateRelation(ids[0], ids[1], "near", jaccard)
    return None


def aligned_share(
    first: Fingerprint,
    second: Fingerprint,
    sentence_similarity: float,
    weights: Mapping[str, float],
    min_shared_vocabulary: float = 0.0,
) -> tuple[float, int]:
    """Weighted share of the smaller article's sentences that have a counterpart in the larger,
    and how many sentences aligned.

    Two sentences align when the weighted Dice overlap of their content terms is at least
    ``sentence_similarity``, each term weighing its IDF: a reworded sentence keeps its names,
    places and numbers, while a sentence cast in the same mould about another event (an outlet's
    formula for every shooting) shares only common words. A sentence counts with the summed
    weight of its terms, so aligned stock phrases add little. The smaller article
    is the one with fewer distinct terms (ties: smaller id), so the result is symmetric. Pairs
    whose weighted vocabulary overlap is below ``min_shared_vocabulary`` score ``(0.0, 0)``.
    """
    small, large = sorted((first, second), key=lambda fp: (len(fp.terms), fp.id))
    shared_terms = frozenset(small.terms).intersection(large.terms)
    # The unweighted count first: it is a C-speed set size, and rare shared terms rarely lift the
    # weighted share above twice the plain one.
    if len(shared_terms) < 0.5 * min_shared_vocabulary * len(small.terms):
        return 0.0, 0
    if _total_weight(shared_terms, weights) < min_shared_vocabulary * _total_weight(small.terms, weights):
        return 0.0, 0
    # Sentence-by-shared-term incidence matrices; their product is every sentence pair's overlap.
    shared_order = sorted(shared_terms)
    column = {term: index for index, term in enumerate(shared_order)}
    small_matrix = _incidence(small, [column.get(t, -1) for t in small.terms], len(shared_order))
    large_matrix = _incidence(large, [column.get(t, -1) for t in large.terms], len(shared_order))
    shared_weights = np.fromiter(map(weights.get, shared_order, repeat(1.0)), dtype=np.float64)
    # einsum's own loop, not BLAS: these matrices are tiny, and BLAS threads cost more than the product.
    overlap = np.einsum("ij,kj->ik", small_matrix * shared_weights, large_matrix)
    touching = np.einsum("ij,kj->ik", small_matrix, large_matrix) > 0
    small_sentence_weights = _sentence_weights(small, _term_weights(small, weights))
    large_sentence_weights = _sentence_weights(large, _term_weights(large, weights))
    similar = 2.0 * overlap >= sentence_similarity * (
        small_sentence_weights[:, np.newaxis] + large_sentence_weights[np.newaxis, :]
    )
    aligned = (similar & touching).any(axis=1)
    total = float(small_sentence_weights.sum())
    aligned_weight = float(small_sentence_weights[aligned].sum())
    return (aligned_weight / total if total else 0.0), int(aligned.sum())


Weights = npt.NDArray[np.float64]


def _term_weights(fp: Fingerprint, weights: Mapping[str, float]) -> Weights:
    """The weight of each of ``fp.terms`` (1.0 when unknown)."""
    return np.fromiter(map(weights.get, fp.terms, repeat(1.0)), dtype=np.float64, count=len(fp.terms))


def _total_weight(terms: Iterable[str], weights: Mapping[str, float]) -> float:
    return sum(map(weights.get, terms, repeat(1.0)))


def _sentence_of_term(fp: Fingerprint) -> npt.NDArray[np.intp]:
    """The sentence number of each entry of ``fp.sentence_terms``."""
    return np.repeat(np.arange(fp.sentence_count), np.diff(fp.sentence_bounds))


def _sentence_weights(fp: Fingerprint, term_weights: Weights) -> Weights:
    """Each sentence's summed term weight."""
    sums = np.bincount(
        _sentence_of_term(fp), weights=term_weights[fp.sentence_terms], minlength=fp.sentence_count
    )
    return sums.astype(np.float64)


def _incidence(fp: Fingerprint, columns: Sequence[int], width: int) -> Weights:
    """A 0/1 matrix: sentence ``i`` has shared term ``j`` (``columns`` maps ``fp.terms`` to ``j``)."""
    matrix = np.zeros((fp.sentence_count, width), dtype=np.float64)
    column_of_entry = np.asarray(columns, dtype=np.intp)[fp.sentence_terms]
    shared = column_of_entry >= 0
    matrix[_sentence_of_term(fp)[shared], column_of_entry[shared]] = 1.0
    return matrix
