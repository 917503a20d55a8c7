"""Evaluation on the five real seed articles (one AFP story run by five sites).

The seeds live outside the repository (third-party text, never committed); the test is skipped
when ``../shared/seeds`` is absent, so a bare clone still passes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyfuse.models import Report
from storyfuse.pipeline import fuse_paths

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def report() -> Report:
    return fuse_paths([SEEDS])


def _doc_id(report: Report, prefix: str) -> str:
    return next(d.id for d in report.documents if d.id.startswith(prefix))


def test_one_story_with_all_five_articles(report: Report) -> None:
    assert len(report.documents) == 5
    assert len(report.stories) == 1
    assert len(report.stories[0].documents) == 5


def test_syndicated_copies_are_near_duplicates(report: Report) -> None:
    kinds = {frozenset((d.a[:3], d.b[:3])): d.kind for d in report.duplicates}
    assert kinds.get(frozenset(("001", "004"))) in {"near", "exact"}
    assert kinds.get(frozenset(("000", "003"))) == "near"


def test_donation_appeal_and_page_chrome_are_removed(report: Report) -> None:
    bodies = {d.id[:3]: d.body for d in report.documents}
    assert "Dear readers" not in bodies["001"]
    assert "Remind me later" not in bodies["001"]
    assert "support us monthly" not in bodies["001"]
    for chrome in (
        "HamberMenu",
        "Sign in to unlock",
        "Comments have to be in English",
        "Also Read",
        "Photo Credit",
    ):
        assert chrome not in bodies["003"], chrome
    assert "Related article" not in bodies["004"]
    assert "Original url" not in bodies["004"]
    assert "North Korea sent about 10,000 troops to Russia" not in bodies["003"]
    reasons = {r.reason for d in report.documents for r in d.removed}
    assert len(reasons) >= 4
    # the real paragraphs survive cleaning
    assert "Moscow signed a mutual defen" in bodies["003"]
    assert "stationed in the Kursk region" in bodies["004"]


def test_repeated_paragraph_is_kept_once(report: Report) -> None:
    body = next(d.body for d in report.documents if d.id.startswith("002"))
    assert body.count("The troop deployment rumors have not been refuted") == 1


def test_troop_figures_are_a_number_conflict(report: Report) -> None:
    conflicts = [c for c in report.stories[0].conflicts if c.kind == "number"]
    troop = [
        c
        for c in conflicts
        if any("8,000" in v.text for v in c.values) and any("10,000" in v.text for v in c.values)
    ]
    assert troop, [c.subject for c in conflicts]
    sources = {s[:3] for v in troop[0].values for s in v.sources}
    assert "002" in sources and len(sources) >= 3


def test_name_spellings_are_not_conflicts(report: Report) -> None:
    for conflict in report.stories[0].conflicts:
        if conflict.kind == "name":
            values = {v.value.replace("-", " ").lower() for v in conflict.values}
            assert values != {"choe son hui"}, conflict
