"""Ages of a group of people stated together: "two men, ages 21 and 28, were arrested" or
"charged are Ann Fox, 27, and Tom Reyes, 20".

One report often gives the ages of the people an incident is about in one enumeration, and
another names them with their ages. The ages of such a group are one fact told two ways when
the group has the same size and the same part in the story (suspects, victims), so they are
compared value by value: equal ages set aside, the rest paired in order of age (the younger
with the younger). Pairing needs no names, which is what lets an unnamed enumeration meet the
named people of another report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from storyfuse.disputes import StatedSentence, UnionFind
from storyfuse.entities import PersonAge, find_person_ages
from storyfuse.quantities import Quantity
from storyfuse.text import tidy, words

__all__ = [
    "ROLE_CLASSES",
    "AgeList",
    "age_role",
    "find_age_lists",
    "link_age_lists",
    "pair_ages",
    "sentence_role",
]

_SUSPECT_WORDS = "arrested charged suspect suspects accused defendant defendants booked indicted jailed"
_VICTIM_WORDS = "victim victims wounded injured hurt killed dead died shot hospitalized hospitalised"
ROLE_CLASSES = {word: "suspects" for word in _SUSPECT_WORDS.split()} | {
    word: "victims" for word in _VICTIM_WORDS.split()
}
"""Words that say which part a group plays in an incident; the first of a sentence decides."""

_SHOOTER = re.compile(
    r"^(?:[-\w]+ ){0,5}?(?:shot|killed|stabbed|wounded|fired at|opened fire on) "
    r"(?:a|an|another|his|her|their|the|two|three|him|them)\b"
)
_SHOT = re.compile(
    r"(?:\b(?:shot|killed|stabbed|wounded|wounding|killing|left|struck|striking|hit) (?:a|an|the|his|her) $)"
    r"|(?:^(?:[-\w]+ ){0,3}?(?:was|were|had been|has been) (?:shot|killed|stabbed|wounded|struck|hit)\b)"
)
_PASSIVE_OR_CLAUSE = frozenset({"was", "were", "is", "been", "being", "after", "when", "while"})


def age_role(sentence: str, start: int, end: int) -> str:
    """Whether the person whose age is written at ``start``..``end`` of a (tidied) sentence
    fired ("a 16-year-old boy shot another teen": "shooter") or was hit ("left a 15-year-old
    boy wounded", "a 15-year-old was shot": "shot"), or "" when the sentence does not say.
    The shooter's and the victim's ages of one incident are two facts, never one disputed.

    >>> age_role("A 16-year-old boy shot another teen.", 2, 4)
    'shooter'
    >>> age_role("Police say a 15-year-old boy was shot.", 12, 14)
    'shot'
    """
    before, after = sentence[max(0, start - 30) : start].lower(), sentence[end:].lower()
    after_words = re.sub(r"[^-\w ]", " ", after).split()
    lead = " ".join(after_words[:8]) + " "
    if _SHOT.search(before) or _SHOT.search(lead):
        return "shot"
    match = _SHOOTER.search(lead)
    if match and _PASSIVE_OR_CLAUSE.isdisjoint(match.group().split()):
        return "shooter"
    return ""


_AGE = r"(\d{1,2})"
_AND = r"\s*(?:,\s*)?and\s*"  # "ages 28and 21": a missing space after a number is common in feeds
_LIST_FORMS = [
    # "ages 21 and 28", "aged 18, 19 and 20"
    re.compile(rf"\bage[sd] {_AGE}((?:\s*,\s*\d{{1,2}})*){_AND}{_AGE}\b"),
    # "one age 21 and the other 28", "one 21 and the other aged 28"
    re.compile(rf"\bone,? (?:age[d]? |is )?{_AGE},?\s+and the other,? (?:age[d]? |is )?{_AGE}\b"),
    # "21 and 28 years old", "20- and 23-year-old men"
    re.compile(rf"\b{_AGE}-?((?:\s*,\s*\d{{1,2}}-?)*){_AND}{_AGE}(?:-| )years?[- ]old\b"),
]
_LIST_CUES = ("ages ", "aged ", "the other", "-old", "years old", "year old")
"""Words one of the enumeration forms needs: most sentences are skipped without a regex."""
_MAX_GAP = 5
"""Paired ages further apart than this are more likely two different people than one misstated."""


@dataclass(slots=True, frozen=True)
class AgeList:
    """Ages of two or more people stated together, with the character offset of each number and
    the name of each person when the sentence names them."""

    ages: tuple[int, ...]
    starts: tuple[int, ...]
    names: tuple[str | None, ...]


def sentence_role(sentence: str) -> str:
    """ "suspects" or "victims": the class of the first role word of a sentence ("Charged ...
    are Ann Fox, 27, who was wounded, ..." is about suspects), or "" without one."""
    return next((ROLE_CLASSES[w] for w in words(sentence) if w in ROLE_CLASSES), "")


@lru_cache(maxsize=8192)
def named_ages(sentence: str) -> tuple[PersonAge, ...]:
    """:func:`storyfuse.entities.find_person_ages`, cached: read for amounts and for groups."""
    return tuple(find_person_ages(sentence))


@lru_cache(maxsize=8192)
def find_age_lists(sentence: str) -> tuple[AgeList, ...]:
    """Enumerated ages ("two men, one age 21 and the other 28") and the ages of two or more
    named people of one sentence. Ranges ("ages 17 to 28", "between 17 and 28") are not lists.
    Cached: a story's sentences are read for amounts and again for groups of ages.

    >>> [(a.ages, a.names) for a in find_age_lists("Two men, ages 28 and 21, were held.")]
    [((28, 21), (None, None))]
    >>> [(a.ages, a.names) for a in find_age_lists("Held are Ann Fox, 27, and Tom Reyes, 20.")]
    [((27, 20), ('Ann Fox', 'Tom Reyes'))]
    """
    text = tidy(sentence)
    found: list[AgeList] = []
    for form in _LIST_FORMS if any(cue in text for cue in _LIST_CUES) else ():
        for match in form.finditer(text):
            numbers = list(re.finditer(r"\d+", match.group()))
            starts = tuple(match.start() + n.start() for n in numbers)
            ages = tuple(int(n.group()) for n in numbers)
            if all(ages) and not any(set(starts) & set(other.starts) for other in found):
                found.append(AgeList(ages, starts, (None,) * len(ages)))
    named = named_ages(text)
    if len(named) > 1:
        found.append(
            AgeList(tuple(p.age for p in named), tuple(p.start for p in named), tuple(p.name for p in named))
        )
    return tuple(found)


def pair_ages(a: tuple[int, ...], b: tuple[int, ...]) -> list[tuple[int, int]] | None:
    """Which ages of two statements of one group's ages are one person's: equal ages are set
    aside, the rest are paired in order (index into ``a``, index into ``b``). ``None`` when the
    groups differ in size or a pair is too far apart to be one person.

    >>> pair_ages((21, 28), (27, 20))
    [(0, 1), (1, 0)]
    >>> pair_ages((21, 28), (40, 21)) is None
    True
    """
    if len(a) != len(b):
        return None
    left, right = sorted(range(len(a)), key=lambda i: a[i]), sorted(range(len(b)), key=lambda j: b[j])
    shared = []
    for i in list(left):
        j = next((j for j in right if b[j] == a[i]), None)
        if j is not None:
            left.remove(i)
            right.remove(j)
            shared.append((i, j))
    pairs = list(zip(left, right, strict=True))
    if any(abs(a[i] - b[j]) > _MAX_GAP for i, j in pairs):
        return None
    return sorted(shared + pairs)


def link_age_lists(
    uf: UnionFind,
    mentions: list[tuple[StatedSentence, Quantity]],
    at: dict[tuple[tuple[int, int, int, str], int], int],
    roundups: set[str],
) -> dict[int, str]:
    """Across claim groups, the ages of one group of people (same role, same size) from
    articles that give one set of ages for it; ``at`` maps (sentence key, offset) to the
    mention of an age. Unnamed ages from an article that tells several incidents (``roundups``)
    may be anyone's and are left out. Returns the subject label ("age of Ann Fox") of each linked mention."""
    stated: dict[tuple[str, int], dict[str, list[tuple[StatedSentence, AgeList]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    seen: set[tuple[int, int, int, str]] = set()
    for s, q in mentions:
        if q.unit != "age" or s.key in seen:
            continue
        seen.add(s.key)
        lists = find_age_lists(s.text)
        role = sentence_role(s.text) if lists else ""
        for found in lists if role else ():
            if s.article in roundups and not all(found.names):
                continue
            stated[(role, len(found.ages))][s.article].append((s, found))
    labels: dict[int, str] = {}
    for by_article in stated.values():
        one_set = [
            told[0]
            for told in by_article.values()
            if all(sorted(found.ages) == sorted(told[0][1].ages) for _, found in told)
        ]
        for k, (s_a, a) in enumerate(one_set):
            for s_b, b in one_set[k + 1 :]:
                pairs = pair_ages(a.ages, b.ages)
                if pairs is None or (all(a.names) and all(b.names)):
                    continue  # named people's ages are linked by their names
                for i, j in pairs:
                    x, y = at.get((s_a.key, a.starts[i])), at.get((s_b.key, b.starts[j]))
                    if x is None or y is None:
                        continue  # an age the amounts of its sentence do not hold
                    uf.union(x, y)
                    name = a.names[i] or b.names[j]
                    for m in (x, y):
                        labels[m] = f"age of {name}" if name else labels.get(m, "age")
    return labels
