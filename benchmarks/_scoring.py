"""Scores for main-content extraction: word and word-shingle overlap with a gold body.

Two published protocols are reproduced so our numbers sit beside the ones their authors print:

1. AEB (scrapinghub article-extraction-benchmark): per page, the multisets of word 4-gram
   shingles of the gold and extracted text give TP/FP/FN, normalised by their sum so long pages
   weigh no more than short ones; precision is averaged over pages that extracted something,
   recall over pages that have a gold body, and F1 is the harmonic mean of the two averages.
   Tokens are ``\\w+`` runs with case kept; a text shorter than ``n`` words is one shingle.
2. WCXB: per page, the multisets of lower-cased word tokens give precision, recall and F1, and
   each is averaged over pages. An empty extraction scores 0 on all three.

Example:
    >>> overlap = word_overlap("The cat sat", "the cat ran")
    >>> round(page_f1(overlap), 3)
    0.667
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from statistics import fmean
from typing import TypeVar

_TOKEN = re.compile(r"\w+")
_Unit = TypeVar("_Unit", bound=Hashable)


@dataclass(slots=True, frozen=True)
class Overlap:
    """Matched (``tp``), extra (``fp``) and missed (``fn``) units of one page."""

    tp: float
    fp: float
    fn: float


@dataclass(slots=True, frozen=True)
class Scores:
    """Averaged precision, recall and F1 over ``pages`` pages."""

    precision: float
    recall: float
    f1: float
    pages: int


def tokens(text: str, *, lowercase: bool) -> list[str]:
    """Word tokens as both benchmarks define them: runs of Unicode word characters.

    >>> tokens("Don't panic, 42!", lowercase=True)
    ['don', 't', 'panic', '42']
    """
    return _TOKEN.findall(text.lower() if lowercase else text)


def shingles(words: Sequence[str], n: int = 4) -> Counter[tuple[str, ...]]:
    """Multiset of the ``n``-word windows of ``words``; fewer than ``n`` words make one shingle,
    so a very short extraction is still compared rather than ignored.

    >>> sorted(shingles(["a", "b", "c"], 2))
    [('a', 'b'), ('b', 'c')]
    """
    if not words:
        return Counter()
    return Counter(tuple(words[i : i + n]) for i in range(max(1, len(words) - n + 1)))


def multiset_overlap(gold: Counter[_Unit], predicted: Counter[_Unit]) -> Overlap:
    """TP/FP/FN of two multisets: a unit repeated k times in gold matches at most k copies."""
    tp = sum((gold & predicted).values())
    return Overlap(tp=tp, fp=sum(predicted.values()) - tp, fn=sum(gold.values()) - tp)


def shingle_overlap(gold: str, predicted: str, n: int = 4) -> Overlap:
    """AEB page overlap: shingle TP/FP/FN scaled to sum to 1 (or all 0 for two empty texts)."""
    raw = multiset_overlap(
        shingles(tokens(gold, lowercase=False), n), shingles(tokens(predicted, lowercase=False), n)
    )
    total = raw.tp + raw.fp + raw.fn
    if total == 0:
        return raw
    return Overlap(tp=raw.tp / total, fp=raw.fp / total, fn=raw.fn / total)


def word_overlap(gold: str, predicted: str) -> Overlap:
    """WCXB page overlap: bag-of-words TP/FP/FN of lower-cased tokens."""
    return multiset_overlap(Counter(tokens(gold, lowercase=True)), Counter(tokens(predicted, lowercase=True)))


def page_precision(o: Overlap) -> float:
    """Share of extracted units that are gold; 1 when both sides are empty (nothing to get wrong)."""
    if o.fp == o.fn == 0:
        return 1.0
    return o.tp / (o.tp + o.fp) if o.tp + o.fp else 0.0


def page_recall(o: Overlap) -> float:
    """Share of gold units that were extracted; 1 when both sides are empty."""
    if o.fp == o.fn == 0:
        return 1.0
    return o.tp / (o.tp + o.fn) if o.tp + o.fn else 0.0


def page_f1(o: Overlap) -> float:
    """Harmonic mean of the page's precision and recall (0 when both are 0)."""
    return _harmonic(page_precision(o), page_recall(o))


def aeb_scores(overlaps: Sequence[Overlap]) -> Scores:
    """AEB aggregate: precision over pages with output, recall over pages with gold, F1 of those."""
    precisions = [page_precision(o) for o in overlaps if o.tp + o.fp > 0]
    recalls = [page_recall(o) for o in overlaps if o.tp + o.fn > 0]
    precision = fmean(precisions) if precisions else 0.0
    recall = fmean(recalls) if recalls else 0.0
    return Scores(precision, recall, _harmonic(precision, recall), len(overlaps))


def mean_page_scores(overlaps: Sequence[Overlap]) -> Scores:
    """WCXB aggregate: precision, recall and F1 computed per page, then each averaged."""
    if not overlaps:
        return Scores(0.0, 0.0, 0.0, 0)
    return Scores(
        fmean(page_precision(o) for o in overlaps),
        fmean(page_recall(o) for o in overlaps),
        fmean(page_f1(o) for o in overlaps),
        len(overlaps),
    )


def _harmonic(a: float, b: float) -> float:
    return 2 * a * b / (a + b) if a + b else 0.0
