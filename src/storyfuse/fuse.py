"""FUSE stage: tell a story once, in narrative order, with every sentence citing its sources.

A reader of five versions of one dispatch wants each fact once, the best-supported wording of
it, who says it, where the outlets disagree and what only one outlet adds. Fusion works on the
claim groups of :mod:`storyfuse.align`, so every fused sentence is a sentence some source
printed verbatim: fusion picks and orders, it never writes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence, Set
from statistics import median

from storyfuse.models import Article, ClaimGroup, Conflict, FusedSentence, Variant
from storyfuse.similarity import story_terms, term_idf, weighted_coverage
from storyfuse.text import normalized

__all__ = ["ADDS", "COVERED", "TOLD", "TOLD_BY_ONE", "fuse_story"]

_DIGIT = re.compile(r"\d")
_NEGATION = re.compile(r"\b(?:not|no|never|none|neither|nor|nobody|nothing|without)\b|n[\u2019']t\b", re.I)

COVERED = 0.9
"""A claim is repeated when a longer fused claim holds this share of its term weight (and all
of its numbers): "Police arrested two men." adds nothing after "Police arrested two men on
Friday and seized a car."."""

TOLD = 0.8
"""A claim is retold when the better-supported claims kept before it together hold this share of
its term weight (and all of its numbers): a rewrite that says "The boy, 3, was shot in the leg
on Main Street" after "A 3-year-old boy was shot in the leg." and "It happened on Main Street."
adds no fact. Lower than ``COVERED`` because the sentence is kept with the claim that tells most
of it, as a retold wording with its sources, not dropped."""

TOLD_BY_ONE = 0.4
"""...and the one kept claim it joins holds at least this share on its own, so a sentence is
never set aside for words that are merely scattered over the story."""

ADDS = 0.3
"""Another wording of a printed claim is shown beside it when the printed wording holds less than
this share of its term weight: it then says mostly something the printed one does not. On the
GVA corpus 0.4 listed 2,100 more wordings than before, 0.3 about 900, 0.2 none of the seeds'
joined details ("hundreds of North Korean troops ... in the coming days")."""


def _wordings_adding(
    claim: ClaimGroup, chosen: str, idf: Mapping[str, float], order: Mapping[str, int]
) -> list[Variant]:
    """Other wordings of a claim that say much the chosen one does not, to show beside it.

    Alignment joins a paraphrase that restates a fact and adds a detail ("The council backed
    the stadium; taxpayers will pay 40 million euros for its roof" beside "The council approved
    the stadium"); printing the chosen wording alone would drop the detail from the fused
    account. A wording is listed, with its sources, when the chosen one holds less than ``ADDS``
    of its term weight and no wording listed before it holds ``TOLD`` of its terms (unweighted,
    as the words two light edits of one wording differ in are rare ones): such edits are listed
    once.
    """
    others = sorted((v for v in claim.variants if v.text != chosen), key=lambda v: -len(v.sources))
    if not others:
        return []
    chosen_terms, *variant_terms = story_terms([chosen, *(v.text for v in others)])
    shown: list[tuple[Variant, frozenset[str]]] = []
    for variant, terms in zip(others, variant_terms, strict=True):
        if weighted_coverage(terms, chosen_terms, idf) < ADDS and all(
            weighted_coverage(terms, seen) < TOLD for _, seen in shown
        ):
            shown.append((variant, terms))
    return [Variant(text=v.text, sources=_in_order(v.sources, order)) for v, _ in shown]


def _in_order(sources: Iterable[str], order: Mapping[str, int]) -> list[str]:
    """Article ids in the order the articles were given (unknown ids last)."""
    return sorted(sources, key=lambda s: order.get(s, len(order)))


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


def _repeats(
    texts: Sequence[str],
    claims: Sequence[ClaimGroup],
    terms: Sequence[frozenset[str]],
    idf: Mapping[str, float],
) -> dict[int, int]:
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


def _negations(text: str) -> frozenset[str]:
    """The negating words of a sentence ("n't" counted as "not"): "He has no record" and "He has
    a record" share almost every term but tell opposite facts."""
    return frozenset("not" if word[-2] in "'\u2019" else word.lower() for word in _NEGATION.findall(text))


def _retellings(
    texts: Sequence[str],
    terms: Sequence[frozenset[str]],
    idf: Mapping[str, float],
    support: Sequence[int],
    candidates: Iterable[int],
    quoted: Set[int],
) -> dict[int, int]:
    """Claims whose content the better-supported claims before them already tell together.

    Claims are taken by support, then term weight, so the wording most outlets use is kept
    and a rewrite restating it is the one set aside. A claim is retold when the kept claims
    hold ``TOLD`` of its term weight and all of its numbers, and the kept claim sharing most of
    its weight holds ``TOLD_BY_ONE`` of it and negates the same way; it goes to that claim. A
    claim a conflict quotes stays, so the disagreement shows where it arises. Returns index ->
    index of the kept claim.
    """
    weight = [sum(idf[t] for t in term_set) for term_set in terms]
    told_by: dict[int, int] = {}
    holders: dict[str, list[int]] = defaultdict(list)  # term -> kept claims that have it
    for index in sorted(candidates, key=lambda k: (-support[k], -weight[k], k)):
        part = terms[index]
        if (
            weight[index] > 0.0
            and index not in quoted
            and all(t in holders for t in part if _DIGIT.search(t))
            and sum(idf[t] for t in part if t in holders) >= TOLD * weight[index]
        ):
            shared: dict[int, float] = defaultdict(float)  # kept claim -> weight it holds
            for term in part:
                for k in holders.get(term, ()):
                    shared[k] += idf[term]
            best = max(shared, key=lambda k: (shared[k], -k))
            if shared[best] >= TOLD_BY_ONE * weight[index] and _negations(texts[index]) == _negations(
                texts[best]
            ):
                told_by[index] = best
                continue
        for term in part:
            holders[term].append(index)
    return told_by


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

    A claim a longer claim already says, or that better-supported claims already tell (see
    ``TOLD``), is not printed: it is listed in ``retold`` of the claim that says it, with its
    sources, and its conflicts move there, as is another wording of the claim that says much the
    printed one does not (see :func:`_wordings_adding`); ``conflicts`` are attached by index to
    the sentences they quote; a claim only one article makes is marked ``unique_to`` it.
    ``origin_of`` (from lineage) makes the wording picked for a claim the one most independent
    origins use, not the one most copies repeat.

    >>> from storyfuse.align import align_claims
    >>> a = Article(id="a", path="a", paragraphs=["Police arrested two men on Friday. It rained."])
    >>> b = Article(id="b", path="b", paragraphs=["Two men were arrested by police on Friday."])
    >>> [(s.text, s.sources, s.unique_to) for s in fuse_story([a, b], align_claims([a, b]))]
    [('Police arrested two men on Friday.', ['a', 'b'], None), ('It rained.', ['a'], 'a')]
    """
    order = {article.id: index for index, article in enumerate(articles)}
    positions = _narrative_positions(claims)
    texts = [_best_variant(claim, origin_of).text for claim in claims]
    terms = story_terms(texts)
    idf = term_idf(terms)  # over the claims, so a fact copied by many outlets counts once
    conflict_index = _conflicts_by_text(conflicts)
    quotes = [set().union(*(_quoting(s.text, conflict_index) for s in claim.sentences)) for claim in claims]
    covered_by = _repeats(texts, claims, terms, idf)
    support = [len({origin_of.get(s, s) if origin_of else s for s in claim.sources}) for claim in claims]
    quoted = {index for index, found in enumerate(quotes) if found}
    remaining = (index for index in range(len(claims)) if index not in covered_by)
    covered_by |= _retellings(texts, terms, idf, support, remaining, quoted)
    attached: dict[int, set[int]] = defaultdict(set)
    retold: dict[int, list[Variant]] = defaultdict(list)
    for index in sorted(covered_by):
        target = covered_by[index]
        while target in covered_by:  # a covering claim may itself be retold by another
            target = covered_by[target]
        attached[target] |= quotes[index]
        if texts[index] != texts[target] or not set(claims[index].sources) <= set(claims[target].sources):
            sources = _in_order(claims[index].sources, order)
            retold[target].append(Variant(text=texts[index], sources=sources))
    fused: list[FusedSentence] = []
    for index in sorted(range(len(claims)), key=lambda k: (positions[k], k)):
        if index in covered_by:
            continue
        sources = _in_order(claims[index].sources, order)
        adding = _wordings_adding(claims[index], texts[index], idf, order)
        listed = {variant.text for variant in adding}
        fused.append(
            FusedSentence(
                text=texts[index],
                sources=sources,
                conflicts=sorted(attached[index] | quotes[index]),
                unique_to=sources[0] if len(sources) == 1 else None,
                retold=adding + [v for v in retold[index] if v.text not in listed],
            )
        )
    return fused
