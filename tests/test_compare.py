"""Tests for storyfuse.compare: conflicts between the sources of a story."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyfuse.compare import CompareOptions, find_conflicts, word_diff
from storyfuse.errors import OptionsError
from storyfuse.models import Article, ClaimGroup, Conflict, Sentence
from storyfuse.text import iter_sentences

FRIDAY = "2024-03-15"


def articles(*ids: str, published: str = FRIDAY) -> list[Article]:
    return [Article(i, f"{i}.txt", [], published=published) for i in ids]


def claim(*rows: tuple[str, int, str]) -> ClaimGroup:
    """A claim group from (article id, position in the article, sentence) rows."""
    sentences = [Sentence(a, position, 0, text) for a, position, text in rows]
    return ClaimGroup(rows[0][2], sorted({a for a, _, _ in rows}), len(rows), [], sentences)


def kinds(conflicts: list[Conflict]) -> list[str]:
    return [c.kind for c in conflicts]


def values(conflict: Conflict) -> list[tuple[str, list[str]]]:
    return [(v.value, v.sources) for v in conflict.values]


# --- numbers -------------------------------------------------------------------------------------


def test_death_toll_disagreement_within_a_claim() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, "The earthquake killed 120 people, officials said."),
                ("b", 0, "The earthquake killed more than 200 people, rescuers said."),
                ("c", 0, "The earthquake killed 120 people, officials said."),
            )
        ],
        articles("a", "b", "c"),
    )
    assert kinds(found) == ["number"]
    assert values(found[0]) == [("120 (officials)", ["a", "c"]), ("more than 200 (rescuers)", ["b"])]
    assert found[0].values[1].text == "The earthquake killed more than 200 people, rescuers said."
    assert "killed" in found[0].subject


def test_company_fine_in_two_spellings_of_money() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, "Regulators fined Halvorsen Shipping $2 billion over the spill."),
                ("b", 0, "Regulators fined Halvorsen Shipping $2.5bn over the spill."),
            )
        ],
        articles("a", "b"),
    )
    assert kinds(found) == ["number"]
    assert [v.value for v in found[0].values] == ["$2 billion", "$2.5 billion"]
    assert found[0].subject == "fine (USD)"


def test_same_subject_across_claim_groups() -> None:
    found = find_conflicts(
        [
            claim(("a", 0, "Officials said 500 Ruritanian soldiers crossed the border overnight.")),
            claim(("b", 3, "The ministry estimates that up to 900 Ruritanian troops are now in the valley.")),
            claim(("b", 5, "A 34-year-old shepherd saw 40 trucks on the road.")),
            claim(("a", 6, "A 36-year-old shepherd saw 40 trucks on the road.")),
        ],
        articles("a", "b"),
    )
    assert kinds(found) == ["number"]
    assert values(found[0]) == [("500 (Officials)", ["a"]), ("up to 900 (the ministry)", ["b"])]


def test_hedges_of_one_number_and_unrelated_numbers_do_not_conflict() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, "About 10,000 residents were evacuated on Friday."),
                ("b", 0, "Some 10,000 residents were evacuated on Friday."),
                ("c", 0, "Roughly 10,000 residents were evacuated Friday."),
            ),
            claim(("a", 1, "The dam was built in 1998 for 300 families.")),
            claim(("b", 1, "The dam was built in 1998 for 30 million dollars.")),
            claim(("c", 2, "Crews cleared 40 roads and 12 bridges.")),
            claim(("a", 2, "Crews cleared 45 roads by noon.")),
        ],
        articles("a", "b", "c"),
    )
    assert found == []


def test_an_update_inside_one_article_is_not_a_conflict() -> None:
    trapped = "Rescuers said 120 Ruritanian workers were trapped."
    claims = [
        claim(("a", 0, trapped), ("b", 0, trapped)),
        claim(("a", 1, "By night 200 Ruritanian workers were missing.")),
        claim(("b", 1, "Nobody knew where the other 200 Ruritanian workers were.")),
    ]
    assert find_conflicts(claims, articles("a", "b")) == []
    claims[2] = claim(("b", 1, "By night 300 Ruritanian workers were missing."))
    assert kinds(find_conflicts(claims, articles("a", "b"))) == ["number"]


def test_amounts_pair_only_in_the_same_clause() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, "Ana Ruiz led the team with 13 points, while Kim Osei added 12."),
                ("b", 0, "Kim Osei scored 14 points and Ana Ruiz scored 13."),
            ),
            claim(
                ("a", 1, "A 14-year-old boy shot his 9-year-old brother."),
                ("b", 1, "The 9-year-old boy was shot by his 14-year-old brother."),
            ),
            claim(
                ("a", 2, "An 11-year-old girl was hit in the knee."),
                ("b", 2, "A 12-year-old girl was hit in the knee."),
            ),
        ],
        articles("a", "b"),
    )
    assert [(c.kind, [v.value for v in c.values]) for c in found] == [("number", ["11", "12"])]


def single(*rows: tuple[str, int, str]) -> list[ClaimGroup]:
    """One claim group per sentence: sentences the aligner did not group."""
    return [claim(row) for row in rows]


def test_age_of_a_named_person_across_claim_groups() -> None:
    found = find_conflicts(
        single(
            ("a", 0, "Deputies found shooting victim 19-year-old Talia Brenn of Marlow."),
            ("b", 3, "The gunfire that killed 21-year-old Talia Bren began after a fight."),
            ("c", 1, "Talia Brenn, 19, had just started college in the fall."),
        ),
        articles("a", "b", "c"),
    )
    assert kinds(found) == ["number"]
    assert found[0].subject == "age of Talia Brenn"
    assert values(found[0]) == [("19", ["a", "c"]), ("21", ["b"])]


def test_ages_of_people_in_aligned_sentences_pair_only_for_one_name() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, "Lia Moss, 23, was shot in the head and pronounced dead at the scene."),
                ("b", 0, "Tom Reyes, 28, was shot in the head and pronounced dead at the scene."),
            )
        ],
        articles("a", "b"),
    )
    assert found == []


@pytest.mark.parametrize(
    "rows",
    [
        (  # two different people
            ("a", 0, "Police arrested 40-year-old Dana Whitlock on Monday."),
            ("b", 0, "Police arrested 43-year-old Ray Okonjo on Monday."),
        ),
        (  # article b gives two ages for the person: it speaks of two things
            ("a", 0, "Police arrested 40-year-old Dana Whitlock on Monday."),
            ("b", 0, "Police arrested 43-year-old Dana Whitlock on Monday."),
            ("b", 5, "Court records list 40-year-old Dana Whitlock as the owner."),
        ),
        (  # unnamed people: a story may tell of several victims
            ("a", 0, "A 16-year-old boy was shot and killed on Monday."),
            ("b", 0, "A 17-year-old boy was shot and killed on Monday."),
        ),
        (  # a middle name only one source gives may be a relative's
            ("a", 0, "Police arrested 49-year-old John Ali Hoffman at the house."),
            ("b", 0, "The dead were identified as 5-year-old John Hoffman and his sister."),
        ),
    ],
)
def test_ages_that_do_not_conflict(rows: tuple[tuple[str, int, str], ...]) -> None:
    assert find_conflicts(single(*rows), articles("a", "b")) == []


def test_counts_of_a_class_across_groups_about_the_story_subject() -> None:
    found = find_conflicts(
        single(
            ("a", 0, "The cargo ship Sea Lark carrying 31 crew members and 140 passengers sank off Keldor."),
            ("b", 0, "A storm hit the Sea Lark near Keldor early on Monday, coast guard officials said."),
            ("b", 3, "Some 190 passengers were aboard the Sea Lark, the operator said."),
        ),
        articles("a", "b"),
    )
    assert kinds(found) == ["number"]
    assert values(found[0]) == [("140", ["a"]), ("some 190", ["b"])]


def test_areas_across_groups_about_the_story_subject() -> None:
    found = find_conflicts(
        single(
            (
                "a",
                0,
                "The Varrow Ridge fire had burned about 2,000 hectares by Monday night, officials said.",
            ),
            ("b", 0, "Crews fought through the night as the Varrow Ridge fire grew to 2,600 hectares."),
            ("b", 2, "Officials said the Varrow Ridge fire was 15 percent contained."),
        ),
        articles("a", "b"),
    )
    assert kinds(found) == ["number"]
    assert found[0].subject == "hectares"
    assert values(found[0]) == [("about 2,000 (officials)", ["a"]), ("2,600", ["b"])]


@pytest.mark.parametrize(
    "rows",
    [
        (  # acres and hectares are different units, never compared
            ("a", 0, "The Varrow Ridge fire had burned 2,000 hectares by Monday."),
            ("b", 0, "The Varrow Ridge fire has burned 5,000 acres."),
        ),
        (  # article b states two passenger counts: the trip out and the trip back
            ("a", 0, "The ferry Sea Lark carrying 140 passengers sank off Keldor."),
            ("b", 0, "The Sea Lark left Keldor with 190 passengers and returned with 120 passengers."),
        ),
        (  # generic "people": a story counts many crowds
            ("a", 0, "About 300 people watched the Keldor parade before the shooting."),
            ("b", 0, "Police said 500 people were at the Keldor parade."),
        ),
        (  # a sentence that does not mention the story's key subject
            ("a", 0, "The ferry Sea Lark carrying 140 passengers sank off Keldor."),
            ("b", 0, "The Sea Lark sank off Keldor on Monday."),
            ("b", 4, "In 2019 another ferry with 190 passengers ran aground nearby."),
        ),
        (  # money without its role (fine, bail, ransom) is not compared across groups
            ("a", 0, "Regulators fined Norvia Corp $3 million on Tuesday."),
            ("b", 0, "Norvia Corp reported revenue of $5 million in the quarter."),
        ),
    ],
)
def test_story_counts_that_do_not_conflict(rows: tuple[tuple[str, int, str], ...]) -> None:
    assert [c for c in find_conflicts(single(*rows), articles("a", "b")) if c.kind == "number"] == []


def test_fine_stated_with_the_verb_and_with_the_noun() -> None:
    found = find_conflicts(
        single(
            ("a", 0, "The regulator on Tuesday fined the carmaker Norvia Corp $2.4 billion for cheating."),
            ("b", 0, "Norvia Corp must pay a record $2.7 billion fine, the regulator ruled on Tuesday."),
        ),
        articles("a", "b"),
    )
    assert [(c.subject, values(c)) for c in found] == [
        ("fine (USD)", [("$2.4 billion", ["a"]), ("$2.7 billion", ["b"])])
    ]


def test_block_of_one_street_across_groups() -> None:
    found = find_conflicts(
        single(
            ("a", 1, "Witnesses said a car drove by the 2300 block of Larch Avenue and opened fire."),
            ("b", 2, "The shooting happened in the 2400 block of Larch Ave."),
            ("c", 0, "Officers found the victim in the 2300 block of Larch Avenue."),
        ),
        articles("a", "b", "c"),
    )
    assert [(c.kind, c.subject) for c in found] == [("place", "location on Larch Avenue")]
    assert values(found[0]) == [
        ("2300 block of Larch Avenue", ["a", "c"]),
        ("2400 block of Larch Ave.", ["b"]),
    ]


def test_blocks_that_do_not_conflict() -> None:
    rows = (
        ("a", 1, "The shooting happened in the 2300 block of Larch Avenue."),
        ("b", 2, "The shooting happened in the 900 block of Birch Street."),
        ("b", 3, "Officers were also sent to the 2600 block of Larch Avenue."),
        (
            "b",
            4,
            "A suspect was arrested in the 100 block of Larch Avenue and taken to the 300 block of Larch Avenue.",
        ),
    )
    assert find_conflicts(single(*rows), articles("a", "b")) == []


# --- quotes --------------------------------------------------------------------------------------


def test_minister_quoted_with_a_changed_word() -> None:
    said = "Education Minister Lena Varga said"
    found = find_conflicts(
        [
            claim(
                ("a", 0, f'"We will rebuild every school in the valley before winter," {said}.'),
                ("b", 0, f'"We will rebuild every hospital in the valley before winter," {said}.'),
                ("c", 0, f'"we will rebuild every school in the valley before winter", {said}.'),
            )
        ],
        articles("a", "b", "c"),
    )
    assert kinds(found) == ["quote"]
    quote = found[0]
    assert quote.subject.startswith("Lena Varga: ")
    assert values(quote) == [
        ("We will rebuild every school in the valley before winter", ["a", "c"]),
        ("We will rebuild every hospital in the valley before winter", ["b"]),
    ]
    diff = word_diff(quote.values[0].value, quote.values[1].value)
    assert ("-", "school") in diff and ("+", "hospital") in diff


def test_quote_variants_that_are_not_real_differences() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, '"Our honour and our defence come first, always," the general said.'),
                ("b", 0, '"Our honor and our defense come first, always!" the general said.'),
                ("c", 0, "The general said: \u201cour honour and our defence come first\u201d."),
                ("d", 0, '"Believe me, our honour and our defence come first, always," the general said.'),
            )
        ],
        articles("a", "b", "c", "d"),
    )
    assert found == []


def test_different_speakers_are_different_quotes() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, '"This plan will cut waiting lists for every family," Mayor Dana Whitfield said.')
            ),
            claim(("b", 0, '"This plan will cut taxes for every family," Senator Ian Holt said.')),
        ],
        articles("a", "b"),
    )
    assert found == []


def test_two_parts_of_a_longer_quotation_do_not_conflict() -> None:
    whole = '"We will rebuild the school. We will not raise the local taxes this year," the mayor said.'
    found = find_conflicts(
        [
            claim(("a", 0, whole)),
            claim(("b", 0, '"We will rebuild the school," the mayor said.')),
            claim(("c", 0, '"We will not raise the local taxes this year," the mayor said.')),
        ],
        articles("a", "b", "c"),
    )
    assert found == []


# --- titles and names ----------------------------------------------------------------------------


def test_mayor_called_governor() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, "Springfield Mayor Dana Whitfield ordered the evacuation."),
                ("b", 0, "Governor Dana Whitfield ordered the evacuation."),
                ("c", 0, "Mayor Dana Whitfield ordered the evacuation."),
            )
        ],
        articles("a", "b", "c"),
    )
    assert kinds(found) == ["title"]
    assert found[0].subject == "Dana Whitfield"
    assert values(found[0]) == [("Springfield Mayor", ["a", "c"]), ("Governor", ["b"])]


def test_interim_chief_against_chief_is_a_title_conflict_across_claims() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, "Halden Police Department Interim Chief Rosa Marquez said no one was hurt badly.")
            ),
            claim(("b", 3, "Halden Police Chief Rosa Marquez called the attack cowardly.")),
            claim(("a", 4, "Chief Marquez asked witnesses to call the police.")),
        ],
        articles("a", "b"),
    )
    assert kinds(found) == ["title"]
    assert found[0].subject == "Rosa Marquez"
    assert values(found[0]) == [
        ("Halden Police Department Interim Chief", ["a"]),
        ("Halden Police Chief", ["b"]),
    ]


def test_wrong_given_name_is_a_name_conflict_but_spelling_is_not() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, "Finance Minister Karl Brenner presented the budget."),
                ("b", 0, "Finance Minister Paul Brenner presented the budget."),
            ),
            claim(
                ("a", 1, "Interior Minister Dmitri Volkov resigned."),
                ("b", 1, "Interior Minister Dmitry Volkov resigned."),
                ("c", 1, "Interior Minister Dmitri Volkov resigned."),
            ),
        ],
        articles("a", "b", "c"),
    )
    assert kinds(found) == ["name"]
    assert values(found[0]) == [("Karl Brenner", ["a"]), ("Paul Brenner", ["b"])]


def test_a_person_can_hold_two_posts() -> None:
    found = find_conflicts(
        [
            claim(("a", 0, "Team President and General Manager Lee Park announced the move.")),
            claim(("b", 0, "General Manager Lee Park announced the move.")),
            claim(("c", 0, "Team president Lee Park called it a hard decision.")),
        ],
        articles("a", "b", "c"),
    )
    assert found == []


# --- places and dates ----------------------------------------------------------------------------


def test_place_and_date_inside_one_claim() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 0, "The warehouse fire broke out in Riverton on Thursday."),
                ("b", 0, "The warehouse fire broke out in Millbrook on Thursday."),
            ),
            claim(
                ("a", 1, "The plant closed its gates on Tuesday, the union said."),
                ("b", 1, "The plant closed its gates on Wednesday, the union said."),
            ),
            claim(
                ("a", 2, "Talks resumed on Thursday."),
                ("b", 2, "Talks resumed yesterday."),
                ("c", 2, "Talks resumed this week."),
            ),
        ],
        articles("a", "b", "c"),
    )
    assert sorted(kinds(found)) == ["date", "place"]
    date = next(c for c in found if c.kind == "date")
    assert [v.value for v in date.values] == ["2024-03-12 (Tuesday)", "2024-03-13 (Wednesday)"]
    place = next(c for c in found if c.kind == "place")
    assert [v.value for v in place.values] == ["Riverton", "Millbrook"]


def test_relative_days_resolve_against_each_articles_date() -> None:
    found = find_conflicts(
        [claim(("a", 0, "The strike began on Monday."), ("b", 0, "The strike began yesterday."))],
        [
            Article("a", "a", [], published="2024-03-13"),
            Article("b", "b", [], published="2024-03-12T08:00:00Z"),
        ],
    )
    assert found == []


def test_weekdays_in_papers_weeks_apart_are_not_compared_but_dates_are() -> None:
    def found(first: str, second: str) -> list[str]:
        claims = [claim(("a", 0, first), ("b", 0, second))]
        papers = [
            Article("a", "a", [], published="2024-03-04"),
            Article("b", "b", [], published="2024-04-15"),
        ]
        return [v.value for c in find_conflicts(claims, papers) for v in c.values]

    assert found("A teenager was shot on Sunday night.", "A teenager was shot on Saturday night.") == []
    assert found("A teenager was shot on March 3, 2024.", "A teenager was shot on March 2, 2024.") == [
        "2024-03-03 (March 3, 2024)",
        "2024-03-02 (March 2, 2024)",
    ]


# --- ranking, options, invariants ----------------------------------------------------------------


def mixed_story() -> tuple[list[ClaimGroup], list[Article]]:
    claims = [
        claim(
            ("a", 0, "Mayor Dana Whitfield said the storm killed 14 people in Riverton on Tuesday."),
            ("b", 0, "Governor Dana Whitfield said the storm killed 41 people in Riverton on Tuesday."),
        ),
        claim(
            ("a", 1, '"Nobody will be left behind in this valley, not one family," Whitfield said.'),
            ("b", 1, '"Nobody will be forgotten in this valley, not one family," Whitfield said.'),
            ("c", 1, '"Nobody will be left behind in this valley, not one family," Whitfield said.'),
        ),
        claim(
            ("a", 2, "The shelter on Elm Street closed on Tuesday evening."),
            ("b", 2, "The shelter on Elm Street closed on Wednesday evening."),
        ),
        claim(("c", 0, "Officials said the storm killed 14 people.")),
        claim(("c", 2, "Power returned to 3,000 homes.")),
    ]
    return claims, articles("a", "b", "c")


def test_ranking_bands_and_source_order() -> None:
    claims, arts = mixed_story()
    found = find_conflicts(claims, arts)
    order = kinds(found)
    assert set(order) == {"number", "quote", "title", "date"}
    assert order.index("title") > max(order.index("number"), order.index("quote"))
    assert order.index("date") > order.index("title")
    assert [c.severity for c in found] == sorted((c.severity for c in found), reverse=True)
    for conflict in found:
        for value in conflict.values:
            assert value.sources == sorted(value.sources, key="abc".index)


def test_options_select_kinds_and_are_validated() -> None:
    claims, arts = mixed_story()
    only = CompareOptions(kinds=frozenset({"title", "date"}))
    assert kinds(find_conflicts(claims, arts, only)) == ["title", "date"]
    with pytest.raises(OptionsError):
        CompareOptions(quote_overlap=1.5)
    with pytest.raises(OptionsError):
        CompareOptions(kinds=frozenset({"colour"}))  # type: ignore[arg-type]


def test_claims_without_sentences_use_their_variants() -> None:
    from storyfuse.models import Variant

    group = ClaimGroup(
        "x",
        ["a", "b"],
        2,
        [Variant("The blast injured 12 people.", ["a"]), Variant("The blast injured 21 people.", ["b"])],
    )
    assert kinds(find_conflicts([group], articles("a", "b"))) == ["number"]


@settings(max_examples=25, deadline=None)
@given(st.randoms(use_true_random=False))
def test_deterministic_and_independent_of_claim_order(rng: random.Random) -> None:
    claims, arts = mixed_story()
    expected = [c.to_dict() for c in find_conflicts(claims, arts)]
    shuffled = list(claims)
    rng.shuffle(shuffled)
    for group in shuffled:
        rng.shuffle(group.sentences)
    assert [c.to_dict() for c in find_conflicts(shuffled, arts)] == expected


POOL = [
    "Mayor Dana Whitfield said the storm killed 14 people in Riverton on Tuesday.",
    '"Nobody will be left behind in this valley, not one family," Whitfield said.',
    "Officials said up to 3,000 homes lost power.",
    "Governor Ian Holt visited the shelter yesterday.",
    "Regulators fined Halvorsen Shipping $2.5bn over the spill.",
]


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from(POOL), min_size=1, max_size=5, unique=True),
    st.integers(min_value=2, max_value=5),
)
def test_identical_sentences_never_conflict(texts: list[str], copies: int) -> None:
    ids = [f"s{k}" for k in range(copies)]
    claims = [claim(*[(a, n, text) for a in ids]) for n, text in enumerate(texts)]
    assert find_conflicts(claims, articles(*ids)) == []


# --- the real seed story (optional: only where ../shared is present) ------------------------------

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seed articles not present")
def test_seed_story_conflicts() -> None:
    arts, claims = [], []
    for path in sorted(SEEDS.glob("*.txt")):
        paragraphs = [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
        arts.append(Article(path.stem[:3], str(path), paragraphs, published="2024-11-01"))
        for k, (p, text) in enumerate(iter_sentences(paragraphs)):
            claims.append(ClaimGroup(text, [path.stem[:3]], 1, [], [Sentence(path.stem[:3], p, k, text)]))
    found = find_conflicts(claims, arts)
    by_kind = {c.kind: c for c in found}
    assert "name" not in by_kind
    troops = by_kind["number"]
    sides = {v.value: v.sources for v in troops.values}
    assert sides["8,000 (the U.S.)"] + sides["around 8,000 (Washington)"] == ["000", "003", "001", "004"]
    assert sides["up to 10,000 (the West)"] == ["002"]
    assert any(value.startswith("10,000") and sources == ["002"] for value, sources in sides.items())
    quote = by_kind["quote"]
    assert "Lavrov" in quote.subject
    diff = word_diff(quote.values[0].value, quote.values[1].value)
    assert ("-", "issues") in diff and ("+", "aims") in diff
    title = by_kind["title"]
    assert [(v.value, v.sources) for v in title.values] == [
        ("North Korean Foreign Minister", ["000", "001", "003", "004"]),
        ("North Korean leader", ["002"]),
    ]
    assert len(found) == 3


def test_size_of_one_thing_across_groups_in_sentences_sharing_a_name() -> None:
    found = find_conflicts(
        single(
            ("a", 3, "The 48-page indictment says Senator Vale spent the funds on travel."),
            ("b", 5, '"Senator Vale converted campaign money," the 47-page indictment says.'),
            ("c", 1, "A 48-page indictment details how Vale paid for tuition."),
        ),
        articles("a", "b", "c"),
    )
    assert [(c.kind, c.subject) for c in found] == [("number", "page indictment")]
    assert values(found[0]) == [("47", ["b"]), ("48", ["a", "c"])]


def test_sizes_without_a_shared_name_are_not_compared() -> None:
    rows = (
        ("a", 1, "Sheriff Ann Lowe said the 15-year veteran was driving to work."),
        ("b", 2, "Deputy Ortiz is a 20-year veteran of the Kerr County office."),
    )
    assert find_conflicts(single(*rows), articles("a", "b")) == []


def test_sizes_are_not_linked_as_counts_of_the_story_subject() -> None:
    rows = (
        ("a", 0, "Deputy Ortiz was shot in Kerr County on Friday, Sheriff Ann Lowe said."),
        ("a", 1, "Sheriff Ann Lowe said the 15-year veteran was driving to work."),
        ("b", 0, "Sheriff Ann Lowe said a Kerr County deputy was shot on Friday."),
        ("b", 1, "Deputy Ortiz is a 20-year veteran of the Kerr County office."),
    )
    assert find_conflicts(single(*rows), articles("a", "b")) == []


def test_ages_of_a_boy_and_a_man_joined_through_an_unnamed_third_do_not_conflict() -> None:
    rows = [
        ("a", 0, "The 16-year-old boy was shot and died at the scene, police said."),
        ("b", 0, "A 19-year-old man was shot and died at the scene, police said."),
        ("c", 0, "The victim, 20 years old, was shot and died at the scene, police said."),
    ]
    assert find_conflicts([claim(*rows)], articles("a", "b", "c")) == []


def test_people_shot_against_people_killed_is_not_a_conflict() -> None:
    shot_and_killed = [
        ("a", 0, "Eight people were shot at the club, including the gunman, police said."),
        ("b", 0, "Two people were killed at the club, including the gunman, police said."),
    ]
    assert find_conflicts([claim(*shot_and_killed)], articles("a", "b")) == []
    shot_twice = [
        ("a", 0, "Eight people were shot at the club, including the gunman, police said."),
        ("b", 0, "Nine people were shot at the club, including the gunman, police said."),
    ]
    assert kinds(find_conflicts([claim(*shot_twice)], articles("a", "b"))) == ["number"]
