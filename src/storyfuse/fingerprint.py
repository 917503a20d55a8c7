"""Lexical fingerprints of articles: shingles, MinHash signatures, sentence hashes, LSH bands.

Duplicate detection and story grouping compare every article with many others, so each article
is reduced once to compact, comparable features:

1. word tokens of the body (exactly those of :func:`storyfuse.text.words`), each hashed once;
2. word *k*-gram shingles hashed to 64 bits, kept as a sorted ``uint64`` array whose overlap
   (:func:`shared_count`) says how much text two articles share;
3. a one-permutation MinHash signature of the shingles, whose agreement rate estimates that
   Jaccard (Broder 1997; Li, Owen & Zhang 2012, with Shrivastava's 2017 densification).
   Steps 1-3 and the body hash run over a whole batch of articles at once
   (:mod:`storyfuse.sketch`);
4. a hash of the token sequence (exact copies) and of every normalised sentence of at least
   a few words (verbatim shared sentences, the trace a trimmed or extended copy leaves);
5. the content terms of each sentence (for paraphrase alignment and topic similarity), as one
   sorted tuple of distinct terms plus a flat array of indices into it per sentence.

A fingerprint is a handful of numpy arrays and one tuple of interned strings rather than dozens
of Python sets: a million of them fit in memory, and the garbage collector has almost nothing
to walk.

Signatures are banded for locality-sensitive hashing (Indyk & Motwani 1998; Leskovec,
Rajaraman & Ullman, *Mining of Massive Datasets*, ch. 3): :func:`optimal_bands` picks the bands
and rows that minimise the weighted false-positive and false-negative areas under the S-curve
``1 - (1 - s**r)**b``, and :func:`band_keys` gives the bucket keys of one signature. Everything
here is a pure function of one article or one signature, so a store or a distributed engine can
call it unchanged.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, count, islice, pairwise
from typing import TypeVar

import numpy as np
import numpy.typing as npt
import xxhash

from storyfuse.errors import OptionsError
from storyfuse.models import Article
from storyfuse.sketch import band_key_matrix, one_permutation_minhash, sketch_texts
from storyfuse.text import words

__all__ = [
    "STOPWORDS",
    "Fingerprint",
    "FingerprintOptions",
    "band_keys",
    "content_terms",
    "fingerprint",
    "fingerprint_batch",
    "optimal_bands",
    "sentences_of",
    "shared_count",
    "term_index",
]

Signature = npt.NDArray[np.uint64]
Hashes = npt.NDArray[np.uint64]
"""A sorted array of distinct 64-bit hashes (a set, compared with :func:`shared_count`)."""
Indices = npt.NDArray[np.int32]
_Number = TypeVar("_Number", np.uint64, np.int64)


STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had
    has have having he her here hers herself him himself his how i if in into is it its itself just
    me more most my myself no nor not now of off on once only or other our ours ourselves out over
    own same she should so some such than that the their theirs them themselves then there these
    they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours yourself yourselves said says say told according
    one ago get got many much may might must new per since still though via yet
    """.split()  # noqa: SIM905 - a word list reads best as text
)
"""Function words and reporting verbs: frequent in every article, so they say nothing about which
story an article tells. Numbers and names are deliberately kept."""


@dataclass(slots=True)
class FingerprintOptions:
    """How articles are fingerprinted.

    Args:
        shingle_size: words per shingle; 5 is long enough that two unrelated articles rarely
            share a shingle by chance, short enough that one edited word only breaks 5 of them.
        num_perm: MinHash permutations; the Jaccard estimate's standard error is about
            ``sqrt(J * (1 - J) / num_perm)``.
        min_sentence_words: shorter sentences ("He said no.") are too common to identify text.
        seed: seed of the hash family; signatures are only comparable under equal seeds.

    >>> FingerprintOptions(num_perm=64).num_perm
    64
    """

    shingle_size: int = 5
    num_perm: int = 128
    min_sentence_words: int = 5
    seed: int = 1

    def __post_init__(self) -> None:
        if self.shingle_size < 1:
            raise OptionsError(f"shingle_size must be at least 1, got {self.shingle_size}")
        if not 1 <= self.num_perm <= 4096:
            raise OptionsError(f"num_perm must be in [1, 4096], got {self.num_perm}")
        if self.min_sentence_words < 1:
            raise OptionsError(f"min_sentence_words must be at least 1, got {self.min_sentence_words}")


@dataclass(slots=True)
class Fingerprint:
    """The comparable features of one article.

    ``shingles`` holds the sorted distinct 64-bit hashes of word shingles; ``signature`` the
    MinHash of those (``num_perm`` unsigned 64-bit values, all at the maximum for an empty body);
    ``body_hash`` the hash of the normalised body; ``sentence_hashes`` the sorted distinct hashes
    of its normalised sentences of at least ``min_sentence_words`` words. ``terms`` are the sorted
    distinct content terms of those sentences; sentence ``i``'s terms (in body order) are
    ``terms[k]`` for ``k`` in ``sentence_terms[sentence_bounds[i]:sentence_bounds[i + 1]]``,
    ascending (see :meth:`sentence_term_lists`).
    """

    id: str
    token_count: int
    shingles: Hashes
    signature: Signature
    body_hash: int
    sentence_hashes: Hashes
    terms: tuple[str, ...]
    sentence_terms: Indices
    sentence_bounds: Indices

    @property
    def sentence_count(self) -> int:
        """How many sentences have terms recorded (sentences of at least the minimum length)."""
        return len(self.sentence_bounds) - 1

    def sentence_term_lists(self) -> list[list[str]]:
        """Each sentence's sorted content terms, in body order (the inverse of :func:`term_index`).

        >>> from storyfuse.models import Article
        >>> fingerprint(Article("a", "a", ["Fire broke out in the old mill."])).sentence_term_lists()
        [['broke', 'fire', 'mill', 'old']]
        """
        terms, bounds = self.terms, self.sentence_bounds.tolist()
        flat = self.sentence_terms.tolist()
        return [[terms[k] for k in flat[start:end]] for start, end in pairwise(bounds)]


def shared_count(first: Hashes, second: Hashes) -> int:
    """How many hashes two sorted distinct hash arrays share (the size of the set intersection).

    Binary search of the shorter array in the longer: no sort, no temporary set.

    >>> shared_count(np.array([1, 4, 9], dtype=np.uint64), np.array([2, 4, 9, 11], dtype=np.uint64))
    2
    """
    small, large = (first, second) if first.size <= second.size else (second, first)
    if small.size == 0:
        return 0
    return int(np.count_nonzero(large.take(large.searchsorted(small), mode="clip") == small))


# --- sentences and terms ----------------------------------------------------------------------

_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)*[A-Za-z]\.")
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr jr sr st prof rev gov sen rep gen col capt sgt lt det ofc cpl maj cmdr supt insp
    inc corp co ltd no vs ave blvd rd mt ft hwy jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev
    okla ore pa tenn tex va vt wash wis wyo
    """.split()  # noqa: SIM905 - a word list reads best as text
)
"""Words that end with a full stop without ending the sentence (titles, months, US states in
news style); single letters and dotted initials ("J.", "U.S.", "p.m.") are recognised by pattern."""


def sentences_of(paragraph: str) -> list[str]:
    """Split a paragraph into sentences with a fast rule: end punctuation, space, capital or digit.

    Fingerprinting runs on every article of a corpus, so it uses this regex splitter rather than a
    full segmenter; a sentence hash only has to split the same text the same way in every article,
    which any deterministic rule does. Titles and initials before a full stop do not end a sentence.

    >>> sentences_of("Mr. Lee arrived at 9 a.m. Monday. He left. Police said 3 were hurt.")
    ['Mr. Lee arrived at 9 a.m. Monday.', 'He left.', 'Police said 3 were hurt.']
    """
    out: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(paragraph):
        word_start = max(start, paragraph.rfind(" ", start, match.start()) + 1)
        if _is_abbreviation(paragraph[word_start : match.start() + 1]):
            continue
        out.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return out


def _is_abbreviation(word: str) -> bool:
    """True for a final word such as ``Dr.`` or ``U.S.`` whose full stop is not a sentence end."""
    word = word.lstrip("\"'([")
    if not word.endswith("."):
        return False
    stem = word[:-1]
    return (stem[:1].isupper() and stem.lower() in _ABBREVIATIONS) or _INITIALS.fullmatch(word) is not None


def content_terms(tokens: Iterable[str]) -> frozenset[str]:
    """Folded tokens that carry meaning: no stopwords, no one-letter tokens (numbers stay).

    >>> sorted(content_terms(["the", "gunman", "shot", "2", "men", "in", "a", "bar"]))
    ['2', 'bar', 'gunman', 'men', 'shot']
    """
    candidates = set(tokens)
    candidates -= STOPWORDS  # in C, before the per-token test
    return frozenset({t for t in candidates if len(t) > 1 or t.isdigit()})


# --- MinHash ------------------------------------------------------------------------------------


def minhash(shingle_hashes: Hashes, num_perm: int) -> Signature:
    """The one-permutation MinHash signature of a set of random 64-bit hashes (see
    :mod:`storyfuse.sketch`): its agreement rate with another set's estimates their Jaccard.

    >>> sig = minhash(np.array([1, 2, 3], dtype=np.uint64), num_perm=4)
    >>> sig.shape, sig.dtype.name
    ((4,), 'uint64')
    """
    values = _sorted_unique(shingle_hashes.astype(np.uint64))
    signature: Signature = one_permutation_minhash(values, np.array([0, values.size]), num_perm)[0]
    return signature


# --- whole articles -----------------------------------------------------------------------------


_BATCH = 1_000


def _sorted_unique(values: npt.NDArray[_Number]) -> npt.NDArray[_Number]:
    """``np.unique`` for the short arrays of one article, sorting in place (a sort and a mask
    are several times faster there than numpy's general path)."""
    values.sort()
    keep = np.empty(values.size, dtype=bool)
    keep[:1] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def fingerprint(article: Article, options: FingerprintOptions | None = None) -> Fingerprint:
    """Fingerprint one article (see :func:`fingerprint_batch`).

    >>> from storyfuse.models import Article
    >>> fp = fingerprint(Article("a1", "a1.txt", ["Fire broke out in the old mill on Monday."]))
    >>> fp.token_count, len(fp.shingles), len(fp.sentence_hashes), fp.terms[:2]
    (9, 5, 1, ('broke', 'fire'))
    """
    return fingerprint_batch([article], options)[0]


def fingerprint_batch(
    articles: Iterable[Article], options: FingerprintOptions | None = None
) -> list[Fingerprint]:
    """Fingerprint many articles: tokens, shingles, body hashes and signatures a batch at a time
    with :func:`storyfuse.sketch.sketch_texts`, sentences and terms per article.

    Each result depends on its own article only.
    """
    options = options or FingerprintOptions()
    out: list[Fingerprint] = []
    iterator = iter(articles)
    while batch := list(islice(iterator, _BATCH)):
        sketches = sketch_texts(
            ["\n".join(a.paragraphs) for a in batch], options.shingle_size, options.num_perm, options.seed
        )
        counts, bodies = sketches.token_counts.tolist(), sketches.body_hashes.tolist()
        for index, article in enumerate(batch):
            sentence_hashes, terms, sentence_terms, sentence_bounds = _sentence_features(article, options)
            out.append(
                Fingerprint(
                    id=article.id,
                    token_count=counts[index],
                    shingles=sketches.shingles_of(index),
                    signature=sketches.signatures[index],
                    body_hash=bodies[index],
                    sentence_hashes=sentence_hashes,
                    terms=terms,
                    sentence_terms=sentence_terms,
                    sentence_bounds=sentence_bounds,
                )
            )
    return out


def _sentence_features(
    article: Article, options: FingerprintOptions
) -> tuple[Hashes, tuple[str, ...], Indices, Indices]:
    """Hashes of the article's normalised sentences of at least ``min_sentence_words`` words, and
    the :func:`term_index` of those sentences."""
    sentences = [words(sentence) for paragraph in article.paragraphs for sentence in sentences_of(paragraph)]
    kept = [s for s in sentences if len(s) >= options.min_sentence_words]
    kept_text = (" ".join(s).encode() for s in kept)
    sentence_hashes = _sorted_unique(
        np.fromiter(map(xxhash.xxh64_intdigest, kept_text), dtype=np.uint64, count=len(kept))
    )
    return (sentence_hashes, *term_index(kept))


def term_index(sentences: Sequence[Iterable[str]]) -> tuple[tuple[str, ...], Indices, Indices]:
    """``(terms, sentence_terms, sentence_bounds)`` of :class:`Fingerprint` from each sentence's
    tokens (or already known terms: :func:`content_terms` keeps those).

    Terms are interned: articles share most of their vocabulary, so a corpus holds each term's
    text once however many fingerprints name it.

    >>> terms, flat, bounds = term_index([["the", "mill", "fire"], ["fire"]])
    >>> terms, flat.tolist(), bounds.tolist()
    (('fire', 'mill'), [0, 1, 0], [0, 2, 3])
    """
    sentences = [list(sentence) for sentence in sentences]
    terms = tuple(sorted(map(sys.intern, content_terms(set(chain.from_iterable(sentences))))))
    position = dict(zip(terms, count(), strict=False))
    numbered = [sorted(map(position.__getitem__, position.keys() & sentence)) for sentence in sentences]
    bounds = np.zeros(len(numbered) + 1, dtype=np.int32)
    np.cumsum(np.fromiter(map(len, numbered), dtype=np.int32, count=len(numbered)), out=bounds[1:])
    flat = np.fromiter(chain.from_iterable(numbered), dtype=np.int32, count=int(bounds[-1]))
    return terms, flat, bounds


# --- LSH parameters -----------------------------------------------------------------------------

_GRID = 1001


@lru_cache(maxsize=64)
def optimal_bands(
    threshold: float, num_perm: int, fp_weight: float = 0.5, fn_weight: float = 0.5
) -> tuple[int, int]:
    """Bands and rows per band for LSH over ``num_perm``-long signatures.

    A pair of Jaccard similarity ``s`` shares at least one bucket with probability
    ``P(s) = 1 - (1 - s**r)**b``. The false-positive area is the integral of ``P`` below the
    threshold, the false-negative area the integral of ``1 - P`` above it; the result minimises
    ``fp_weight * FP + fn_weight * FN`` over every ``b * r <= num_perm`` (trapezoid rule on a
    1,001-point grid).

    >>> optimal_bands(0.5, 128)
    (25, 5)
    """
    if not 0.0 < threshold < 1.0:
        raise OptionsError(f"threshold must be in (0.0, 1.0), got {threshold}")
    if num_perm < 1:
        raise OptionsError(f"num_perm must be at least 1, got {num_perm}")
    if fp_weight < 0 or fn_weight < 0 or fp_weight + fn_weight == 0:
        raise OptionsError("fp_weight and fn_weight must be non-negative and not both zero")
    s = np.linspace(0.0, 1.0, _GRID)
    below = s <= threshold
    step = 1.0 / (_GRID - 1)
    best = (np.inf, 1, 1)
    for rows in range(1, num_perm + 1):
        bands = np.arange(1, num_perm // rows + 1)[:, np.newaxis]
        hit = 1.0 - (1.0 - s[np.newaxis, :] ** rows) ** bands
        false_pos = np.where(below, hit, 0.0)
        false_neg = np.where(below, 0.0, 1.0 - hit)
        error = fp_weight * _trapezoid(false_pos, step) + fn_weight * _trapezoid(false_neg, step)
        index = int(np.argmin(error))
        if error[index] < best[0]:
            best = (float(error[index]), index + 1, rows)
    return best[1], best[2]


def _trapezoid(values: npt.NDArray[np.float64], step: float) -> npt.NDArray[np.float64]:
    """Integral of each row of ``values`` sampled every ``step``."""
    result: npt.NDArray[np.float64] = (values[:, 1:] + values[:, :-1]).sum(axis=1) * (step / 2.0)
    return result


def band_keys(signature: Signature, bands: int, rows: int) -> list[int]:
    """One bucket key per band: articles sharing a key are LSH candidate pairs.

    The band's index seeds the hash, so equal values in different bands never share a bucket.

    >>> sig = np.arange(8, dtype=np.uint64)
    >>> len(band_keys(sig, 4, 2)), band_keys(sig, 4, 2) == band_keys(sig.copy(), 4, 2)
    (4, True)
    """
    if bands * rows > len(signature):
        raise OptionsError(f"bands * rows ({bands} * {rows}) exceeds the signature length {len(signature)}")
    keys: list[int] = band_key_matrix(signature[np.newaxis, :], bands, rows)[0].tolist()
    return keys
