"""Tests of the RENDER stage on hand-built reports: JSON twin, Markdown and the offline HTML page."""

from __future__ import annotations

import itertools
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyfuse.models import (
    Article,
    ClaimGroup,
    Conflict,
    ConflictValue,
    DuplicateRelation,
    FusedSentence,
    LineageEdge,
    Problem,
    Removed,
    Report,
    Sentence,
    Story,
    Variant,
)
from storyfuse.render import (
    build_view,
    markdown_escape,
    render_all,
    render_html,
    render_json,
    render_markdown,
    sentence_key,
    sentence_marks,
    word_diff,
)

LEAD = "A commuter train derailed near Brookfield on Monday, injuring 23 people, the rail operator said."
LEAD_COPY = "A commuter train derailed near Brookfield on Monday, injuring 23 people, the rail operator said."
LEAD_REWRITE = (
    "Up to 30 people were hurt when a commuter train came off the tracks near Brookfield on Monday."
)
QUOTE_DAYS = '"We expect to reopen the line within days," Transport Secretary Nadia Osei said.'
QUOTE_WEEKS = '"We expect to reopen the line within weeks," Transport Secretary Nadia Osei said.'
SIGNAL = "Investigators were examining a signal box about 200 metres from the crash site."
LOCAL = "Brookfield council opened the community hall for stranded passengers."
HOSTILE = "Readers saw <script>alert(1)</script> in the comments | and pipes."


def _article(doc_id: str, outlet: str, paragraphs: list[str], **extra: str | None) -> Article:
    return Article(
        id=doc_id,
        path=f"/corpus/{doc_id}.txt",
        paragraphs=paragraphs,
        title=extra.get("title", f"Train derails near Brookfield ({outlet})"),
        published=extra.get("published", "2026-05-04"),
        outlet=outlet,
        url=extra.get("url", f"https://{doc_id}.example/train"),
        agency=extra.get("agency"),
        removed=[Removed("Subscribe for 1 euro a month", "subscription prompt")],
    )


def _claim(text: str, members: list[tuple[str, str]], independent: int = 1) -> ClaimGroup:
    sources = sorted({doc_id for doc_id, _ in members})
    variants: dict[str, list[str]] = {}
    for doc_id, wording in members:
        variants.setdefault(wording, []).append(doc_id)
    return ClaimGroup(
        text=text,
        sources=sources,
        independent_sources=independent,
        variants=[Variant(w, ids) for w, ids in variants.items()],
        sentences=[Sentence(doc_id, 0, k, wording) for k, (doc_id, wording) in enumerate(members)],
    )


def build_report() -> Report:
    """A wire story, an exact syndicated copy and a rewrite that disagrees on a figure and a quote."""
    wire = _article("wire", "Example Wire", [LEAD, f"{QUOTE_DAYS} {SIGNAL}"], agency="AFP")
    copy = _article("copy", "Daily Example", [LEAD_COPY, f"{QUOTE_DAYS} {SIGNAL}"], agency="AFP")
    rewrite = _article(
        "rewrite",
        "Valley Example",
        [LEAD_REWRITE, QUOTE_WEEKS, f"{LOCAL} {HOSTILE}"],
        url="javascript:alert(2)",
    )
    stray = _article(
        "stray", "Elsewhere Gazette", ["A bakery in Millbrook won a regional prize for its rye bread."]
    )
    conflicts = [
        Conflict(
            "number",
            "people injured",
            [ConflictValue("23", LEAD, ["wire", "copy"]), ConflictValue("30", LEAD_REWRITE, ["rewrite"])],
            severity=0.8,
        ),
        Conflict(
            "quote",
            "Nadia Osei",
            [
                ConflictValue("We expect to reopen the line within days", QUOTE_DAYS, ["wire", "copy"]),
                ConflictValue("We expect to reopen the line within weeks", QUOTE_WEEKS, ["rewrite"]),
            ],
            severity=0.6,
        ),
    ]
    claims = [
        _claim(LEAD, [("wire", LEAD), ("copy", LEAD_COPY), ("rewrite", LEAD_REWRITE)]),
        _claim(QUOTE_DAYS, [("wire", QUOTE_DAYS), ("copy", QUOTE_DAYS), ("rewrite", QUOTE_WEEKS)]),
        _claim(SIGNAL, [("wire", SIGNAL), ("copy", SIGNAL)]),
        _claim(LOCAL, [("rewrite", LOCAL)]),
        _claim(HOSTILE, [("rewrite", HOSTILE)]),
    ]
    story = Story(
        id="story-1",
        title="Commuter train derails near Brookfield",
        documents=["wire", "copy", "rewrite", "gone"],
        lineage=[
            LineageEdge("wire", "copy", ["AFP credit", "exact copy"]),
            LineageEdge("wire", "rewrite", ["paraphrase of 3 of 3 sentences"]),
        ],
        claims=claims,
        conflicts=conflicts,
        fused=[
            FusedSentence(LEAD, ["wire", "copy", "rewrite"], conflicts=[0]),
            FusedSentence(QUOTE_DAYS, ["wire", "copy", "rewrite"], conflicts=[1]),
            FusedSentence(SIGNAL, ["wire", "copy"]),
            FusedSentence(HOSTILE, ["rewrite"], unique_to="rewrite"),
        ],
        origins=["wire"],
    )
    return Report(
        documents=[wire, copy, rewrite, stray],
        duplicates=[
            DuplicateRelation("wire", "copy", "exact", 1.0),
            DuplicateRelation("wire", "rewrite", "paraphrase", 0.6667),
        ],
        stories=[story],
        problems=[Problem("/corpus/broken.html", "binary file (contains NUL bytes), not text")],
    )


class _Collector(HTMLParser):
    """Collects tags, attributes and script bodies, to inspect the page as a browser would."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report()


@pytest.fixture(scope="module")
def page(report: Report) -> str:
    return render_html(report)


def test_json_is_the_contract_plus_a_summary(report: Report) -> None:
    data = json.loads(render_json(report))
    assert next(iter(data)) == "summary"
    assert data["summary"] == {
        "stories": 1,
        "articles": 4,
        "duplicates": {"exact": 1, "near": 0, "containment": 0, "paraphrase": 1, "total": 2},
        "conflicts": 2,
        "conflicts_by_kind": {"number": 1, "quote": 1},
        "problems": 1,
    }
    without_summary = {k: v for k, v in data.items() if k != "summary"}
    assert without_summary == json.loads(json.dumps(report.to_dict()))


def test_json_keeps_non_ascii_text_readable() -> None:
    doc = Article("zurich", "/z.txt", ["Der Stadtrat von Zürich tagte am Montag."])
    out = render_json(Report(documents=[doc], duplicates=[], stories=[]))
    assert "Zürich" in out
    assert "\n  " in out, "indented"


def test_json_puts_each_document_duplicate_and_story_on_a_line_of_its_own(report: Report) -> None:
    lines = render_json(report).split("\n")
    for key in ("documents", "duplicates", "stories", "problems"):
        start = lines.index(f'  "{key}": [')
        end = next(n for n in range(start, len(lines)) if lines[n].startswith("  ]"))
        items = [json.loads(line.rstrip(",")) for line in lines[start + 1 : end]]
        assert items == json.loads(json.dumps(report.to_dict()[key]))


def test_html_escapes_article_markup(page: str) -> None:
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = _Collector()
    parsed.feed(page)
    assert not any(tag == "script" for tag, _ in parsed.tags)


def test_html_is_self_contained(page: str) -> None:
    parsed = _Collector()
    parsed.feed(page)
    for tag, attrs in parsed.tags:
        assert tag not in {"link", "iframe", "img", "object", "embed"}, tag
        if tag == "script":
            assert "src" not in attrs
    style = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in style and "@import" not in style and "@font-face" not in style
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv"))
    assert csp is not None and "default-src 'none'" in csp


def test_html_never_links_a_javascript_url(page: str) -> None:
    parsed = _Collector()
    parsed.feed(page)
    hrefs = [a.get("href") or "" for t, a in parsed.tags if t == "a"]
    assert "https://wire.example/train" in hrefs
    assert not [h for h in hrefs if h.lower().startswith("javascript:")]
    assert "javascript:alert(2)" in page, "shown as inert text"


def test_html_citations_point_at_the_supporting_sentences(page: str) -> None:
    ids = set(re.findall(r'id="([^"]+)"', page))
    targets = re.findall(r'href="#([^"]+)"', page)
    assert targets, "the page has internal links"
    assert set(targets) <= ids, "every internal link has a target"
    # The rewrite supports the quote claim with its own wording; the citation lands on it.
    fused_quote = page[page.index("We expect to reopen the line within days") :]
    rewrite_cite = re.search(r'<a href="#([^"]+)">rewrite</a>', fused_quote)
    assert rewrite_cite is not None
    target = page[page.index(f'id="{rewrite_cite.group(1)}"') :]
    assert target.split("</mark>")[0].endswith(QUOTE_WEEKS.replace('"', "&#34;"))


def test_html_flags_conflicts_and_unique_sentences(page: str) -> None:
    fused = page[page.index('<ol class="fused">') : page.index("</ol>", page.index('<ol class="fused">'))]
    assert fused.count("has-conflict") == 2
    assert fused.count('class="is-unique"') == 1
    assert "only in Valley Example" in fused
    assert "<del>days</del> <ins>weeks</ins>" in page
    for kind in ("number", "quote"):
        assert f'<span class="badge kind">{kind}</span>' in page


def test_html_side_by_side_marks_each_sentence(page: str) -> None:
    def mark_of(sentence: str, doc_anchor_prefix: str) -> str:
        escaped = sentence.replace('"', "&#34;").replace("<", "&lt;").replace(">", "&gt;")
        pattern = rf'<mark class="(\w+)" id="{doc_anchor_prefix}[^"]*">{re.escape(escaped)}</mark>'
        found = re.search(pattern, page)
        assert found, sentence
        return found.group(1)

    # Document order in the story: wire d0, copy d1, rewrite d2.
    assert mark_of(SIGNAL, "s1-d0") == "shared"
    assert mark_of(LEAD, "s1-d0") == "conflict"
    assert mark_of(QUOTE_WEEKS, "s1-d2") == "conflict"
    assert mark_of(LOCAL, "s1-d2") == "unique"


def test_html_lists_removed_parts_duplicates_problems_and_strays(page: str) -> None:
    assert page.count("subscription prompt") == 4, "one removed part per document, strays included"
    assert "Articles outside any story" in page and "bakery in Millbrook" in page
    assert "skipped /corpus/broken.html: binary file" in page
    assert '<td>paraphrase</td><td class="num">0.667</td>' in page
    assert "Not in this report" in page and "gone" in page


def test_view_classifies_sentences_without_templates(report: Report) -> None:
    view = build_view(report)
    story = view.stories[0]
    assert [d.id for d in story.documents] == ["wire", "copy", "rewrite"]
    assert story.missing == ["gone"]
    assert story.wire == [("AFP", ["wire", "copy"])]
    assert [u.id for u in view.unassigned] == ["stray"]
    marks = sentence_marks(report.stories[0])
    assert marks[("copy", sentence_key(SIGNAL))] == "shared"
    assert marks[("rewrite", sentence_key(LOCAL))] == "unique"
    assert marks[("rewrite", sentence_key(QUOTE_WEEKS))] == "conflict"


def test_sentence_key_absorbs_quotes_case_and_spacing() -> None:
    assert sentence_key("\u201cThe line  will reopen,\u201d she said.") == sentence_key(
        '"the line will reopen," She said.'
    )
    assert sentence_key("The line will reopen.") != sentence_key("The line will not reopen.")


def test_bodies_are_split_like_the_aligner_when_claims_do_not_cover_them() -> None:
    doc = Article(
        "solo", "/solo.txt", ["The mayor resigned on Friday. Her deputy takes over.", "No vote is due."]
    )
    claim = ClaimGroup(
        "The mayor resigned on Friday.",
        ["solo"],
        1,
        [Variant("The mayor resigned on Friday.", ["solo"])],
        sentences=[Sentence("solo", 0, 0, "The mayor resigned on Friday.")],
    )
    story = Story("s", "Mayor resigns", ["solo"], claims=[claim])
    view = build_view(Report(documents=[doc], duplicates=[], stories=[story]))
    paragraphs = view.stories[0].documents[0].paragraphs
    assert [[(s.text, s.mark) for s in para] for para in paragraphs] == [
        [("The mayor resigned on Friday.", "unique"), ("Her deputy takes over.", "plain")],
        [("No vote is due.", "plain")],
    ]


def test_markdown_has_every_section_and_escapes(report: Report) -> None:
    md = render_markdown(report)
    for heading in ("# storyfuse report", "## Story 1:", "### Documents", "### Lineage", "### Fused account"):
        assert heading in md
    for heading in ("### Conflicts", "### Claims", "### Sources", "## Duplicates", "## Problems"):
        assert heading in md
    assert "<script>" not in md
    assert "\\<script\\>" in md
    assert "comments \\| and pipes" in md
    assert "~~days~~ **weeks**" in md
    assert "⚠ conflict 1" in md
    assert "(only in Valley Example)" in md
    assert "`copy` ← `wire`: AFP credit; exact copy" in md
    assert "javascript:alert(2)" in md and "<javascript:" not in md


def test_markdown_tables_keep_their_column_count(report: Report) -> None:
    md = render_markdown(report)
    for block in re.split(r"\n\s*\n", md):
        lines = [line for line in block.splitlines() if line.startswith("|")]
        if len(lines) < 2:
            continue
        widths = {len(re.findall(r"(?<!\\)\|", line)) for line in lines}
        assert len(widths) == 1, block


def test_empty_report_renders_everywhere() -> None:
    empty = Report(documents=[], duplicates=[], stories=[])
    assert json.loads(render_json(empty))["summary"]["stories"] == 0
    assert "Every input was read." in render_markdown(empty)
    assert "No duplicates." in render_html(empty)


def test_word_diff_marks_the_changed_words() -> None:
    segments = word_diff("restore safe service within days", "restore safe services within weeks")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "restore safe"),
        ("delete", "service"),
        ("insert", "services"),
        ("equal", "within"),
        ("delete", "days"),
        ("insert", "weeks"),
    ]


@given(st.text(max_size=80), st.text(max_size=80))
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    segments = word_diff(old, new)
    before = " ".join(s.text for s in segments if s.op != "insert")
    after = " ".join(s.text for s in segments if s.op != "delete")
    assert before == " ".join(old.split())
    assert after == " ".join(new.split())
    assert all(a.op != b.op for a, b in itertools.pairwise(segments)), "runs are merged"


def test_markdown_escape_defuses_block_markers() -> None:
    assert markdown_escape("# Breaking") == "\\# Breaking"
    assert markdown_escape("- a dash") == "\\- a dash"
    assert markdown_escape("2026. A year") == "2026\\. A year"
    assert markdown_escape("Line one\nline two") == "Line one line two"
    assert markdown_escape(None) == ""


@given(st.text(max_size=60))
def test_markdown_escape_leaves_no_active_markup(text: str) -> None:
    escaped = markdown_escape(text)
    assert "\n" not in escaped
    assert not re.search(r"(?<!\\)[<>|`*_\[\]]", escaped.replace("\\\\", ""))


def test_render_all_equals_the_single_renderers(report: Report) -> None:
    assert render_all(report) == {
        "report.json": render_json(report),
        "report.md": render_markdown(report),
        "report.html": render_html(report),
    }


def test_unknown_outlet_stays_empty_instead_of_showing_the_id() -> None:
    article = Article(id="doc-7f3a", path="doc-7f3a.txt", paragraphs=["Crews reopened the pass on Monday."])
    story = Story(id="story-001", title="Pass reopens", documents=["doc-7f3a"])
    report = Report(documents=[article], duplicates=[], stories=[story])
    row = next(line for line in render_markdown(report).splitlines() if line.startswith("| `doc-7f3a`"))
    assert row.split("|")[2].strip() == ""
    html = render_html(report)
    assert "<td>doc-7f3a</td>" not in html


def test_retold_wordings_are_shown_with_their_citations() -> None:
    report = build_report()
    signal = report.stories[0].fused[2]
    signal.retold = [Variant(LOCAL, ["rewrite"])]
    md = render_markdown(report)
    assert f"{SIGNAL} [wire, copy]\n    - also told as: {LOCAL} [rewrite]\n" in md
    html = render_html(report)
    retold = html[html.index('<ul class="retold">') :].split("</ul>")[0]
    assert LOCAL in retold
    cite = re.search(r'<a href="#([^"]+)">rewrite</a>', retold)
    assert cite is not None
    target = html[html.index(f'id="{cite.group(1)}"') :]
    assert target.split("</mark>")[0].endswith(LOCAL)
