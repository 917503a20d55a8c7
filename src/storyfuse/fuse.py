"""FUSE stage: tell a story once, in narrative order, with every sentence citing its sources.

A reader of five versions of one dispatch wants each fact once, the best-supported wording of
it, who says it, where the outlets disagree and what only one outlet adds. Fusion works on the
claim groups of :mod:`storyfuse.align`, so every fused sentence is a sentence some source
printed verbatim: fusion picks and orders, it never writes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from statistics import median

from storyfuse.align import story_terms, term_idf, weighted_coverage
from storyfuse.models import Article, ClaimGroup, Conflict, FusedSentence, Variant
from storyfuse.text import normalized

__all__ = ["COVERED", "fuse_story"]

_DIGIT = re.compile(r"\d")

COVERED = 0.9
"""A claim is repeated when a longer fused claim holds this share of its term weight (and all
of its numbers): "Police arrested two men." adds nothing after "Police arrested two men on
Friday and seized a car."."""


def _narrative_positions(claims: Sequence[ClaimGroup]) -> list[float]:
    """Median relative position of each claim's sentences in their articles.

    Article lengths come from the claims themselves: alignment puts every sentence of every
    article in exactly one claim, so the highest index seen is the last sentence.
    """
    counts: dict[str, int] = defaultdict(int)
    for claim in claims:
        for sentence in claim.sentences:
            counts[sentence.article_id] = max(counts[sentence.article_id], sentence.index + 1)
    return [
        median(s.index / counts[s.article_id] for s in claim.sentences) if claim.sentences else claim.position
        for claim in claims
    ]


def _best_variant(claim: ClaimGroup, origin_of: Mapping[str, str] | None) -> Variant:
    """The wording supported by most independent origins; ties keep alignment's preference."""
    if not claim.variants:
        return Variant(text=claim.text, sources=list(claim.sources))

    def origins(variant: Variant) -> int:
        return len({origin_of.get(s, s) if origin_of is not None else s for s in variant.sources})

    return max(claim.variants, key=origins)


def _repeats(texts: Sequence[str], claims: Sequence[ClaimGroup]) -> dict[int, int]:
    """Claims another fused claim already says: index -> index of that claim.

    Two cases: the chosen sentence is also a member of a claim with more sources (an article
    that prints a paragraph twice), or a longer kept sentence covers its terms and numbers.
    """
    home: dict[str, int] = {}
    for index in sorted(range(len(claims)), key=lambda k: (-len(claims[k].sources), k)):
        for sentence in claims[index].sentences:
            home.setdefault(sentence.text, index)
    covered_by: dict[int, int] = {}
    for index, text in enumerate(texts):
        owner = home.get(text, index)
        if len(claims[owner].sources) > len(claims[index].sources):
            covered_by[index] = owner
    terms = story_terms(texts)
    idf = term_idf(terms)  # over the claims, so a fact copied by many outlets counts once
    weight = [sum(idf[t] for t in term_set) for term_set in terms]
    holders: dict[str, list[int]] = defaultdict(list)  # term -> kept claims that have it
    for index in sorted(range(len(texts)), key=lambda k: (-weight[k], k)):
        if index in covered_by:
            continue
        if (other := _covering(terms[index], weight[index], terms, holders, idf)) is not None:
            covered_by[index] = other
            continue
        for term in terms[index]:
            holders[term].append(index)
    return covered_by


def _covering(
    part: frozenset[str],
    part_weight: float,
    terms: Sequence[frozenset[str]],
    holders: Mapping[str, list[int]],
    idf: Mapping[str, float],
) -> int | None:
    """A kept claim holding ``COVERED`` of ``part``'s weight and all of its numbers.

    Such a claim must hold one of ``part``'s rarest terms that carry more than ``1 - COVERED``
    of its weight, so only the claims holding those are checked.
    """
    numbers = {t for t in part if _DIGIT.search(t)}
    candidates: set[int] = set()
    remaining = part_weight
    for term in sorted(part, key=lambda t: (-idf[t], t)):
        if remaining < COVERED * part_weight:
            break
        remaining -= idf[term]
        candidates.update(holders.get(term, ()))
    for other in sorted(candidates):
        if numbers <= terms[other] and weighted_coverage(part, terms[other], idf) >= COVERED:
            return other
    return None


def _conflicts_by_text(conflicts: Sequence[Conflict]) -> dict[str, set[int]]:
    """Conflict indices by the sentences they quote, both verbatim and normalised, so a quote
    that differs from the article only in spacing or quote marks still finds its sentence."""
    found: dict[str, set[int]] = defaultdict(set)
    for index, conflict in enumerate(conflicts):
        for value in conflict.values:
            found[value.text.strip()].add(index)
            found[normalized(value.text)].add(index)
    return found


def _quoting(text: str, conflict_index: Mapping[str, set[int]]) -> set[int]:
    """Indices of the conflicts that quote this sentence (normalising only when needed)."""
    if not conflict_index:
        return set()
    return conflict_index.get(text) or conflict_index.get(normalized(text)) or set()


def fuse_story(
    articles: Sequence[Article],
    claims: Sequence[ClaimGroup],
    conflicts: Sequence[Conflict] = (),
    *,
    origin_of: Mapping[str, str] | None = None,
) -> list[FusedSentence]:
    """The story told once: one sentence per claim, in narrative order, citing its sources.

    A claim a longer claim already says is left out (its conflicts move to that claim);
    ``conflicts`` are attached by index to the sentences they quote; a claim only one article
    makes is marked ``unique_to`` it. ``origin_of`` (from lineage) makes the wording picked
    for a claim the one most independent origins use, not the one most copies repeat.

    >>> from storyfuse.align import align_claims
    >>> a = Article(id="a", path="a", paragraphs=["Police arrested two men on Friday. It rained."])
    >>> b = Article(id="b", path="b", paragraphs=["Two men were arrested by police on Friday."])
    >>> [(s.text, s.sources, s.unique_to) for s in fuse_story([a, b], align_claims([a, b]))]
    [('Police arrested two men on Friday.', ['a', 'b'], None), ('It rained.', ['a'], 'a')]
    """
    order = {article.id: index for index, article in enumerate(articles)}
    positions = _narrative_positions(claims)
    texts = [_best_variant(claim, origin_of).text for claim in claims]
    covered_by = _repeats(texts, claims)
    conflict_index = _conflicts_by_text(conflicts)
    attached: dict[int, set[int]] = defaultdict(set)
    for index, claim in enumerate(claims):
        target = covered_by.get(index, index)
        for sentence in claim.sentences:
            attached[target] |= _quoting(sentence.text, conflict_index)
    fused: list[FusedSentence] = []
    for index in sorted(range(len(claims)), key=lambda k: (positions[k], k)):
        if index in covered_by:
            continue
        claim = claims[index]
        sources = sorted(claim.sources, key=lambda s: order.get(s, len(order)))
        fused.append(
            FusedSentence(
                text=texts[index],
                sources=sources,
                conflicts=sorted(attached[index]),
                unique_to=sources[0] if len(sources) == 1 else None,
            )
        )
    return fused
