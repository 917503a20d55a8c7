"""Tests for storyfuse.entities: names, titles, and ages."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyfuse.entities import (
    find_person_ages,
    find_titled_people,
    name_key,
    names_compatible,
    role_key,
    roles_conflict,
    same_full_name,
    same_person,
    shares_name_part,
    spelling_fold,
    word_diff,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Pak Myong Ho", "Pak Myong-ho"),
        ("Pak Myong Ho", "Pak Myong-Ho"),
        ("Dmitri Volkov", "Dmitry Volkov"),
        ("Anatoliy Hrytsenko", "Anatoly Hrytsenko"),
        ("Oleksiy Kravets", "Oleksii Kravets"),
        ("Yuri Sokolovsky", "Yuri Sokolovskyy"),
        ("José Martínez", "Jose Martinez"),
        ("Mr. Tomas Ruiz", "Tomas Ruiz"),
        ("Mikhail Orlov", "Mihail Orlov"),
        ("Mohammed Haddad", "Muhammad Haddad"),
        ("Sergei Ivanovich Petrov", "Sergey Petrov"),
    ],
)
def test_spelling_variants_are_one_person(a: str, b: str) -> None:
    assert same_person(a, b)
    assert same_person(b, a)
    assert not shares_name_part(a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("John Smith", "James Smith"),
        ("Jane Brenner", "Joan Brenner"),
        ("Peter Novak", "Petra Novak"),
        ("Kim Jong Un", "Kim Jong Il"),
        ("Raul Ortega", "Fidel Ortega"),
    ],
)
def test_different_given_names_are_different_people(a: str, b: str) -> None:
    assert not same_person(a, b)
    assert shares_name_part(a, b)


def test_name_key_folds_spacing_hyphens_case_and_honorifics() -> None:
    assert name_key("Pak Myong-ho") == name_key("PAK MYONG HO") == name_key("Mr. Pak Myong Ho")


@given(
    st.lists(st.sampled_from(["Ana", "Lucia", "Borisov", "Kwon", "Ha-na", "Ulrich"]), min_size=2, max_size=3)
)
def test_same_person_is_reflexive_and_ignores_hyphenation(parts: list[str]) -> None:
    spaced = " ".join(parts)
    hyphenated = "-".join(parts)
    assert same_person(spaced, spaced)
    assert same_person(spaced, hyphenated)
    assert same_person(spaced.upper(), spaced) == same_person(spaced, spaced.upper())


def test_surname_alone_is_compatible_with_the_full_name() -> None:
    assert names_compatible("Volkov", "Dmitri Volkov")
    assert names_compatible("Pak", "Pak Myong Ho")
    assert not names_compatible("Novak", "Dmitri Volkov")


@pytest.mark.parametrize(
    ("sentence", "title", "name", "role"),
    [
        (
            "Springfield Mayor Dana Whitfield said the roads would reopen.",
            "Springfield Mayor",
            "Dana Whitfield",
            {"mayor"},
        ),
        (
            "Ostrian Foreign Minister Lena Varga arrived on Monday.",
            "Ostrian Foreign Minister",
            "Lena Varga",
            {"foreign", "minister"},
        ),
        (
            "Ostria's leader Pak Myong-ho's visit was cancelled.",
            "Ostria's leader",
            "Pak Myong-ho",
            {"leader"},
        ),
        (
            "The talks were led by Defence Secretary Ian Holt.",
            "Defence Secretary",
            "Ian Holt",
            {"defense", "secretary"},
        ),
        ("CEO Maria Lindqvist resigned.", "CEO", "Maria Lindqvist", {"ceo"}),
    ],
)
def test_titled_people(sentence: str, title: str, name: str, role: set[str]) -> None:
    people = find_titled_people(sentence)
    assert [(p.title, p.name, set(p.role)) for p in people] == [(title, name, role)]


def test_relations_and_honorifics_are_not_titles() -> None:
    assert find_titled_people("She met her Ostrian counterpart Lena Varga.") == []
    assert find_titled_people("Mr. Holt declined to comment on Monday.") == []


def test_role_key_ignores_places_and_spelling() -> None:
    assert role_key("Ruritanian Defence Minister") == role_key("defense minister")


def test_spelling_fold() -> None:
    assert spelling_fold("Honourable") == spelling_fold("honorable")
    assert spelling_fold("defence") == spelling_fold("defense")
    assert spelling_fold("organised") == spelling_fold("organized")
    assert spelling_fold("your") != spelling_fold("yor")
    assert spelling_fold("four") == "four"


def test_word_diff() -> None:
    ops = word_diff(
        "We will rebuild every school before winter.", "We will rebuild every hospital before the winter."
    )
    assert ops == [
        ("=", "We will rebuild every"),
        ("-", "school"),
        ("+", "hospital"),
        ("=", "before"),
        ("+", "the"),
        ("=", "winter"),
    ]
    assert word_diff("Our honour is intact", "our honor is intact!") == [("=", "Our honour is intact")]


@pytest.mark.parametrize(
    ("a", "b"),
    [("Bill Zigan", "William Zigan"), ("Dan Reyes", "Daniel Reyes"), ("Jim Ortiz", "James Ortiz")],
)
def test_nicknames_and_short_forms_are_one_person(a: str, b: str) -> None:
    assert same_person(a, b)
    assert not shares_name_part(a, b)


def test_initials_are_compatible_with_the_full_name() -> None:
    assert names_compatible("C.E. Long", "Carl Long")
    assert not shares_name_part("C.E. Long", "Carl Long")
    assert [p.name for p in find_titled_people("Acting Director L. Patrick Gray resigned.")] == [
        "L. Patrick Gray"
    ]


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("Mayor", "Governor", True),
        ("Police Chief", "Fire Chief", True),
        ("Foreign Minister", "Defence Minister", True),
        ("police spokesman", "Detective", False),
        ("Senate Majority Leader", "Senator", False),
        ("Russian President", "President", False),
        ("IMF chief", "IMF head", False),
        ("Interim Chief", "Police Chief", True),
        ("Vice President", "President", True),
        ("former Governor", "Governor", False),
        ("Deputy Police Chief", "Police Chief", True),
        ("Acting Director", "FBI Acting Director", False),
        ("former spokesman", "spokesman", False),
    ],
)
def test_roles_conflict(a: str, b: str, conflict: bool) -> None:
    assert roles_conflict(role_key(a), role_key(b)) is conflict


def test_organisations_are_not_people() -> None:
    assert find_titled_people("The case went to Prince George's County Police detectives.") == []
    assert find_titled_people("Aides of the president Holt worked for left.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Police said 22-year-old Ann Fox died at the scene.", [(22, "Ann Fox")]),
        ("The blast killed 31-year-old Omar Qadri and hurt two others.", [(31, "Omar Qadri")]),
        ("Deputies found shooting victim 19-year-old Talia Brenn of Marlow.", [(19, "Talia Brenn")]),
        ("The victims are Lia Moss, 25, of Ashby; and Tom Reyes, 33.", [(25, "Lia Moss"), (33, "Tom Reyes")]),
        ("Dana Lee Whitlock, 40, was charged.", [(40, "Dana Lee Whitlock")]),
        ("A 20-year-old Marlow man was shot and killed on Sunday.", []),
        ("He killed his 17-year-old sister Brooke and his 22-year-old brother Landon.", []),
        ("The 12-year-old program, which Dana Ruiz began, closed.", []),
        ("Sales rose 5, 10 and 20 percent.", []),
    ],
)
def test_find_person_ages(sentence: str, expected: list[tuple[int, str]]) -> None:
    assert [(p.age, p.name) for p in find_person_ages(sentence)] == expected


def test_same_full_name_needs_as_many_name_parts() -> None:
    assert same_full_name("Jamal Dakota Corley", "Jamal Dakota Corely")
    assert same_full_name("Tyson D. Dixon", "Tyson Dixon")  # an initial is not a name part
    assert not same_full_name("John Hoffman", "John Ali Hoffman")
    assert not same_full_name("Lia Moss", "Tom Moss")
