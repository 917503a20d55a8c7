"""Tests for storyfuse.quotes: who states a fact, and quotations with their speaker."""

from __future__ import annotations

import pytest

from storyfuse.quotes import find_attribution, find_quotations, quote_speaker


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("The ministry estimates that 40 bridges were damaged.", "the ministry"),
        ("Ostrian police said 40 bridges were damaged.", "Ostrian police"),
        ("Forty bridges were damaged, the governor's office said.", "the governor's office"),
        (
            "According to its Transport Secretary Ian Holt, 40 bridges were damaged.",
            "Transport Secretary Ian Holt",
        ),
        ("She said 40 bridges were damaged.", None),
        ("According to a local translation, 40 bridges were damaged.", None),
    ],
)
def test_attribution(sentence: str, source: str | None) -> None:
    assert find_attribution(sentence, sentence.index("40") if "40" in sentence else 0) == source


def test_quotations_and_their_speaker() -> None:
    sentence = '"We will rebuild every school before winter," Education Minister Lena Varga said.'
    assert [q.raw for q in find_quotations(sentence)] == ["We will rebuild every school before winter"]
    assert find_quotations('She called it "a disgrace".') == []
    assert quote_speaker(sentence, []) == "Lena Varga"
    earlier = ["Varga praised the volunteers.", '"They worked day and night," she said.']
    assert quote_speaker('"Nobody will be left behind in this valley."', earlier) == "Varga"


def test_edited_quotations_are_not_compared() -> None:
    assert find_quotations('"He came to pick [the girl] up from school," she said.') == []
    assert find_quotations('"We respect her (the actress) and her family," he said.') == []
