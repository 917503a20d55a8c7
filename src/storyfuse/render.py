"""RENDER stage: turn a :class:`Report` into report.json, report.md and a self-contained report.html.

A reader of a fused story has to be able to check every sentence against its sources, so both
human formats show the same things per story: the documents, who copied whom, the fused account
with a citation after every sentence, the conflicts (quotes with a word diff), the claims, each
source's clean body with its sentences marked shared / unique / conflicting, and what the cleaner
removed. The page is one file with inline CSS and no network access (a Content-Security-Policy
forbids it), so it opens offline and can be mailed around. Article text is untrusted markup:
Jinja2 autoescaping is on for HTML, and Markdown output escapes the characters that would format.

Rendering works in two steps. :func:`build_view` derives a plain view model from the report (pure
data, no formatting), and the templates in ``storyfuse/templates`` lay it out.

>>> from storyfuse.models import Report
>>> render_json(Report(documents=[], duplicates=[], stories=[])).count('"stories": 0')
1
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from storyfuse.models import Article, Conflict, DuplicateKind, FusedSentence, Removed, Report, Story
from storyfuse.text import split_sentences, tidy

__all__ = [
    "DiffSegment",
    "ReportView",
    "build_view",
    "markdown_escape",
    "render_all",
    "render_html",
    "render_json",
    "render_markdown",
    "sentence_key",
    "sentence_marks",
    "summarize",
    "word_diff",
]

Mark = Literal["shared", "unique", "conflict", "plain"]
DiffOp = Literal["equal", "delete", "insert"]
DUPLICATE_KINDS: tuple[DuplicateKind, ...] = get_args(DuplicateKind)
_SAFE_SCHEMES = frozenset({"http", "https"})
_MIN_CONTAINED_WORDS = 4
"""A conflict quoted as a fragment flags the body sentences containing it only if it has at least
this many words: a bare "240" must not flag every sentence that mentions 1240."""


@dataclass(slots=True)
class DiffSegment:
    """A run of words that both texts share (``equal``), or only the old (``delete``) or the new
    (``insert``) one has."""

    op: DiffOp
    text: str


@dataclass(slots=True)
class SentenceView:
    """A body sentence with its mark and the anchor citations link to."""

    text: str
    key: str
    mark: Mark
    anchor: str


@dataclass(slots=True)
class DocumentView:
    """One source as shown: metadata, marked sentences by paragraph, removed parts.

    ``safe_url`` is set only for http(s) addresses, the only ones that become links.
    """

    id: str
    anchor: str
    label: str
    outlet: str | None
    title: str | None
    published: str | None
    agency: str | None
    byline: str | None
    url: str | None
    safe_url: str | None
    url_host: str | None
    paragraphs: list[list[SentenceView]]
    removed: list[Removed]


@dataclass(slots=True)
class Citation:
    """A source id after a fused sentence and the anchor of its supporting sentence."""

    id: str
    anchor: str


@dataclass(slots=True)
class FusedView:
    """A fused sentence with its citations, (number, anchor) of its conflicts, the outlet it is
    unique to, and the other wordings that retell it with their citations."""

    text: str
    citations: list[Citation]
    conflicts: list[tuple[int, str]]
    unique_to: str | None
    retold: list[tuple[str, list[Citation]]] = field(default_factory=list)


@dataclass(slots=True)
class ValueView:
    """One side of a conflict; ``diff`` against the first side, for quotes only."""

    value: str
    text: str
    sources: list[str]
    diff: list[DiffSegment] | None


@dataclass(slots=True)
class ConflictView:
    """A conflict numbered within its story, with an anchor for the fused account to link."""

    number: int
    anchor: str
    kind: str
    subject: str
    values: list[ValueView]


@dataclass(slots=True)
class ClaimView:
    """A claim row: text, sources, independent sources and (wording, sources) variants."""

    text: str
    sources: list[str]
    independent_sources: int
    variants: list[tuple[str, list[str]]]


@dataclass(slots=True)
class LineageView:
    """``copy`` reproduces ``source``, and the evidence for it."""

    source: str
    copy: str
    evidence: list[str]


@dataclass(slots=True)
class StoryView:
    """Everything shown for one story; ``wire`` lists (agency, crediting article ids)."""

    number: int
    anchor: str
    id: str
    title: str
    documents: list[DocumentView]
    missing: list[str]
    lineage: list[LineageView]
    wire: list[tuple[str, list[str]]]
    origins: list[str]
    fused: list[FusedView]
    conflicts: list[ConflictView]
    claims: list[ClaimView]


@dataclass(slots=True)
class ReportView:
    """Everything the templates show, already derived from a :class:`Report`."""

    summary: dict[str, Any]
    stories: list[StoryView]
    duplicates: list[tuple[str, str, str, float]]
    problems: list[str]
    unassigned: list[DocumentView] = field(default_factory=list)


def summarize(report: Report) -> dict[str, Any]:
    """Counts a reader wants first: stories, articles, duplicates by kind, conflicts, problems.

    >>> summarize(Report(documents=[], duplicates=[], stories=[]))["duplicates"]["total"]
    0
    """
    kinds = Counter(d.kind for d in report.duplicates)
    conflict_kinds = Counter(c.kind for s in report.stories for c in s.conflicts)
    return {
        "stories": len(report.stories),
        "articles": len(report.documents),
        "duplicates": {**{k: kinds[k] for k in DUPLICATE_KINDS}, "total": len(report.duplicates)},
        "conflicts": sum(conflict_kinds.values()),
        "conflicts_by_kind": dict(sorted(conflict_kinds.items())),
        "problems": len(report.problems),
    }


def render_json(report: Report) -> str:
    """The report contract as JSON, with a ``summary`` block first.

    >>> '"summary"' in render_json(Report(documents=[], duplicates=[], stories=[]))
    True
    """
    data = {"summary": summarize(report), **report.to_dict()}
    return "{\n" + ",\n".join(_json_member(key, value) for key, value in data.items()) + "\n}\n"


def _json_member(key: str, value: object) -> str:
    """One top-level member, a list one element per line: line-oriented tools can read it, and it
    is written by the C encoder (``indent`` falls back to a pure-Python one, 3x slower)."""
    name = json.dumps(key)
    if isinstance(value, list) and value:
        items = ",\n    ".join(json.dumps(item, ensure_ascii=False) for item in value)
        return f"  {name}: [\n    {items}\n  ]"
    return f"  {name}: {json.dumps(value, ensure_ascii=False)}"


def render_markdown(report: Report) -> str:
    """The report as Markdown with the same sections as the HTML page; article text is escaped.

    >>> render_markdown(Report(documents=[], duplicates=[], stories=[])).startswith("# storyfuse report")
    True
    """
    return _template("report.md.j2", autoescape=False).render(view=build_view(report))


def render_html(report: Report) -> str:
    """The report as one self-contained HTML page (inline CSS, no network), autoescaped.

    >>> "<!doctype html>" in render_html(Report(documents=[], duplicates=[], stories=[]))
    True
    """
    return _template("report.html.j2", autoescape=True).render(view=build_view(report))


def render_all(report: Report) -> dict[str, str]:
    """All three reports by file name, deriving the view model once instead of twice.

    >>> sorted(render_all(Report(documents=[], duplicates=[], stories=[])))
    ['report.html', 'report.json', 'report.md']
    """
    view = build_view(report)
    return {
        "report.json": render_json(report),
        "report.md": _template("report.md.j2", autoescape=False).render(view=view),
        "report.html": _template("report.html.j2", autoescape=True).render(view=view),
    }


def word_diff(old: str, new: str) -> list[DiffSegment]:
    """Word-level difference of two texts, as runs of equal, deleted and inserted words.

    Words are whitespace-separated tokens, so punctuation stays attached to the word it follows.

    >>> [(s.op, s.text) for s in word_diff("safe service within days", "safe service within weeks")]
    [('equal', 'safe service within'), ('delete', 'days'), ('insert', 'weeks')]
    """
    a, b = old.split(), new.split()
    segments: list[DiffSegment] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(segments, "equal", a[i1:i2])
            continue
        _append(segments, "delete", a[i1:i2])
        _append(segments, "insert", b[j1:j2])
    return segments


def _append(segments: list[DiffSegment], op: DiffOp, tokens: Sequence[str]) -> None:
    if not tokens:
        return
    if segments and segments[-1].op == op:
        segments[-1].text = f"{segments[-1].text} {' '.join(tokens)}"
    else:
        segments.append(DiffSegment(op, " ".join(tokens)))


@functools.lru_cache(maxsize=1 << 16)
def sentence_key(text: str) -> str:
    """The key under which a sentence is looked up: tidied, case-folded, single-spaced.

    Sentences come from the same splitter in every stage, so this only has to absorb quote, dash
    and spacing differences. Every sentence is keyed several times (marks, citations, bodies) and
    syndicated copies repeat sentences, so keys are cached.

    >>> sentence_key("\u201cWe  will\u201d  stay.")
    '"we will" stay.'
    """
    return " ".join(tidy(text).casefold().split())


def sentence_marks(story: Story) -> dict[tuple[str, str], Mark]:
    """Map ``(article id, sentence key)`` to how the sentence relates to the other sources.

    A sentence is ``shared`` when its claim has more than one source, ``unique`` when only its own
    article states it, and ``conflict`` when it is quoted as one side of a conflict (that wins).
    Keys are :func:`sentence_key` values.
    """
    marks: dict[tuple[str, str], Mark] = {}
    for claim in story.claims:
        mark: Mark = "shared" if len(set(claim.sources)) > 1 else "unique"
        for sentence in claim.sentences:
            key = (sentence.article_id, sentence_key(sentence.text))
            if marks.get(key) != "shared":
                marks[key] = mark
    for conflict in story.conflicts:
        for value in conflict.values:
            for source in value.sources:
                marks[(source, sentence_key(value.text))] = "conflict"
    return marks


def build_view(report: Report) -> ReportView:
    """Derive everything the templates show; pure, so it can be tested without a template."""
    by_id = {doc.id: doc for doc in report.documents}
    stories = [_story_view(n, story, by_id) for n, story in enumerate(report.stories, start=1)]
    in_story = {doc_id for story in report.stories for doc_id in story.documents}
    unassigned = [
        _document_view(doc, f"u-d{k}", {}, [], {})
        for k, doc in enumerate(report.documents)
        if doc.id not in in_story
    ]
    return ReportView(
        summary=summarize(report),
        stories=stories,
        duplicates=[(d.a, d.b, d.kind, round(d.similarity, 3)) for d in report.duplicates],
        problems=[str(p) for p in report.problems],
        unassigned=unassigned,
    )


def _story_view(number: int, story: Story, by_id: dict[str, Article]) -> StoryView:
    anchor = f"s{number}"
    marks = sentence_marks(story)
    known = _known_sentences(story)
    conflict_texts = _conflict_texts(story)
    present = [doc_id for doc_id in story.documents if doc_id in by_id]
    documents = [
        _document_view(by_id[doc_id], f"{anchor}-d{k}", marks, conflict_texts.get(doc_id, []), known)
        for k, doc_id in enumerate(present)
    ]
    labels = {doc.id: doc.label for doc in documents}
    index = _CitationIndex.build(story, documents)
    conflicts = [_conflict_view(i, f"{anchor}-c{i}", c) for i, c in enumerate(story.conflicts, start=1)]
    return StoryView(
        number=number,
        anchor=anchor,
        id=story.id,
        title=story.title,
        documents=documents,
        missing=[doc_id for doc_id in story.documents if doc_id not in by_id],
        lineage=[LineageView(e.source, e.copy, list(e.evidence)) for e in story.lineage],
        wire=_wire_credits(by_id[doc_id] for doc_id in present),
        origins=list(story.origins),
        fused=[_fused_view(s, index, conflicts, labels) for s in story.fused],
        conflicts=conflicts,
        claims=[
            ClaimView(
                c.text,
                list(c.sources),
                c.independent_sources,
                [(v.text, list(v.sources)) for v in c.variants],
            )
            for c in story.claims
        ],
    )


def _conflict_texts(story: Story) -> dict[str, list[str]]:
    """Keyed conflict texts per article, to flag body sentences that merely contain them."""
    out: dict[str, list[str]] = {}
    for conflict in story.conflicts:
        for value in conflict.values:
            key = sentence_key(value.text)
            if key.count(" ") >= _MIN_CONTAINED_WORDS - 1:
                for source in value.sources:
                    out.setdefault(source, []).append(key)
    return out


def _known_sentences(story: Story) -> dict[tuple[str, int], list[str]]:
    """The sentences the aligner already split, per (article, paragraph), in reading order."""
    found: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for claim in story.claims:
        for sentence in claim.sentences:
            found.setdefault((sentence.article_id, sentence.paragraph), []).append(
                (sentence.index, sentence.text)
            )
    return {key: [text for _, text in sorted(set(items))] for key, items in found.items()}


def _tiles(paragraph: str, sentences: list[str]) -> bool:
    """True if the sentences, in order, make up the whole paragraph apart from spaces."""
    cursor = 0
    for sentence in sentences:
        at = paragraph.find(sentence, cursor)
        if at < 0 or paragraph[cursor:at].strip():
            return False
        cursor = at + len(sentence)
    return not paragraph[cursor:].strip()


def _document_view(
    doc: Article,
    anchor: str,
    marks: dict[tuple[str, str], Mark],
    conflict_texts: list[str],
    known: dict[tuple[str, int], list[str]],
) -> DocumentView:
    """Mark each sentence of the clean body; sentences the aligner split are reused, because
    splitting every body again would cost more than the rest of rendering together."""
    paragraphs: list[list[SentenceView]] = []
    for p, paragraph in enumerate(doc.paragraphs):
        row: list[SentenceView] = []
        split = known.get((doc.id, p))
        if split is None or not _tiles(paragraph, split):
            split = split_sentences(paragraph)
        for i, text in enumerate(split):
            key = sentence_key(text)
            mark = marks.get((doc.id, key), "plain")
            if any(c in key for c in conflict_texts):
                mark = "conflict"
            row.append(SentenceView(text, key, mark, f"{anchor}-p{p}-{i}"))
        paragraphs.append(row)
    safe_url = _safe_url(doc.url)
    return DocumentView(
        id=doc.id,
        anchor=anchor,
        label=doc.outlet or doc.id,
        outlet=doc.outlet,
        title=doc.title,
        published=doc.published,
        agency=doc.agency,
        byline=doc.byline,
        url=doc.url,
        safe_url=safe_url,
        url_host=urlsplit(safe_url).hostname if safe_url else None,
        paragraphs=paragraphs,
        removed=list(doc.removed),
    )


def _safe_url(url: str | None) -> str | None:
    """Only web addresses become links: a ``javascript:`` URL in an input must stay inert text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in _SAFE_SCHEMES and parts.netloc else None


def _wire_credits(docs: Iterable[Article]) -> list[tuple[str, list[str]]]:
    credits: dict[str, list[str]] = {}
    for doc in docs:
        if doc.agency:
            credits.setdefault(doc.agency, []).append(doc.id)
    return sorted(credits.items())


@dataclass(slots=True)
class _CitationIndex:
    """Lookups built once per story so that citing stays linear in the size of the story.

    ``sentences`` maps (article id, sentence key) to the sentence's anchor; ``claims`` maps the key
    of every wording of a claim to the keys of its member sentences in each article.
    """

    documents: dict[str, DocumentView]
    sentences: dict[tuple[str, str], str]
    claims: dict[str, dict[str, set[str]]]

    @classmethod
    def build(cls, story: Story, documents: list[DocumentView]) -> _CitationIndex:
        sentences: dict[tuple[str, str], str] = {}
        for doc in documents:
            for para in doc.paragraphs:
                for s in para:
                    sentences.setdefault((doc.id, s.key), s.anchor)
        claims: dict[str, dict[str, set[str]]] = {}
        for claim in story.claims:
            members: dict[str, set[str]] = {}
            for member in claim.sentences:
                members.setdefault(member.article_id, set()).add(sentence_key(member.text))
            for wording in (claim.text, *(v.text for v in claim.variants)):
                claims.setdefault(sentence_key(wording), members)
        return cls({d.id: d for d in documents}, sentences, claims)

    def cite(self, text: str, source: str) -> Citation:
        """Point at the source's sentence in the claim the fused text words, or at the document."""
        doc = self.documents.get(source)
        if doc is None:
            return Citation(source, "")
        key = sentence_key(text)
        wanted = self.claims.get(key, {}).get(source, {key})
        anchor = next(
            (self.sentences[(source, w)] for w in sorted(wanted) if (source, w) in self.sentences), None
        )
        return Citation(source, anchor or doc.anchor)


def _fused_view(
    sentence: FusedSentence, index: _CitationIndex, conflicts: list[ConflictView], labels: dict[str, str]
) -> FusedView:
    citations = [index.cite(sentence.text, source) for source in sentence.sources]
    conflict_refs = [
        (conflicts[i].number, conflicts[i].anchor) for i in sentence.conflicts if 0 <= i < len(conflicts)
    ]
    unique = labels.get(sentence.unique_to, sentence.unique_to) if sentence.unique_to else None
    retold = [(v.text, [index.cite(v.text, source) for source in v.sources]) for v in sentence.retold]
    return FusedView(sentence.text, citations, conflict_refs, unique, retold)


def _conflict_view(number: int, anchor: str, conflict: Conflict) -> ConflictView:
    values: list[ValueView] = []
    reference = conflict.values[0].value if conflict.values else ""
    for k, value in enumerate(conflict.values):
        diff = word_diff(reference, value.value) if conflict.kind == "quote" and k > 0 else None
        values.append(ValueView(value.value, value.text, list(value.sources), diff))
    return ConflictView(number, anchor, conflict.kind, conflict.subject, values)


_MD_SPECIAL = str.maketrans({c: f"\\{c}" for c in "\\`*_[]<>|"})
_MD_BLOCK_START = re.compile(r"[#+\-]|\d+[.)]")


def markdown_escape(text: str | None) -> str:
    r"""Escape text so Markdown shows it literally, on one line (safe inside table cells).

    A leading ``#``, ``-``, ``+`` or ``1.`` would start a heading or a list, so its marker is
    escaped too.

    >>> print(markdown_escape("a | <b>"))
    a \| \<b\>
    >>> print(markdown_escape("1. Not a list"))
    1\. Not a list
    """
    if not text:
        return ""
    flat = " ".join(text.split()).translate(_MD_SPECIAL)
    start = _MD_BLOCK_START.match(flat)
    if start:
        cut = start.end() - 1
        flat = f"{flat[:cut]}\\{flat[cut:]}"
    return flat


def _noun(n: int, singular: str, plural: str | None = None) -> str:
    """The noun that goes with a count: ``story`` for 1, ``stories`` otherwise."""
    return singular if n == 1 else plural or f"{singular}s"


def _count(n: int, singular: str, plural: str | None = None) -> str:
    """``1 story``, ``2 stories``: counts read naturally in headings and summaries."""
    return f"{n} {_noun(n, singular, plural)}"


def _markdown_code(text: str) -> str:
    """Text for inside a code span in a table cell: no backticks, pipes escaped (GFM tables)."""
    return " ".join(text.split()).replace("`", "'").replace("|", "\\|")


def _markdown_ids(ids: Iterable[str]) -> str:
    """Article ids as code spans: ```a`, `b```. A filter, not a macro: it runs for every citation."""
    return ", ".join(f"`{_markdown_code(i)}`" for i in ids)


def _html_ids(ids: Iterable[str]) -> Markup:
    """Article ids as escaped ``<code>`` elements, joined by commas."""
    return Markup(", ").join(Markup("<code>{}</code>").format(i) for i in ids)


_ENVIRONMENTS: dict[bool, jinja2.Environment] = {}


def _template(name: str, *, autoescape: bool) -> jinja2.Template:
    env = _ENVIRONMENTS.get(autoescape)
    if env is None:
        env = jinja2.Environment(
            loader=jinja2.PackageLoader("storyfuse", "templates"),
            autoescape=autoescape,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        env.filters["md"] = markdown_escape
        env.filters["ids"] = _html_ids if autoescape else _markdown_ids
        env.filters["count"] = _count
        env.filters["noun"] = _noun
        _ENVIRONMENTS[autoescape] = env
    return env.get_template(name)
