from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from align_story import (
    COPY_PARAGRAPHS,
    LOCAL_PARAGRAPHS,
    REWRITE_PARAGRAPHS,
    UNIQUE_DETAIL,
    WIRE_PARAGRAPHS,
    story,
)
from storyfuse.align import align_claims
from storyfuse.fuse import fuse_story
from storyfuse.models import Article, ClaimGroup, Conflict, ConflictValue, FusedSentence, Sentence, Variant

ORIGINS = {"wire": "wire:AP", "copy": "wire:AP", "rewrite": "rewrite", "local": "local"}


def _fused(
    conflicts: list[Conflict] | None = None, origin_of: dict[str, str] | None = ORIGINS
) -> list[FusedSentence]:
    articles = story()
    claims = align_claims(articles, origin_of)
    return fuse_story(articles, claims, conflicts or [], origin_of=origin_of)


def test_story_told_once_in_narrative_order_with_sources() -> None:
    fused = _fused()
    texts = [s.text for s in fused]
    assert texts[0] == WIRE_PARAGRAPHS[0]
    assert fused[0].sources == ["wire", "copy", "rewrite", "local"]
    assert texts.index(WIRE_PARAGRAPHS[1]) < texts.index(WIRE_PARAGRAPHS[3]) < texts.index(WIRE_PARAGRAPHS[4])
    # one sentence per fact: the quote appears once although three outlets word it three ways
    assert sum("gave way in seconds" in t for t in texts) == 1
    assert len(fused) == 6


def test_unique_details_are_marked() -> None:
    fused = _fused()
    (unique,) = [s for s in fused if s.unique_to]
    assert (unique.text, unique.sources, unique.unique_to) == (UNIQUE_DETAIL, ["local"], "local")


def test_wording_of_most_independent_origins_wins_over_copies() -> None:
    # wire and copy repeat one wording, but they are one origin; with two independent outlets
    # agreeing on another wording, that one is used
    articles = story()
    twin = Article(id="twin", path="", paragraphs=[REWRITE_PARAGRAPHS[2]])
    articles.append(twin)
    origin_of = {**ORIGINS, "twin": "twin"}
    claims = align_claims(articles, origin_of)
    fused = fuse_story(articles, claims, origin_of=origin_of)
    rescue = next(s for s in fused if "critical condition" in s.text)
    assert rescue.text == REWRITE_PARAGRAPHS[2]
    assert rescue.sources == ["wire", "copy", "rewrite", "twin"]
    # counted as separate origins, the wire wording has two sources against two: alignment's pick stays
    plain = fuse_story(articles, align_claims(articles))
    assert next(s for s in plain if "critical condition" in s.text).text == WIRE_PARAGRAPHS[1]


def test_conflicts_attach_to_the_sentences_they_quote() -> None:
    conflict = Conflict(
        kind="number",
        subject="people injured",
        values=[
            ConflictValue("12", WIRE_PARAGRAPHS[0], ["wire", "copy"]),
            ConflictValue("14", REWRITE_PARAGRAPHS[0], ["rewrite"]),
        ],
    )
    unrelated = Conflict(
        kind="date", subject="x", values=[ConflictValue("1", "Nothing like this.", ["wire"])]
    )
    fused = _fused([unrelated, conflict])
    assert fused[0].conflicts == [1]
    assert all(not s.conflicts for s in fused[1:])


def test_claim_covered_by_a_longer_claim_is_dropped_and_its_conflicts_move() -> None:
    short = "Police arrested two men on Friday."
    long = "Police arrested two men on Friday and seized a stolen van near the harbour."
    other_number = "Police arrested three men on Friday."
    claims = [
        ClaimGroup(short, ["a"], 1, [Variant(short, ["a"])], [Sentence("a", 0, 0, short)], 0.0),
        ClaimGroup(long, ["b"], 1, [Variant(long, ["b"])], [Sentence("b", 0, 0, long)], 0.0),
        ClaimGroup(
            other_number, ["c"], 1, [Variant(other_number, ["c"])], [Sentence("c", 0, 0, other_number)], 0.0
        ),
    ]
    articles = [Article(id=i, path="", paragraphs=[c.text]) for i, c in zip("abc", claims, strict=True)]
    conflict = Conflict(
        "number",
        "men arrested",
        [ConflictValue("two", short, ["a"]), ConflictValue("3", other_number, ["c"])],
    )
    fused = fuse_story(articles, claims, [conflict])
    assert [s.text for s in fused] == [long, other_number]  # a different number is a different fact
    assert [s.conflicts for s in fused] == [[0], [0]]


def test_a_paragraph_printed_twice_is_told_once() -> None:
    repeated = "Rescue crews pulled four people from the water after the collapse of the old bridge."
    articles = [
        Article(id="a", path="", paragraphs=[repeated, "The river was high after a week of rain.", repeated]),
        Article(id="b", path="", paragraphs=[repeated]),
    ]
    fused = fuse_story(articles, align_claims(articles))
    assert [s.text for s in fused].count(repeated) == 1
    assert next(s for s in fused if s.text == repeated).sources == ["a", "b"]


def test_empty_story() -> None:
    assert fuse_story([], []) == []


_pool = [
    *WIRE_PARAGRAPHS,
    *COPY_PARAGRAPHS,
    *REWRITE_PARAGRAPHS,
    *LOCAL_PARAGRAPHS,
    "It rained. Nobody was hurt.",
]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_pool), min_size=1, max_size=6), min_size=1, max_size=4))
def test_every_fused_sentence_is_printed_verbatim_by_a_source(bodies: list[list[str]]) -> None:
    articles = [Article(id=f"a{i}", path="", paragraphs=body) for i, body in enumerate(bodies)]
    by_id = {a.id: a for a in articles}
    claims = align_claims(articles)
    fused = fuse_story(articles, claims)
    assert fused
    for sentence in fused:
        assert any(sentence.text in by_id[source].body for source in sentence.sources)
        assert sentence.unique_to is None or sentence.sources == [sentence.unique_to]
    # nothing is said twice
    texts = [s.text for s in fused]
    assert len(texts) == len(set(texts))
