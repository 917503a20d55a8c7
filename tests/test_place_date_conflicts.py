"""Tests for storyfuse.place_date_conflicts: places and dates across claim groups, and
sentences that tell two events rather than one fact two ways."""

from __future__ import annotations

from storyfuse.compare import find_conflicts
from storyfuse.models import Article, ClaimGroup, Conflict, Sentence

MONDAY = "2024-03-18"


def articles(*ids: str, published: str = MONDAY) -> list[Article]:
    return [Article(i, f"{i}.txt", [], published=published) for i in ids]


def claim(*rows: tuple[str, int, str]) -> ClaimGroup:
    sentences = [Sentence(a, position, 0, text) for a, position, text in rows]
    return ClaimGroup(rows[0][2], sorted({a for a, _, _ in rows}), len(rows), [], sentences)


def single(*rows: tuple[str, int, str]) -> list[ClaimGroup]:
    return [claim(row) for row in rows]


def values(conflict: Conflict) -> list[tuple[str, list[str]]]:
    return [(v.value, v.sources) for v in conflict.values]


# --- places for one venue ------------------------------------------------------------------------


def test_place_given_for_one_venue_in_unaligned_sentences() -> None:
    found = find_conflicts(
        single(
            ("a", 2, "The shooting happened outside Kettle Hall on Kettle Avenue in West Marbury."),
            ("b", 1, "Guests were leaving Kettle Hall in West Marbury when the shots rang out."),
            ("c", 3, "The gunman opened fire in front of Kettle Hall on Kettle Ave. in Dunmore on Sunday."),
        ),
        articles("a", "b", "c"),
    )
    assert [(c.kind, c.subject) for c in found] == [("place", "where Kettle Hall is")]
    assert values(found[0]) == [("West Marbury", ["a", "b"]), ("Dunmore", ["c"])]


def test_a_town_and_its_neighbourhood_named_by_both_articles_do_not_conflict() -> None:
    rows = (
        ("a", 0, "Four people were shot at a party in Marbury, police said."),
        ("a", 2, "The shooting happened outside Kettle Hall in West Marbury."),
        ("b", 0, "Four people were shot outside a West Marbury party hall."),
        ("b", 3, "Police said the gunman fired at Kettle Hall in Marbury."),
    )
    assert find_conflicts(single(*rows), articles("a", "b")) == []


def test_an_article_giving_two_places_for_a_venue_is_left_out() -> None:
    rows = (
        ("a", 2, "The shooting happened outside Kettle Hall in West Marbury."),
        ("b", 1, "Kettle Hall in Dunmore was closed; a man who left Kettle Hall in Ashby was hurt."),
        ("b", 4, "The gunman fled Kettle Hall in Dunmore."),
    )
    assert find_conflicts(single(*rows), articles("a", "b")) == []


# --- dates of one event told in two unaligned sentences --------------------------------------------


def test_year_of_a_repayment_identified_by_its_amount() -> None:
    found = find_conflicts(
        single(
            ("a", 5, "His lawyers said in 2023 that the senator repaid the campaign about $60,000."),
            ("b", 7, "The senator repaid his campaign more than $60,000 earlier this year for travel."),
        ),
        articles("a", "b"),
    )
    assert [c.kind for c in found] == ["date"]
    assert values(found[0]) == [
        ("2023-01-01..2023-12-31 (in 2023)", ["a"]),
        ("2024-01-01..2024-03-18 (earlier this year)", ["b"]),
    ]


def test_dates_next_to_the_same_amount_of_different_events_do_not_conflict() -> None:
    rows = (
        ("a", 5, "The charity raised $60,000 in 2023."),  # no content word shared with b
        ("b", 7, "A reward of $60,000 was offered earlier this year."),
        ("c", 2, "The senator repaid $60,000 last year, and $5,000 in 2022."),  # two dates
        ("d", 1, "A $15,000 reward was offered on Friday."),  # a day: when it was announced
        ("e", 3, "Police offered a $15,000 reward on Monday."),
    )
    assert find_conflicts(single(*rows), articles("a", "b", "c", "d", "e")) == []


# --- two events, not one fact ----------------------------------------------------------------------


def test_aligned_sentences_that_differ_in_a_second_detail_tell_two_events() -> None:
    rows = [
        ("a", 0, "A 16-year-old boy was shot Sunday night in the Bridgeport neighborhood."),
        ("b", 0, "A 17-year-old boy was shot Saturday night in the Gage Park neighborhood."),
    ]
    assert find_conflicts([claim(*rows)], articles("a", "b")) == []


def test_aligned_sentences_that_differ_in_one_detail_still_conflict() -> None:
    rows = [
        ("a", 0, "A 16-year-old boy was shot Sunday night in the Bridgeport neighborhood."),
        ("b", 0, "A 17-year-old boy was shot Sunday night in Bridgeport, police said."),
        ("c", 0, "A 16-year-old boy was shot Saturday night in the Bridgeport neighborhood."),
    ]
    found = find_conflicts([claim(*rows)], articles("a", "b", "c"))
    assert sorted((c.kind, [v.sources for v in c.values]) for c in found) == [
        ("date", [["a", "b"], ["c"]]),
        ("number", [["a", "c"], ["b"]]),
    ]


def test_two_counts_of_one_event_differing_together_still_conflict() -> None:
    rows = [
        ("a", 0, "The blast killed at least 8 people and injured 12 in Riverton."),
        ("b", 0, "The blast killed at least 10 people and injured 13 in Riverton."),
    ]
    found = find_conflicts([claim(*rows)], articles("a", "b"))
    assert [c.kind for c in found] == ["number", "number"]


def test_ages_of_one_named_person_conflict_whatever_else_differs() -> None:
    found = find_conflicts(
        single(
            ("a", 1, "Talia Brenn, 19, was shot on Sunday in Marlow."),
            ("b", 2, "Talia Brenn, 21, died on Monday in Ashby hospital."),
        ),
        articles("a", "b"),
    )
    assert [(c.kind, c.subject) for c in found] == [("number", "age of Talia Brenn")]


def test_articles_naming_their_own_publication_day_do_not_conflict() -> None:
    rows = [
        ("a", 9, "The council of Ashby met on February 1, 2024."),
        ("b", 9, "The council of Ashby met on February 21, 2024."),
    ]
    found = find_conflicts(
        [claim(*rows)],
        [
            Article("a", "a.txt", [], published="2024-02-01"),
            Article("b", "b.txt", [], published="2024-02-21"),
        ],
    )
    assert found == []
    moved = find_conflicts([claim(*rows)], articles("a", "b"))  # both written on March 18
    assert [c.kind for c in moved] == ["date"]


# --- the day one person was hurt -----------------------------------------------------------------


def _dates(found: list[Conflict]) -> list[list[tuple[str, list[str]]]]:
    return [values(c) for c in found if c.kind == "date"]


def test_day_a_person_was_shot_told_in_unaligned_ledes() -> None:
    found = find_conflicts(
        single(
            ("a", 0, "A seven-year-old boy was shot and badly hurt on Sunday at his home in Fairview."),
            ("b", 0, "Deputies say a gun went off, striking the 7-year-old in the arm on Saturday."),
            ("c", 2, "The 7-year-old boy was struck by a bullet on Saturday, his uncle said."),
        ),
        articles("a", "b", "c"),
    )
    assert _dates(found) == [[("2024-03-17 (Sunday)", ["a"]), ("2024-03-16 (Saturday)", ["b", "c"])]]
    assert found[0].subject == "day the 7-year-old was shot or hurt"


def test_the_day_something_was_said_or_a_death_is_not_the_day_of_the_shooting() -> None:
    found = find_conflicts(
        single(
            ("a", 0, "A 7-year-old boy who was shot at his home is recovering, deputies said Sunday."),
            ("b", 0, "Deputies say a gun went off, striking the 7-year-old in the arm on Saturday."),
            ("c", 0, "The 7-year-old boy shot last week died on Sunday at a hospital."),
        ),
        articles("a", "b", "c"),
    )
    assert _dates(found) == []


def test_people_of_one_age_in_an_article_telling_several_incidents_are_not_one_person() -> None:
    found = find_conflicts(
        single(
            ("a", 0, "A 19-year-old man was shot on Saturday in the 100 block of North Elm Street."),
            ("a", 1, "Another man was wounded in the 200 block of West Oak Avenue."),
            ("a", 2, "A woman was hurt in the 300 block of South Pine Road."),
            ("b", 0, "A 19-year-old man was shot on Sunday outside a store."),
        ),
        articles("a", "b"),
    )
    assert _dates(found) == []


def test_dates_of_embedded_posts_are_when_they_were_posted() -> None:
    found = find_conflicts(
        [
            claim(
                ("a", 5, "- Dana Whitfield (@DanaWhit) February 1, 2024"),
                ("b", 7, "- Dana Whitfield (@DanaWhit) March 12, 2024"),
            )
        ],
        articles("a", "b"),
    )
    assert _dates(found) == []


def test_blocks_given_by_an_article_telling_several_incidents_are_not_compared() -> None:
    rows = [
        ("a", 0, "A man was shot in the 3800 block of West Larch Avenue."),
        ("a", 1, "Another man was wounded in the 400 block of North Birch Avenue."),
        ("a", 2, "A woman was hurt in the 7700 block of South Cedar Road."),
        ("b", 0, "Two people were shot in the 2200 block of West Larch Avenue."),
    ]
    assert [c for c in find_conflicts(single(*rows), articles("a", "b")) if c.kind == "place"] == []
    found = find_conflicts(single(rows[0], rows[3]), articles("a", "b"))
    assert [c.subject for c in found if c.kind == "place"] == ["location on West Larch Avenue"]
