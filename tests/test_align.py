from __future__ import annotations

import importlib
import random
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align_story import COPY_PARAGRAPHS, LOCAL_PARAGRAPHS, UNIQUE_DETAIL, WIRE_PARAGRAPHS, story
from storyfuse import embeddings
from storyfuse.align import (
    AlignOptions,
    align_claims,
    find_compounds,
    sentence_similarity,
    sentence_terms,
    story_terms,
    term_idf,
    weighted_coverage,
)
from storyfuse.errors import OptionsError
from storyfuse.models import Article, ClaimGroup
from storyfuse.text import iter_sentences, normalized

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
paraphrase_bench = importlib.import_module("paraphrase")
MRPC = paraphrase_bench.MRPC


def _claim_with(claims: list[ClaimGroup], fragment: str) -> ClaimGroup:
    found = [c for c in claims if any(fragment in s.text for s in c.sentences)]
    assert len(found) == 1, f"{fragment!r} is in {len(found)} claims"
    return found[0]


# --- sentence_similarity -------------------------------------------------------------------


def test_paraphrase_scores_above_threshold_and_unrelated_below() -> None:
    threshold = AlignOptions().threshold
    same = sentence_similarity(
        "Police arrested two men in Harwick on Friday night.",
        "Two men were arrested by police in Harwick late on Friday.",
    )
    different = sentence_similarity(
        "Police arrested two men in Harwick on Friday night.",
        "The council approved a new budget for the library.",
    )
    assert same >= threshold > different


def test_hyphenated_and_spaced_names_are_one_term() -> None:
    assert sentence_terms("Mary Ann Kolby spoke", find_compounds(["Mary-Ann"])) == sentence_terms(
        "Mary-Ann Kolby spoke"
    )
    assert sentence_similarity("Chief Mary-Ann Kolby said so.", "Chief Mary Ann Kolby said so.") == 1.0


def test_idf_weights_rare_words_more() -> None:
    sentences = ["the mayor said", "the chief said", "the fire chief said", "the bridge collapsed"]
    idf = term_idf([sentence_terms(s) for s in sentences])
    assert idf["bridge"] > idf["chief"] > idf["the"]
    # sharing only a common word scores lower than sharing only a rare one
    assert sentence_similarity("the bridge fell", "the road fell", idf) < sentence_similarity(
        "the bridge fell", "a bridge fell", idf
    )


def test_weighted_coverage_is_share_of_part() -> None:
    part, whole = sentence_terms("two men arrested"), sentence_terms("police arrested two men on Friday")
    assert weighted_coverage(part, whole) == 1.0
    assert weighted_coverage(whole, part) == pytest.approx(0.5)


_words = st.sampled_from(
    ["bridge", "Bridge's", "river", "Mary-Ann", "Mary", "Ann", "12", "said", "the", "Kessel"]
)
_sentences = st.lists(_words, max_size=12).map(" ".join)


@given(_sentences, _sentences)
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    idf = term_idf([sentence_terms(a), sentence_terms(b), sentence_terms("the river")])
    for weights in (None, idf):
        forward, backward = sentence_similarity(a, b, weights), sentence_similarity(b, a, weights)
        assert forward == backward
        assert 0.0 <= forward <= 1.0


@given(_sentences.filter(lambda s: bool(sentence_terms(s))))
def test_similarity_of_a_sentence_with_itself_is_one(a: str) -> None:
    assert sentence_similarity(a, a) == 1.0


# --- align_claims ---------------------------------------------------------------------------


def test_copies_rewrites_and_merged_sentences_group_together() -> None:
    claims = align_claims(story())
    lede = _claim_with(claims, "collapsed on Monday evening")
    assert lede.sources == ["wire", "copy", "rewrite", "local"]
    quote = _claim_with(claims, "gave way in seconds")
    assert quote.sources == ["wire", "copy", "rewrite"]  # hyphen respelling and reported speech join
    rescue = _claim_with(claims, "critical condition")
    assert rescue.sources == ["wire", "copy", "rewrite"]
    # the local sentence merging two wire sentences links to its best match, the longer one
    built = _claim_with(claims, "built in 1978")
    assert built.sources == ["wire", "copy", "local"]
    unique = _claim_with(claims, "loose railings")
    assert unique.sources == ["local"] and unique.text == UNIQUE_DETAIL


def test_variants_representative_and_independent_sources() -> None:
    origin_of = {"wire": "wire:AP", "copy": "wire:AP", "rewrite": "rewrite", "local": "local"}
    claims = align_claims(story(), origin_of)
    rescue = _claim_with(claims, "critical condition")
    assert rescue.text == WIRE_PARAGRAPHS[1]  # the wording two articles share beats the rewrite
    assert [v.sources for v in rescue.variants] == [["wire", "copy"], ["rewrite"]]
    assert rescue.independent_sources == 2
    quote = _claim_with(claims, "gave way in seconds")
    # "Mary-Ann" and "Mary Ann" normalise differently, so they are separate wordings
    assert len({normalized(v.text) for v in quote.variants}) == len(quote.variants) == 3
    assert quote.text == WIRE_PARAGRAPHS[2]  # ties go to the earliest article
    assert _claim_with(align_claims(story()), "critical condition").independent_sources == 3


def test_claims_are_in_narrative_order_with_positions() -> None:
    claims = align_claims(story())
    positions = [c.position for c in claims]
    assert positions == sorted(positions)
    assert claims[0].sources == ["wire", "copy", "rewrite", "local"]
    lede = claims[0]
    assert lede.position == 0.0
    last_wire = _claim_with(claims, "Mayor Tom Ruddick")
    assert last_wire.position == pytest.approx((4 / 5 + 3 / 4) / 2)


def test_each_sentence_in_exactly_one_claim_and_one_per_article() -> None:
    articles = story()
    claims = align_claims(articles)
    members = Counter((s.article_id, s.index) for c in claims for s in c.sentences)
    expected = {(a.id, i) for a in articles for i, _ in enumerate(iter_sentences(a.paragraphs))}
    assert set(members) == expected and set(members.values()) == {1}
    for claim in claims:
        assert len(set(claim.sources)) == len(claim.sources) == len(claim.sentences)


def test_stricter_options_split_paraphrases() -> None:
    # Dice only: no containment or mutual-best links
    strict = AlignOptions(
        threshold=0.95, min_contained_terms=100, mutual_threshold=0.95, numbered_threshold=0.95
    )
    claims = align_claims(story(), options=strict)
    assert _claim_with(claims, "The deck gave way").sources == ["wire", "copy"]
    assert _claim_with(claims, "Fire chief Mary-Ann Kolby said").sources == ["rewrite"]


def test_two_facts_do_not_chain_through_a_sentence_stating_both() -> None:
    vote = "The council voted to close the library branch on Elm Street next spring."
    petition = "Residents collected 3,000 signatures against the closure of the branch in one week."
    merged = (
        "The council voted to close the library branch on Elm Street next spring, although residents "
        "collected 3,000 signatures against the closure of the branch in one week."
    )
    articles = [
        Article(id="vote", path="", paragraphs=[vote]),
        Article(id="merged", path="", paragraphs=[merged]),
        Article(id="petition", path="", paragraphs=[petition]),
    ]
    claims = align_claims(articles)
    assert len(claims) == 2  # the merged sentence joins one fact, the other stays apart
    claim_of = {s.article_id: c for c in claims for s in c.sentences}
    assert claim_of["vote"] is not claim_of["petition"]
    # without the cohesion rule the two facts chain into one claim
    loose = align_claims(articles, options=AlignOptions(cohesion=0.0))
    assert [c.sources for c in loose] == [["vote", "merged", "petition"]]


_FLOOD_WIRE = [
    "Flood waters forced the evacuation of 300 homes in Marlow on Tuesday.",
    "The town will rebuild the river wall, Mayor Ines Varga said.",
    '"Every family in Marlow will get help with the repairs to their homes and shops," she said.',
    "The council has set aside emergency funds for the clean-up.",
    "Rain is expected to ease by Thursday.",
]
_FLOOD_LEDE = "Flood waters rose in Marlow on Tuesday, and 300 families fled as the river burst its banks."
_FLOOD_MERGED = (
    "The town will rebuild the river wall, Mayor Ines Varga said, adding that every family in Marlow "
    "will get help with the repairs to their homes and shops."
)


def _flood(local_opening: list[str]) -> list[Article]:
    local = [*local_opening, _FLOOD_LEDE, _FLOOD_MERGED, "Forecasters expect the rain to ease by Thursday."]
    return [
        Article(id="wire", path="", paragraphs=_FLOOD_WIRE),
        Article(id="local", path="", paragraphs=local),
    ]


def test_ledes_join_at_the_lower_lede_threshold_only_when_both_open_their_article() -> None:
    idf = term_idf(story_terms([*_FLOOD_WIRE, _FLOOD_LEDE, _FLOOD_MERGED]))
    assert AlignOptions().lede_threshold <= sentence_similarity(_FLOOD_WIRE[0], _FLOOD_LEDE, idf) < 0.45
    assert _claim_with(align_claims(_flood([])), "evacuation of 300").sources == ["wire", "local"]
    # the same rewrite as a second sentence is not a lede: it stays apart (mutual links off)
    no_mutual = AlignOptions(mutual_threshold=0.45, numbered_threshold=0.45)
    later = align_claims(_flood(["Rain fell all week."]), options=no_mutual)
    assert _claim_with(later, "evacuation of 300").sources == ["wire"]
    strict = align_claims(
        _flood([]), options=AlignOptions(lede_threshold=0.45, mutual_threshold=0.45, numbered_threshold=0.45)
    )
    assert _claim_with(strict, "evacuation of 300").sources == ["wire"]


def test_sentence_merging_two_adjacent_sentences_joins_the_first_fact() -> None:
    idf = term_idf(story_terms([*_FLOOD_WIRE, _FLOOD_LEDE, _FLOOD_MERGED]))
    # Dice alone prefers the second (longer) sentence ...
    assert sentence_similarity(_FLOOD_MERGED, _FLOOD_WIRE[2], idf) > sentence_similarity(
        _FLOOD_MERGED, _FLOOD_WIRE[1], idf
    )
    claims = align_claims(_flood([]))
    # ... but the merged sentence takes the place of the first one in the narrative
    assert _claim_with(claims, "rebuild the river wall").sources == ["wire", "local"]
    assert _claim_with(claims, "Every family").sources == ["wire"]


def test_each_others_closest_sentences_join_at_the_lower_mutual_threshold() -> None:
    first, second = _BRIDGE
    idf = term_idf(story_terms([first, second, "It will snow.", "Rain is due."]))
    assert AlignOptions().mutual_threshold <= sentence_similarity(first, second, idf) < 0.45
    assert _claim_with(align_claims(_bridge(first, second)), "stay closed").sources == ["a", "b"]
    # a third sentence in b that is closer to the first takes the link: one fact, one partner
    closer = "The bridge will stay closed until engineers finish their work."
    rival = [
        *_bridge(first, second)[:1],
        Article(id="b", path="", paragraphs=["Road works begin soon.", second, closer, "Rain is due."]),
    ]
    claims = align_claims(rival)
    assert _claim_with(claims, "stay closed until engineers finish their inspection").sources == ["a", "b"]
    assert _claim_with(claims, "Engineers must finish").sources == ["b"]
    assert _claim_with(claims, "It will snow").sources == ["a"]  # nothing close: stays alone


_REPAIRS = (
    [
        "The bridge on Mill Lane will close on Monday for repairs.",
        "Repairs to the Mill Lane bridge should take two weeks, the council said.",
        "Drivers should use Station Road instead.",
    ],
    [
        "The Mill Lane bridge will close for repairs on Monday.",
        "The work is expected to last about two weeks.",
        "A detour will run along Station Road.",
    ],
)


def test_a_sentence_whose_closest_match_is_taken_still_meets_its_own_counterpart() -> None:
    first, second = _REPAIRS
    idf = term_idf(story_terms([*first, *second]))
    # the repairs sentence is closer to b's closure sentence, which a's closure sentence takes
    assert sentence_similarity(first[1], second[0], idf) > sentence_similarity(first[1], second[1], idf)
    assert sentence_similarity(first[1], second[1], idf) >= AlignOptions().mutual_threshold
    articles = [Article(id="a", path="", paragraphs=first), Article(id="b", path="", paragraphs=second)]
    claims = align_claims(articles)
    assert _claim_with(claims, "close on Monday").sources == ["a", "b"]
    assert _claim_with(claims, "take two weeks").sources == ["a", "b"]
    assert _claim_with(claims, "last about two weeks") is _claim_with(claims, "take two weeks")
    assert _claim_with(claims, "Drivers should use").sources == ["a"]  # below every threshold


def _hall(count: str) -> list[Article]:
    return [
        Article(
            id="a",
            path="",
            paragraphs=[
                "A gunman opened fire outside a community hall on Elm Street on Saturday night.",
                f"{count} people were standing in front of the hall when the first shots rang out, police said.",
                "Detectives are searching for a dark sedan.",
            ],
        ),
        Article(
            id="b",
            path="",
            paragraphs=[
                "Police are looking for the driver of a dark sedan after a shooting on Elm Street.",
                "The gunman shot four people in front of the hall before driving off.",
                "All of them are expected to recover.",
            ],
        ),
    ]


def test_a_weak_match_stating_other_numbers_is_another_fact() -> None:
    texts = [p for article in _hall("Seven") for p in article.paragraphs]
    idf = term_idf(story_terms(texts))
    score = sentence_similarity(texts[1], texts[4], idf)
    assert AlignOptions().numbered_threshold <= score < AlignOptions().mutual_threshold
    apart = align_claims(_hall("Seven"))
    assert _claim_with(apart, "standing in front").sources == ["a"]
    assert _claim_with(apart, "shot four people").sources == ["b"]
    # the same sentence with the same count (as a word or in digits) is the same fact
    for count in ("Four", "4"):
        joined = align_claims(_hall(count))
        assert _claim_with(joined, "standing in front").sources == ["a", "b"]
        assert _claim_with(joined, "shot four people").sources == ["a", "b"]


def _bridge(first: str, second: str) -> list[Article]:
    return [
        Article(id="a", path="", paragraphs=["The city council met on Tuesday.", first, "It will snow."]),
        Article(
            id="b", path="", paragraphs=["Road works on Main Street begin soon.", second, "Rain is due."]
        ),
    ]


_BRIDGE = (
    "The bridge will stay closed until engineers finish their inspection.",
    "Engineers must finish inspecting the bridge before it can reopen.",
)


@pytest.mark.skipif(not embeddings.available(), reason=f"optional: {embeddings.INSTALL_COMMAND}")
def test_embeddings_link_a_paraphrase_with_few_shared_words() -> None:
    lexical = align_claims(
        _bridge(*_BRIDGE), options=AlignOptions(mutual_threshold=0.45, numbered_threshold=0.45)
    )
    assert _claim_with(lexical, "stay closed").sources == ["a"]
    boosted = align_claims(_bridge(*_BRIDGE), options=AlignOptions(use_embeddings=True))
    assert _claim_with(boosted, "stay closed").sources == ["a", "b"]
    assert _claim_with(boosted, "It will snow").sources == ["a"]  # unrelated sentences stay apart


def test_embeddings_requested_but_missing_fail_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embeddings, "_model_files", lambda: None)
    embeddings._load.cache_clear()
    try:
        with pytest.raises(embeddings.EmbeddingsUnavailableError, match="pip install"):
            align_claims(_bridge(*_BRIDGE), options=AlignOptions(use_embeddings=True))
        assert len(align_claims(_bridge(*_BRIDGE))) == 5  # off by default: no packages needed
    finally:
        embeddings._load.cache_clear()


def test_empty_input_and_empty_articles() -> None:
    assert align_claims([]) == []
    assert align_claims([Article(id="x", path="", paragraphs=[])]) == []


@pytest.mark.parametrize(
    "kwargs",
    [
        {"threshold": 0.0},
        {"threshold": 1.5},
        {"containment": 0.0},
        {"min_contained_terms": 0},
        {"cohesion": 0.9},
        {"lede_threshold": 0.0},
        {"lede_threshold": 0.5},
        {"numbered_threshold": 0.0},
        {"numbered_threshold": 0.35},
        {"embedding_threshold": 0.0},
    ],
)
def test_bad_options_raise(kwargs: dict[str, float]) -> None:
    with pytest.raises(OptionsError, match="must be"):
        AlignOptions(**kwargs)  # type: ignore[arg-type]


_pool = [*WIRE_PARAGRAPHS, *COPY_PARAGRAPHS, *LOCAL_PARAGRAPHS, "It rained.", "Nobody was hurt."]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_pool), max_size=6), min_size=1, max_size=4))
def test_partition_invariant_on_random_articles(bodies: list[list[str]]) -> None:
    articles = [Article(id=f"a{i}", path="", paragraphs=body) for i, body in enumerate(bodies)]
    claims = align_claims(articles)
    members = Counter((s.article_id, s.index) for c in claims for s in c.sentences)
    expected = {(a.id, i) for a in articles for i, _ in enumerate(iter_sentences(a.paragraphs))}
    assert set(members) == expected and set(members.values()) <= {1}
    order = {a.id: i for i, a in enumerate(articles)}
    for claim in claims:
        assert len(set(claim.sources)) == len(claim.sources)
        assert claim.sources == sorted(claim.sources, key=order.__getitem__)
        assert claim.text in {v.text for v in claim.variants}
        assert sorted(s for v in claim.variants for s in v.sources) == sorted(claim.sources)


def _syndicated_story(articles: int, sentences: int, seed: int = 7) -> list[Article]:
    rng = random.Random(seed)
    vocabulary = [
        f"{rng.choice('bcdfgklmnprst')}{rng.choice('aeiou')}{rng.choice('lmnrst')}{i}" for i in range(4000)
    ]
    common = ["the", "a", "of", "to", "in", "and", "said", "police", "city", "on", "for", "was"]

    def sentence() -> str:
        length = rng.randint(8, 25)
        return " ".join(rng.choice(common if rng.random() < 0.4 else vocabulary) for _ in range(length)) + "."

    wire = [sentence() for _ in range(sentences)]
    out = []
    for index in range(articles):
        body = []
        for text in wire:
            tokens = text.split()
            if rng.random() < 0.3:
                tokens[rng.randrange(len(tokens))] = rng.choice(vocabulary)
            if rng.random() > 0.1:
                body.append(" ".join(tokens).capitalize())
        body += [sentence().capitalize() for _ in range(rng.randint(0, 5))]
        out.append(
            Article(
                id=f"s{index}",
                path="",
                paragraphs=[" ".join(body[i : i + 2]) for i in range(0, len(body), 2)],
            )
        )
    return out


def test_thirty_articles_of_forty_sentences_align_fast() -> None:
    articles = _syndicated_story(30, 40)
    started = time.process_time()
    claims = align_claims(articles)
    elapsed = time.process_time() - started
    assert elapsed < 1.5, f"align took {elapsed:.2f}s"
    assert sum(len(c.sources) >= 20 for c in claims) >= 30  # the wire sentences found their copies


@pytest.mark.skipif(not MRPC.exists(), reason="MRPC evaluation data not present")
def test_mrpc_paraphrase_f1_gate() -> None:
    pairs, labels = paraphrase_bench.load_pairs(MRPC)
    assert len(pairs) > 4000
    f1, _ = paraphrase_bench.cross_validated_f1(paraphrase_bench.similarity_scores(pairs), labels)
    assert f1 >= 0.82  # measured 0.822 on 2026-11-23 (benchmarks/paraphrase.py)
