"""Tests for ages of a group told together (storyfuse.age_lists) and the count rules that keep
parts of a group and several incidents apart, on small invented reports."""

from __future__ import annotations

import pytest

from storyfuse.age_lists import age_role, find_age_lists, pair_ages, sentence_role
from storyfuse.compare import find_conflicts
from storyfuse.models import Article, ClaimGroup, Conflict, Sentence
from storyfuse.quantities import parse_quantities


def articles(*ids: str) -> list[Article]:
    return [Article(i, f"{i}.txt", [], published="2024-03-16") for i in ids]


def single_claims(*rows: tuple[str, str]) -> list[ClaimGroup]:
    """One claim group per sentence: nothing aligned, so only cross-group rules can compare."""
    return [ClaimGroup(text, [a], 1, [], [Sentence(a, n, 0, text)]) for n, (a, text) in enumerate(rows)]


def numbers(found: list[Conflict]) -> list[tuple[str, list[str]]]:
    return [(c.subject, [v.value for v in c.values]) for c in found if c.kind == "number"]


@pytest.mark.parametrize(
    ("sentence", "ages"),
    [
        ("Two men, one age 19 and the other 26, were arrested late Friday.", (19, 26)),
        ("Both are male suspects, ages 26and 19.", (26, 19)),
        ("Three teens aged 15, 16 and 17 were charged.", (15, 16, 17)),
        ("The 20- and 23-year-old men were booked into the county jail.", (20, 23)),
    ],
)
def test_enumerated_ages_are_read(sentence: str, ages: tuple[int, ...]) -> None:
    assert [found.ages for found in find_age_lists(sentence)] == [ages]


def test_ranges_are_not_enumerations() -> None:
    assert find_age_lists("The victims, ages 17 to 28, were taken to the hospital.") == ()
    assert find_age_lists("Six people between the ages of 17 and 28 were hurt.") == ()


def test_role_is_the_first_role_word() -> None:
    assert sentence_role("Charged are Ann Fox, 27, who was wounded, and Tom Reyes, 20.") == "suspects"
    assert sentence_role("Two women, ages 30 and 41, were wounded.") == "victims"
    assert sentence_role("Two women, ages 30 and 41, live nearby.") == ""


def test_pairing_sets_equal_ages_aside_and_refuses_distant_ones() -> None:
    assert pair_ages((19, 26), (26, 18)) == [(0, 1), (1, 0)]
    assert pair_ages((19, 26), (19, 27, 30)) is None
    assert pair_ages((19, 26), (19, 45)) is None


def test_enumerated_ages_meet_the_named_people_of_another_report() -> None:
    claims = single_claims(
        ("a", "Two men, one age 19 and the other 26, were arrested after the shootout, police said."),
        ("b", "Both are male suspects, ages 26 and 19, and both were hurt."),
        ("c", "Charged with assault are Darnell Pike, 25, who was shot in the arm, and Luis Ortega, 18."),
    )
    found = numbers(find_conflicts(claims, articles("a", "b", "c")))
    assert sorted(found) == [("age of Darnell Pike", ["25", "26"]), ("age of Luis Ortega", ["18", "19"])]


def test_groups_of_different_roles_are_not_compared() -> None:
    claims = single_claims(
        ("a", "Two men, ages 19 and 26, were arrested after the shootout."),
        ("b", "Two bystanders, ages 20 and 27, were wounded in the crossfire."),
    )
    assert numbers(find_conflicts(claims, articles("a", "b"))) == []


def test_an_article_with_two_sets_of_ages_for_one_group_is_left_out() -> None:
    claims = single_claims(
        ("a", "Two men, ages 19 and 26, were arrested on Friday."),
        ("a", "Two men, ages 31 and 40, were arrested on Sunday in a separate case."),
        ("b", "Two suspects, ages 20 and 27, were charged."),
    )
    assert numbers(find_conflicts(claims, articles("a", "b"))) == []


def _aligned(*rows: tuple[str, str]) -> ClaimGroup:
    sentences = [Sentence(a, 0, 0, text) for a, text in rows]
    return ClaimGroup(rows[0][1], sorted({a for a, _ in rows}), len(rows), [], sentences)


def test_generic_ages_of_an_article_telling_several_incidents_are_not_compared() -> None:
    roundup = [
        ("a", "Around 9 p.m., a man was shot in the 1200 block of West Ash Street."),
        ("a", "Later, a man was wounded in the 400 block of North Birch Avenue."),
        ("a", "A woman was hurt in the 7700 block of South Cedar Road."),
    ]
    claims = [
        _aligned(
            ("a", "A 24-year-old man was shot in the leg, police said."),
            ("b", "A 31-year-old man was shot in the leg."),
        ),
        *single_claims(*roundup),
    ]
    assert numbers(find_conflicts(claims, articles("a", "b"))) == []
    # the same two sentences, without the roundup, are one fact told two ways
    assert numbers(find_conflicts(claims[:1], articles("a", "b"))) == [("age", ["24 (police)", "31"])]


@pytest.mark.parametrize(
    ("part", "whole"),
    [
        (
            "Two of the wounded men were taken to Mercy Hospital.",
            "The three wounded men were taken to Mercy Hospital.",
        ),
        (
            "He shot his wife, then killed three more people at the motel.",
            "Four people were killed at the motel.",
        ),
        (
            "He is charged in the deaths of his two children and two stepchildren.",
            "Police say he killed four of his children.",
        ),
        (
            "The blast killed five people and an unborn child.",
            "The blast killed six people, including an unborn child.",
        ),
    ],
)
def test_a_part_of_a_group_is_not_the_whole(part: str, whole: str) -> None:
    found = find_conflicts([_aligned(("a", part), ("b", whole))], articles("a", "b"))
    assert numbers(found) == []


def test_a_count_and_its_total_still_conflict() -> None:
    found = find_conflicts(
        [
            _aligned(
                ("a", "Four people were killed at the motel."), ("b", "Five people were killed at the motel.")
            )
        ],
        articles("a", "b"),
    )
    assert [values for _, values in numbers(found)] == [["4", "5"]]


def test_distances_are_not_counts() -> None:
    assert parse_quantities("The town is 100 miles northeast of the capital.") == []
    assert parse_quantities("He was found 300 feet from the car.") == []


@pytest.mark.parametrize(
    ("sentence", "role"),
    [
        ("A 16-year-old boy from Millbrook shot another teen in the head.", "shooter"),
        ("Police arrested a 19-year-old man who shot two people.", "shooter"),
        ("The dispute left a 15-year-old boy with a gunshot wound.", "shot"),
        ("A 17-year-old girl was shot in the leg.", "shot"),
        ("A 14-year-old died after accidentally shooting himself.", ""),
    ],
)
def test_age_role(sentence: str, role: str) -> None:
    age = next(q for q in parse_quantities(sentence) if q.unit == "age")
    assert age_role(sentence, age.start, age.start + len(age.text)) == role


def test_the_shooters_age_and_the_victims_are_not_one_fact() -> None:
    found = find_conflicts(
        [
            _aligned(
                ("a", "An argument at a Millbrook home left a 15-year-old boy with a gunshot wound."),
                ("b", "A 16-year-old boy shot another teen at a Millbrook home on Wednesday."),
            )
        ],
        articles("a", "b"),
    )
    assert numbers(found) == []
    victims = _aligned(
        ("a", "A 15-year-old boy was shot at a Millbrook home."),
        ("b", "A 16-year-old boy was shot at a Millbrook home."),
    )
    assert [values for _, values in numbers(find_conflicts([victims], articles("a", "b")))] == [["15", "16"]]


def test_people_who_were_with_someone_told_in_unaligned_sentences() -> None:
    claims = single_claims(
        ("a", "The driver was with 4 other adults when the gun went off, police said."),
        ("b", "Three other people were in the van at the time, deputies said."),
        ("c", "Deputies say the driver was in a blue van with three other people."),
    )
    found = numbers(find_conflicts(claims, articles("a", "b", "c")))
    assert [values for _, values in found] == [["3", "3 (Deputies)", "4 (police)"]]


def test_other_people_hurt_are_not_the_people_who_were_there() -> None:
    claims = single_claims(
        ("a", "The driver was with 4 other adults when the gun went off."),
        ("b", "Three other people were wounded in the van."),
    )
    assert numbers(find_conflicts(claims, articles("a", "b"))) == []


def test_a_range_of_ages_is_not_a_count_of_the_wounded() -> None:
    assert parse_quantities("The wounded ranged in age from 11 to 30.") == []


def test_odd_enumerations_give_no_conflict_and_no_error() -> None:
    claims = single_claims(
        ("a", "Two men, ages 0 and 5, were arrested."),
        ("b", "Both suspects, ages 99and 98, were charged; ages and more."),
        ("c", "One age 21 and the other 1000 were arrested, aged 5, 6, 7 and 8."),
    )
    assert find_age_lists("Two men, ages 0 and 5, were arrested.") == ()
    assert numbers(find_conflicts(claims, articles("a", "b", "c"))) == []
