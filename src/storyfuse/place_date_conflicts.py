"""Place and date conflicts of the COMPARE stage (step 4 of :mod:`storyfuse.compare`).

Inside one claim group (precision over recall): the only edit between two wordings is a place
name after "in"/"near"/"at" (:func:`storyfuse.places.place_swap`), or date expressions in the
same place of the sentence, worded differently, resolve to different days against each
article's publication date. Across claim groups, where alignment misses two tellings of one
fact: blocks of one street ("1700 block of Elm Avenue" / "1800 block of Elm Avenue") from
articles that give one block of it; the place two articles give for one named venue ("Alder
Hall ... in North Quay" / "Alder Hall ... in Millbrook") when neither article names the
other's place anywhere; the year or month of one payment that two sentences identify by the
same sum ("repaid $45,000 in 2019" / "repaid more than $45,000 earlier this year"); and the day
one person was shot or hurt, that person known by the age both sentences give.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Sequence
from datetime import date
from typing import Any

from storyfuse.dates import resolve_dates
from storyfuse.disputes import (
    FUNCTION_WORDS,
    CompareOptions,
    DisputedValue,
    StatedSentence,
    UnionFind,
    another_event,
    by_group,
    collect_values,
    disputed,
    distinct_texts,
    excerpt,
    make_conflict,
    several_incidents,
)
from storyfuse.entities import diff_words, spelling_fold
from storyfuse.models import Article, Conflict, ConflictKind
from storyfuse.numerals import SMALL_NUMBERS
from storyfuse.places import find_block_addresses, place_swap, same_place, venue_places
from storyfuse.quantities import CURRENCY_WORDS, parse_quantities
from storyfuse.quotes import SPEECH_VERBS
from storyfuse.text import fold, tidy, words

__all__ = ["date_conflicts", "place_conflicts"]


def _group_conflicts(
    kind: ConflictKind,
    group: list[StatedSentence],
    rows: list[tuple[StatedSentence, Hashable, str, Any]],
    differ: Callable[[DisputedValue, DisputedValue], bool],
    spread: Callable[[DisputedValue, DisputedValue], float],
    ranks: dict[str, int],
    total: int,
) -> list[Conflict]:
    values, pairs = disputed(collect_values(rows), differ, lambda a, b: a.key == b.key)
    if not pairs:
        return []
    return [
        make_conflict(kind, excerpt(group[0].text), values, max(spread(a, b) for a, b in pairs), ranks, total)
    ]


def place_conflicts(
    sents: list[StatedSentence], options: CompareOptions, ranks: dict[str, int], total: int
) -> list[Conflict]:
    """Place conflicts inside claim groups, then across them (blocks, venues)."""
    return (
        _group_place_conflicts(sents, options, ranks, total)
        + _block_conflicts(sents, ranks, total)
        + _venue_conflicts(sents, ranks, total)
    )


def _group_place_conflicts(
    sents: list[StatedSentence], options: CompareOptions, ranks: dict[str, int], total: int
) -> list[Conflict]:
    conflicts = []
    for group in by_group(sents):
        if len({s.article for s in group}) < 2:
            continue
        texts = list(distinct_texts(group).items())[: options.max_group_texts]
        rows: list[tuple[StatedSentence, Hashable, str, Any]] = []
        for i, (text_a, sents_a) in enumerate(texts):
            for text_b, sents_b in texts[i + 1 :]:
                slot = place_swap(text_a, text_b)
                if slot is not None:
                    rows += [(s, fold(slot[0]), slot[0], None) for s in sents_a]
                    rows += [(s, fold(slot[1]), slot[1], None) for s in sents_b]
        if rows:
            conflicts += _group_conflicts(
                "place", group, rows, lambda a, b: a.key != b.key, lambda a, b: 0.5, ranks, total
            )
    return conflicts


_SLOT = "zzslotzz"


def _same_slot(a: str, phrase_a: str, b: str, phrase_b: str) -> bool:
    """Whether two phrases stand in the same place of two wordings of a claim: with each
    replaced by one marker word, the markers fall in one run of at least three shared words."""
    words_a = [spelling_fold(w) for w in diff_words(tidy(a).replace(phrase_a, f" {_SLOT} ", 1))]
    words_b = [spelling_fold(w) for w in diff_words(tidy(b).replace(phrase_b, f" {_SLOT} ", 1))]
    for block in difflib.SequenceMatcher(None, words_a, words_b, autojunk=False).get_matching_blocks():
        if block.size >= 3 and _SLOT in words_a[block.a : block.a + block.size]:
            return True
    return False


_ANOTHER_PLACE = frozenset({"also", "another", "other", "second", "separate"})


def _block_conflicts(sents: list[StatedSentence], ranks: dict[str, int], total: int) -> list[Conflict]:
    """Across claim groups, the block of one street where an incident happened ("1700 block of
    Elm Avenue" / "1800 block of Elm Avenue"), from articles that give one block of it only and
    do not tell several incidents."""
    rows: dict[str, list[tuple[StatedSentence, Hashable, str, Any]]] = defaultdict(list)
    skip = several_incidents(sents)
    for s in sents:
        if (
            "block of" not in s.text
            or s.article in skip
            or not _ANOTHER_PLACE.isdisjoint(fold(s.text).split())
        ):
            continue  # "officers were also sent to the 8500 block ...": a second place
        for address in find_block_addresses(s.text):
            rows[address.street].append((s, address.block, address.text, address))
    conflicts = []
    for street_rows in rows.values():
        blocks: dict[str, set[Hashable]] = defaultdict(set)
        for s, block, *_ in street_rows:
            blocks[s.article].add(block)
        kept = [row for row in street_rows if len(blocks[row[0].article]) == 1]
        values, pairs = disputed(
            collect_values(kept), lambda a, b: a.key != b.key, lambda a, b: a.key == b.key
        )
        if pairs:
            street = values[0].value.split(" block of ", 1)[-1]
            conflicts.append(make_conflict("place", f"location on {street}", values, 0.5, ranks, total))
    return conflicts


def _venue_conflicts(sents: list[StatedSentence], ranks: dict[str, int], total: int) -> list[Conflict]:
    """Across claim groups, the place ("in North Quay" / "in Millbrook") that sentences give
    for one named venue or street ("Alder Hall"; venues named in one sentence, "Alder Hall on
    Alder Ave.", are one), from articles that give one such place. The two places differ only
    when neither article names the other's place anywhere, so a town and its neighbourhood ("in
    Eastport" / "in North Quay") are not a conflict when both are named by both."""
    found = [(s, venue_places(s.text)) for s in sents]
    names = sorted({venue for _, pairs in found for venue, _ in pairs})
    node = {name: k for k, name in enumerate(names)}
    venues = UnionFind(len(names))
    for _, pairs in found:
        for venue, _ in pairs[1:]:
            venues.union(node[pairs[0][0]], node[venue])
    text_of: dict[str, list[str]] = defaultdict(list)
    rows: dict[int, list[tuple[StatedSentence, Hashable, str, Any]]] = defaultdict(list)
    given: dict[tuple[int, str], set[str]] = defaultdict(set)  # (venue, article) -> places
    label: dict[int, Counter[str]] = defaultdict(Counter)
    for s, pairs in found:
        text_of[s.article].append(fold(s.text))
        for venue, place in pairs:
            root = venues.find(node[venue])
            given[(root, s.article)].add(fold(place))
            rows[root].append((s, fold(place), place, None))
            label[root][venue] += 1
    told = {article: " ".join(texts) for article, texts in text_of.items()}

    def differ(a: DisputedValue, b: DisputedValue) -> bool:
        return not same_place(a.value, b.value) and not any(
            str(a.key) in told[x] or str(b.key) in told[y] for x in b.sources for y in a.sources
        )

    conflicts = []
    for root, venue_rows in rows.items():
        kept = [row for row in venue_rows if len(given[(root, row[0].article)]) == 1]
        values, disputes = disputed(collect_values(kept), differ, lambda a, b: a.key == b.key)
        if disputes:
            name = " ".join(w.capitalize() for w in label[root].most_common(1)[0][0].split())
            conflicts.append(make_conflict("place", f"where {name} is", values, 0.5, ranks, total))
    return conflicts


_RELATIVE_DAYS_COMPARABLE = 7
"""Days between two papers' publication dates beyond which their relative days are not compared."""


def _published(articles: Sequence[Article]) -> dict[str, date]:
    out: dict[str, date] = {}
    for article in articles:
        try:
            out[article.id] = date.fromisoformat((article.published or "")[:10])
        except ValueError:
            continue
    return out


_POST_SIGNATURE = re.compile(r"\(@\w+\)\s*\S+\.? \d{1,2}, \d{4}\s*$")
"""The last line of an embedded social post, "- Jane Roe (@jroe) March 3, 2017": when it was
posted, not when anything happened."""


def _date_row(
    s: StatedSentence, published: dict[str, date]
) -> tuple[StatedSentence, Hashable, str, Any] | None:
    """The day span a sentence states, labelled with its tightest expression, when all its date
    expressions agree."""
    spans = resolve_dates(s.text, published.get(s.article))
    if not spans or _POST_SIGNATURE.search(s.text):
        return None
    first, last = max(sp.first for sp in spans), min(sp.last for sp in spans)
    if first > last:
        return None
    tightest = min(spans, key=lambda sp: (sp.last - sp.first, sp.first))
    own = published.get(s.article)
    when = own if tightest.relative else None
    return (s, (first, last), tightest.label(), (first, last, tightest.text, when, own))


def _days_differ(a: DisputedValue, b: DisputedValue) -> bool:
    """Different days, in different words (the same "on Monday" in copies published on
    different days is one statement). Two days read from publication dates more than a week
    apart ("Sunday" in a paper of March and one of May) name days of different weeks, not one
    day told two ways, and sentences that also differ in another detail tell two events. Each
    article naming its own publication day ("- Jane Roe (@jroe) February 1, 2017" under an
    embedded post) states when it was written, not when the story happened."""
    apart = a.payload[1] < b.payload[0] or b.payload[1] < a.payload[0]
    if not apart or fold(a.payload[2]) == fold(b.payload[2]):
        return False
    if all(v.payload[0] == v.payload[1] == v.payload[4] for v in (a, b)):
        return False
    when_a, when_b = a.payload[3], b.payload[3]
    if when_a and when_b and abs((when_a - when_b).days) > _RELATIVE_DAYS_COMPARABLE:
        return False
    return not another_event(a.text, a.payload[2], b.text, b.payload[2])


def _days(a: DisputedValue, b: DisputedValue) -> float:
    gap = max((b.payload[0] - a.payload[1]).days, (a.payload[0] - b.payload[1]).days)
    return min(float(gap) / 7, 1.0)


def date_conflicts(
    sents: list[StatedSentence], articles: Sequence[Article], ranks: dict[str, int], total: int
) -> list[Conflict]:
    published = _published(articles)
    conflicts = []
    for group in by_group(sents):
        if len({s.article for s in group}) < 2:
            continue
        rows = [row for s in group if (row := _date_row(s, published)) is not None]
        if len({s.article for s, *_ in rows}) < 2:
            continue

        def disjoint(a: DisputedValue, b: DisputedValue) -> bool:
            """Different days in the same place of the sentence (not "killed on Monday"
            against "police said Tuesday")."""
            return _days_differ(a, b) and _same_slot(a.text, a.payload[2], b.text, b.payload[2])

        conflicts += _group_conflicts("date", group, rows, disjoint, _days, ranks, total)
    return (
        conflicts
        + _anchored_date_conflicts(sents, published, ranks, total)
        + _event_day_conflicts(sents, published, ranks, total)
    )


def _anchors(text: str) -> set[tuple[str, float]]:
    """The exact sums of money a sentence states ("$45,000"): what identifies one payment,
    fine or loan across differently worded sentences."""
    return {
        (q.unit, q.value)
        for q in parse_quantities(text)
        if q.value is not None and q.unit in CURRENCY_WORDS.values()
    }


_ANCHORED_MIN_DAYS = 28
"""Across claim groups only dates of a month or longer ("in 2017", "earlier this year") are
compared: a weekday next to a reward or a bail names when it was announced or set, which
differs between reports of different days."""


def _anchored_date_conflicts(
    sents: list[StatedSentence], published: dict[str, date], ranks: dict[str, int], total: int
) -> list[Conflict]:
    """Across claim groups, the year or month of one event that two sentences identify by the
    same sum of money and a shared content word ("repaid ... $45,000 in 2019" / "repaid more than $45,000
    earlier this year"), when each sentence gives one date. Alignment misses such pairs when
    the rest of the wording differs."""
    by_anchor: dict[tuple[str, float], list[tuple[StatedSentence, Hashable, str, Any]]] = defaultdict(list)
    for s in sents:
        spans = resolve_dates(s.text, published.get(s.article))
        if len(spans) != 1 or (spans[0].last - spans[0].first).days + 1 < _ANCHORED_MIN_DAYS:
            continue
        row = _date_row(s, published)
        if row is not None:
            for anchor in _anchors(s.text):
                by_anchor[anchor].append(row)
    conflicts = []
    for rows in by_anchor.values():
        if len({s.article for s, *_ in rows}) < 2 or len({s.group for s, *_ in rows}) < 2:
            continue

        def differ(a: DisputedValue, b: DisputedValue) -> bool:
            shared = _content_words(a.text) & _content_words(b.text)
            return bool(shared) and _days_differ(a, b)

        group = sorted((s for s, *_ in rows), key=lambda s: s.key)
        conflicts += _group_conflicts("date", group, rows, differ, _days, ranks, total)
    return conflicts


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 2 and w not in FUNCTION_WORDS and not w[0].isdigit()}


_EVENT_VERBS = frozenset(
    {"shot", "killed", "wounded", "injured", "hurt", "struck", "striking", "stabbed", "slain"}
)
_DEATH_WORDS = frozenset({"died", "dies", "death", "dead"})
"""A victim may die days after being shot: a sentence about the death gives another day."""
_AGE = re.compile(rf"\b(\d{{1,3}}|{'|'.join(SMALL_NUMBERS)})[- ](year|month|week)s?[- ]old\b", re.IGNORECASE)


def _ages(text: str) -> set[tuple[int, str]]:
    """The ages a sentence gives ("a nine-month-old baby" -> (9, "month")): who it is about."""
    return {
        (int(n) if n.isdigit() else int(SMALL_NUMBERS[n.lower()]), unit.lower())
        for n, unit in _AGE.findall(tidy(text))
    }


def _event_day(
    s: StatedSentence, published: dict[str, date]
) -> tuple[StatedSentence, Hashable, str, Any] | None:
    """The day a sentence says someone was shot, hurt or killed: one day, in a sentence with
    such a verb and not about a death, not the day something was said ("police said Sunday")."""
    spans = resolve_dates(s.text, published.get(s.article))
    if len(spans) != 1 or spans[0].first != spans[0].last:
        return None
    told = set(words(s.text))
    if _EVENT_VERBS.isdisjoint(told) or not _DEATH_WORDS.isdisjoint(told):
        return None
    text = tidy(s.text)
    before = words(text[: text.find(spans[0].text)])[-2:]
    if not SPEECH_VERBS.isdisjoint(before):
        return None
    return _date_row(s, published)


def _event_day_conflicts(
    sents: list[StatedSentence], published: dict[str, date], ranks: dict[str, int], total: int
) -> list[Conflict]:
    """Across claim groups, the day one person was shot or hurt, that person known by the age
    both sentences give ("a nine-month-old baby was shot on Sunday" / "striking their
    9-month-old daughter on Saturday"), from articles that give one such day for that age. Ledes
    often word the event too differently to be aligned. Articles that tell several incidents
    are left out: two of their victims may share an age."""
    skip = several_incidents(sents)
    by_age: dict[tuple[int, str], list[tuple[StatedSentence, Hashable, str, Any]]] = defaultdict(list)
    for s in sents:
        if s.article in skip or "old" not in s.text:
            continue
        ages = _ages(s.text)
        row = _event_day(s, published) if ages else None
        if row is not None:
            for told in ages:
                by_age[told].append(row)
    conflicts = []
    for (age, unit), rows in by_age.items():
        days: dict[str, set[Hashable]] = defaultdict(set)
        for s, key, *_ in rows:
            days[s.article].add(key)
        kept = [row for row in rows if len(days[row[0].article]) == 1]
        if len(days) < 2 or len({s.group for s, *_ in kept}) < 2:
            continue
        values, pairs = disputed(collect_values(kept), _days_differ, lambda a, b: a.key == b.key)
        if pairs:
            subject = f"day the {age}-{unit}-old was shot or hurt"
            conflicts.append(
                make_conflict("date", subject, values, max(_days(a, b) for a, b in pairs), ranks, total)
            )
    return conflicts
