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
        for variant in sentence.retold:
            assert any(variant.text in by_id[source].body for source in variant.sources)
    # a sentence set aside as a retelling keeps its citation: every article is still cited
    assert {a for s in fused for v in [s, *s.retold] for a in v.sources} == set(by_id)
    # nothing is said twice
    texts = [s.text for s in fused]
    assert len(texts) == len(set(texts))


def _claim(text: str, sources: list[str], index: int = 0) -> ClaimGroup:
    members = [Sentence(source, 0, index, text) for source in sources]
    return ClaimGroup(text, sources, len(sources), [Variant(text, sources)], members, 0.0)


SHOOTING = "A 3-year-old boy was shot in the leg outside a bakery on Hewitt Avenue on Monday night."
GETAWAY = "Witnesses said the gunman fled north in a dark sedan."
HOSPITAL = "The boy was taken to Children's Hospital in stable condition."
# a rewrite that tells the shooting and the getaway again in one sentence
RETOLD = "The 3-year-old boy was shot in the leg outside the Hewitt Avenue bakery, and the gunman fled in a dark sedan."


def _bakery_story(retold: str = RETOLD) -> tuple[list[Article], list[ClaimGroup]]:
    claims = [
        _claim(SHOOTING, ["wire", "copy", "local"], 0),
        _claim(GETAWAY, ["wire", "copy"], 1),
        _claim(retold, ["rewrite"], 0),
        _claim(HOSPITAL, ["local"], 1),
    ]
    bodies: dict[str, list[str]] = {"wire": [], "copy": [], "local": [], "rewrite": []}
    for claim in claims:
        for source in claim.sources:
            bodies[source].append(claim.text)
    articles = [Article(id=i, path="", paragraphs=[" ".join(b)]) for i, b in bodies.items()]
    return articles, claims


def test_a_rewrite_that_retells_two_told_facts_is_kept_with_them_not_printed() -> None:
    articles, claims = _bakery_story()
    fused = fuse_story(articles, claims)
    assert [s.text for s in fused] == [SHOOTING, GETAWAY, HOSPITAL]
    # the retelling is kept, cited, with the claim that tells most of it
    assert fused[0].retold == [Variant(RETOLD, ["rewrite"])]
    assert fused[0].to_dict()["retold"] == [{"text": RETOLD, "sources": ["rewrite"]}]
    assert not fused[1].retold and "retold" not in fused[1].to_dict()
    assert fused[2].unique_to == "local"


def test_a_retelling_with_a_new_detail_is_printed() -> None:
    with_detail = RETOLD.replace("dark sedan", "dark sedan later found burned out near the Ohio River")
    fused = fuse_story(*_bakery_story(with_detail))
    assert with_detail in [s.text for s in fused]
    assert all(not s.retold for s in fused)


def test_a_retelling_with_a_new_number_is_printed() -> None:
    changed = RETOLD.replace("3-year-old", "4-year-old")
    assert changed in [s.text for s in fuse_story(*_bakery_story(changed))]


def test_a_sentence_negating_a_told_fact_is_printed() -> None:
    record = "The gunman has a long criminal record, police said."
    arrests = "Police made no arrests on Monday."
    denial = "The gunman has no criminal record, police said."
    claims = [_claim(record, ["wire", "copy"]), _claim(arrests, ["wire", "copy"]), _claim(denial, ["local"])]
    articles = [Article(id=i, path="", paragraphs=[record, arrests]) for i in ("wire", "copy")]
    articles.append(Article(id="local", path="", paragraphs=[denial]))
    fused = fuse_story(articles, claims)
    assert [s.text for s in fused] == [record, arrests, denial]


def test_a_retelling_a_conflict_quotes_stays_where_the_conflict_arises() -> None:
    articles, claims = _bakery_story()
    conflict = Conflict(
        "place",
        "bakery street",
        [ConflictValue("Hewitt", SHOOTING, ["wire"]), ConflictValue("x", RETOLD, ["rewrite"])],
    )
    fused = fuse_story(articles, claims, [conflict])
    assert [s.text for s in fused if s.conflicts == [0]] == [SHOOTING, RETOLD]


def test_a_claim_without_terms_is_printed_not_retold() -> None:
    dash = "—"
    claims = [_claim(SHOOTING, ["wire", "copy"]), _claim(dash, ["local"])]
    articles = [Article(id=i, path="", paragraphs=[SHOOTING]) for i in ("wire", "copy")]
    articles.append(Article(id="local", path="", paragraphs=[dash]))
    assert [s.text for s in fuse_story(articles, claims)] == [SHOOTING, dash]


def test_a_wording_of_a_claim_that_adds_a_detail_is_shown_beside_it() -> None:
    lede = "The city council approved the new harbour stadium on Tuesday."
    edit = "The city council approved the new harbour stadium late on Tuesday."
    detail = (
        "The council backed the harbour stadium on Tuesday; taxpayers will pay 40 million euros "
        "for its steel roof and a tram line to the docks."
    )
    wordings = [(lede, ["wire", "copy"]), (edit, ["edit"]), (detail, ["local"])]
    sentences = [Sentence(source, 0, 0, text) for text, sources in wordings for source in sources]
    claim = ClaimGroup(
        lede,
        ["wire", "copy", "edit", "local"],
        3,
        [Variant(text, sources) for text, sources in wordings],
        sentences,
        0.0,
    )
    articles = [Article(id=s.article_id, path="", paragraphs=[s.text]) for s in sentences]
    fused = fuse_story(articles, [claim])
    assert [s.text for s in fused] == [lede]
    # the cost and the tram line are told beside the lede; the light edit adds nothing
    assert [(v.text, v.sources) for v in fused[0].retold] == [(detail, ["local"])]
