"""Tests for storyfuse.dates: date expressions resolved against the publication date."""

from __future__ import annotations

from datetime import date

import pytest

from storyfuse.dates import resolve_dates

FRIDAY = date(2024, 3, 15)


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        ("The plant closed on Thursday.", date(2024, 3, 14), date(2024, 3, 14)),
        ("The plant closed on Friday.", FRIDAY, FRIDAY),
        ("The plant closed last Friday.", date(2024, 3, 8), date(2024, 3, 8)),
        ("The plant closed yesterday.", date(2024, 3, 14), date(2024, 3, 14)),
        ("The plant closed this week.", date(2024, 3, 11), date(2024, 3, 17)),
        ("The plant closed on March 12.", date(2024, 3, 12), date(2024, 3, 12)),
        ("The plant closed on 12 March 2023.", date(2023, 3, 12), date(2023, 3, 12)),
        ("The plant will reopen on Monday.", date(2024, 3, 18), date(2024, 3, 18)),
        ("A vigil is planned for Friday.", FRIDAY, FRIDAY),
        ("A vigil is planned for Thursday.", date(2024, 3, 21), date(2024, 3, 21)),
        ("Workers, who will strike again, walked out Monday.", date(2024, 3, 11), date(2024, 3, 11)),
        ("The plant closed on Dec. 30.", date(2023, 12, 30), date(2023, 12, 30)),
        ("The plant closed in February 2022.", date(2022, 2, 1), date(2022, 2, 28)),
        ("The plant opened in 1998.", date(1998, 1, 1), date(1998, 12, 31)),
        ("The plant closed earlier this year.", date(2024, 1, 1), FRIDAY),
        ("The plant will close later this year.", FRIDAY, date(2024, 12, 31)),
        ("The plant closed last year.", date(2023, 1, 1), date(2023, 12, 31)),
        ("The plant closed last month.", date(2024, 2, 1), date(2024, 2, 29)),
        ("The plant closed earlier this month.", date(2024, 3, 1), FRIDAY),
    ],
)
def test_resolve_dates(sentence: str, first: date, last: date) -> None:
    spans = resolve_dates(sentence, FRIDAY)
    assert [(s.first, s.last) for s in spans] == [(first, last)]


def test_relative_dates_need_a_publication_date() -> None:
    assert resolve_dates("The plant closed on Thursday.", None) == []
    assert resolve_dates("It may rain; the plant may close.", FRIDAY) == []


def test_spans_say_whether_they_were_read_from_the_publication_date() -> None:
    spans = resolve_dates(
        "On Sunday, Oct. 27, the council met, as it did on Oct. 2, 2023.", date(2024, 10, 30)
    )
    assert [(s.text, s.relative) for s in spans] == [
        ("Sunday", True),
        ("Oct. 27", True),
        ("Oct. 2, 2023", False),
    ]


def test_last_month_in_january_is_december_of_the_year_before() -> None:
    spans = resolve_dates("Sales fell last month.", date(2024, 1, 9))
    assert [(s.first, s.last, s.relative) for s in spans] == [(date(2023, 12, 1), date(2023, 12, 31), True)]


def test_the_last_year_is_a_stretch_of_time_not_a_calendar_year() -> None:
    assert resolve_dates("Crime rose over the last year.", FRIDAY) == []
    assert resolve_dates("Sales fell last month.", None) == []
