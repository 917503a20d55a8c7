"""COMPARE stage: where the sources of one story disagree.

Input is the story's claim groups (sentences of different articles that state the same thing)
and its articles; output is a ranked list of :class:`~storyfuse.models.Conflict`. Everything is
rule-based and lexical, so each conflict can be explained by the sentences it quotes.

The cascade, numbered as in the code:

1. **number** - amounts that count the same thing (see :mod:`storyfuse.quantities`) and differ
   by the rule of :func:`storyfuse.quantities.values_differ`. Inside a claim group, two aligned
   sentences' amounts pair when each sentence states one amount of that kind in a shared
   context; across groups, counts of one noun class about one named entity pair ("North Korean
   troops" / "North Korean soldiers"; 10 or more). Each value names who states it when the
   sentence says so: ``"8,000 (the U.S.)"``.
2. **quote** - the same quotation (long shared word run, same speaker when known) worded
   differently in content words; case, punctuation, British/American spelling, contractions,
   plurals, function words and trimmed ends are not differences, and edited quotations ("[...]",
   "(...)", "...") are skipped. :func:`word_diff` shows the change.
3. **title** / **name** - one person given incompatible posts (:func:`storyfuse.entities.
   roles_conflict`: "leader" / "Foreign Minister"; not "spokesman" / "Detective", nor two posts
   some source joins with "and"), or two given names under one surname and one post. Spelling
   variants, nicknames and initials of a name are one person.
4. **place** / **date** - inside one claim group only (precision over recall): the only edit
   between two wordings is a place name after "in"/"near"/"at", or date expressions in the same
   place of the sentence, worded differently, resolve to different days against each article's
   publication date.

A disagreement is reported only when some article states one value and not the other while
another article does the reverse, so an article that repeats an update ("rose from 120 to 200")
or a set of identical sentences never conflicts. Severity bands: number and quote 3..4, title and
name 2..3, place and date 1..2; inside a band, a larger relative difference and more sources
rank higher.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from storyfuse.entities import (
    Quotation,
    TitledPerson,
    diff_words,
    find_quotations,
    find_titled_people,
    names_compatible,
    place_swap,
    quote_speaker,
    quote_words,
    roles_conflict,
    same_person,
    shares_name_part,
    spelling_fold,
    word_diff,
)
from storyfuse.errors import OptionsError
from storyfuse.models import Article, ClaimGroup, Conflict, ConflictKind, ConflictValue, Sentence
from storyfuse.quantities import (
    CASUALTIES,
    CURRENCY_WORDS,
    Quantity,
    parse_quantities,
    resolve_dates,
    same_subject,
    same_value,
    values_differ,
)
from storyfuse.text import fold, tidy

__all__ = ["CompareOptions", "find_conflicts", "spelling_fold", "word_diff"]

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


# --- shared machinery -------------------------------------------------------------------------


@dataclass(slots=True, frozen=True)
class _Sent:
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
class _Value:
    """One side of a would-be conflict while it is being collected."""

    key: Hashable
    value: str
    text: str
    order: tuple[int, int, int, str]
    payload: Any
    sources: set[str] = field(default_factory=set)


class _UnionFind:
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


def _collect_values(items: Iterable[tuple[_Sent, Hashable, str, Any]]) -> list[_Value]:
    """Merge (sentence, key, display, payload) rows into values with their sources."""
    values: dict[Hashable, _Value] = {}
    for sent, key, display, payload in sorted(items, key=lambda row: row[0].key):
        value = values.get(key)
        if value is None:
            value = values[key] = _Value(key, display, sent.text, sent.key, payload)
        value.sources.add(sent.article)
    return list(values.values())


def _disputed(
    values: list[_Value], differ: Callable[[_Value, _Value], bool], same: Callable[[_Value, _Value], bool]
) -> tuple[list[_Value], list[tuple[_Value, _Value]]]:
    """Values that really split the sources, and the disputing pairs.

    Two differing values dispute when some article states the first and nothing equal to the
    second, and another article does the reverse.
    """
    pairs: list[tuple[_Value, _Value]] = []
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


def _conflict(
    kind: ConflictKind, subject: str, values: list[_Value], spread: float, ranks: dict[str, int], total: int
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


def _prepare(claims: Sequence[ClaimGroup], articles: Sequence[Article]) -> tuple[list[_Sent], dict[str, int]]:
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
    sents: list[_Sent] = []
    for group, members in enumerate(member_lists):
        for s in members:
            if sort_key(s) not in seen:
                seen.add(sort_key(s))
                sents.append(_Sent(s.article_id, ranks[s.article_id], s.paragraph, s.index, s.text, group))
    sents.sort(key=lambda s: s.key)
    return sents, ranks


def _by_group(sents: list[_Sent]) -> list[list[_Sent]]:
    groups: dict[int, list[_Sent]] = defaultdict(list)
    for s in sents:
        groups[s.group].append(s)
    return [groups[g] for g in sorted(groups)]


def _distinct_texts(group: list[_Sent]) -> dict[str, list[_Sent]]:
    texts: dict[str, list[_Sent]] = {}
    for s in group:
        texts.setdefault(s.text, []).append(s)
    return texts


def _excerpt(text: str, size: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:size]) + (" ..." if len(parts) > size else "")


# --- 1. numbers ---------------------------------------------------------------------------------

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
    before = [w for w in quote_words(text[: q.start]) if w not in _FUNCTION_WORDS and w not in noun]
    after = [
        w for w in quote_words(text[q.start + len(q.text) :]) if w not in _FUNCTION_WORDS and w not in noun
    ]
    return frozenset(w for w in before[-2:] + after[:2] if not w.isdigit())


def _link_sentences(
    uf: _UnionFind,
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


def _number_conflicts(
    sents: list[_Sent], options: CompareOptions, ranks: dict[str, int], total: int
) -> list[Conflict]:
    cache: dict[str, list[Quantity]] = {}
    mentions: list[tuple[_Sent, Quantity]] = []
    per_sentence: dict[tuple[int, int, int, str], list[tuple[int, Quantity]]] = {}
    for s in sents:
        found = cache.setdefault(s.text, parse_quantities(s.text))
        per_sentence[s.key] = [(len(mentions) + k, q) for k, q in enumerate(found)]
        mentions.extend((s, q) for q in found)
    contexts = [_context(s.text, q) for s, q in mentions]
    uf = _UnionFind(len(mentions))
    for group in _by_group(sents):
        texts = _distinct_texts(group)
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

    def differ(a: _Value, b: _Value) -> bool:
        return values_differ(a.payload, b.payload, options.approx_tolerance, options.rounding_tolerance)

    def same(a: _Value, b: _Value) -> bool:
        return a is b or same_value(
            a.payload, b.payload, options.approx_tolerance, options.rounding_tolerance
        )

    conflicts = []
    for cluster in uf.groups():
        if len({mentions[i][0].article for i in cluster}) < 2:
            continue
        rows = []
        for i in cluster:
            s, q = mentions[i]
            display = q.label() + (f" ({q.attribution})" if q.attribution else "")
            rows.append((s, fold(display), display, q))
        values, pairs = _disputed(_collect_values(rows), differ, same)
        if pairs:
            values.sort(key=lambda v: (v.payload.low, v.payload.high, v.order))
            spread = max(_spread(a.payload, b.payload) for a, b in pairs)
            subject = _number_subject([mentions[i][1] for i in cluster])
            conflicts.append(_conflict("number", subject, values, spread, ranks, total))
    return conflicts


# --- 2. quotes ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Quote:
    sent: _Sent
    quotation: Quotation
    earlier: list[str]  # the sentences before it in its article, nearest last
    resolved: bool = False
    found_speaker: str | None = None

    @property
    def speaker(self) -> str | None:
        """Found on first use: most quotations never meet a similar one in another article."""
        if not self.resolved:
            self.found_speaker, self.resolved = quote_speaker(self.sent.text, self.earlier), True
        return self.found_speaker

    @property
    def words(self) -> tuple[str, ...]:
        return self.quotation.words


def _quotes(sents: list[_Sent], options: CompareOptions) -> list[_Quote]:
    by_article: dict[str, list[_Sent]] = defaultdict(list)
    for s in sents:
        by_article[s.article].append(s)
    quotes = []
    for article_sents in by_article.values():
        for n, s in enumerate(article_sents):
            found = find_quotations(s.text, options.min_quote_words)
            if found:
                earlier = [e.text for e in article_sents[max(0, n - options.speaker_lookback) : n]]
                quotes += [_Quote(s, quotation, earlier) for quotation in found]
    return quotes


def _matcher(a: tuple[str, ...], b: tuple[str, ...]) -> difflib.SequenceMatcher[str]:
    return difflib.SequenceMatcher(None, a, b, autojunk=False)


def _same_quote(a: _Quote, b: _Quote, overlap: float) -> bool:
    if a.speaker and b.speaker and not names_compatible(a.speaker, b.speaker):
        return False
    blocks = _matcher(a.words, b.words).get_matching_blocks()
    shorter = min(len(a.words), len(b.words))
    longest = max(block.size for block in blocks)
    return sum(block.size for block in blocks) >= overlap * shorter and longest >= min(5, shorter)


_FUNCTION_WORDS = frozenset(
    {
        "the", "a", "an", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
        "from", "that", "this", "these", "those", "is", "are", "was", "were", "be", "been", "am",
        "just", "very", "so", "really", "also", "all", "can", "could", "would", "will", "then",
        "than", "as", "which", "who", "there", "here", "'s",
    }
)  # fmt: skip


def _really_differ(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """A change of content words between two quotations: not a trimmed start or end (words
    only one side has there), and not only function words ("can"/"could", a doubled "in").
    A word replaced at either end ("within days" / "within weeks") is a real change."""
    ops = _matcher(a, b).get_opcodes()
    inner = [op for op in ops if op[0] == "equal"]
    if not inner:
        return True
    start, end = ops.index(inner[0]), ops.index(inner[-1])
    changed = {
        w
        for k, (tag, i1, i2, j1, j2) in enumerate(ops)
        if tag == "replace" or (tag != "equal" and start <= k <= end)
        for w in (*a[i1:i2], *b[j1:j2])
    }
    return any(len(w) > 1 and w not in _FUNCTION_WORDS for w in changed)  # initials are not words


def _canonical_names(names: Iterable[str]) -> Callable[[str], str]:
    """Map a speaker ("Lavrov") to the full name the story uses most ("Sergei Lavrov")."""
    full = Counter(n for n in names if len(n.split()) > 1)

    def canonical(name: str) -> str:
        matches = [n for n, _ in full.most_common() if names_compatible(name, n)]
        if matches and all(same_person(matches[0], m) for m in matches):
            return matches[0]
        return name

    return canonical


def _quote_conflicts(
    sents: list[_Sent], options: CompareOptions, ranks: dict[str, int], total: int, people: list[str]
) -> list[Conflict]:
    quotes = _quotes(sents, options)
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        for k in range(len(q.words) - 2):
            index[q.words[k : k + 3]].append(i)
    uf = _UnionFind(len(quotes))
    checked: set[tuple[int, int]] = set()
    for postings in index.values():
        for i in postings:
            for j in postings:
                if i >= j or quotes[i].sent.article == quotes[j].sent.article:
                    continue
                if (i, j) not in checked and uf.find(i) != uf.find(j):
                    checked.add((i, j))
                    if _same_quote(quotes[i], quotes[j], options.quote_overlap):
                        uf.union(i, j)
    clusters = [c for c in uf.groups() if len({quotes[i].sent.article for i in c}) > 1]
    canonical = _canonical_names(people + [s for c in clusters for i in c if (s := quotes[i].speaker)])
    conflicts = []
    for cluster in clusters:
        classes: list[_Value] = []
        for i in sorted(cluster, key=lambda i: quotes[i].sent.key):
            q = quotes[i]
            home = next((c for c in classes if not _really_differ(c.payload.words, q.words)), None)
            if home is None:
                home = _Value(len(classes), q.quotation.raw, q.sent.text, q.sent.key, q)
                classes.append(home)
            home.sources.add(q.sent.article)
        # Two wordings dispute only when they are the same quotation themselves, not through a
        # longer third one that contains both.
        values, pairs = _disputed(
            classes,
            lambda a, b: _same_quote(a.payload, b.payload, options.quote_overlap),
            lambda a, b: a is b,
        )
        if not pairs:
            continue
        spread = max(1 - _matcher(a.payload.words, b.payload.words).ratio() for a, b in pairs)
        speakers = Counter(canonical(quotes[i].speaker or "") for i in cluster if quotes[i].speaker)
        shared = _shared_run(values[0].payload, values[1].payload)
        subject = f'"{_excerpt(shared, 8)}"'
        if speakers:
            subject = f"{speakers.most_common(1)[0][0]}: {subject}"
        conflicts.append(_conflict("quote", subject, values, spread, ranks, total))
    return conflicts


def _shared_run(a: _Quote, b: _Quote) -> str:
    """The longest run of words two quotations share, as written in the first."""
    raw_words = diff_words(a.quotation.raw)
    match = _matcher(a.words, b.words).find_longest_match(0, len(a.words), 0, len(b.words))
    return " ".join(raw_words[match.a : match.a + match.size])


# --- 3. titles and names ------------------------------------------------------------------------


def _people(sents: list[_Sent]) -> tuple[list[tuple[_Sent, TitledPerson]], list[list[int]]]:
    """Titled mentions and their clusters by person (spelling variants together; a surname
    alone joins the one person it fits)."""
    cache: dict[str, list[TitledPerson]] = {}
    mentions = [(s, p) for s in sents for p in cache.setdefault(s.text, find_titled_people(tidy(s.text)))]
    names = list(dict.fromkeys(p.name for _, p in mentions))
    full = [n for n in names if len(n.split()) > 1 or "-" in n]
    uf = _UnionFind(len(names))
    position = {n: i for i, n in enumerate(names)}
    for i, a in enumerate(full):
        for b in full[i + 1 :]:
            if same_person(a, b):
                uf.union(position[a], position[b])
    for name in names:
        if name not in full:
            fits = {uf.find(position[f]) for f in full if names_compatible(name, f)}
            if len(fits) == 1:
                uf.union(position[name], fits.pop())
    by_root: dict[int, list[int]] = defaultdict(list)
    for k, (_, p) in enumerate(mentions):
        by_root[uf.find(position[p.name])].append(k)
    return mentions, [by_root[r] for r in sorted(by_root)]


def _person_label(mentions: list[tuple[_Sent, TitledPerson]], members: list[int]) -> str:
    names = Counter(mentions[k][1].name for k in members)
    best = max(names.items(), key=lambda item: (len(item[0].split()) > 1, item[1]))
    return best[0]


def _title_conflicts(
    mentions: list[tuple[_Sent, TitledPerson]], clusters: list[list[int]], ranks: dict[str, int], total: int
) -> list[Conflict]:
    conflicts = []
    for members in clusters:
        rows = [
            (mentions[k][0], mentions[k][1].role, mentions[k][1].title, mentions[k][1].role) for k in members
        ]
        found = _collect_values(rows)

        def differ(a: _Value, b: _Value, found: list[_Value] = found) -> bool:
            """Incompatible posts, unless some source gives the person both ("President and
            General Manager")."""
            both = a.payload | b.payload
            return roles_conflict(a.payload, b.payload) and not any(both <= c.payload for c in found)

        values, pairs = _disputed(found, differ, lambda a, b: a.key == b.key)
        if pairs:
            spread = max(1 - len(a.payload & b.payload) / len(a.payload | b.payload) for a, b in pairs)
            conflicts.append(
                _conflict("title", _person_label(mentions, members), values, spread, ranks, total)
            )
    return conflicts


def _name_conflicts(
    mentions: list[tuple[_Sent, TitledPerson]], clusters: list[list[int]], ranks: dict[str, int], total: int
) -> list[Conflict]:
    """Two people with one role and one shared name part but different other names."""
    conflicts = []
    roles = [{mentions[k][1].role for k in members} for members in clusters]
    for i, a in enumerate(clusters):
        for j in range(i + 1, len(clusters)):
            b = clusters[j]
            shared_roles = roles[i] & roles[j]
            name_a, name_b = _person_label(mentions, a), _person_label(mentions, b)
            if not shared_roles or not shares_name_part(name_a, name_b):
                continue
            role = min(shared_roles, key=sorted)
            rows = [
                (mentions[k][0], n, mentions[k][1].name, role)
                for n, cluster in ((0, a), (1, b))
                for k in cluster
                if mentions[k][1].role == role
            ]
            values, pairs = _disputed(
                _collect_values(rows), lambda x, y: x.key != y.key, lambda x, y: x.key == y.key
            )
            if pairs:
                title = next(mentions[k][1].title for k in a if mentions[k][1].role == role)
                conflicts.append(
                    _conflict("name", f"{title} ({name_a} / {name_b})", values, 0.5, ranks, total)
                )
    return conflicts


# --- 4. places and dates ------------------------------------------------------------------------


def _group_conflicts(
    kind: ConflictKind,
    group: list[_Sent],
    rows: list[tuple[_Sent, Hashable, str, Any]],
    differ: Callable[[_Value, _Value], bool],
    spread: Callable[[_Value, _Value], float],
    ranks: dict[str, int],
    total: int,
) -> list[Conflict]:
    values, pairs = _disputed(_collect_values(rows), differ, lambda a, b: a.key == b.key)
    if not pairs:
        return []
    return [
        _conflict(kind, _excerpt(group[0].text), values, max(spread(a, b) for a, b in pairs), ranks, total)
    ]


def _place_conflicts(
    sents: list[_Sent], options: CompareOptions, ranks: dict[str, int], total: int
) -> list[Conflict]:
    conflicts = []
    for group in _by_group(sents):
        if len({s.article for s in group}) < 2:
            continue
        texts = list(_distinct_texts(group).items())[: options.max_group_texts]
        rows: list[tuple[_Sent, Hashable, str, Any]] = []
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
    for block in _matcher(tuple(words_a), tuple(words_b)).get_matching_blocks():
        if block.size >= 3 and _SLOT in words_a[block.a : block.a + block.size]:
            return True
    return False


def _published(articles: Sequence[Article]) -> dict[str, date]:
    out = {}
    for article in articles:
        try:
            out[article.id] = date.fromisoformat((article.published or "")[:10])
        except ValueError:
            continue
    return out


def _date_conflicts(
    sents: list[_Sent], articles: Sequence[Article], ranks: dict[str, int], total: int
) -> list[Conflict]:
    published = _published(articles)
    conflicts = []
    for group in _by_group(sents):
        if len({s.article for s in group}) < 2:
            continue
        rows: list[tuple[_Sent, Hashable, str, Any]] = []
        for s in group:
            spans = resolve_dates(s.text, published.get(s.article))
            if not spans:
                continue
            first, last = max(sp.first for sp in spans), min(sp.last for sp in spans)
            if first <= last:  # every expression agrees: label with the tightest
                tightest = min(spans, key=lambda sp: (sp.last - sp.first, sp.first))
                rows.append((s, (first, last), tightest.label(), (first, last, tightest.text)))
        if len({s.article for s, *_ in rows}) < 2:
            continue

        def disjoint(a: _Value, b: _Value) -> bool:
            """Different days, in different words (the same "on Monday" in copies published on
            different days is one statement), in the same place of the sentence (not "killed on
            Monday" against "police said Tuesday")."""
            apart = a.payload[1] < b.payload[0] or b.payload[1] < a.payload[0]
            if not apart or fold(a.payload[2]) == fold(b.payload[2]):
                return False
            return _same_slot(a.text, a.payload[2], b.text, b.payload[2])

        def days(a: _Value, b: _Value) -> float:
            gap = max((b.payload[0] - a.payload[1]).days, (a.payload[0] - b.payload[1]).days)
            return min(float(gap) / 7, 1.0)

        conflicts += _group_conflicts("date", group, rows, disjoint, days, ranks, total)
    return conflicts


# --- the stage ----------------------------------------------------------------------------------


def find_conflicts(
    claims: Sequence[ClaimGroup], articles: Sequence[Article], options: CompareOptions | None = None
) -> list[Conflict]:
    """Disagreements between the sources of one story, most severe first.

    Deterministic, and independent of the order of ``claims``; sources of each value are listed
    in the order of ``articles``.

    >>> from storyfuse.models import Variant
    >>> def claim(*rows):
    ...     sents = [Sentence(a, 0, 0, t) for a, t in rows]
    ...     return ClaimGroup(rows[0][1], [a for a, _ in rows], len(rows), [], sents)
    >>> arts = [Article("a", "a", []), Article("b", "b", [])]
    >>> found = find_conflicts([claim(("a", "The quake killed 120 people."),
    ...                               ("b", "The quake killed more than 200 people."))], arts)
    >>> [(c.kind, [v.value for v in c.values]) for c in found]
    [('number', ['120', 'more than 200'])]
    """
    options = options or CompareOptions()
    sents, ranks = _prepare(claims, articles)
    total = len({s.article for s in sents})
    conflicts: list[Conflict] = []
    # 1
    if "number" in options.kinds:
        conflicts += _number_conflicts(sents, options, ranks, total)
    # 3 (people first: quote speakers are canonicalised with their names)
    mentions, clusters = _people(sents)
    # 2
    if "quote" in options.kinds:
        conflicts += _quote_conflicts(sents, options, ranks, total, [p.name for _, p in mentions])
    if "title" in options.kinds:
        conflicts += _title_conflicts(mentions, clusters, ranks, total)
    if "name" in options.kinds:
        conflicts += _name_conflicts(mentions, clusters, ranks, total)
    # 4
    if "place" in options.kinds:
        conflicts += _place_conflicts(sents, options, ranks, total)
    if "date" in options.kinds:
        conflicts += _date_conflicts(sents, articles, ranks, total)
    return sorted(conflicts, key=lambda c: (-c.severity, c.kind, c.subject, [v.value for v in c.values]))
