"""LINEAGE stage: who copied whom, and how many independent origins a story really has.

Five sites running one agency dispatch are one source, not five: a claim they all carry is
confirmed once. Lineage turns the duplicate relations between a story's articles into directed
"copy <- source" edges, each with the evidence that decided its direction, and maps every
article to its independent origin (the article itself, or ``wire:<agency>`` for a credited
agency dispatch).

Decision cascade (the numbers reappear in the code):

1. **Wire credit.** An article crediting an agency copies that agency's dispatch: its source
   is ``wire:<agency>``. Two articles crediting the same agency are siblings, not copies of
   each other. An uncredited article sharing text with a credited one copies the same
   dispatch (directly or through it).
2. **Shared unique edits.** Sentences two articles share that no other article has link them
   closely; pairs with enough of them are linked even when the duplicate detector missed them,
   and they make the strongest claim on an article's parent.
3. **Containment.** A text contained in a fuller one is the trimmed copy of it, unless it was
   published earlier (then step 4 decides: the fuller one expanded it).
4. **Dates.** The earlier published article is the source.
5. **Fuller text.** With no other evidence the longer article is the source (copies trim more
   often than they add); equal lengths fall back to input order.
6. **One parent each.** Every article keeps its best-supported source (own wire credit first,
   then most shared unique edits, then a credited partner's wire, then the strongest duplicate
   kind and similarity), skipping any choice that would close a cycle.
7. **Origins.** Following parents up gives each article's origin; an article copied from
   nothing is its own origin.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from storyfuse.models import Article, DuplicateKind, DuplicateRelation, LineageEdge
from storyfuse.text import normalized

__all__ = ["MIN_EDIT_WORDS", "MIN_LINKING_EDITS", "WIRE_PREFIX", "Lineage", "infer_lineage", "wire_origin"]

WIRE_PREFIX = "wire:"
MIN_EDIT_WORDS = 6
"""Shorter sentences ("He declined to comment.") are shared by chance, so they are no edit."""
MIN_LINKING_EDITS = 2
"""Shared unique edits needed to link two articles the duplicate detector did not relate."""

_SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)]))\s+")

_KIND_STRENGTH: dict[DuplicateKind | None, int] = {
    "exact": 4,
    "containment": 3,
    "near": 2,
    "paraphrase": 1,
    None: 0,
}


@dataclass(slots=True)
class Lineage:
    """The copy graph of one story.

    Attributes:
        edges: one edge per copied article, from its chosen source (an article id or a
            ``wire:<agency>`` origin), in input order of the copies.
        origin_of: article id -> id of its independent origin (itself when copied from nothing).
        wire: the story's most common wire origin (``wire:<agency>``), if any article has one.
        independent_origins: number of distinct origins.
    """

    edges: list[LineageEdge]
    origin_of: dict[str, str]
    wire: str | None
    independent_origins: int


def wire_origin(agency: str) -> str:
    """The origin id of an agency's dispatch.

    >>> wire_origin(" AFP ")
    'wire:AFP'
    """
    return f"{WIRE_PREFIX}{agency.strip()}"


@dataclass(slots=True)
class _Pair:
    """Everything known about two related articles before their direction is decided."""

    first: str
    second: str
    kind: DuplicateKind | None
    similarity: float
    unique_edits: int


@dataclass(slots=True)
class _Candidate:
    """A possible source of one article, with how strongly the evidence supports it.

    ``rank`` compares as (own wire credit, shared unique edits, source is a credited partner's
    wire, duplicate kind strength, similarity): cascade step 6 keeps the highest.
    """

    source: str
    copy: str
    evidence: list[str]
    rank: tuple[int, int, int, int, float]


def _credit(article: Article) -> str | None:
    """The agency an article credits, or None when it credits none."""
    return (article.agency or "").strip() or None


def _published(article: Article) -> date | datetime | None:
    """The publication time as UTC-naive datetime, or a date when no time of day is given."""
    if not article.published:
        return None
    text = article.published.strip().replace("Z", "+00:00")
    try:
        if len(text) <= 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _earlier(first: Article, second: Article) -> bool:
    """True when ``first`` was certainly published before ``second``."""
    a, b = _published(first), _published(second)
    if a is None or b is None:
        return False
    if isinstance(a, datetime) and isinstance(b, datetime):
        return a < b
    day_a = a.date() if isinstance(a, datetime) else a
    day_b = b.date() if isinstance(b, datetime) else b
    return day_a < day_b


def _edit_sets(articles: Sequence[Article]) -> dict[str, set[str]]:
    """Each article's sentences long enough to be an edit, as normalised text.

    Sentences are cut at end punctuation by a regex rather than the full splitter: the keys
    only need to be cut the same way in every article, and this runs on every article of every
    story, where the splitter would cost as much as alignment itself.
    """
    found: dict[str, set[str]] = {}
    for article in articles:
        found[article.id] = {
            key
            for paragraph in article.paragraphs
            for piece in _SENTENCE_END.split(paragraph)
            if len((key := normalized(piece)).split()) >= MIN_EDIT_WORDS
        }
    return found


def _pairs(
    articles: Sequence[Article], duplicates: Sequence[DuplicateRelation]
) -> dict[tuple[str, str], _Pair]:
    """Related article pairs from the duplicate relations and from shared unique edits."""
    order = {article.id: index for index, article in enumerate(articles)}
    edits = _edit_sets(articles)
    carriers = Counter(sentence for sentences in edits.values() for sentence in sentences)

    def key(a: str, b: str) -> tuple[str, str]:
        return (a, b) if order[a] < order[b] else (b, a)

    def unique_shared(a: str, b: str) -> int:
        return sum(1 for sentence in edits[a] & edits[b] if carriers[sentence] == 2)

    pairs: dict[tuple[str, str], _Pair] = {}
    for relation in duplicates:
        if relation.a == relation.b or relation.a not in order or relation.b not in order:
            continue
        first, second = key(relation.a, relation.b)
        known = pairs.get((first, second))
        if known is None or _KIND_STRENGTH[relation.kind] > _KIND_STRENGTH[known.kind]:
            pairs[(first, second)] = _Pair(
                first, second, relation.kind, relation.similarity, unique_shared(first, second)
            )
    # 2. shared unique edits link articles the duplicate detector did not relate
    sharers: dict[str, list[str]] = {}
    for article_id, sentences in edits.items():
        for sentence in sentences:
            if carriers[sentence] == 2:
                sharers.setdefault(sentence, []).append(article_id)
    for a, b in {key(*ids) for ids in sharers.values()}:
        if (a, b) not in pairs and (count := unique_shared(a, b)) >= MIN_LINKING_EDITS:
            pairs[(a, b)] = _Pair(a, b, None, 0.0, count)
    return pairs


def _kind_evidence(pair: _Pair, source: str, copy: str) -> list[str]:
    evidence: list[str] = []
    if pair.kind == "exact":
        evidence.append("exact copy")
    elif pair.kind == "near":
        evidence.append(f"near-duplicate ({pair.similarity:.2f})")
    elif pair.kind == "paraphrase":
        evidence.append(f"paraphrase ({pair.similarity:.2f})")
    elif pair.kind == "containment":
        evidence.append(f"{source} contains {copy} ({pair.similarity:.2f})")
    if pair.unique_edits:
        evidence.append(f"shares {pair.unique_edits} edits unique to {source}")
    return evidence


def _direct(
    pair: _Pair, by_id: Mapping[str, Article], order: Mapping[str, int], length: Mapping[str, int]
) -> _Candidate | None:
    """Decide which article of a pair copies the other (cascade steps 1, 3, 4, 5)."""
    first, second = by_id[pair.first], by_id[pair.second]
    strength, similarity = _KIND_STRENGTH[pair.kind], pair.similarity
    # 1. wire credit: credited articles already copy their wire; an uncredited partner copies it too
    credits = _credit(first), _credit(second)
    if credits[0] and credits[1]:
        return None
    if agency := credits[0] or credits[1]:
        credited, other = (first, second) if credits[0] else (second, first)
        evidence = [f"shares text with {credited.id}, which credits {agency}"]
        evidence += _kind_evidence(pair, credited.id, other.id)
        return _Candidate(
            wire_origin(agency), other.id, evidence, (0, pair.unique_edits, 1, strength, similarity)
        )
    fuller, shorter = (first, second) if length[first.id] >= length[second.id] else (second, first)
    if pair.kind == "containment" and not _earlier(shorter, fuller):
        # 3. containment: the contained text is the trimmed copy
        source, copy, reason = fuller, shorter, None
    elif _earlier(first, second) or _earlier(second, first):
        # 4. dates: the earlier article is the source
        source, copy = (first, second) if _earlier(first, second) else (second, first)
        reason = "published earlier"
    elif length[first.id] != length[second.id]:
        # 5. fuller text is the source
        source, copy, reason = fuller, shorter, "fuller text"
    else:
        source, copy = (first, second) if order[first.id] < order[second.id] else (second, first)
        reason = "listed first"
    evidence = _kind_evidence(pair, source.id, copy.id)
    if reason:
        evidence.append(reason)
    return _Candidate(source.id, copy.id, evidence, (0, pair.unique_edits, 0, strength, similarity))


def _creates_cycle(parent: Mapping[str, str], source: str, copy: str) -> bool:
    node: str | None = source
    while node is not None:
        if node == copy:
            return True
        node = parent.get(node)
    return False


def infer_lineage(articles: Sequence[Article], duplicates: Sequence[DuplicateRelation]) -> Lineage:
    """Infer copy edges and independent origins for the articles of one story.

    >>> a = Article(id="a", path="a", paragraphs=["x"], agency="AFP")
    >>> b = Article(id="b", path="b", paragraphs=["x"], published="2024-01-02")
    >>> c = Article(id="c", path="c", paragraphs=["y"])
    >>> lineage = infer_lineage([a, b, c], [DuplicateRelation("a", "b", "exact", 1.0)])
    >>> lineage.origin_of, lineage.independent_origins
    ({'a': 'wire:AFP', 'b': 'wire:AFP', 'c': 'c'}, 2)
    """
    order = {article.id: index for index, article in enumerate(articles)}
    by_id = {article.id: article for article in articles}
    candidates: list[_Candidate] = []
    for article in articles:
        if agency := _credit(article):
            # 1. wire credit: the strongest possible claim on a parent
            candidates.append(
                _Candidate(wire_origin(agency), article.id, [f"credits {agency}"], (1, 0, 0, 0, 1.0))
            )
    length = {article.id: sum(len(p.split()) for p in article.paragraphs) for article in articles}
    for pair in _pairs(articles, duplicates).values():
        if (candidate := _direct(pair, by_id, order, length)) is not None:
            candidates.append(candidate)
    # 6. one parent each: best-supported first, never closing a cycle
    candidates.sort(key=lambda c: (tuple(-x for x in c.rank), order[c.copy], c.source))
    parent: dict[str, str] = {}
    chosen: dict[str, LineageEdge] = {}
    for candidate in candidates:
        if candidate.copy in parent or _creates_cycle(parent, candidate.source, candidate.copy):
            continue
        parent[candidate.copy] = candidate.source
        chosen[candidate.copy] = LineageEdge(candidate.source, candidate.copy, candidate.evidence)
    # 7. origins: follow parents up to a node copied from nothing
    origin_of: dict[str, str] = {}
    for article in articles:
        node = article.id
        while node in parent:
            node = parent[node]
        origin_of[article.id] = node
    wires = Counter(origin for origin in origin_of.values() if origin.startswith(WIRE_PREFIX))
    return Lineage(
        edges=[chosen[a.id] for a in articles if a.id in chosen],
        origin_of=origin_of,
        wire=wires.most_common(1)[0][0] if wires else None,
        independent_origins=len(set(origin_of.values())),
    )
