"""Number conflicts of the COMPARE stage: amounts that count the same thing and differ.

Inside a claim group, two aligned sentences' amounts pair when each sentence states one amount
of that kind in a shared context; across groups, counts of one noun class about one named entity
pair ("North Korean troops" / "North Korean soldiers"; 10 or more), and so do, when each article
gives one value only, sizes of one thing ("48-page indictment"), the ages of one named person and counts of a
specific class and role in sentences that mention the story's key subject ("240 passengers" /
"up to 300 passengers"; a "$1.2 billion" / "$1.5 billion" fine), the ages of one group of
people (:mod:`storyfuse.age_lists`) and how many other people were there ("with four other
people"). Generic amounts of an article that tells several incidents are not compared, nor a
shooter's age with a victim's. The amounts and the rule that two of them differ are
:mod:`storyfuse.quantities`'.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from storyfuse.age_lists import age_role, find_age_lists, link_age_lists, named_ages
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
    make_conflict,
    several_incidents,
)
from storyfuse.entities import NOT_NAMES, PersonAge, entity_key, same_full_name
from storyfuse.models import Conflict
from storyfuse.quantities import (
    CASUALTIES,
    CURRENCY_WORDS,
    Quantity,
    parse_quantities,
    same_subject,
    same_value,
    values_differ,
)
from storyfuse.quotes import quote_words
from storyfuse.text import fold, tidy, words

__all__ = ["number_conflicts"]

_PREDICATE_WORDS = {
    "dead": "killed",
    "arrested": "arrested",
    "displaced": "displaced",
    "casualties": "casualties",
}


def _kin(p: Quantity, r: Quantity) -> bool:
    """Amounts that compete for pairing. Ages of generic people ("a 9-year-old boy", "his
    14-year-old brother") all compete, so they pair only when each sentence gives one age."""
    return p.unit == r.unit if p.unit == "age" else same_subject(p, r, same_claim=True)


def _context(sentence: str, q: Quantity) -> frozenset[str]:
    """Content words around an amount (two each side, its noun left out), to check that two
    amounts of aligned sentences stand in the same clause ("killed 120" / "killed 200"), not in
    two ("Drake with 13 points" / "Carter scored 14 points")."""
    text = tidy(sentence)
    noun = set(quote_words(q.noun))
    before = [w for w in quote_words(text[: q.start]) if w not in FUNCTION_WORDS and w not in noun]
    after = [
        w for w in quote_words(text[q.start + len(q.text) :]) if w not in FUNCTION_WORDS and w not in noun
    ]
    return frozenset(w for w in before[-2:] + after[:2] if not w.isdigit())


def _link_sentences(
    uf: UnionFind,
    left: list[tuple[int, Quantity]],
    right: list[tuple[int, Quantity]],
    contexts: list[frozenset[str]],
) -> None:
    """Pair the amounts of two aligned sentences that each state one amount of a kind (with two
    or more, outlets reorder them: "a 20-year-old woman and a 5-year-old boy") in a shared
    context."""
    right_of = dict(right)
    for i, q in left:
        peers_left = [p for _, p in left if _kin(p, q)]
        peers_right = [j for j, r in right if _kin(q, r)]
        if len(peers_left) == len(peers_right) == 1:
            j = peers_right[0]
            if same_subject(q, right_of[j], same_claim=True) and contexts[i] & contexts[j]:
                uf.union(i, j)


def _number_subject(mentions: list[Quantity]) -> str:
    named = [q for q in mentions if not q.any_person] or mentions
    first = named[0]
    if first.unit in CURRENCY_WORDS.values():
        return f"{first.predicate or 'amount'} ({first.unit.upper()})"
    noun = Counter(q.noun for q in named).most_common(1)[0][0] if first.unit != "age" else "age"
    noun = "people" if fold(noun) in CASUALTIES else noun  # "12 wounded": people, injured
    predicate = _PREDICATE_WORDS.get(first.predicate, first.predicate)
    return f"{noun} {predicate}" if predicate and predicate not in fold(noun) else noun


def _spread(a: Quantity, b: Quantity) -> float:
    """Relative difference of two amounts, halved when what they allow still overlaps."""

    def middle(q: Quantity) -> float:
        return q.value if q.value is not None else (q.low * q.high) ** 0.5

    x, y = middle(a), middle(b)
    relative = abs(x - y) / max(abs(x), abs(y), 1e-9)
    (low_a, high_a), (low_b, high_b) = a.bounds(), b.bounds()
    return relative / 2 if high_a >= low_b and high_b >= low_a else relative


def _one_value_each(members: list[int], mentions: list[tuple[StatedSentence, Quantity]]) -> list[int]:
    """The members stated by articles that give one value only: an article that gives two ages
    of a victim, or two passenger counts, speaks of two things and is left out."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by_article[mentions[i][0].article].append(i)
    return [
        i
        for own in by_article.values()
        if all(same_value(mentions[own[0]][1], mentions[k][1]) for k in own)
        for i in own
    ]


def _union_all(uf: UnionFind, members: list[int]) -> None:
    for i in members[1:]:
        uf.union(members[0], i)


_DIGIT = re.compile(r"\d")


def _age(age: int, start: int, entity: str) -> Quantity:
    return Quantity(age, age, age, "", "age", "age", entity, "", str(age), start, True)


def _amounts(text: str) -> tuple[list[Quantity], list[PersonAge]]:
    """The amounts of a sentence and the ages of named people in it; an age written after a
    name ("Ann Fox, 22,") is not an amount to :func:`parse_quantities` and is added as one, its
    entity the given name as for "22-year-old Ann Fox", so two people's ages never pair. So are
    the ages of an enumeration ("one age 21 and the other 28"), about no one in particular."""
    quantities, ages = parse_quantities(text), list(named_ages(text))
    starts = {q.start for q in quantities if q.unit == "age"}
    for p in ages:
        if p.start not in starts:
            quantities.append(_age(p.age, p.start, entity_key(p.name.split()[:1])))
            starts.add(p.start)
    for listed in find_age_lists(text) if _DIGIT.search(text) else ():
        for age, start in zip(listed.ages, listed.starts, strict=True):
            if start not in starts:
                quantities.append(_age(age, start, ""))
                starts.add(start)
    return sorted(quantities, key=lambda q: q.start), ages


def _link_person_ages(
    uf: UnionFind, mentions: list[tuple[StatedSentence, Quantity]], found: list[tuple[int, PersonAge]]
) -> dict[int, str]:
    """Across claim groups, ages of one named person (:func:`same_full_name`: "Ann Lee Fox" /
    "Ann Lee Foxx"), from articles that give one age for that person. Returns the subject label
    ("age of Ann Fox") of each linked mention."""
    names = list(dict.fromkeys(p.name for _, p in found))
    people = UnionFind(len(names))
    for a, name_a in enumerate(names):
        for b in range(a + 1, len(names)):
            if same_full_name(name_a, names[b]):
                people.union(a, b)
    node = {name: k for k, name in enumerate(names)}
    members: dict[int, list[int]] = defaultdict(list)
    labels: dict[int, Counter[str]] = defaultdict(Counter)
    for i, p in found:
        root = people.find(node[p.name])
        members[root].append(i)
        labels[root][p.name] += 1
    out: dict[int, str] = {}
    for root, linked in members.items():
        kept = _one_value_each(linked, mentions)
        if len({mentions[i][0].article for i in kept}) > 1:
            _union_all(uf, kept)
            out |= dict.fromkeys(kept, f"age of {labels[root].most_common(1)[0][0]}")
    return out


def _names(text: str) -> frozenset[str]:
    """Capitalised words of a sentence but its first (lower-cased): the names it mentions."""
    words = (w.strip(_PUNCTUATION) for w in text.split()[1:])
    return frozenset(w.lower() for w in words if w[:1].isupper() and w.lower() not in NOT_NAMES)


def _key_names(names_of: dict[str, frozenset[str]], sents: list[StatedSentence]) -> frozenset[str]:
    """Names most of the story's articles use: the story's key subject ("Bright Meridian",
    "Quillon"), which a count's sentence must mention to be compared across claim groups."""
    articles: dict[str, set[str]] = defaultdict(set)
    for s in sents:
        articles[s.article].update(names_of[s.text])
    counts = Counter(name for names in articles.values() for name in names)
    needed = max(2, (len(articles) + 1) // 2)
    return frozenset(name for name, n in counts.items() if n >= needed)


_PUNCTUATION = "\"'“”‘’.,;:!?()[]—-"
# "people" is left out: a story counts many crowds of people (attending, shot, arrested in a
# week-long sweep), so bare people counts pair only inside a claim group or with an entity.
_STORY_COUNT_EXCLUDED = frozenset({"age", "percent", "people"})


def _link_story_counts(
    uf: UnionFind, mentions: list[tuple[StatedSentence, Quantity]], sents: list[StatedSentence]
) -> set[int]:
    """Across claim groups, counts of one known class and role ("240 passengers" / "up to 300
    passengers") in sentences that mention the story's key subject, when each article gives one
    value only. Money needs its role and a name both sentences mention (a "$1.2 billion" /
    "$1.5 billion" fine on one company), as a story may tell of several rewards or bails.
    Returns the linked mentions."""
    candidates = []
    for i, (_, q) in enumerate(mentions):
        money = q.unit in CURRENCY_WORDS.values()
        if (
            not q.known_unit
            or q.unit in _STORY_COUNT_EXCLUDED
            or q.unit.startswith(("other ", "part ", "share "))
            or q.any_person
            or q.measure  # sizes are linked by a shared name (_link_measures)
            or q.high < 10
            or (money and not q.predicate)
        ):
            continue
        candidates.append(i)
    linked: set[int] = set()
    if not candidates:
        return linked
    names_of = {s.text: _names(s.text) for s in sents}
    key_names = _key_names(names_of, sents)
    buckets: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i in candidates:
        q = mentions[i][1]
        if names_of[mentions[i][0].text] & key_names:
            buckets[(q.unit, q.predicate, q.entity)].append(i)
    for (unit, _, _), members in buckets.items():
        kept = _one_value_each(members, mentions)
        if len({mentions[i][0].article for i in kept}) < 2:
            continue
        if unit not in CURRENCY_WORDS.values():
            _union_all(uf, kept)
            linked.update(kept)
            continue
        for k, i in enumerate(kept):
            for j in kept[k + 1 :]:
                if names_of[mentions[i][0].text] & names_of[mentions[j][0].text]:
                    uf.union(i, j)
                    linked |= {i, j}
    return linked


def _link_measures(uf: UnionFind, mentions: list[tuple[StatedSentence, Quantity]]) -> set[int]:
    """Across claim groups, sizes of one specific thing ("48-page indictment" / "47-page
    indictment", "10-year sentence") in sentences that share a name ("Hunter"), from articles
    that give one size of it only: an article that gives two speaks of two things, and a
    "15-year veteran" and a "20-year veteran" with no name in common are two people. Returns the
    linked mentions."""
    linked: set[int] = set()
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, (_, q) in enumerate(mentions):
        if q.measure:
            buckets[q.unit].append(i)
    for members in buckets.values():
        kept = _one_value_each(members, mentions)
        names = {i: _names(mentions[i][0].text) for i in kept}
        for k, i in enumerate(kept):
            for j in kept[k + 1 :]:
                if mentions[i][0].article != mentions[j][0].article and names[i] & names[j]:
                    uf.union(i, j)
                    linked |= {i, j}
    return linked


def _link_companions(
    uf: UnionFind, mentions: list[tuple[StatedSentence, Quantity]], roundups: set[str]
) -> None:
    """Across claim groups, how many "other people" were there ("he was with four other
    people" / "three other people were in the car"), from articles that give one such count, in
    sentences that tell of no one killed or hurt: others hurt are counted by role inside claim
    groups, where a sentence's casualty counts are told apart."""
    members = [
        i
        for i, (s, q) in enumerate(mentions)
        if q.unit == "other people"
        and s.article not in roundups
        and CASUALTIES.keys().isdisjoint(words(s.text))
    ]
    kept = _one_value_each(members, mentions)
    if len({mentions[i][0].article for i in kept}) > 1:
        _union_all(uf, kept)


def _by_entity(cluster: list[int], mentions: list[tuple[StatedSentence, Quantity]]) -> list[list[int]]:
    """A cluster split by what its amounts are about, when amounts of two entities ("a 16-year-old
    boy", "a 19-year-old man") were joined through one that names none ("the victim, 20 years
    old"); that one is left out, as it could be either."""
    by_entity: dict[str, list[int]] = defaultdict(list)
    for i in cluster:
        by_entity[mentions[i][1].entity].append(i)
    named = [members for entity, members in by_entity.items() if entity]
    return [cluster] if len(named) < 2 else named


def _role(value: DisputedValue) -> str:
    q: Quantity = value.payload
    return age_role(tidy(value.text), q.start, q.start + len(q.text))


def number_conflicts(
    sents: list[StatedSentence], options: CompareOptions, ranks: dict[str, int], total: int
) -> list[Conflict]:
    cache: dict[str, tuple[list[Quantity], list[PersonAge]]] = {}
    mentions: list[tuple[StatedSentence, Quantity]] = []
    person_ages: list[tuple[int, PersonAge]] = []
    per_sentence: dict[tuple[int, int, int, str], list[tuple[int, Quantity]]] = {}
    for s in sents:
        if s.text not in cache:
            cache[s.text] = _amounts(s.text)
        found, ages = cache[s.text]
        at = {q.start: len(mentions) + k for k, q in enumerate(found) if q.unit == "age"}
        person_ages += [(at[p.start], p) for p in ages]
        per_sentence[s.key] = [(len(mentions) + k, q) for k, q in enumerate(found)]
        mentions.extend((s, q) for q in found)
    contexts = [_context(s.text, q) for s, q in mentions]
    uf = UnionFind(len(mentions))
    for group in by_group(sents):
        texts = distinct_texts(group)
        for same_text in texts.values():  # identical sentences: amount k with amount k
            for s in same_text[1:]:
                for (i, _), (j, _) in zip(per_sentence[same_text[0].key], per_sentence[s.key], strict=True):
                    uf.union(i, j)
        anchors = [members[0] for members in texts.values()][: options.max_group_texts]
        for members in texts.values():
            for anchor in anchors:
                if anchor.text != members[0].text:
                    _link_sentences(uf, per_sentence[members[0].key], per_sentence[anchor.key], contexts)
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (_, q) in enumerate(mentions):
        if q.cross_group:
            buckets[(q.predicate, q.entity)].append(i)
    for bucket in buckets.values():
        first_of_unit: dict[tuple[str, bool], int] = {}
        for i in bucket:
            first_of_unit.setdefault((mentions[i][1].unit, mentions[i][1].any_person), i)
        for i in bucket:
            for j in first_of_unit.values():
                if same_subject(mentions[i][1], mentions[j][1], same_claim=False):
                    uf.union(i, j)

    ages_at = {(s.key, q.start): i for i, (s, q) in enumerate(mentions) if q.unit == "age"}
    roundups = several_incidents(sents)
    age_subjects = link_age_lists(uf, mentions, ages_at, roundups) | _link_person_ages(
        uf, mentions, person_ages
    )
    # Amounts linked by a named subject are compared whatever else their sentences say; the
    # rest, generic amounts of aligned sentences, must not tell two events (another_event).
    named_links = set(age_subjects) | _link_story_counts(uf, mentions, sents) | _link_measures(uf, mentions)
    _link_companions(uf, mentions, roundups)
    named = {(mentions[i][0].key, mentions[i][1].start) for i in named_links} | {
        (s.key, q.start) for s, q in mentions if q.cross_group
    }

    def differ(a: DisputedValue, b: DisputedValue) -> bool:
        if not values_differ(a.payload, b.payload, options.approx_tolerance, options.rounding_tolerance):
            return False
        if a.payload.unit == "age" and {_role(a), _role(b)} == {"shooter", "shot"}:
            return False  # the shooter's age and the victim's
        if (a.order, a.payload.start) in named and (b.order, b.payload.start) in named:
            return True  # one named subject ("age of Ann Fox", "Ruritanian troops")
        return not another_event(a.text, a.payload.text, b.text, b.payload.text, numbers=False)

    def same(a: DisputedValue, b: DisputedValue) -> bool:
        return a is b or same_value(
            a.payload, b.payload, options.approx_tolerance, options.rounding_tolerance
        )

    conflicts = []
    for linked in uf.groups():
        # Generic amounts of an article that tells several incidents are about any of them.
        kept = [
            i
            for i in linked
            if mentions[i][0].article not in roundups or (mentions[i][0].key, mentions[i][1].start) in named
        ]
        for cluster in _by_entity(kept, mentions):
            if len({mentions[i][0].article for i in cluster}) < 2:
                continue
            rows = []
            for i in cluster:
                s, q = mentions[i]
                display = q.label() + (f" ({q.attribution})" if q.attribution else "")
                rows.append((s, fold(display), display, q))
            values, pairs = disputed(collect_values(rows), differ, same)
            if pairs:
                values.sort(key=lambda v: (v.payload.low, v.payload.high, v.order))
                spread = max(_spread(a.payload, b.payload) for a, b in pairs)
                age_of = next((age_subjects[i] for i in cluster if i in age_subjects), None)
                subject = age_of or _number_subject([mentions[i][1] for i in cluster])
                conflicts.append(make_conflict("number", subject, values, spread, ranks, total))
    return conflicts
