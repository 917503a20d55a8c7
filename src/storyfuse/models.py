"""The plain data that flows between pipeline stages.

Every stage reads and returns these records and nothing else, so a stage can be run alone from
Python, by the CLI, by the store or by a distributed engine without change. Field names mirror
the report contract in ``docs/report-format.md``; ``to_dict`` methods give that JSON shape.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SourceFormat = Literal["text", "markdown", "html"]
DuplicateKind = Literal["exact", "near", "containment", "paraphrase"]
ConflictKind = Literal["number", "quote", "name", "title", "place", "date"]


@dataclass(slots=True)
class RawDocument:
    """One article as read from disk or a corpus row, before any cleaning.

    The hint fields carry metadata a corpus already supplies (JSONL columns); the cleaner prefers
    them to what it can infer from the text.
    """

    id: str
    path: str
    content: str
    format: SourceFormat
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass(slots=True)
class Removed:
    """A piece of the source that is not article body, and why it was dropped."""

    text: str
    reason: str


@dataclass(slots=True)
class Article:
    """A cleaned article: body paragraphs, what was removed, and metadata."""

    id: str
    path: str
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    byline: str | None = None
    url: str | None = None
    agency: str | None = None
    dateline: str | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published,
            "byline": self.byline,
            "url": self.url,
            "agency": self.agency,
            "dateline": self.dateline,
            "body": self.body,
            "removed": [asdict(r) for r in self.removed],
        }


@dataclass(slots=True)
class DuplicateRelation:
    """Two articles that share text. ``a`` is the earlier or larger one by convention of the
    detector; ``similarity`` is in [0, 1] and its meaning depends on ``kind`` (Jaccard for
    near, share of the smaller article inside the larger for containment, share of aligned
    sentences for paraphrase)."""

    a: str
    b: str
    kind: DuplicateKind
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "kind": self.kind, "similarity": round(self.similarity, 4)}


@dataclass(slots=True)
class Sentence:
    """A sentence of an article body, addressed by article, paragraph and position."""

    article_id: str
    paragraph: int
    index: int
    text: str


@dataclass(slots=True)
class Variant:
    """One wording of a claim and the articles that use exactly this wording."""

    text: str
    sources: list[str]


@dataclass(slots=True)
class ClaimGroup:
    """Sentences from several articles that state the same thing.

    ``text`` is the representative wording; ``sentences`` are all members; ``position`` is the
    mean relative position (0 = lead, 1 = end) of the members, used for narrative order.
    """

    text: str
    sources: list[str]
    independent_sources: int
    variants: list[Variant]
    sentences: list[Sentence] = field(default_factory=list)
    position: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "sources": self.sources,
            "independent_sources": self.independent_sources,
            "variants": [asdict(v) for v in self.variants],
        }


@dataclass(slots=True)
class ConflictValue:
    """One side of a conflict: the value as normalised, the exact sentence, and its sources."""

    value: str
    text: str
    sources: list[str]


@dataclass(slots=True)
class Conflict:
    """Sources that disagree about one subject. ``severity`` ranks conflicts (higher first)."""

    kind: ConflictKind
    subject: str
    values: list[ConflictValue]
    severity: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "severity": round(self.severity, 3),
            "values": [asdict(v) for v in self.values],
        }


@dataclass(slots=True)
class LineageEdge:
    """``copy`` reproduces text of ``source``; ``evidence`` says how we know."""

    source: str
    copy: str
    evidence: list[str]

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "copy": self.copy, "evidence": self.evidence}


@dataclass(slots=True)
class FusedSentence:
    """A sentence of the fused account with the articles that support it."""

    text: str
    sources: list[str]
    conflicts: list[int] = field(default_factory=list)
    unique_to: str | None = None
    retold: list[Variant] = field(default_factory=list)
    """Other claims' sentences that tell mostly this sentence's fact, kept with their sources
    instead of being printed again, and wordings of this claim that add a detail to it."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "sources": self.sources}
        if self.conflicts:
            out["conflicts"] = self.conflicts
        if self.unique_to:
            out["unique_to"] = self.unique_to
        if self.retold:
            out["retold"] = [{"text": v.text, "sources": v.sources} for v in self.retold]
        return out


@dataclass(slots=True)
class Story:
    """All we know about one real-world event: its articles and their comparison."""

    id: str
    title: str
    documents: list[str]
    lineage: list[LineageEdge] = field(default_factory=list)
    claims: list[ClaimGroup] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    fused: list[FusedSentence] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "documents": self.documents,
            "origins": self.origins,
            "lineage": [e.to_dict() for e in self.lineage],
            "claims": [c.to_dict() for c in self.claims],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "fused": [s.to_dict() for s in self.fused],
        }


@dataclass(slots=True)
class Problem:
    """An input that could not be used, with where and why (shown to the user, never raised)."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass(slots=True)
class Report:
    """The result of a whole run: cleaned documents, duplicates, stories and skipped inputs."""

    documents: list[Article]
    duplicates: list[DuplicateRelation]
    stories: list[Story]
    problems: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": [d.to_dict() for d in self.documents],
            "duplicates": [d.to_dict() for d in self.duplicates],
            "stories": [s.to_dict() for s in self.stories],
            "problems": [str(p) for p in self.problems],
        }
