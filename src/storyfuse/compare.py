"""COMPARE stage: where the sources of one story disagree.

Input is the story's claim groups (sentences of different articles that state the same thing)
and its articles; output is a ranked list of :class:`~storyfuse.models.Conflict`. Everything is
rule-based and lexical, so each conflict can be explained by the sentences it quotes.

The cascade, numbered as in the code:

1. **number** - amounts that count the same thing (see :mod:`storyfuse.quantities`) and differ
   by the rule of :func:`storyfuse.quantities.values_differ`. Inside a claim group, two aligned
   sentences' amounts pair when each sentence states one amount of that kind in a shared
   context; across groups, counts of one noun class about one named entity pair ("North Korean
   troops" / "North Korean soldiers"; 10 or more), and, from articles that give one value only,
   ages of one person and counts of one specific class and role in sentences about the story's
   key subject, ages of one group of people told together ("two men, ages 21 and 28" / "Ann
   Fox, 27, and Tom Reyes, 20") and counts of other people present
   (:mod:`storyfuse.number_conflicts`). Parts of a group ("two of the wounded") are not wholes,
   and articles that tell several incidents are not compared on generic amounts. Each value
   names who states it when the sentence says so: ``"8,000 (the U.S.)"``.
2. **quote** - the same quotation (long shared word run, same speaker when known) worded
   differently in content words; case, punctuation, British/American spelling, contractions,
   plurals, function words and trimmed ends are not differences, and edited quotations ("[...]",
   "(...)", "...") are skipped. :func:`word_diff` shows the change.
3. **title** / **name** - one person given incompatible posts (:func:`storyfuse.entities.
   roles_conflict`: "leader" / "Foreign Minister"; not "spokesman" / "Detective", nor two posts
   some source joins with "and"), or two given names under one surname and one post. Spelling
   variants, nicknames and initials of a name are one person.
4. **place** / **date** - inside one claim group, a place name swapped after "in"/"near"/"at"
   or date expressions in the same place of the sentence that resolve to different days; across
   groups, blocks of one street, the place given for one named venue, the year or month of a
   payment identified by its sum, and the day a person of a given age was shot or hurt
   (:mod:`storyfuse.place_date_conflicts`).

A disagreement is reported only when some article states one value and not the other while
another article does the reverse, so an article that repeats an update ("rose from 120 to 200")
or a set of identical sentences never conflicts. Severity bands: number and quote 3..4, title and
name 2..3, place and date 1..2; inside a band, a larger relative difference and more sources
rank higher.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from storyfuse.disputes import (
    FUNCTION_WORDS,
    KINDS,
    CompareOptions,
    DisputedValue,
    StatedSentence,
    UnionFind,
    collect_values,
    disputed,
    excerpt,
    make_conflict,
    prepare_sentences,
)
from storyfuse.entities import (
    STATUS_MODIFIERS,
    TitledPerson,
    diff_words,
    find_titled_people,
    names_compatible,
    roles_conflict,
    same_person,
    shares_name_part,
    spelling_fold,
    word_diff,
)
from storyfuse.models import Article, ClaimGroup, Conflict
from storyfuse.number_conflicts import number_conflicts
from storyfuse.place_date_conflicts import date_conflicts, place_conflicts
from storyfuse.quotes import Quotation, find_quotations, quote_speaker
from storyfuse.text import tidy

__all__ = ["KINDS", "CompareOptions", "find_conflicts", "spelling_fold", "word_diff"]

# --- 2. quotes ----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Quote:
    sent: StatedSentence
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


def _quotes(sents: list[StatedSentence], options: CompareOptions) -> list[_Quote]:
    by_article: dict[str, list[StatedSentence]] = defaultdict(list)
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
    return any(len(w) > 1 and w not in FUNCTION_WORDS for w in changed)  # initials are not words


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
    sents: list[StatedSentence], options: CompareOptions, ranks: dict[str, int], total: int, people: list[str]
) -> list[Conflict]:
    quotes = _quotes(sents, options)
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, q in enumerate(quotes):
        for k in range(len(q.words) - 2):
            index[q.words[k : k + 3]].append(i)
    uf = UnionFind(len(quotes))
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
        classes: list[DisputedValue] = []
        for i in sorted(cluster, key=lambda i: quotes[i].sent.key):
            q = quotes[i]
            home = next((c for c in classes if not _really_differ(c.payload.words, q.words)), None)
            if home is None:
                home = DisputedValue(len(classes), q.quotation.raw, q.sent.text, q.sent.key, q)
                classes.append(home)
            home.sources.add(q.sent.article)
        # Two wordings dispute only when they are the same quotation themselves, not through a
        # longer third one that contains both.
        values, pairs = disputed(
            classes,
            lambda a, b: _same_quote(a.payload, b.payload, options.quote_overlap),
            lambda a, b: a is b,
        )
        if not pairs:
            continue
        spread = max(1 - _matcher(a.payload.words, b.payload.words).ratio() for a, b in pairs)
        speakers = Counter(canonical(quotes[i].speaker or "") for i in cluster if quotes[i].speaker)
        shared = _shared_run(values[0].payload, values[1].payload)
        subject = f'"{excerpt(shared, 8)}"'
        if speakers:
            subject = f"{speakers.most_common(1)[0][0]}: {subject}"
        conflicts.append(make_conflict("quote", subject, values, spread, ranks, total))
    return conflicts


def _shared_run(a: _Quote, b: _Quote) -> str:
    """The longest run of words two quotations share, as written in the first."""
    raw_words = diff_words(a.quotation.raw)
    match = _matcher(a.words, b.words).find_longest_match(0, len(a.words), 0, len(b.words))
    return " ".join(raw_words[match.a : match.a + match.size])


# --- 3. titles and names ------------------------------------------------------------------------


def _people(sents: list[StatedSentence]) -> tuple[list[tuple[StatedSentence, TitledPerson]], list[list[int]]]:
    """Titled mentions and their clusters by person (spelling variants together; a surname
    alone joins the one person it fits)."""
    cache: dict[str, list[TitledPerson]] = {}
    mentions = [(s, p) for s in sents for p in cache.setdefault(s.text, find_titled_people(tidy(s.text)))]
    names = list(dict.fromkeys(p.name for _, p in mentions))
    full = [n for n in names if len(n.split()) > 1 or "-" in n]
    uf = UnionFind(len(names))
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


def _person_label(mentions: list[tuple[StatedSentence, TitledPerson]], members: list[int]) -> str:
    names = Counter(mentions[k][1].name for k in members)
    best = max(names.items(), key=lambda item: (len(item[0].split()) > 1, item[1]))
    return best[0]


def _title_conflicts(
    mentions: list[tuple[StatedSentence, TitledPerson]],
    clusters: list[list[int]],
    ranks: dict[str, int],
    total: int,
) -> list[Conflict]:
    conflicts = []
    for members in clusters:
        rows = [
            (mentions[k][0], mentions[k][1].role, mentions[k][1].title, mentions[k][1].role) for k in members
        ]
        found = collect_values(rows)

        def differ(a: DisputedValue, b: DisputedValue, found: list[DisputedValue] = found) -> bool:
            """Incompatible posts, unless some source gives the person both ("President and
            General Manager"); a status word ("interim") against none differs even though the
            longer title contains the shorter."""
            both = a.payload | b.payload
            status = bool((a.payload ^ b.payload) & STATUS_MODIFIERS)
            return roles_conflict(a.payload, b.payload) and (
                status or not any(both <= c.payload for c in found)
            )

        values, pairs = disputed(found, differ, lambda a, b: a.key == b.key)
        if pairs:
            spread = max(1 - len(a.payload & b.payload) / len(a.payload | b.payload) for a, b in pairs)
            conflicts.append(
                make_conflict("title", _person_label(mentions, members), values, spread, ranks, total)
            )
    return conflicts


def _name_conflicts(
    mentions: list[tuple[StatedSentence, TitledPerson]],
    clusters: list[list[int]],
    ranks: dict[str, int],
    total: int,
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
            values, pairs = disputed(
                collect_values(rows), lambda x, y: x.key != y.key, lambda x, y: x.key == y.key
            )
            if pairs:
                title = next(mentions[k][1].title for k in a if mentions[k][1].role == role)
                conflicts.append(
                    make_conflict("name", f"{title} ({name_a} / {name_b})", values, 0.5, ranks, total)
                )
    return conflicts


# --- the stage ----------------------------------------------------------------------------------


def find_conflicts(
    claims: Sequence[ClaimGroup], articles: Sequence[Article], options: CompareOptions | None = None
) -> list[Conflict]:
    """Disagreements between the sources of one story, most severe first.

    Deterministic, and independent of the order of ``claims``; sources of each value are listed
    in the order of ``articles``.

    >>> from storyfuse.models import Sentence
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
    sents, ranks = prepare_sentences(claims, articles)
    total = len({s.article for s in sents})
    conflicts: list[Conflict] = []
    # 1
    if "number" in options.kinds:
        conflicts += number_conflicts(sents, options, ranks, total)
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
        conflicts += place_conflicts(sents, options, ranks, total)
    if "date" in options.kinds:
        conflicts += date_conflicts(sents, articles, ranks, total)
    return sorted(conflicts, key=lambda c: (-c.severity, c.kind, c.subject, [v.value for v in c.values]))
