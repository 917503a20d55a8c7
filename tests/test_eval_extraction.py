"""Evaluation gate: storyfuse's extraction F1 on two public gold sets must not regress.

The gold pages live outside the repository (``../shared/data/extraction``, third-party text that is
never committed); the gate tests are skipped when that folder is absent, so a bare clone passes.
Scoring and page loading are the benchmark's own (``benchmarks/extraction.py``), so the gate and
the published table cannot drift apart. The flattening tests at the end need no data.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
bench = importlib.import_module("extraction")

# Pinned minimums, on all pages (181 AEB, 709 WCXB articles with a gold body), just below the F1
# measured on 2026-11-23 (the cleaner is deterministic); the four runs take about 35 s of CPU on
# one core. The text pins were raised after the URL-slug headline rule, then after the
# comment-count, age-stamp and carousel rules.
MIN_F1_AEB_HTML = 0.95  # measured 0.9604
MIN_F1_AEB_TEXT = 0.895  # measured 0.9014
MIN_F1_WCXB_HTML = 0.935  # measured 0.9425
MIN_F1_WCXB_TEXT = 0.90  # measured 0.9067

needs_data = pytest.mark.skipif(not bench.DATA.is_dir(), reason="../shared/data/extraction not present")
SYSTEMS = {"html": bench.System("html", "storyfuse", bench.storyfuse_html)}
SYSTEMS["text"] = bench.System("text", "storyfuse", bench.storyfuse_text)


@pytest.fixture(scope="module")
def pages() -> dict[str, list[Any]]:
    return {
        "aeb": bench.load_pages(bench.DATA, bench.DATASETS["aeb"]),
        "wcxb": bench.load_pages(bench.DATA, bench.DATASETS["wcxb"]),
    }


@needs_data
@pytest.mark.parametrize(
    ("dataset", "track", "minimum"),
    [
        ("aeb", "html", MIN_F1_AEB_HTML),
        ("aeb", "text", MIN_F1_AEB_TEXT),
        ("wcxb", "html", MIN_F1_WCXB_HTML),
        ("wcxb", "text", MIN_F1_WCXB_TEXT),
    ],
)
def test_storyfuse_f1_stays_above_pinned_minimum(
    pages: dict[str, list[Any]], dataset: str, track: str, minimum: float
) -> None:
    run = bench.evaluate(pages[dataset], bench.DATASETS[dataset], SYSTEMS[track])
    assert run.scores.f1 >= minimum, f"{dataset}/{track} F1 {run.scores.f1:.3f} fell below {minimum}"
    assert run.failures == 0, f"storyfuse raised on {run.failures} {dataset} pages ({track})"


def test_flattening_puts_each_block_on_its_own_line_and_keeps_chrome() -> None:
    page = """<html><head><title>Tab title</title><style>p {color: red}</style></head><body>
      <nav><ul><li>Home</li><li>World</li></ul></nav>
      <article><h1>Storm hits coast</h1>
        <p>Winds of <b>120 km/h</b>
           tore roofs off.<script>track();</script> Power is out.</p>
        <!-- ad slot --><p>Schools stay shut.</p></article>
      <footer>About us<br>Contact</footer></body></html>"""
    assert bench.flatten_html(page).split("\n") == [
        "Home",
        "World",
        "Storm hits coast",
        "Winds of 120 km/h tore roofs off. Power is out.",
        "Schools stay shut.",
        "About us",
        "Contact",
    ]


def test_flattening_keeps_line_breaks_inside_preformatted_text() -> None:
    assert bench.flatten_html("<body><p>Table:</p><pre>a  1\nb  2</pre></body>") == "Table:\na 1\nb 2"
