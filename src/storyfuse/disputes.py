"""Shared machinery of the COMPARE stage: member sentences, values and the dispute rule.

Every conflict kind collects (sentence, value) rows, merges equal values with their sources
(:func:`collect_values`) and keeps the pairs that really split the sources (:func:`disputed`):
some article states one value and not the other while another article does the reverse.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from storyfuse.dates import WEEKDAYS
from storyfuse.errors import OptionsError
from storyfuse.models import Article, ClaimGroup, Conflict, ConflictKind, ConflictValue, Sentence
from storyfuse.places import find_block_addresses, places_in
from storyfuse.text import fold, words

__all__ = [
    "FUNCTION_WORDS",
    "KINDS",
    "SEVERITY_BASE",
    "CompareOptions",
    "DisputedValue",
    "StatedSentence",
    "UnionFind",
    "another_event",
    "by_group",
    "collect_values",
    "disputed",
    "distinct_texts",
    "excerpt",
    "make_conflict",
    "prepare_sentences",
    "several_incidents",
]

KINDS: tuple[ConflictKind, ...] = ("number", "quote", "title", "name", "place", "date")
SEVERITY_BASE: dict[ConflictKind, float] = {
    "number": 3,
    "quote": 3,
    "title": 2,
    "name": 2,
    "place": 1,
    "date": 1,
}


@dataclass(slots=True)
class CompareOptions:
    """Thresholds of the COMPARE stage.

    Args:
        kinds: conflict kinds to look for.
        min_quote_words: quotations shorter than this are not compared ("victory").
        quote_overlap: share of the shorter quotation's words that must align with the other
            for both to be the same quotation.
        approx_tolerance: a number hedged with "about" matches another within this relative
            difference.
        rounding_tolerance: a precise number matches a rounded one within this relative
            difference when it rounds to it.
        speaker_lookback: earlier sentences of the same article searched for the speaker of a
            quotation attributed to "he"/"she" or to no one.
        max_group_texts: distinct wordings of one claim compared pairwise (the rest are compared
            with these), which bounds the work on very large stories.

    >>> CompareOptions(quote_overlap=0.7).quote_overlap
    0.7
    """

    kinds: frozenset[ConflictKind] = frozenset(KINDS)
    min_quote_words: int = 5
    quote_overlap: float = 0.7
    approx_tolerance: float = 0.1
    rounding_tolerance: float = 0.05
    speaker_lookback: int = 3
    max_group_texts: int = 12

    def __post_init__(self) -> None:
        unknown = set(self.kinds) - set(KINDS)
        if unknown:
            raise OptionsError(f"unknown conflict kinds {sorted(unknown)}; use some of {list(KINDS)}")
        for name in ("quote_overlap", "approx_tolerance", "rounding_tolerance"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise OptionsError(f"{name} must be in [0.0, 1.0], got {value}")
        for name in ("min_quote_words", "max_group_texts"):
            if getattr(self, name) < 1:
                raise OptionsError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.speaker_lookback < 0:
            raise OptionsError(f"speaker_lookback must be 0 or more, got {self.speaker_lookback}")


FUNCTION_WORDS = frozenset(
    {
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
        "from", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been", "am",
        "just", "very", "so", "really", "also", "all", "can", "could", "would", "will", "then",
        "than", "as", "which", "who", "there", "here", "'s",
    }
)  # fmt: skip


# --- shared machinery -------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class StatedSentence:
    """A member sentence with its article's input rank and a canonical claim-group number."""

    article: str
    rank: int
    paragraph: int
    index: int
    text: str
    group: int

    @property
    def key(self) -> tuple[int, int, int, str]:
        return (self.rank, self.paragraph, self.index, self.text)


@dataclass(slots=True)
class DisputedValue:
    """One side of a would-be conflict while it is being collected."""

    key: Hashable
    value: str
    text: str
    order: tuple[int, int, int, str]
    payload: Any
    sources: set[str] = field(default_factory=set)


class UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)

    def groups(self) -> list[list[int]]:
        out: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.parent)):
            out[self.find(i)].append(i)
        return [out[root] for root in sorted(out)]


def collect_values(items: Iterable[tuple[StatedSentence, Hashable, str, Any]]) -> list[DisputedValue]:
    """Merge (sentence, key, display, payload) rows into values with their sources."""
    values: dict[Hashable, DisputedValue] = {}
    for sent, key, display, payload in sorted(items, key=lambda row: row[0].key):
        value = values.get(key)
        if value is None:
            value = values[key] = DisputedValue(key, display, sent.text, sent.key, payload)
        value.sources.add(sent.article)
    return list(values.values())


def disputed(
    values: list[DisputedValue],
    differ: Callable[[DisputedValue, DisputedValue], bool],
    same: Callable[[DisputedValue, DisputedValue], bool],
) -> tuple[list[DisputedValue], list[tuple[DisputedValue, DisputedValue]]]:
    """Values that really split the sources, and the disputing pairs.

    Two differing values dispute when some article states the first and nothing equal to the
    second, and another article does the reverse.
    """
    pairs: list[tuple[DisputedValue, DisputedValue]] = []
    for i, a in enumerate(values):
        for b in values[i + 1 :]:
            if not differ(a, b):
                continue
            saying_b = set().union(*(v.sources for v in values if same(v, b)))
            saying_a = set().union(*(v.sources for v in values if same(v, a)))
            if a.sources - saying_b and b.sources - saying_a:
                pairs.append((a, b))
    involved = {id(v) for pair in pairs for v in pair}
    return [v for v in values if id(v) in involved], pairs


_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _slots(text: str, value: str) -> tuple[frozenset[str], ...]:
    """What else a sentence pins down besides one value: its weekdays, places after "in" and
    other numbers."""
    rest = text.replace(value, " ", 1)
    days = frozenset(w for w in words(rest) if w in WEEKDAYS)
    places = frozenset(fold(p) for p in places_in(rest))
    numbers = frozenset(n.replace(",", "") for n in _DIGITS.findall(rest))
    return days, places, numbers


def another_event(text_a: str, value_a: str, text_b: str, value_b: str, *, numbers: bool = True) -> bool:
    """Whether two sentences that disagree on a value also disagree on a second detail: each
    has a weekday, place (or, with ``numbers``, a number) the other lacks ("a 16-year-old was
    shot Sunday in Bridgeport" / "a 17-year-old was shot Monday in Gage Park"). They then tell
    two events of a story that groups several (a city's weekend shootings), not one fact two
    ways. Number disputes leave other numbers out: "8 killed, 12 hurt" / "10 killed, 13 hurt"
    is one event counted two ways.

    >>> another_event("A 16-year-old was shot Sunday.", "16", "A 17-year-old was shot Monday.", "17")
    True
    >>> another_event("A 16-year-old was shot Sunday.", "16", "Police say a 17-year-old was shot.", "17")
    False
    """
    slots = zip(_slots(text_a, value_a), _slots(text_b, value_b), strict=True)
    return any(bool(a - b) and bool(b - a) for k, (a, b) in enumerate(slots) if numbers or k < 2)


_SEVERAL_INCIDENTS_STREETS = 3


def several_incidents(sents: list[StatedSentence]) -> set[str]:
    """Articles that tell several incidents (a city's weekend shootings): they give blocks of
    three streets or more. Their amounts of no named subject ("a 20-year-old man was shot") may
    be about any of the incidents, so they are not compared with other articles'."""
    streets: dict[str, set[str]] = defaultdict(set)
    for s in sents:
        if "block of" in s.text:
            streets[s.article].update(address.street for address in find_block_addresses(s.text))
    return {article for article, found in streets.items() if len(found) >= _SEVERAL_INCIDENTS_STREETS}


def make_conflict(
    kind: ConflictKind,
    subject: str,
    values: list[DisputedValue],
    spread: float,
    ranks: dict[str, int],
    total: int,
) -> Conflict:
    """Build the record; severity = band + 0.6 x spread + 0.39 x share of articles involved."""
    sources = set().union(*(v.sources for v in values))
    coverage = len(sources) / max(total, len(sources))
    severity = SEVERITY_BASE[kind] + 0.6 * min(max(spread, 0.0), 1.0) + 0.39 * coverage
    return Conflict(
        kind=kind,
        subject=subject,
        values=[
            ConflictValue(value=v.value, text=v.text, sources=sorted(v.sources, key=lambda s: (ranks[s], s)))
            for v in values
        ],
        severity=round(severity, 6),
    )


def _members(claim: ClaimGroup) -> list[Sentence]:
    """The claim's sentences, or one pseudo-sentence per variant source when it has none."""
    if claim.sentences:
        return claim.sentences
    return [Sentence(source, 0, 0, variant.text) for variant in claim.variants for source in variant.sources]


def prepare_sentences(
    claims: Sequence[ClaimGroup], articles: Sequence[Article]
) -> tuple[list[StatedSentence], dict[str, int]]:
    """Member sentences in a canonical order that does not depend on the order of the claims."""
    ranks = {a.id: i for i, a in enumerate(articles)}
    extra = sorted({s.article_id for c in claims for s in _members(c)} - set(ranks))
    ranks.update({article_id: len(articles) + i for i, article_id in enumerate(extra)})

    def sort_key(s: Sentence) -> tuple[int, int, int, str]:
        return (ranks[s.article_id], s.paragraph, s.index, s.text)

    member_lists = sorted(
        (sorted(_members(c), key=sort_key) for c in claims), key=lambda m: [sort_key(s) for s in m]
    )
    seen: set[tuple[int, int, int, str]] = set()
    sents: list[StatedSentence] = []
    for group, members in enumerate(member_lists):
        for s in members:
            if sort_key(s) not in seen:
                seen.add(sort_key(s))
                sents.append(
                    StatedSentence(s.article_id, ranks[s.article_id], s.paragraph, s.index, s.text, group)
                )
    sents.sort(key=lambda s: s.key)
    return sents, ranks


def by_group(sents: list[StatedSentence]) -> list[list[StatedSentence]]:
    groups: dict[int, list[StatedSentence]] = defaultdict(list)
    for s in sents:
        groups[s.group].append(s)
    return [groups[g] for g in sorted(groups)]


def distinct_texts(group: list[StatedSentence]) -> dict[str, list[StatedSentence]]:
    texts: dict[str, list[StatedSentence]] = {}
    for s in group:
        texts.setdefault(s.text, []).append(s)
    return texts


def excerpt(text: str, size: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:size]) + (" ..." if len(parts) > size else "")
