"""Tests for storyfuse.quantities: reading amounts, what they count, the conflict rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyfuse.quantities import (
    Quantity,
    format_amount,
    parse_quantities,
    same_subject,
    same_value,
    values_differ,
)


def test_areas_are_known_units_that_never_mix() -> None:
    hectares = one("The fire burned 4,000 hectares of forest.")
    acres = one("The fire burned 9,800 acres of forest.")
    assert (hectares.unit, hectares.known_unit, acres.unit) == ("hectares", True, "acres")
    assert not same_subject(hectares, acres, same_claim=True)


def one(sentence: str) -> Quantity:
    found = parse_quantities(sentence)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("sentence", "value"),
    [
        ("Officials counted 8,000 residents in the valley.", 8000),
        ("Officials counted 8000 residents in the valley.", 8000),
        ("Officials counted eight thousand residents in the valley.", 8000),
        ("Officials counted 8k residents in the valley.", 8000),
        ("Officials counted 1.5 million residents in the valley.", 1_500_000),
        ("Officials counted two hundred and fifty residents in the valley.", 250),
        ("Officials counted twenty-five residents in the valley.", 25),
        ("Officials counted a dozen residents in the valley.", 12),
    ],
)
def test_numbers_are_normalised(sentence: str, value: float) -> None:
    quantity = one(sentence)
    assert quantity.value == value
    assert quantity.unit == "people"


def test_money_in_symbols_and_suffixes() -> None:
    billions = one("The regulator fined Halvorsen Shipping $2 billion.")
    short = one("The regulator fined Halvorsen Shipping $2.5bn.")
    assert (billions.value, billions.unit, billions.predicate) == (2e9, "usd", "fine")
    assert (short.value, short.unit) == (2.5e9, "usd")
    assert short.label() == "$2.5 billion"
    assert one("A fine of €300m was imposed on the bank.").unit == "eur"


@pytest.mark.parametrize(
    ("sentence", "qualifier", "hedge"),
    [
        ("Up to 10,000 fans attended the final.", "up to", "up to"),
        ("About 10,000 fans attended the final.", "about", "about"),
        ("Some 10,000 fans attended the final.", "some", "about"),
        ("More than 10,000 fans attended the final.", "more than", "above"),
        ("At least 10,000 fans attended the final.", "at least", "above"),
        ("Nearly 10,000 fans attended the final.", "nearly", "about"),
        ("Exactly 10,000 fans attended the final.", "", ""),
    ],
)
def test_qualifiers(sentence: str, qualifier: str, hedge: str) -> None:
    quantity = one(sentence)
    assert (quantity.value, quantity.qualifier, quantity.hedge) == (10000, qualifier, hedge)


@pytest.mark.parametrize(
    ("sentence", "low", "high"),
    [
        ("Hundreds of residents fled the flooding.", 200, 1000),
        ("Thousands of residents fled the flooding.", 2000, 10000),
        ("Dozens of residents fled the flooding.", 24, 100),
        ("Tens of thousands of residents fled the flooding.", 20000, 100000),
        ("Between 300 and 400 residents fled the flooding.", 300, 400),
    ],
)
def test_vague_amounts_are_ranges(sentence: str, low: float, high: float) -> None:
    quantity = one(sentence)
    assert quantity.value is None
    assert (quantity.low, quantity.high, quantity.unit) == (low, high, "people")


@pytest.mark.parametrize(
    "sentence",
    [
        "The bridge was opened in 1998 by the county.",
        "The storm hit on March 3, 2021 and again on 5 April.",
        "The vote closes at 10:30 or at 9 a.m. on the 31st.",
        "Flight 370 and an F-16 were tracked during the COVID-19 crisis.",
        "It was her 3rd title since the 1990s.",
    ],
)
def test_years_dates_times_ordinals_and_codes_are_not_amounts(sentence: str) -> None:
    assert parse_quantities(sentence) == []


def test_counted_noun_classes_and_entity() -> None:
    soldiers = one("Officials said 500 Ruritanian soldiers crossed the border.")
    troops = one("Up to 700 Ruritanian troops were seen near the border.")
    assert soldiers.unit == troops.unit == "troops"
    assert soldiers.entity == troops.entity != ""
    assert same_subject(soldiers, troops, same_claim=False)
    other = one("Officials said 500 Ostrian troops crossed the border.")
    assert not same_subject(soldiers, other, same_claim=False)


def test_demonym_counts_people_of_the_same_entity() -> None:
    demonym = one("Analysts believe 900 Ruritanians are already on the way.")
    troops = one("Up to 700 Ruritanian troops were seen near the border.")
    assert demonym.any_person and demonym.unit == "people"
    assert same_subject(demonym, troops, same_claim=False)


@pytest.mark.parametrize(
    "sentence",
    [
        "The earthquake killed 120 people in the province.",
        "At least 120 people were killed when the quake struck.",
        "Rescuers said 120 people died in the collapse.",
        "The death toll rose to 120 on Sunday.",
        "There were 120 dead and dozens more missing.",
    ],
)
def test_casualty_counts_share_a_predicate(sentence: str) -> None:
    quantity = parse_quantities(sentence)[0]
    assert quantity.value == 120
    assert quantity.predicate == "dead"


def test_injured_is_not_dead() -> None:
    dead = one("The blast killed 12 people.")
    injured = one("The blast injured 40 people.")
    assert not same_subject(dead, injured, same_claim=True)


def test_ages_stay_inside_their_claim_and_durations_are_not_counts() -> None:
    age = one("A 34-year-old man was arrested.")
    assert age.unit == "age" and not age.cross_group
    assert parse_quantities("The trial lasted 12 days and he must serve seven years.") == []


def test_unnamed_and_small_unknown_counts_are_skipped() -> None:
    assert parse_quantities("Image 6 of 9: Justin Ortiz, 25, and Ana Ruiz, 42.") == []
    assert parse_quantities("One of the three victims is in critical condition.") == []
    assert one("He faces 12 counts of fraud.").unit == "count"


def test_attribution() -> None:
    assert one("The ministry estimates that 4,000 homes were damaged.").attribution == "the ministry"
    assert one("Up to 4,000 homes were damaged, officials said.").attribution == "officials"
    assert one("According to the Red Crescent, 4,000 homes were damaged.").attribution == "the Red Crescent"
    assert one("He said 4,000 homes were damaged.").attribution is None


def q(sentence: str) -> Quantity:
    return parse_quantities(sentence)[0]


@pytest.mark.parametrize(
    ("a", "b", "differ"),
    [
        ("8,000 troops", "up to 10,000 troops", True),
        ("about 10,000 troops", "10,000 troops", False),
        ("hundreds of troops", "8,000 troops", True),
        ("thousands of troops", "up to 10,000 troops", False),
        ("thousands of troops", "8,000 troops", False),
        ("hundreds of troops", "thousands of troops", False),
        ("1.5 million people", "1,520,000 people", False),
        ("120 people", "more than 200 people", True),
        ("$2 billion fine", "$2.5bn fine", True),
        ("around 8,000 troops", "8,300 troops", False),
        ("8,000 troops", "8,300 troops", False),
        ("8,000 troops", "8,500 troops", True),
        ("120 people", "123 people", True),
        ("between 300 and 400 people", "350 people", False),
        ("between 300 and 400 people", "500 people", True),
    ],
)
def test_conflict_rule(a: str, b: str, differ: bool) -> None:
    assert values_differ(q(a), q(b)) is differ
    assert values_differ(q(b), q(a)) is differ


def test_same_value_ignores_hedges_but_not_numbers() -> None:
    assert same_value(q("about 10,000 troops"), q("10,000 troops"))
    assert not same_value(q("8,000 troops"), q("up to 10,000 troops"))


def test_format_amount() -> None:
    assert format_amount(8000, "troops") == "8,000"
    assert format_amount(2.5e9, "usd") == "$2.5 billion"
    assert format_amount(12.5, "percent") == "12.5%"


@given(st.integers(min_value=10, max_value=10**9))
def test_written_integers_round_trip(n: int) -> None:
    quantity = one(f"Officials counted {n:,} residents.")
    assert quantity.value == n


@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=1, max_value=10**7))
def test_conflict_rule_is_symmetric(a: int, b: int) -> None:
    first, second = q(f"{a:,} residents"), q(f"up to {b:,} residents")
    assert values_differ(first, second) == values_differ(second, first)


def test_a_year_after_a_time_word_is_not_a_count() -> None:
    assert parse_quantities("The two charities have worked together since 1998 helping people.") == []
    assert [q.value for q in parse_quantities("About 1500 troops arrived.")] == [1500.0]


def test_money_role_is_read_back_to_the_verb_of_its_clause() -> None:
    fine = one("The regulator fined the carmaker Norvia Corp $2.4 billion on Tuesday.")
    assert (fine.unit, fine.predicate) == ("usd", "fine")
    assert one("Norvia, which was fined last year, paid $5 million for the site.").predicate == ""


@pytest.mark.parametrize(
    ("sentence", "value", "unit"),
    [
        ("Prosecutors unsealed a 48-page indictment on Tuesday.", 48, "page indictment"),
        ("He was given a 10-year sentence.", 10, "year sentence"),
        ("The 30-minute standoff ended peacefully.", 30, "minute standoff"),
    ],
)
def test_compound_adjectives_measure_the_noun_they_modify(sentence: str, value: int, unit: str) -> None:
    found = one(sentence)
    assert (found.value, found.unit, found.measure) == (value, unit, True)


def test_ages_and_plain_counts_are_not_compound_measures() -> None:
    assert one("A 5-year-old boy was hurt.").unit == "age"
    assert not one("The indictment runs 48 pages.").measure
    assert parse_quantities("The man, 20-years-old, fled.")[0].unit == "age"


def test_people_shot_are_counted_apart_from_the_killed_and_the_wounded() -> None:
    assert one("Eight people were shot outside the club.").predicate == "shot"
    assert one("The gunman shot four people.").predicate == "shot"
    assert one("Two people were killed at the club.").predicate == "dead"
    assert parse_quantities("Police fired one shot.") == []  # a shot fired is not a person
