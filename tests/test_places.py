"""Tests for storyfuse.places: place swaps between wordings and block addresses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyfuse.places import find_block_addresses, place_swap, places_in, same_place, venue_places


def test_place_swap() -> None:
    assert place_swap(
        "The fire broke out in Riverton on Sunday.", "The fire broke out in Millbrook on Sunday."
    ) == (
        "Riverton",
        "Millbrook",
    )
    # Not a place slot, or more than one edit: nothing.
    assert place_swap("The fire broke out on Sunday.", "The fire broke out on Monday.") is None
    assert place_swap("A fire broke out in Riverton.", "A flood began in Millbrook.") is None
    # a copy with light wording edits still shows its place swap ...
    assert place_swap(
        "Shelters were opened at the sports hall and at a school in nearby Riverton, where volunteers "
        "handed out water and meals.",
        "Shelters were opened at the sports hall and a school in nearby Millbrook, where volunteers "
        "handed out water and hot meals.",
    ) == ("Riverton", "Millbrook")
    # ... unless another name changed too
    assert (
        place_swap(
            "Shelters were opened by Mayor Ann Holt at a school in nearby Riverton, where volunteers "
            "handed out water and meals.",
            "Shelters were opened by Mayor Ann Ruiz at a school in nearby Millbrook, where volunteers "
            "handed out water and meals.",
        )
        is None
    )
    # The same places reordered are not a swap.
    assert (
        place_swap("Crews from Riverton reached Millbrook.", "Crews from Millbrook reached Riverton.") is None
    )


def test_block_addresses() -> None:
    found = find_block_addresses(
        "It happened in the 1700 block of Larch Ave. and the 200 block of North Main Street."
    )
    assert [(a.block, a.street, a.text) for a in found] == [
        (1700, "larch avenue", "1700 block of Larch Ave."),
        (200, "main street", "200 block of North Main Street"),
    ]
    assert find_block_addresses("The 1800 block of Larch Avenue.")[0].text == "1800 block of Larch Avenue"
    assert find_block_addresses("A block of flats on Larch Avenue burned.") == []
    assert find_block_addresses("Police blocked 300 cars on Main Street.") == []


@given(
    st.integers(min_value=10, max_value=99999),
    st.sampled_from(["Larch", "Martin Luther King Jr.", "W. 5th", "Old Mill"]),
    st.sampled_from(["Avenue", "Ave.", "Street", "St.", "Road", "Boulevard"]),
)
def test_block_and_street_type_spelling(block: int, name: str, kind: str) -> None:
    found = find_block_addresses(f"Officers went to the {block} block of {name} {kind} on Monday.")
    spelled = {"Ave.": "avenue", "St.": "street"}.get(kind, kind.lower())
    assert [(a.block, a.street.split()[-1]) for a in found] == [(block, spelled)]


def test_places_written_after_in() -> None:
    assert places_in("Shots were fired outside Kettle Hall in West Marbury on Sunday.") == ["West Marbury"]
    assert places_in("The man was found in the Bronx and taken to Lincoln Hospital.") == ["Bronx"]
    assert places_in("It happened in January, in a quiet street.") == []


def test_venue_places_meet_across_wordings_of_one_address() -> None:
    assert venue_places("Police said he opened fire at Kettle Hall on Kettle Ave. in Dunmore.") == [
        ("kettle hall", "Dunmore"),
        ("kettle avenue", "Dunmore"),
    ]
    assert venue_places("Guests left Kettle Hall Catering in West Marbury.") == [
        ("kettle hall", "West Marbury")
    ]
    assert venue_places("He was taken to Mercy Medical Center in Oak Lawn.") == []  # not a venue noun
    assert venue_places("The West Side Hall in Nov. 2016 was closed.") == []  # direction, month


def test_same_place_in_two_spellings() -> None:
    assert same_place("Eastlake", "East Lake")
    assert same_place("Bristol Tennessee", "Bristol Tenn")
    assert not same_place("East Flatbush", "Brownsville")
