"""End to end on the bundled example corpus: the results examples/README.md promises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyfuse.cli import main
from storyfuse.models import Conflict, Report, Story
from storyfuse.pipeline import PipelineOptions, fuse_paths

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(scope="module")
def report() -> Report:
    return fuse_paths([CORPUS])


def _story(report: Report, member: str) -> Story:
    return next(s for s in report.stories if member in s.documents)


def _conflicts(story: Story, kind: str) -> list[Conflict]:
    return [c for c in story.conflicts if c.kind == kind]


def test_three_stories_with_the_expected_articles(report: Report) -> None:
    assert len(report.documents) == 12 and not report.problems
    assert sorted(sorted(s.documents) for s in report.stories) == [
        [
            "ferry-afp-wire",
            "ferry-coastline-times",
            "ferry-harbor-ledger",
            "ferry-northgate-herald",
            "ferry-valley-courier",
        ],
        ["quillon-afp-wire", "quillon-aldsburg-tribune", "quillon-harbor-ledger", "quillon-metro-daily"],
        ["wildfire-northgate-herald", "wildfire-ridgeline-post", "wildfire-valley-courier"],
    ]


def test_duplicate_pairs_are_typed(report: Report) -> None:
    kinds = {frozenset((d.a, d.b)): d.kind for d in report.duplicates}
    assert kinds[frozenset(("quillon-afp-wire", "quillon-metro-daily"))] == "exact"
    assert kinds[frozenset(("ferry-afp-wire", "ferry-harbor-ledger"))] == "near"
    assert kinds[frozenset(("wildfire-ridgeline-post", "wildfire-valley-courier"))] == "near"
    assert kinds[frozenset(("quillon-afp-wire", "quillon-harbor-ledger"))] == "containment"
    assert kinds[frozenset(("quillon-metro-daily", "quillon-harbor-ledger"))] == "containment"
    assert any(k == "paraphrase" and "ferry-valley-courier" in pair for pair, k in kinds.items())
    independent = {"quillon-aldsburg-tribune", "wildfire-northgate-herald"}
    assert not [p for p in kinds if p & independent]


def test_cleaning_removed_chrome_and_kept_the_story(report: Report) -> None:
    docs = {d.id: d for d in report.documents}
    ledger = docs["ferry-harbor-ledger"]
    assert "300 passengers" not in ledger.body  # the related-link headline of another story
    assert any("300" in r.text and r.reason == "related link" for r in ledger.removed)
    assert "Remind me later" not in docs["ferry-coastline-times"].body
    courier = docs["ferry-valley-courier"].body
    first = courier.split("\n\n")[3]
    assert courier.count(first) == 1
    assert docs["ferry-afp-wire"].agency == "AFP"
    assert docs["ferry-coastline-times"].url and docs["ferry-coastline-times"].url.startswith("https://")


def test_ferry_conflicts_title_and_quote_but_not_name_spelling(report: Report) -> None:
    story = _story(report, "ferry-afp-wire")
    titles = _conflicts(story, "title")
    assert [sorted(v.value for v in c.values) for c in titles] == [["Prime Minister", "Transport Minister"]]
    assert titles[0].values[-1].sources == ["ferry-valley-courier"] or "ferry-valley-courier" in {
        s for v in titles[0].values for s in v.sources
    }
    quotes = _conflicts(story, "quote")
    assert quotes and any("within weeks" in v.text for v in quotes[0].values)
    assert any("within days" in v.text for v in quotes[0].values)
    assert not _conflicts(story, "name")  # Aleksei / Alexei Morozov is one person


def _numbers(story: Story) -> list[list[tuple[str, list[str]]]]:
    return [[(v.value, sorted(v.sources)) for v in c.values] for c in _conflicts(story, "number")]


def test_number_conflicts_of_every_story(report: Report) -> None:
    ferry = _numbers(_story(report, "ferry-afp-wire"))
    wire_side = ["ferry-afp-wire", "ferry-coastline-times", "ferry-harbor-ledger", "ferry-northgate-herald"]
    assert ferry == [[("240", wire_side), ("up to 300 (Tomas Brenner)", ["ferry-valley-courier"])]]
    quillon = _numbers(_story(report, "quillon-afp-wire"))
    wire_side = ["quillon-afp-wire", "quillon-harbor-ledger", "quillon-metro-daily"]
    assert quillon == [[("$1.2 billion", wire_side), ("$1.5 billion", ["quillon-aldsburg-tribune"])]]
    wildfire = _story(report, "wildfire-ridgeline-post")
    by_subject = {c.subject: [v.value for v in c.values] for c in _conflicts(wildfire, "number")}
    assert by_subject["hectares"] == ["about 4,000", "4,500 (officials)"]
    assert [v.split(" (")[0] for v in by_subject["percent"]] == ["less than 10%", "about 20%"]


def test_wildfire_copy_errors_are_place_and_date_conflicts_ranked_below_numbers(report: Report) -> None:
    story = _story(report, "wildfire-ridgeline-post")
    (place,) = _conflicts(story, "place")
    assert [(v.value, v.sources) for v in place.values] == [
        ("Millbrook", ["wildfire-ridgeline-post"]),
        ("Kestow", ["wildfire-valley-courier"]),
    ]
    (day,) = _conflicts(story, "date")
    assert [v.value for v in day.values] == ["2026-07-21 (Tuesday)", "2026-07-20 (Monday)"]
    kinds = [c.kind for c in story.conflicts]
    assert kinds.index("place") > kinds.index("number") and kinds.index("date") > kinds.index("number")


def test_ferry_has_one_wire_origin_and_cited_fusion(report: Report) -> None:
    story = _story(report, "ferry-afp-wire")
    assert story.origins == ["wire:AFP"]
    copies = {e.copy for e in story.lineage}
    assert {"ferry-harbor-ledger", "ferry-coastline-times", "ferry-northgate-herald"} <= copies
    bodies = {d.id: d.body for d in report.documents}
    assert story.fused
    for sentence in story.fused:
        assert sentence.sources
        assert all(src in story.documents for src in sentence.sources)
    keys = [" ".join(s.text.lower().split()) for s in story.fused]
    assert len(keys) == len(set(keys)), "a fact is repeated in the fused account"
    assert any(sentence.text in bodies[sentence.sources[0]] for sentence in story.fused)


def test_cli_fuse_on_the_example_writes_the_contract(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["fuse", str(CORPUS), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert set(data) >= {"documents", "duplicates", "stories"}
    doc = data["documents"][0]
    assert set(doc) >= {
        "id",
        "path",
        "outlet",
        "title",
        "published",
        "byline",
        "url",
        "agency",
        "body",
        "removed",
    }
    story = data["stories"][0]
    assert set(story) >= {"id", "title", "documents", "lineage", "claims", "conflicts", "fused"}
    claim = story["claims"][0]
    assert set(claim) >= {"text", "sources", "independent_sources", "variants"}
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "Transport Minister" in html and "http://" not in html.split("<body", 1)[0]


def test_readme_shows_the_summary_the_quick_start_prints(tmp_path: Path) -> None:
    """The project README quotes the summary line of its quick start; a change in what storyfuse
    finds in the example corpus must update that quote too."""
    result = CliRunner().invoke(main, ["fuse", str(CORPUS), "--out", str(tmp_path), "-q"])
    assert result.exit_code == 0, result.output
    summary = result.output.splitlines()[0]
    assert summary.startswith("3 stories")
    readme = (CORPUS.parents[1] / "README.md").read_text(encoding="utf-8")
    assert summary in readme.splitlines()


def test_stories_built_on_two_processes_equal_one(report: Report) -> None:
    parallel = fuse_paths([CORPUS], PipelineOptions(workers=2))
    assert [s.to_dict() for s in parallel.stories] == [s.to_dict() for s in report.stories]
