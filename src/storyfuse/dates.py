"""Dates stated in news sentences, resolved to calendar days: the date side of the COMPARE stage.

"on Thursday", "yesterday", "this week" or "Oct. 31" mean a day only against the article's
publication date, so :func:`resolve_dates` turns each expression into the span of calendar days
it can mean; two statements of one fact disagree when their spans cannot overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from storyfuse.text import tidy

__all__ = ["MONTHS", "WEEKDAYS", "DateSpan", "resolve_dates"]

_MONTH_NAMES = "january february march april may june july august september october november december"
MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES.split(), 1)}
MONTHS |= {name[:3]: i for name, i in list(MONTHS.items())} | {"sept": 9}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS = {name: i for i, name in enumerate(_WEEKDAY_NAMES)}
_MONTH = "(?P<month>" + "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DATE_FORMS = [
    re.compile(rf"\b{_MONTH} {_DAY}(?:,? {_YEAR})?\b"),  # October 31, 2024 / Oct. 31
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH}(?:,? {_YEAR})?\b"),  # 31 October 2024
    re.compile(rf"\b{_MONTH} {_YEAR}\b"),  # February 2022: the whole month
    re.compile(rf"\b(?:[Ii]n|[Ss]ince|[Dd]uring) {_YEAR}\b"),  # in 1949: the whole year
    re.compile(r"\b(?:(?P<rel>last|this|next) )?(?P<weekday>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b"),
    re.compile(r"\b(?P<near>[Yy]esterday|[Tt]oday|[Tt]onight)\b"),
    re.compile(r"\b(?P<week>[Tt]his|[Ll]ast) week\b"),
    # "earlier this year", "last month": not "the last year" (the past twelve months)
    re.compile(
        r"(?<!the )\b(?:(?P<side>[Ee]arlier|[Ll]ater) )?"
        r"(?P<period_rel>[Tt]his|[Ll]ast) (?P<period>year|month)\b"
    ),
]


# Words that put the weekday after them ahead of publication: "the funeral will be held
# Saturday", "a vigil is planned for Friday".
_FUTURE = re.compile(
    r"\b(?:will|'ll|shall|scheduled|planned|set for|set to|due to|due in|upcoming|plans? to)\b", re.IGNORECASE
)


@dataclass(slots=True, frozen=True)
class DateSpan:
    """A resolved date expression: the first and last calendar day it can mean, and whether it
    was read from the publication date ("on Sunday", "Oct. 31") rather than from its words
    alone ("Oct. 31, 2024")."""

    first: date
    last: date
    text: str
    relative: bool

    def label(self) -> str:
        days = self.first.isoformat() + ("" if self.first == self.last else f"..{self.last.isoformat()}")
        return f"{days} ({self.text})"


def _resolve(match: re.Match[str], published: date | None, ahead: bool = False) -> tuple[date, date] | None:
    found = match.groupdict()
    if found.get("weekday"):
        if published is None or found["rel"] == "next":
            return None
        weekday = WEEKDAYS[found["weekday"].lower()]
        if ahead and found["rel"] != "last":
            day = published + timedelta(days=(weekday - published.weekday()) % 7)
            return day, day
        back = (published.weekday() - weekday) % 7
        day = published - timedelta(days=back or (7 if found["rel"] == "last" else 0))
        return day, day
    if found.get("near"):
        if published is None:
            return None
        day = published - timedelta(days=1 if found["near"].lower() == "yesterday" else 0)
        return day, day
    if found.get("week"):
        if published is None:
            return None
        monday = published - timedelta(
            days=published.weekday() + (7 if found["week"].lower() == "last" else 0)
        )
        return monday, monday + timedelta(days=6)
    if found.get("period"):
        return None if published is None else _period(found, published)
    year = int(found["year"]) if found.get("year") else None
    if not found.get("month"):
        return (date(year, 1, 1), date(year, 12, 31)) if year else None
    month = MONTHS[found["month"].lower()]
    if not found.get("day"):
        assert year is not None
        return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    if year is None:
        if published is None:
            return None
        # A day without a year is the one nearest before (or just after) publication.
        year = published.year - (date(published.year, month, 1) > published + timedelta(days=31))
    try:
        day = date(year, month, int(found["day"]))
    except ValueError:
        return None
    return day, day


def _planned(text: str, start: int) -> bool:
    """Whether the clause before ``start`` speaks of a plan (a weekday ahead of publication)."""
    clause_start = max(text.rfind(mark, 0, start) for mark in ",;:(")
    return _FUTURE.search(text, max(clause_start + 1, start - 60), start) is not None


def _period(found: dict[str, str], published: date) -> tuple[date, date]:
    """This or last calendar year or month; "earlier" ends it at publication, "later" starts it
    there."""
    last = found["period_rel"].lower() == "last"
    if found["period"] == "year":
        year = published.year - last
        first, end = date(year, 1, 1), date(year, 12, 31)
    else:
        month = published.month - last or 12
        year = published.year - (last and published.month == 1)
        first = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    side = (found.get("side") or "").lower()
    if side == "earlier" and not last:
        end = published
    elif side == "later" and not last:
        first = published
    return first, end


def resolve_dates(sentence: str, published: date | None) -> list[DateSpan]:
    """Calendar spans for the date expressions of a sentence.

    Weekdays resolve to the latest such day on or before publication ("on Thursday" in a
    Friday paper is yesterday), or after a plan's words ("will", "scheduled for") to the next
    such day on or after it; "this week" to the publication week. Without a publication
    date only expressions with a year resolve.

    >>> [s.label() for s in resolve_dates("He spoke on Thursday (Oct. 31).", date(2024, 11, 1))]
    ['2024-10-31 (Thursday)', '2024-10-31 (Oct. 31)']
    """
    text = tidy(sentence)
    matches = sorted(
        (m for form in _DATE_FORMS for m in form.finditer(text)), key=lambda m: (m.start(), -m.end())
    )
    spans: list[DateSpan] = []
    end = -1
    for match in matches:
        if match.start() < end:
            continue  # inside a longer expression already read
        resolved = _resolve(match, published, _planned(text, match.start()))
        if resolved is not None:
            relative = not match.groupdict().get("year")
            spans.append(DateSpan(resolved[0], resolved[1], match.group().strip(), relative))
            end = match.end()
    return spans
