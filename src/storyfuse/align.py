"""ALIGN stage: group the sentences of different articles that state the same fact.

Outlets copy, trim and rewrite each other, so one fact appears as an exact copy in one article, a
lightly edited sentence in another ("security issues" / "security aims") and a paraphrase with
reordered clauses in a third. We find those groups with a lexical similarity and no model, so
the result is fast, deterministic and explainable.

The similarity (:mod:`storyfuse.similarity`) is the IDF-weighted Dice coefficient of two
sentences' term sets, IDF taken over the story's own sentences; as a paraphrase classifier on
MRPC it scores F1 0.822 at its threshold of 0.45.

Three rules of news writing add links the measure misses. Ledes: the first sentences of two
articles of one story state the main event, in whatever words, so they join at a lower
threshold. Merged sentences: when one outlet says '"X," he said, adding that Y' and another
says X and Y in consecutive sentences, the merged sentence joins X (see
:func:`_merged_sentences_first_fact`). On the hand-annotated claims benchmark
(benchmarks/claims_eval.py) the two rules took pairwise recall from 0.48 to 0.58 and precision
from 0.92 to 0.99. Mutual best matches: an outlet that reports an event itself states each fact
once, so when two sentences of two articles are each other's closest match in the other article
they join at a lower Dice (``AlignOptions.mutual_threshold``); a competing closer sentence takes
the link instead. This took pairwise recall on the six development stories from 0.58 to 0.63 at
precision 0.95 (0.99 before); at 0.25 recall was 0.68 but precision 0.93, mostly sentences that
state two facts joined to one of them. The MRPC gate measures the Dice alone.

One-to-one matches (2026-11-23) generalise mutual best: per pair of articles, the closest pair is
matched, then the closest among the sentences still free, and so on (a greedy assignment), so a
sentence whose best partner is taken by a closer rival can still meet its own counterpart.
Matched sentences also link a little lower (``AlignOptions.numbered_threshold``) when their
numbers agree: both sentences stating numbers and sharing none ("seven people stood in front of
the hall" / "he shot four people in front of the hall") are two facts. Above
``mutual_threshold`` numbers are not checked, so wordings of one fact that disagree on a number
still meet and the conflict is found. This took pairwise recall on the eleven development
stories from 0.49 to 0.56 at precision 0.90 (0.90 before), and facts the fused account tells
twice from 51 to 42 of 95; on the eight stories annotated first, recall 0.58 to 0.64 at
precision 0.93 (0.94). The matching alone from 0.25, numbers unchecked, joined "seven people
stood in front of the hall" / "he shot four people in front of the hall" into a false conflict.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import fmean

import numpy as np
import numpy.typing as npt

from storyfuse.embeddings import embed
from storyfuse.errors import OptionsError
from storyfuse.models import Article, ClaimGroup, Sentence, Variant
from storyfuse.similarity import (
    Terms,
    find_compounds,
    sentence_similarity,
    sentence_terms,
    stated_numbers,
    story_terms,
    term_idf,
    weighted_coverage,
    word_list_terms,
)
from storyfuse.text import iter_sentences, words

__all__ = [
    "AlignOptions",
    "align_claims",
    "find_compounds",
    "sentence_similarity",
    "sentence_terms",
    "story_terms",
    "term_idf",
    "weighted_coverage",
]


@dataclass(slots=True)
class AlignOptions:
    """How strict alignment is.

    Args:
        threshold: minimum :func:`sentence_similarity` for two sentences to state the same fact.
            0.45 is the cross-validated MRPC threshold.
        lede_threshold: the similarity enough to link the first sentences of two articles of
            one story, since news ledes state the same main event in different words.
        containment: a shorter sentence whose term weight lies at least this much inside a longer
            one is linked to it even when their Dice is low (a long sentence that merges two
            short ones of another outlet).
        min_contained_terms: the shorter sentence needs at least this many distinct terms for
            the containment rule, so "He said." never joins anything.
        mutual_threshold: two sentences of two articles matched one to one (each the other's
            closest match once closer pairs of the two articles are matched) are linked from this
            lower Dice on: outlets that report one event independently state each fact once, in
            their own words.
        numbered_threshold: matched sentences link from this still lower Dice on when their
            numbers agree: when both state numbers they share one (seven people and four people
            are two facts). Above ``mutual_threshold`` the numbers are not checked, so two
            wordings of one fact that disagree on a number still meet and the conflict is found.
        cohesion: every two sentences of a group must reach at least this Dice (or the
            containment rule); about half the threshold, so paraphrases still join a group of
            copies but two facts never chain through a sentence that states both.
        use_embeddings: link sentences when the mean of their Dice and their sentence-embedding
            cosine reaches ``embedding_threshold``, instead of Dice reaching ``threshold``
            (MRPC F1 0.831 against 0.822; the containment and lede rules still apply). Needs
            the optional packages (:data:`storyfuse.embeddings.INSTALL_COMMAND`) and embeds
            about 50 sentences a second on one core, so it is off by default.
        embedding_threshold: see ``use_embeddings``; 0.58 is the cross-validated MRPC threshold.

    >>> AlignOptions(threshold=0.5).threshold
    0.5
    """

    threshold: float = 0.45
    lede_threshold: float = 0.3
    containment: float = 0.8
    min_contained_terms: int = 4
    mutual_threshold: float = 0.3
    numbered_threshold: float = 0.25
    cohesion: float = 0.2
    use_embeddings: bool = False
    embedding_threshold: float = 0.58

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold <= 1.0:
            raise OptionsError(f"threshold must be in (0.0, 1.0], got {self.threshold}")
        if not 0.0 < self.containment <= 1.0:
            raise OptionsError(f"containment must be in (0.0, 1.0], got {self.containment}")
        if not 0.0 <= self.cohesion <= self.threshold:
            raise OptionsError(f"cohesion must be in [0.0, threshold], got {self.cohesion}")
        if not 0.0 < self.embedding_threshold <= 1.0:
            raise OptionsError(f"embedding_threshold must be in (0.0, 1.0], got {self.embedding_threshold}")
        if not 0.0 < self.mutual_threshold <= self.threshold:
            raise OptionsError(f"mutual_threshold must be in (0.0, threshold], got {self.mutual_threshold}")
        if not 0.0 < self.numbered_threshold <= self.mutual_threshold:
            raise OptionsError(
                f"numbered_threshold must be in (0.0, mutual_threshold], got {self.numbered_threshold}"
            )
        if not 0.0 < self.lede_threshold <= self.threshold:
            raise OptionsError(f"lede_threshold must be in (0.0, threshold], got {self.lede_threshold}")
        if self.min_contained_terms < 1:
            raise OptionsError(f"min_contained_terms must be at least 1, got {self.min_contained_terms}")


@dataclass(slots=True)
class _Item:
    """One sentence being aligned: where it sits and which distinct term set it has."""

    sentence: Sentence
    article: int
    relative_position: float
    unit: int
    wording: str  # the sentence normalised: equal wordings are one variant


@dataclass(slots=True)
class _Unit:
    """A distinct term set. Syndicated copies repeat most sentences word for word, so scoring
    distinct term sets instead of sentences turns 30 copies of a sentence into one."""

    terms: Terms
    weight: float
    items: list[int]
    lede: bool = False  # some sentence with these terms opens its article


def _collect(articles: Sequence[Article]) -> tuple[list[_Item], list[_Unit], dict[str, float]]:
    """Sentences of all articles, their distinct term sets, and IDF over the story's sentences."""
    located: list[tuple[Sentence, int, float]] = []
    for article_index, article in enumerate(articles):
        found = list(iter_sentences(article.paragraphs))
        for index, (paragraph, text) in enumerate(found):
            sentence = Sentence(article_id=article.id, paragraph=paragraph, index=index, text=text)
            located.append((sentence, article_index, index / len(found)))
    word_lists = [words(sentence.text) for sentence, _, _ in located]
    term_sets = word_list_terms(word_lists)
    idf = term_idf(term_sets)
    unit_of: dict[Terms, int] = {}
    units: list[_Unit] = []
    items: list[_Item] = []
    for position, (sentence, article_index, relative) in enumerate(located):
        terms = term_sets[position]
        unit = unit_of.setdefault(terms, len(units))
        if unit == len(units):
            units.append(_Unit(terms, math.fsum(idf[t] for t in terms), []))
        units[unit].items.append(position)
        units[unit].lede |= sentence.index == 0
        items.append(_Item(sentence, article_index, relative, unit, " ".join(word_lists[position])))
    return items, units, idf


def _candidate_pairs(units: Sequence[_Unit], idf: Mapping[str, float], share: float) -> set[tuple[int, int]]:
    """Pairs of term sets that may share ``share`` of either's weight.

    Prefix filtering: order terms rarest first; if two sets overlap by at least a share ``s``
    of set x's weight, they must share a term among x's rarest terms that carry more than
    ``1 - s`` of its weight. Probing only those terms from every set finds every such pair
    without comparing all pairs, and the probed terms are the rare ones.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for position, unit in enumerate(units):
        for term in unit.terms:
            postings[term].append(position)
    pairs: set[tuple[int, int]] = set()
    for position, unit in enumerate(units):
        remaining = unit.weight
        needed = share * unit.weight
        for term in sorted(unit.terms, key=lambda t: (-idf[t], t)):
            if remaining < needed or remaining <= 0.0:
                break
            remaining -= idf[term]
            pairs.update(
                (min(position, other), max(position, other)) for other in postings[term] if other != position
            )
    return pairs


@dataclass(slots=True, frozen=True)
class _Match:
    """How two term sets relate: Dice, whether the lighter lies almost wholly inside the heavier,
    and whether their embeddings (when used) vouch that they say the same thing."""

    score: float
    contained: bool
    close: bool


class _Matcher:
    """Scores pairs of term sets, remembering each: cohesion checks revisit the pairs links scored."""

    __slots__ = ("_cache", "_cosines", "_options", "_units", "idf", "uses_embeddings")

    def __init__(
        self,
        units: Sequence[_Unit],
        idf: Mapping[str, float],
        options: AlignOptions,
        cosines: npt.NDArray[np.float32] | None = None,
    ) -> None:
        self._units = units
        self._options = options
        self._cache: dict[tuple[int, int], _Match] = {}
        self._cosines = cosines
        self.idf = idf
        self.uses_embeddings = cosines is not None

    def close_pairs(self) -> set[tuple[int, int]]:
        """Pairs whose cosine alone could lift the mean of Dice and cosine to the threshold."""
        if self._cosines is None:
            return set()
        lowest = 2.0 * self._options.embedding_threshold - 1.0
        rows, columns = np.nonzero(np.triu(self._cosines >= lowest, k=1))
        return set(zip(rows.tolist(), columns.tolist(), strict=True))

    def __call__(self, u: int, v: int) -> _Match:
        key = (u, v) if u < v else (v, u)
        found = self._cache.get(key)
        if found is None:
            first, second = self._units[key[0]], self._units[key[1]]
            shared = sum(map(self.idf.__getitem__, first.terms & second.terms))
            total = first.weight + second.weight
            smaller = first if first.weight <= second.weight else second
            contained = (
                len(smaller.terms) >= self._options.min_contained_terms
                and smaller.weight > 0.0
                and shared / smaller.weight >= self._options.containment
            )
            score = min(1.0, 2.0 * shared / total) if total > 0.0 else 0.0
            close = (
                self._cosines is not None
                and (score + float(self._cosines[key])) / 2.0 >= self._options.embedding_threshold
            )
            found = _Match(score, contained, close)
            self._cache[key] = found
        return found


def _one_to_one(
    scored: Mapping[tuple[int, int], float], articles_of: Sequence[frozenset[int]]
) -> set[tuple[int, int]]:
    """Pairs of term sets matched one to one between two articles, closest pairs first.

    Greedy assignment per pair of articles: a term set matched to some term set of article b is
    not matched again to another of b, and a term set that two articles both print is matched
    between them already. A mutual-best pair of two sentences each printed once is matched (ties
    aside); so is a pair whose members each lost a closer partner to a closer pair.

    >>> in_article = [frozenset({0}), frozenset({1}), frozenset({1}), frozenset({0})]
    >>> sorted(_one_to_one({(0, 1): 0.3, (0, 2): 0.4, (1, 3): 0.2, (2, 3): 0.35}, in_article))
    [(0, 2), (1, 3)]
    """
    taken = {(u, a) for u, articles in enumerate(articles_of) if len(articles) > 1 for a in articles}
    matched: set[tuple[int, int]] = set()
    for (u, v), _ in sorted(scored.items(), key=lambda pair: (-pair[1], pair[0])):
        for a in articles_of[u]:
            for b in articles_of[v]:
                if a != b and (u, b) not in taken and (v, a) not in taken:
                    taken.update(((u, b), (v, a)))
                    matched.add((u, v))
    return matched


def _links(
    units: Sequence[_Unit], items: Sequence[_Item], matcher: _Matcher, options: AlignOptions
) -> list[tuple[float, int, int]]:
    """Scored pairs of term sets that state the same fact, in no particular order."""

    def share(dice: float) -> float:  # Dice >= t needs an overlap of t/(2-t) of each side
        return dice / (2.0 - dice)

    ledes = [position for position, unit in enumerate(units) if unit.lede]
    lede_pairs = {(u, v) for i, u in enumerate(ledes) for v in ledes[i + 1 :]}
    lowest = min(share(options.numbered_threshold), options.containment)
    candidates = _candidate_pairs(units, matcher.idf, lowest) | lede_pairs | matcher.close_pairs()
    scored = {pair: matcher(*pair).score for pair in candidates}
    articles_of = [frozenset(items[i].article for i in unit.items) for unit in units]
    numbers: dict[int, frozenset[str]] = {}  # read only for the few pairs the check concerns

    def numbers_of(unit: int) -> frozenset[str]:
        if unit not in numbers:
            numbers[unit] = stated_numbers(units[unit].terms)
        return numbers[unit]

    def may_match(u: int, v: int, score: float) -> bool:  # two numbered facts must share a number
        if score >= options.mutual_threshold:
            return True
        first, second = numbers_of(u), numbers_of(v)
        return not (first and second) or bool(first & second)

    mutual = _one_to_one(
        {p: s for p, s in scored.items() if s >= options.numbered_threshold and may_match(*p, s)}, articles_of
    )
    links: list[tuple[float, int, int]] = []
    for u, v in candidates:
        match = matcher(u, v)
        if (
            (match.close if matcher.uses_embeddings else match.score >= options.threshold)
            or match.contained
            or (match.score >= options.lede_threshold and (u, v) in lede_pairs)
            or (u, v) in mutual
        ):
            links.append((match.score, u, v))
    return links


class _Grouping:
    """Union-find over sentences that keeps one sentence per article in every group.

    A merge is refused when the two groups share an article, or when some cross pair of their
    term sets is not even loosely related (``options.cohesion``): otherwise a long sentence
    that states two facts would chain the two facts' groups into one.
    """

    def __init__(self, items: Sequence[_Item], matcher: _Matcher, options: AlignOptions) -> None:
        self._parent = list(range(len(items)))
        self._members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
        self._articles: dict[int, set[int]] = {i: {item.article} for i, item in enumerate(items)}
        self._units: dict[int, set[int]] = {i: {item.unit} for i, item in enumerate(items)}
        self._matcher = matcher
        self._cohesion = options.cohesion

    def root(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _cohesive(self, left: set[int], right: set[int]) -> bool:
        for u in left:
            for v in right:
                if u != v:
                    match = self._matcher(u, v)
                    if match.score < self._cohesion and not (match.contained or match.close):
                        return False
        return True

    def merge(self, i: int, j: int) -> None:
        ri, rj = self.root(i), self.root(j)
        if ri == rj or self._articles[ri] & self._articles[rj]:
            return
        if not self._cohesive(self._units[ri], self._units[rj]):
            return
        if len(self._members[ri]) < len(self._members[rj]):
            ri, rj = rj, ri
        self._parent[rj] = ri
        self._members[ri] += self._members.pop(rj)
        self._articles[ri] |= self._articles.pop(rj)
        self._units[ri] |= self._units.pop(rj)

    def groups(self) -> list[list[int]]:
        return list(self._members.values())


def _merged_sentences_first_fact(
    links: Sequence[tuple[float, int, int]], items: Sequence[_Item], units: Sequence[_Unit], matcher: _Matcher
) -> list[tuple[float, int, int]]:
    """Links best first, re-ranked so a sentence merging two adjacent sentences of another article
    joins the first.

    "X," he said, adding that Y: one outlet's sentence holds both X and Y, which another outlet
    states in two consecutive sentences. Left to Dice it joins whichever is closer in length,
    often Y; it belongs with X, where it stands in the narrative (and X leads it). Its link to
    Y's sentence is ranked just below its link to X's, so the one-sentence-per-article rule
    keeps it out of Y's group.
    """
    places = [{(items[i].article, items[i].sentence.index) for i in unit.items} for unit in units]
    inside: dict[int, dict[int, float]] = defaultdict(dict)  # merged unit -> contained unit -> score
    for score, u, v in links:
        if matcher(u, v).contained:
            whole, part = (u, v) if units[u].weight >= units[v].weight else (v, u)
            inside[whole][part] = score
    rank = {(u, v): score for score, u, v in links}
    for whole, parts in inside.items():
        for first, first_score in parts.items():
            follows = {(article, index + 1) for article, index in places[first]}
            for second, second_score in parts.items():
                if second != first and follows & places[second]:
                    key = (min(whole, second), max(whole, second))
                    rank[key] = min(rank[key], math.nextafter(min(first_score, second_score), -1.0))
    return sorted(
        ((score, u, v) for (u, v), score in rank.items()), key=lambda link: (-link[0], link[1], link[2])
    )


def _group(
    items: Sequence[_Item], units: Sequence[_Unit], matcher: _Matcher, options: AlignOptions
) -> list[list[int]]:
    """Join identical term sets first, then the best links between term sets."""
    grouping = _Grouping(items, matcher, options)
    for unit in units:
        for i in unit.items[1:]:
            for j in unit.items:
                if j == i:
                    break
                grouping.merge(j, i)
    links = _links(units, items, matcher, options)
    for _, u, v in _merged_sentences_first_fact(links, items, units, matcher):
        for i in units[u].items:
            for j in units[v].items:
                grouping.merge(i, j)
    return grouping.groups()


def _claim(items: Sequence[_Item], group: Sequence[int], origin_of: Mapping[str, str] | None) -> ClaimGroup:
    ordered = sorted((items[i] for i in group), key=lambda item: item.article)
    by_wording: dict[str, list[_Item]] = {}
    for item in ordered:
        by_wording.setdefault(item.wording, []).append(item)
    wordings = sorted(by_wording.values(), key=lambda same: (-len(same), same[0].article))
    variants = [
        Variant(text=same[0].sentence.text, sources=[i.sentence.article_id for i in same])
        for same in wordings
    ]
    sources = [item.sentence.article_id for item in ordered]
    origins = {origin_of.get(source, source) if origin_of is not None else source for source in sources}
    return ClaimGroup(
        text=variants[0].text,
        sources=sources,
        independent_sources=len(origins),
        variants=variants,
        sentences=[item.sentence for item in ordered],
        position=fmean(item.relative_position for item in ordered),
    )


def _unit_cosines(items: Sequence[_Item], units: Sequence[_Unit]) -> npt.NDArray[np.float32]:
    """Cosine of the embeddings of every two term sets (of their first sentences)."""
    vectors = embed([items[unit.items[0]].sentence.text for unit in units])
    cosines: npt.NDArray[np.float32] = vectors @ vectors.T
    return cosines


def align_claims(
    articles: Sequence[Article],
    origin_of: Mapping[str, str] | None = None,
    options: AlignOptions | None = None,
) -> list[ClaimGroup]:
    """Group the sentences of one story's articles into claims, in narrative order.

    Every sentence of every article lands in exactly one group; a group holds at most one
    sentence per article; a sentence no other article states is a one-source group.
    ``origin_of`` (article id -> independent origin, from lineage) makes copies of one source
    count once in ``independent_sources``.

    >>> a = Article(id="a", path="a", paragraphs=["Police arrested two men on Friday. It rained."])
    >>> b = Article(id="b", path="b", paragraphs=["Two men were arrested by police on Friday."])
    >>> [(c.sources, c.text) for c in align_claims([a, b])]
    [(['a', 'b'], 'Police arrested two men on Friday.'), (['a'], 'It rained.')]
    """
    options = options or AlignOptions()
    items, units, idf = _collect(articles)
    cosines = _unit_cosines(items, units) if options.use_embeddings else None
    groups = _group(items, units, _Matcher(units, idf, options, cosines), options)
    claims = [_claim(items, group, origin_of) for group in groups]
    first = [min((items[i].article, items[i].sentence.index) for i in group) for group in groups]
    order = sorted(range(len(claims)), key=lambda k: (claims[k].position, first[k]))
    return [claims[k] for k in order]
