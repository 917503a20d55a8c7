"""Score claim groups and conflicts against hand annotations and print Markdown tables.

Usage: python benchmarks/claims_eval.py [--data DIR] [--seeds DIR] [--annotations DIR]
       [--json out.json] [--embeddings] [--only development|heldout]

Each file in ``benchmarks/annotations/`` names the documents of one gold story (a BASIL or GVA
story from ``../shared/data/stories``, or the seed articles in ``../shared/seeds``), the conflicts
a careful reader finds between them, and facts stated by two or more of them, each fact given as
``[doc_id, key phrase]`` members. Annotations hold short values and key phrases only, never
article text. The pipeline stages run on the gold grouping (read, clean, duplicates,
``build_story``), so clustering errors do not leak into these scores. A file marked
``"heldout": true`` was annotated after development and is never used to tune rules; its stories
get their own total row, so a gain that only shows on the development stories is visible.
``--only development`` scores the development stories alone, so rules can be worked on without
seeing the system's output for the held-out ones (which are run once, at the end). A held-out
story whose output has been read joins development, and new stories are annotated to hold out.

Conflicts. A reported value *meets* an annotated value when their sources overlap and, in the
default strict mode, their values share a content token (``"8,000 troops"`` meets ``"8000"``;
``"police chief"`` meets ``"interim police chief"``). A reported conflict *matches* an annotated
one when the kinds are equal and two different reported values meet two different annotated
values, that is when the system separates documents that the annotation separates, for the same
reason. Precision is matched reported / reported, recall is matched annotated / annotated. The
loose mode drops the token test (kind and sources only) and bounds how much a wording mismatch
costs.

Claim groups. Each key phrase locates the first sentence of its document whose normalised text
contains the normalised phrase (sentences split as the ALIGN stage splits them). Over these
located sentences, "same fact" pairs of the annotation are compared with "same claim group" pairs
of the system (pairwise precision and recall), and B-cubed precision, recall and F1 are averaged
over the sentences. A sentence outside every multi-sentence group is its own cluster.

Fused account. A fused sentence *tells* a fact when its normalised text is the text of one of
the fact's located member sentences (every fused sentence is some article's sentence, verbatim).
Over the facts with a located member, "told twice" counts facts told by more than one fused
sentence (a repeat) and "lost" counts facts no fused sentence tells (coverage). A fact told only
inside a wording the annotation does not list counts as lost, before and after alike.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from storyfuse.align import AlignOptions
from storyfuse.dedup import find_duplicates
from storyfuse.ingest import read_inputs
from storyfuse.models import ClaimGroup, Conflict, ConflictValue, FusedSentence, RawDocument, Sentence, Story
from storyfuse.pipeline import build_story, clean_documents
from storyfuse.text import fold, iter_sentences, normalized

_Key = TypeVar("_Key", bound=Hashable)
SentenceKey = tuple[str, int]
"""A sentence by article id and its index among that article's sentences."""

_THOUSANDS = re.compile(r"(?<=\d)[,.](?=\d{3}\b)")
_TOKEN = re.compile(r"[^\W_]+")
_FILLER = frozenset({"a", "an", "the", "of", "to", "in", "on", "at", "and", "or", "up", "about", "around"})


@dataclass(slots=True, frozen=True)
class ExpectedValue:
    """One side of an annotated conflict: a short normalised value and the documents stating it."""

    value: str
    sources: frozenset[str]


@dataclass(slots=True, frozen=True)
class ExpectedConflict:
    """A disagreement a careful reader finds between the documents of one story."""

    kind: str
    subject: str
    values: tuple[ExpectedValue, ...]


@dataclass(slots=True, frozen=True)
class Fact:
    """A fact stated by several documents, located by ``(doc_id, key phrase)`` members."""

    fact: str
    members: tuple[tuple[str, str], ...]


@dataclass(slots=True)
class Annotation:
    """The hand annotation of one story."""

    name: str
    dataset: str
    story: str
    docs: list[str]
    conflicts: list[ExpectedConflict]
    facts: list[Fact]
    heldout: bool = False


@dataclass(slots=True)
class ConflictScore:
    """Counts behind conflict precision and recall, with the misses kept for inspection."""

    reported: int = 0
    reported_matched: int = 0
    annotated: int = 0
    annotated_matched: int = 0
    false_positives: list[Conflict] = field(default_factory=list)
    false_negatives: list[ExpectedConflict] = field(default_factory=list)


@dataclass(slots=True)
class ClusterScore:
    """Pair counts and B-cubed sums over the annotated sentences, addable across stories."""

    system_pairs: int = 0
    gold_pairs: int = 0
    common_pairs: int = 0
    bcubed_precision_sum: float = 0.0
    bcubed_recall_sum: float = 0.0
    items: int = 0

    def add(self, other: ClusterScore) -> None:
        self.system_pairs += other.system_pairs
        self.gold_pairs += other.gold_pairs
        self.common_pairs += other.common_pairs
        self.bcubed_precision_sum += other.bcubed_precision_sum
        self.bcubed_recall_sum += other.bcubed_recall_sum
        self.items += other.items


@dataclass(slots=True)
class FusionScore:
    """How often the fused account repeats or loses an annotated fact, addable across stories."""

    sentences: int = 0
    facts: int = 0
    told_twice: int = 0
    lost: int = 0

    def add(self, other: FusionScore) -> None:
        self.sentences += other.sentences
        self.facts += other.facts
        self.told_twice += other.told_twice
        self.lost += other.lost


def ratio(part: float, whole: float) -> float | None:
    """``part / whole``, or ``None`` when nothing was counted (shown as n/a, not as 0 or 1)."""
    return part / whole if whole else None


def f1(precision: float | None, recall: float | None) -> float | None:
    """Harmonic mean; ``None`` when either side is undefined."""
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# --- conflicts ---------------------------------------------------------------------------------


def value_tokens(value: str) -> frozenset[str]:
    """Content tokens of a value, with thousands separators and filler words dropped.

    >>> sorted(value_tokens("up to 10,000 troops"))
    ['10000', 'troops']
    """
    return frozenset(_TOKEN.findall(_THOUSANDS.sub("", fold(value)))) - _FILLER


def value_meets(reported: ConflictValue, expected: ExpectedValue, *, strict: bool = True) -> bool:
    """Whether a reported value stands for an annotated value: shared sources (and a shared token)."""
    if not expected.sources.intersection(reported.sources):
        return False
    return not strict or bool(value_tokens(reported.value) & value_tokens(expected.value))


def conflict_matches(reported: Conflict, expected: ExpectedConflict, *, strict: bool = True) -> bool:
    """Same kind, and two different reported values meet two different annotated values."""
    if reported.kind != expected.kind:
        return False
    meets = [
        {j for j, want in enumerate(expected.values) if value_meets(got, want, strict=strict)}
        for got in reported.values
    ]
    return any(
        a != b for i, left in enumerate(meets) for right in meets[i + 1 :] for a in left for b in right
    )


def score_conflicts(
    reported: Sequence[Conflict], expected: Sequence[ExpectedConflict], *, strict: bool = True
) -> ConflictScore:
    """Precision and recall counts; several reports of one annotated conflict all count as hits."""
    score = ConflictScore(reported=len(reported), annotated=len(expected))
    hit: set[int] = set()
    for conflict in reported:
        found = {i for i, want in enumerate(expected) if conflict_matches(conflict, want, strict=strict)}
        if found:
            score.reported_matched += 1
            hit |= found
        else:
            score.false_positives.append(conflict)
    score.annotated_matched = len(hit)
    score.false_negatives = [want for i, want in enumerate(expected) if i not in hit]
    return score


# --- claim groups ------------------------------------------------------------------------------


def story_sentences(paragraphs_of: Mapping[str, list[str]]) -> list[Sentence]:
    """Every sentence of every article, indexed as the ALIGN stage indexes them."""
    return [
        Sentence(article_id=doc_id, paragraph=paragraph, index=index, text=text)
        for doc_id, paragraphs in paragraphs_of.items()
        for index, (paragraph, text) in enumerate(iter_sentences(paragraphs))
    ]


def locate_facts(
    sentences: Sequence[Sentence], facts: Sequence[Fact]
) -> tuple[dict[SentenceKey, int], list[tuple[str, str]]]:
    """Map each located member sentence to its fact number; return unlocated members too.

    A sentence claimed by two facts stays with the first, and the later member counts as
    unlocated, so every sentence has one gold label.
    """
    by_doc: dict[str, list[Sentence]] = defaultdict(list)
    for sentence in sentences:
        by_doc[sentence.article_id].append(sentence)
    gold: dict[SentenceKey, int] = {}
    unlocated: list[tuple[str, str]] = []
    for number, fact in enumerate(facts):
        for doc_id, phrase in fact.members:
            key = normalized(phrase)
            found = next((s for s in by_doc.get(doc_id, []) if key in normalized(s.text)), None)
            place = (found.article_id, found.index) if found else None
            if place is None or place in gold:
                unlocated.append((doc_id, phrase))
            else:
                gold[place] = number
    return gold, unlocated


def claim_labels(claims: Iterable[ClaimGroup]) -> dict[SentenceKey, int]:
    """Claim group number of every sentence the system placed in a group."""
    return {(s.article_id, s.index): number for number, claim in enumerate(claims) for s in claim.sentences}


def score_clusters(gold: Mapping[_Key, int], system: Mapping[_Key, int]) -> ClusterScore:
    """Pairwise and B-cubed comparison of two clusterings of the items of ``gold``.

    Items missing from ``system`` are singletons there.

    >>> s = score_clusters({"a": 0, "b": 0, "c": 1}, {"a": 5, "b": 5, "c": 5})
    >>> (s.common_pairs, s.system_pairs, s.gold_pairs)
    (1, 3, 1)
    """
    items = list(gold)
    system_of = {item: system.get(item, ("alone", item)) for item in items}
    score = ClusterScore(items=len(items))
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            same_gold, same_system = gold[a] == gold[b], system_of[a] == system_of[b]
            score.gold_pairs += same_gold
            score.system_pairs += same_system
            score.common_pairs += same_gold and same_system
    both = Counter((gold[item], system_of[item]) for item in items)
    gold_size = Counter(gold[item] for item in items)
    system_size = Counter(system_of[item] for item in items)
    for item in items:
        shared = both[(gold[item], system_of[item])]
        score.bcubed_precision_sum += shared / system_size[system_of[item]]
        score.bcubed_recall_sum += shared / gold_size[gold[item]]
    return score


# --- fused account ------------------------------------------------------------------------------


def score_fusion(
    fused: Sequence[FusedSentence], sentences: Sequence[Sentence], gold: Mapping[SentenceKey, int]
) -> FusionScore:
    """Count the located facts the fused account tells more than once, and those it never tells.

    >>> s = [Sentence("a", 0, 0, "Two men were held."), Sentence("b", 0, 0, "Police held two men.")]
    >>> score_fusion([FusedSentence("Two men were held.", ["a"])], s, {("a", 0): 0, ("b", 0): 0})
    FusionScore(sentences=1, facts=1, told_twice=0, lost=0)
    """
    facts_of_text: dict[str, set[int]] = defaultdict(set)
    for s in sentences:
        if (s.article_id, s.index) in gold:
            facts_of_text[normalized(s.text)].add(gold[(s.article_id, s.index)])
    told = Counter(fact for f in fused for fact in facts_of_text.get(normalized(f.text), ()))
    located = set(gold.values())
    return FusionScore(
        sentences=len(fused),
        facts=len(located),
        told_twice=sum(1 for fact in located if told[fact] > 1),
        lost=sum(1 for fact in located if not told[fact]),
    )


# --- annotations and pipeline (I/O) ------------------------------------------------------------


def load_annotation(path: Path) -> Annotation:
    """Read one annotation file."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    conflicts = [
        ExpectedConflict(
            kind=c["kind"],
            subject=c["subject"],
            values=tuple(ExpectedValue(v["value"], frozenset(v["sources"])) for v in c["values"]),
        )
        for c in data["conflicts"]
    ]
    facts = [Fact(f["fact"], tuple((m[0], m[1]) for m in f["members"])) for f in data["facts"]]
    return Annotation(
        path.stem,
        data["dataset"],
        data["story"],
        list(data["docs"]),
        conflicts,
        facts,
        heldout=bool(data.get("heldout", False)),
    )


def read_raws(annotations: Sequence[Annotation], data: Path, seeds: Path) -> dict[str, RawDocument]:
    """The raw documents every annotation names, read once per dataset file."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for note in annotations:
        wanted[note.dataset].update(note.docs)
    raws: dict[str, RawDocument] = {}
    for dataset, ids in wanted.items():
        path = seeds if dataset == "seeds" else data / dataset / "docs.jsonl"
        raws.update((d.id, d) for d in read_inputs([path]) if isinstance(d, RawDocument) and d.id in ids)
    return raws


def run_story(
    note: Annotation, raws: Mapping[str, RawDocument], align: AlignOptions | None = None
) -> tuple[Story, dict[str, list[str]]]:
    """Run clean, duplicates and ``build_story`` on the annotated documents of one story."""
    missing = [doc for doc in note.docs if doc not in raws]
    if missing:
        raise SystemExit(f"{note.name}: documents not found: {', '.join(missing)}")
    articles, _ = clean_documents([raws[doc] for doc in note.docs])
    story = build_story(note.story, articles, find_duplicates(articles), align)
    return story, {a.id: a.paragraphs for a in articles}


@dataclass(slots=True)
class StoryResult:
    """Everything measured on one annotated story."""

    name: str
    docs: int
    strict: ConflictScore
    loose: ConflictScore
    clusters: ClusterScore
    facts: int
    members: int
    unlocated: list[tuple[str, str]]
    heldout: bool = False
    fusion: FusionScore = field(default_factory=FusionScore)


def evaluate(
    note: Annotation, raws: Mapping[str, RawDocument], align: AlignOptions | None = None
) -> StoryResult:
    """Score one story's conflicts and claim groups against its annotation."""
    story, paragraphs_of = run_story(note, raws, align)
    sentences = story_sentences(paragraphs_of)
    gold, unlocated = locate_facts(sentences, note.facts)
    return StoryResult(
        name=note.name,
        docs=len(paragraphs_of),
        strict=score_conflicts(story.conflicts, note.conflicts, strict=True),
        loose=score_conflicts(story.conflicts, note.conflicts, strict=False),
        clusters=score_clusters(gold, claim_labels(story.claims)),
        facts=len(note.facts),
        members=sum(len(f.members) for f in note.facts),
        unlocated=unlocated,
        heldout=note.heldout,
        fusion=score_fusion(story.fused, sentences, gold),
    )


# --- report ------------------------------------------------------------------------------------


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _row(name: str, docs: int, results: Sequence[StoryResult]) -> str:
    strict, loose, clusters, fusion = ConflictScore(), ConflictScore(), ClusterScore(), FusionScore()
    for r in results:
        for total, part in ((strict, r.strict), (loose, r.loose)):
            total.reported += part.reported
            total.reported_matched += part.reported_matched
            total.annotated += part.annotated
            total.annotated_matched += part.annotated_matched
        clusters.add(r.clusters)
        fusion.add(r.fusion)
    located = sum(r.members - len(r.unlocated) for r in results)
    pair_p = ratio(clusters.common_pairs, clusters.system_pairs)
    pair_r = ratio(clusters.common_pairs, clusters.gold_pairs)
    b3_p = ratio(clusters.bcubed_precision_sum, clusters.items)
    b3_r = ratio(clusters.bcubed_recall_sum, clusters.items)
    cells = [
        name,
        str(docs),
        f"{strict.annotated}/{strict.reported}",
        _fmt(ratio(strict.reported_matched, strict.reported)),
        _fmt(ratio(strict.annotated_matched, strict.annotated)),
        f"{_fmt(ratio(loose.reported_matched, loose.reported))} / "
        f"{_fmt(ratio(loose.annotated_matched, loose.annotated))}",
        f"{sum(r.facts for r in results)} ({located}/{sum(r.members for r in results)})",
        _fmt(pair_p),
        _fmt(pair_r),
        _fmt(f1(pair_p, pair_r)),
        _fmt(b3_p),
        _fmt(b3_r),
        _fmt(f1(b3_p, b3_r)),
        str(fusion.sentences),
        f"{fusion.told_twice}/{fusion.facts}",
        f"{fusion.lost}/{fusion.facts}",
    ]
    return "| " + " | ".join(cells) + " |"


def markdown(results: Sequence[StoryResult]) -> str:
    """The results table (one row per story and a micro-averaged total) and the misses."""
    lines = [
        "| story | docs | conflicts gold/rep | conf P | conf R | loose P / R | facts (located) "
        "| pair P | pair R | pair F1 | B3 P | B3 R | B3 F1 | fused | told twice | lost |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [_row(r.name + (" (held out)" if r.heldout else ""), r.docs, [r]) for r in results]
    development = [r for r in results if not r.heldout]
    heldout = [r for r in results if r.heldout]
    if development and heldout:
        for label, part in (("development", development), ("held out", heldout)):
            lines.append(_row(f"**total, {label}**", sum(r.docs for r in part), part))
    lines.append(_row("**total**", sum(r.docs for r in results), results))
    lines += ["", "False positives (kind: subject) and false negatives, strict matching:", ""]
    for r in results:
        fps = Counter(f"{c.kind}: {_short(c.subject)}" for c in r.strict.false_positives)
        fns = [f"{c.kind}: {c.subject}" for c in r.strict.false_negatives]
        fp_text = "; ".join(f"{text} (x{n})" if n > 1 else text for text, n in fps.items()) or "none"
        lines.append(f"- {r.name}: FP {fp_text}. FN {'; '.join(fns) or 'none'}.")
        if r.unlocated:
            lines.append(f"  unlocated key phrases: {len(r.unlocated)}")
    return "\n".join(lines)


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    here = Path(__file__).resolve().parent
    shared = here.parent.parent / "shared"
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=shared / "data" / "stories")
    parser.add_argument("--seeds", type=Path, default=shared / "seeds")
    parser.add_argument("--annotations", type=Path, default=here / "annotations")
    parser.add_argument("--json", type=Path, help="also write per-story counts as JSON")
    parser.add_argument(
        "--embeddings", action="store_true", help="align with the optional sentence-embedding extra"
    )
    parser.add_argument(
        "--only", choices=("development", "heldout"), help="score one part of the annotated stories"
    )
    args = parser.parse_args(argv)
    notes = [load_annotation(p) for p in sorted(args.annotations.glob("*.json"))]
    if args.only:
        notes = [note for note in notes if note.heldout == (args.only == "heldout")]
    if not notes:
        print(f"no annotations in {args.annotations}", file=sys.stderr)
        return 2
    raws = read_raws(notes, args.data, args.seeds)
    align = AlignOptions(use_embeddings=True) if args.embeddings else None
    results = [evaluate(note, raws, align) for note in notes]
    print(markdown(results))
    for r in results:
        for doc_id, phrase in r.unlocated:
            print(f"unlocated in {r.name}: {doc_id} {phrase!r}", file=sys.stderr)
    if args.json:
        rows = [
            {
                "story": r.name,
                "heldout": r.heldout,
                "conflicts": {k: getattr(r.strict, k) for k in ("reported", "reported_matched", "annotated")}
                | {"annotated_matched": r.strict.annotated_matched},
                "clusters": {
                    "system_pairs": r.clusters.system_pairs,
                    "gold_pairs": r.clusters.gold_pairs,
                    "common_pairs": r.clusters.common_pairs,
                    "items": r.clusters.items,
                },
                "unlocated": len(r.unlocated),
                "fusion": {
                    "sentences": r.fusion.sentences,
                    "facts": r.fusion.facts,
                    "told_twice": r.fusion.told_twice,
                    "lost": r.fusion.lost,
                },
            }
            for r in results
        ]
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
