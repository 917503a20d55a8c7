"""The B-cubed scorer of benchmarks/stories.py, checked on cases worked out by hand."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
stories_bench = importlib.import_module("stories")

GOLD = {"a": "s1", "b": "s1", "c": "s2", "d": "s2"}


def test_perfect_grouping_scores_one() -> None:
    assert stories_bench.bcubed([["a", "b"], ["c", "d"]], GOLD) == (1.0, 1.0, 1.0)


def test_everything_in_one_story_halves_precision() -> None:
    precision, recall, f1 = stories_bench.bcubed([["a", "b", "c", "d"]], GOLD)
    assert (precision, recall) == (0.5, 1.0)
    assert f1 == pytest.approx(2 / 3)


def test_unplaced_articles_are_singletons() -> None:
    precision, recall, _ = stories_bench.bcubed([["a", "b"]], GOLD)
    assert precision == 1.0
    assert recall == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
