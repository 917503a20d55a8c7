"""Metadata found in article text: dates, wire agencies, outlet names, datelines.

News pages state their metadata in a handful of conventional shapes ("Published - November 01,
2024 03:39 pm IST", "By AFP", "MOSCOW (AFP) -", "/2024/11/01/" in a URL). Each helper here
recognises one family of shapes and returns a normalised value, or ``None`` when the text does
not have that shape; none of them raises.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from urllib.parse import unquote, urlsplit

from storyfuse.clean.outlets import original_url
from storyfuse.text import words

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
MONTH_PATTERN = _MONTH
"""Regex fragment matching an English month name or its abbreviation (case-insensitive use)."""

# Offsets in minutes of the zone abbreviations news sites print next to a time. Ambiguous
# abbreviations take the reading most common on English-language news sites.
TIMEZONE_OFFSETS = {
    "UTC": 0,
    "GMT": 0,
    "Z": 0,
    "WET": 0,
    "BST": 60,
    "CET": 60,
    "WAT": 60,
    "CEST": 120,
    "EET": 120,
    "CAT": 120,
    "SAST": 120,
    "EEST": 180,
    "MSK": 180,
    "EAT": 180,
    "AST": 180,
    "GST": 240,
    "PKT": 300,
    "IST": 330,
    "NPT": 345,
    "BDT": 360,
    "ICT": 420,
    "WIB": 420,
    "HKT": 480,
    "SGT": 480,
    "PHT": 480,
    "AWST": 480,
    "JST": 540,
    "KST": 540,
    "ACST": 570,
    "AEST": 600,
    "AEDT": 660,
    "NZST": 720,
    "NZDT": 780,
    "EST": -300,
    "EDT": -240,
    "CST": -360,
    "CDT": -300,
    "MST": -420,
    "MDT": -360,
    "PST": -480,
    "PDT": -420,
    "AKST": -540,
    "HST": -600,
}

_TIME = (
    r"(?:\s*(?:,|at|-|\u2013|\u2014|\||/)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?"
    r"(?:\s*\(?(?P<zone>[A-Z]{1,5}\b(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?)?)?"
)
_NAMED_DATE = re.compile(
    r"\b(?:(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?P<m1>" + _MONTH + r")\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>" + _MONTH + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{4}))" + _TIME,
    re.IGNORECASE,
)
_ISO_DATE = re.compile(
    r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?:\.\d+)?"
    r"\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
)
_YEAR = re.compile(r"\d{4}")
_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})[/-](?P<month>[01]?\d)[/-](?P<day>[0-3]?\d)(?:/|-|$)")
_URL_COMPACT_DATE = re.compile(r"/(?P<year>(?:19|20)\d{2})(?P<month>[01]\d)(?P<day>[0-3]\d)/")


def _zone_offset(zone: str | None) -> timezone | None:
    if not zone:
        return None
    zone = zone.strip().upper().replace(" ", "")
    sign_at = max(zone.rfind("+"), zone.rfind("-"))
    name, shift = (zone[:sign_at], zone[sign_at:]) if sign_at >= 0 else (zone, "")
    if name and name not in TIMEZONE_OFFSETS:
        return None
    minutes = TIMEZONE_OFFSETS.get(name, 0)
    if shift:
        digits = shift[1:].replace(":", "")
        hours, mins = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        if not hours.isdigit() or not mins.isdigit():
            return None
        delta = int(hours) * 60 + int(mins)
        minutes += delta if shift[0] == "+" else -delta
    if abs(minutes) >= 24 * 60:
        return None
    return timezone(timedelta(minutes=minutes))


def _iso(
    year: int,
    month: int,
    day: int,
    hour: str | None = None,
    minute: str | None = None,
    second: str | None = None,
    ampm: str | None = None,
    zone: str | None = None,
) -> str | None:
    try:
        if hour is None or minute is None:
            return datetime(year, month, day).date().isoformat()
        h = int(hour)
        if ampm:
            pm = ampm.lower().startswith("p")
            if not 1 <= h <= 12:
                return datetime(year, month, day).date().isoformat()
            h = h % 12 + (12 if pm else 0)
        moment = datetime(year, month, day, h, int(minute), int(second or 0), tzinfo=_zone_offset(zone))
    except ValueError:
        return None
    return moment.isoformat(timespec="seconds" if moment.second else "minutes")


def find_date(text: str) -> tuple[str, re.Match[str]] | None:
    """The first date in ``text`` as ISO 8601, with time and offset when they are given.

    >>> find_date("Published - November 01, 2024 03:39 pm IST - Moscow")[0]
    '2024-11-01T15:39+05:30'
    """
    if not _YEAR.search(text):
        return None
    candidates = [m for m in (_ISO_DATE.search(text), _NAMED_DATE.search(text)) if m]
    for match in sorted(candidates, key=lambda m: m.start()):
        value = _match_to_iso(match)
        if value:
            return value, match
    return None


def _match_to_iso(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    if "year" in groups:
        year, month, day = int(groups["year"]), int(groups["month"]), int(groups["day"])
    else:
        month_name = (groups["m1"] or groups["m2"]).lower()[:4].rstrip(".")
        month = _MONTHS.get(month_name, _MONTHS.get(month_name[:3], 0))
        year = int(groups["y1"] or groups["y2"])
        day = int(groups["d1"] or groups["d2"])
    return _iso(
        year,
        month,
        day,
        groups.get("hour"),
        groups.get("minute"),
        groups.get("second"),
        groups.get("ampm"),
        groups.get("zone"),
    )


def parse_date(text: str) -> str | None:
    """Normalise one date string (a corpus hint, a meta tag) to ISO 8601, or ``None``."""
    found = find_date(text)
    return found[0] if found else None


def date_from_url(url: str) -> str | None:
    """The publication date many sites put in their article paths (``/2024/11/01/``); an
    archive's capture stamp is not one."""
    url = original_url(url)
    path = urlsplit(url).path if "://" in url else url
    match = _URL_DATE.search(path) or _URL_COMPACT_DATE.search(path)
    if not match:
        return None
    return _iso(int(match["year"]), int(match["month"]), int(match["day"]))


# Canonical agency name -> the spellings that credit it. Short uppercase acronyms are matched
# case-sensitively so that ordinary words ("ap", "pa") never count.
_AGENCY_ALIASES: dict[str, tuple[str, ...]] = {
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters", "REUTERS", "Thomson Reuters"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "EFE": ("EFE", "Agencia EFE"),
    "ANSA": ("ANSA",),
    "Xinhua": ("Xinhua", "XINHUA"),
    "TASS": ("TASS", "Tass"),
    "Interfax": ("Interfax",),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "UPI": ("UPI", "United Press International"),
    "PTI": ("PTI", "Press Trust of India"),
    "IANS": ("IANS", "Indo-Asian News Service"),
    "ANI": ("ANI", "Asian News International"),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap", "Yonhap News Agency"),
    "Bloomberg": ("Bloomberg", "Bloomberg News"),
    "Anadolu": ("Anadolu", "Anadolu Agency"),
    "AAP": ("AAP", "Australian Associated Press"),
    "PA": ("PA", "PA Media", "Press Association"),
    "Europa Press": ("Europa Press",),
    "Jiji": ("Jiji", "Jiji Press"),
    "KCNA": ("KCNA",),
    "Ukrinform": ("Ukrinform",),
    "Bernama": ("Bernama", "BERNAMA"),
    "Antara": ("Antara",),
}
_ALIAS_TO_AGENCY = {alias: name for name, aliases in _AGENCY_ALIASES.items() for alias in aliases}
_ALIAS_ALTERNATION = "|".join(re.escape(a) for a in sorted(_ALIAS_TO_AGENCY, key=len, reverse=True))
AGENCY_PATTERN = r"(?:" + _ALIAS_ALTERNATION + r")"
"""Regex fragment matching any agency spelling (case-sensitive use)."""

_AGENCY_LIST = re.compile(
    r"^(?:" + AGENCY_PATTERN + r")(?:\s*(?:,|/|and|&|with)\s*(?:" + AGENCY_PATTERN + r"))*$"
)
_AGENCY_TOKEN = re.compile(r"\b(" + AGENCY_PATTERN + r")\b")
_CREDIT_WRAPPER = re.compile(
    r"^(?:by|source|sources|with|via|from|agencies|credit|copyright|\u00a9|with inputs from"
    r"|with input from|inputs from|reporting by|additional reporting by)\s*[:\-]?\s*",
    re.IGNORECASE,
)
_CREDIT_TRAILER = re.compile(
    r"\s*(?:contributed to this (?:report|story|article)|contributed reporting|reported|wrote this story"
    r"|staff|news agency|agency|wire|wires|news)\s*$",
    re.IGNORECASE,
)

# The last words _CREDIT_TRAILER can end with, for a cheap test before its scan.
_CREDIT_TRAILER_ENDS = (
    "report",
    "story",
    "article",
    "reporting",
    "reported",
    "staff",
    "agency",
    "wire",
    "wires",
    "news",
)


def agency_of_credit(text: str) -> str | None:
    """The wire agency when ``text`` is nothing but a credit to it ("By AFP", "(Reuters)").

    >>> agency_of_credit("- AFP"), agency_of_credit("The AFP said so.")
    ('AFP', None)
    """
    if len(text) > 160:
        return None
    core = text.strip().strip("()[]{}*_\u2014\u2013-|:;,. ").strip()
    core = _CREDIT_WRAPPER.sub("", core).strip("() ")
    if core.rstrip().lower().endswith(_CREDIT_TRAILER_ENDS):  # the scan is slow; most lines end otherwise
        core = _CREDIT_TRAILER.sub("", core)
    core = core.strip("() .")
    if not core or len(core) > 80 or not _AGENCY_LIST.match(core):
        return None
    first = _AGENCY_TOKEN.search(core)
    return _ALIAS_TO_AGENCY[first.group(1)] if first else None


def agencies_in(text: str) -> list[str]:
    """Every agency spelled in ``text`` (used on credit strings such as bylines), in order."""
    seen: list[str] = []
    for match in _AGENCY_TOKEN.finditer(text):
        name = _ALIAS_TO_AGENCY[match.group(1)]
        if name not in seen:
            seen.append(name)
    return seen


_SLUG_SEPARATORS = re.compile(r"[-_+]+")
_FILE_EXTENSION = re.compile(r"\.[a-z]{2,5}$", re.IGNORECASE)


def slug_words(url: str) -> set[str]:
    """Folded words of the URL path segment with the most words: news sites write the
    headline into the address, so it tells which line of a flattened page is the headline.
    Numbers (ids, dates) are left out; fewer than three words is no slug.

    >>> sorted(slug_words("https://news.example.com/world/2019/11/port-shut-by-storm.html"))
    ['by', 'port', 'shut', 'storm']
    """
    try:
        path = urlsplit(url).path
    except ValueError:
        return set()
    best: list[str] = []
    for segment in path.split("/"):
        segment = _SLUG_SEPARATORS.sub(" ", _FILE_EXTENSION.sub("", unquote(segment)))
        found = [word for word in words(segment) if not word.isdigit()]
        if len(found) > len(best):
            best = found
    return set(best) if len(best) >= 3 else set()


_SITE_NAME_CUE = re.compile(
    r"\b(?:[Aa] message from|registered (?:user|member|reader)s? (?:of|on|at)|subscribers? (?:of|to)"
    r"|journalists (?:of|at)|[Ss]upport(?:ing)?|[Ss]ubscribe to|[Ww]elcome to|team (?:of|at)|readers of"
    r"|reporters (?:of|at)|newsletters? (?:of|from)|[Ff]ollow|editors (?:of|at))\s+"
    r"(?P<name>(?:[Tt]he\s+)?[A-Z][\w'&.\-]*(?:\s+(?:of\s+|on\s+|the\s+|de\s+)?[A-Z][\w'&.\-]*){0,4})"
)
_NOT_A_NAME = frozenset({"Us", "Our", "We", "You", "Your", "It", "This", "Independent", "Quality", "Free"})


def site_names_in(text: str) -> list[str]:
    """Names a page gives itself in its own prompts ("A Message from The Daily Planet:")."""
    names: list[str] = []
    for match in _SITE_NAME_CUE.finditer(text):
        name = match.group("name").rstrip(".'-")
        name = re.sub(r"^the\s", "The ", name)
        bare = name.removeprefix("The ").split()[0] if name.removeprefix("The ") else ""
        if bare and bare not in _NOT_A_NAME:
            names.append(name)
    return names


def dateline_place(text: str) -> str | None:
    """Title-case a dateline place written in capitals ("NEW DELHI" -> "New Delhi")."""
    place = text.strip(" ,:;-\u2013\u2014")
    if not place or not re.fullmatch(r"[\w .,'\-]{2,40}", place):
        return None
    if place.isupper():
        place = " ".join(word.capitalize() if len(word) > 2 else word.title() for word in place.split())
    return place
