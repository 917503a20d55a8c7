"""Reading numerals in news text: the number-parsing half of :mod:`storyfuse.quantities`.

A numeral is a stated amount before anyone asks what it counts: digits ("8,000", "2.5bn",
"$3-million", "12%"), number words ("eight thousand", "two hundred and fifty", "a dozen"),
vague amounts ("hundreds", "tens of thousands", "a few hundred") and ranges ("8,000-10,000",
"between 8,000 and 10,000"). Numbers that are not amounts (dates, clock times, scores,
identifiers such as "Flight 370" or "F-16") are dropped here, so the quantity layer only sees
amounts. Kept apart from quantities because reading a number is a closed, table-driven problem,
while deciding what it counts is heuristic and changes more often.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from storyfuse.dates import MONTHS
from storyfuse.entities import Token

__all__ = [
    "NP_STOP",
    "QUALIFIERS",
    "Numeral",
    "adjacent",
    "find_numerals",
    "may_hold_a_number",
]


def _words(text: str) -> list[str]:
    return text.split()


_TEENS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen"
SMALL_NUMBERS = {w: float(i) for i, w in enumerate(_words(_TEENS + " sixteen seventeen eighteen nineteen"))}
SMALL_NUMBERS |= {
    w: 10.0 * i for i, w in enumerate(_words("twenty thirty forty fifty sixty seventy eighty ninety"), 2)
}
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "lakh": 1e5,
    "million": 1e6,
    "crore": 1e7,
    "billion": 1e9,
    "trillion": 1e12,
}
SUFFIX_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}
VAGUE = {
    "dozens": (24.0, 100.0),
    "scores": (40.0, 100.0),
    "hundreds": (200.0, 1e3),
    "thousands": (2e3, 1e4),
    "millions": (2e6, 1e9),
    "billions": (2e9, 1e12),
}
VAGUE_OF = {
    ("tens", "thousands"): (2e4, 1e5),
    ("hundreds", "thousands"): (2e5, 1e6),
    ("tens", "millions"): (2e7, 1e8),
}
FEW = {"several": (3.0, 9.0), "few": (2.0, 5.0)}
_HEDGES = {
    "up to": "up to|as many as|as much as|no more than|at most",
    "below": "fewer than|less than|under",
    "above": "more than|over|at least|upwards of|in excess of|just over|exceeding",
    "about": "about|around|some|approximately|roughly|nearly|almost|an estimated|estimated|close to"
    "|just under",
}
QUALIFIERS = {phrase: hedge for hedge, listed in _HEDGES.items() for phrase in listed.split("|")}
CURRENCY_SYMBOLS = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy", "₹": "inr"}
NP_STOP = frozenset(
    _words(
        "a an the and or but are is were was be been being have has had will would could can may might "
        "must should shall do does did in on at of to from for with by into onto over under as than that "
        "which who whom whose this these those it its their they he she we you not no so if while when "
        "where after before since until during about around per each more less there here according "
        "reportedly also said says across against among between through toward towards"
    )
)
_LEADS = frozenset(_words("only just all another nearly some over almost roughly exactly"))
_TIME_WORDS = frozenset(_words("am pm a.m. p.m. gmt utc ist est edt pst cet bst hrs"))


# --- reading numbers ----------------------------------------------------------------------------


@dataclass(slots=True)
class Numeral:
    """A number as written: its value (``None`` for a vague amount or a range), its bounds and
    where it sits in the token stream."""

    value: float | None
    low: float
    high: float
    first: int  # token index of the number (or currency sign)
    end: int  # token index after the number and its scale
    vague_word: str = ""
    currency: str = ""
    percent: bool = False
    plain_digits: bool = False  # written as bare digits: a year candidate


def adjacent(a: Token, b: Token) -> bool:
    return a.end == b.start


def _word_number(tokens: list[Token], i: int) -> tuple[float, int] | None:
    """ "eight thousand", "twenty-five", "a dozen", "two hundred and fifty" -> (value, end)."""
    total, current, j, seen = 0.0, 0.0, i, False
    if tokens[i].lower in {"a", "an"} and i + 1 < len(tokens) and tokens[i + 1].lower in {*SCALES, "dozen"}:
        current, j, seen = 1.0, i + 1, True
    while j < len(tokens) and tokens[j].kind == "word":
        word = tokens[j].lower
        parts = word.split("-")
        if len(parts) == 2 and all(p in SMALL_NUMBERS for p in parts):
            current += SMALL_NUMBERS[parts[0]] + SMALL_NUMBERS[parts[1]]
        elif word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word == "dozen" and seen:
            current *= 12
        elif word == "hundred" and seen:
            current *= 100
        elif word in SCALES and seen:
            total, current = total + current * SCALES[word], 0.0
        elif word == "and" and seen and j + 1 < len(tokens) and tokens[j + 1].lower in SMALL_NUMBERS:
            pass
        else:
            break
        seen, j = True, j + 1
    if not seen:
        return None
    if j < len(tokens) and tokens[j].lower == "of" and j == i + 1 and tokens[i].lower == "one":
        return None  # "one of the ..." is not a count
    return total + current, j


def _read_number(tokens: list[Token], i: int) -> Numeral | None:
    token = tokens[i]
    first, currency = i, ""
    if token.kind == "punct" and token.text in CURRENCY_SYMBOLS and i + 1 < len(tokens):
        if tokens[i + 1].kind != "num" or not adjacent(token, tokens[i + 1]):
            return None
        currency, i, token = CURRENCY_SYMBOLS[token.text], i + 1, tokens[i + 1]
    elif token.kind == "word" and token.lower in {"usd", "eur", "gbp"} and i + 1 < len(tokens):
        if tokens[i + 1].kind != "num":
            return None
        currency, i, token = token.lower, i + 1, tokens[i + 1]
    if token.kind == "num":
        digits = token.text
        if digits.count(".") > 1:
            return None  # a version or a dotted date, not an amount
        value = float(digits.replace(",", ""))
        j = i + 1
        plain = currency == "" and "," not in digits and "." not in digits
        if j < len(tokens) and adjacent(token, tokens[j]):
            attached = tokens[j]
            if attached.kind == "word" and attached.lower in SUFFIX_SCALES:
                value, j, plain = value * SUFFIX_SCALES[attached.lower], j + 1, False
            elif attached.kind == "word":
                return None  # ordinal ("31st"), decade ("1990s") or code ("4G")
            elif attached.text == "-" and j + 1 < len(tokens) and tokens[j + 1].lower in SCALES:
                value, j, plain = value * SCALES[tokens[j + 1].lower], j + 2, False  # "$2-million"
            elif attached.text == "%":
                return Numeral(value, value, value, first, j + 1, currency=currency, percent=True)
        if j < len(tokens) and tokens[j].lower in SCALES:
            value, j, plain = value * SCALES[tokens[j].lower], j + 1, False
        return Numeral(value, value, value, first, j, currency=currency, plain_digits=plain)
    if token.kind != "word":
        return None
    word = token.lower
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    after = tokens[i + 2].lower if i + 2 < len(tokens) else ""
    if (word, after) in VAGUE_OF and nxt == "of":
        low, high = VAGUE_OF[(word, after)]
        return Numeral(None, low, high, i, i + 3, vague_word=f"{word} of {after}")
    if word in VAGUE:
        low, high = VAGUE[word]
        return Numeral(None, low, high, i, i + 1, vague_word=word)
    if word in FEW or (word == "a" and nxt == "few"):
        k = i + 1 if word in FEW else i + 2
        scale_word = tokens[k].lower if k < len(tokens) else ""
        scale = SCALES.get(scale_word) or (12.0 if scale_word == "dozen" else None)
        if scale is None:
            return None
        low, high = FEW["few" if word == "a" else word]
        return Numeral(
            None,
            low * scale,
            high * scale,
            i,
            k + 1,
            vague_word=f"{'a few' if word == 'a' else word} {scale_word}",
        )
    parsed = _word_number(tokens, i)
    if parsed is None:
        return None
    value, j = parsed
    return Numeral(value, value, value, i, j)


def _range_end(tokens: list[Token], number: Numeral) -> Numeral:
    """Extend "8,000-10,000", "8,000 to 10,000" and "between 8,000 and 10,000" to one range."""
    j = number.end
    if number.value is None or j + 1 >= len(tokens):
        return number
    link = tokens[j]
    between = number.first > 0 and tokens[number.first - 1].lower == "between"
    from_ = number.first > 0 and tokens[number.first - 1].lower == "from"
    is_link = (link.text == "-" and adjacent(tokens[j - 1], link)) or (link.lower == "to" and not from_)
    if not (is_link or (between and link.lower == "and")):
        return number
    k = j + 1
    if k < len(tokens) and tokens[k].text in CURRENCY_SYMBOLS:
        k += 1
    second = _read_number(tokens, k) if k < len(tokens) else None
    if second is None or second.value is None or second.value <= number.value:
        return number
    return Numeral(None, number.value, second.value, number.first, second.end, currency=number.currency)


def _is_month(token: Token | None) -> bool:
    return token is not None and token.capitalised and token.lower in MONTHS


def _not_a_count(tokens: list[Token], number: Numeral) -> bool:
    """Dates, clock times, scores, identifiers and codes are numbers but not amounts."""
    first, end = tokens[number.first], tokens[number.end - 1]
    before = tokens[number.first - 1] if number.first > 0 else None
    before2 = tokens[number.first - 2] if number.first > 1 else None
    after = tokens[number.end] if number.end < len(tokens) else None
    after2 = tokens[number.end + 1] if number.end + 1 < len(tokens) else None
    if before is not None and adjacent(before, first) and (before.kind == "word" or before.text in "-:/#№"):
        return True  # "F-16", "COVID-19", "10:30", "#3", "a86878"
    if after is not None and after.text in {":", "/"} and adjacent(end, after):
        return True
    if (
        after is not None
        and after.text == "-"
        and after2 is not None
        and after2.kind == "num"
        and number.value is not None
    ):
        return True  # a score "3-2" or an ISO date; real ranges were merged before
    if _is_month(before) or (before is not None and before.text == "." and _is_month(before2)):
        return True
    if _is_month(after) or (after is not None and after.lower == "of" and _is_month(after2)):
        return True
    if after is not None and after.lower in _TIME_WORDS:
        return True
    if before is not None and before.lower in {
        "no",
        "number",
        "no.",
        "article",
        "chapter",
        "page",
        "section",
        "room",
    }:
        return True
    if before is not None and before.capitalised and not number.currency:
        # "Flight 370", "Boeing 737": a name followed by a number is an identifier.
        return before.lower not in QUALIFIERS and before.lower not in NP_STOP and before.lower not in _LEADS
    return False


_NUMBER_STARTS = frozenset([*SMALL_NUMBERS, *VAGUE, *FEW, "a", "an", "tens", "usd", "eur", "gbp"])
_NUMBER_WORDS = _NUMBER_STARTS - {"a", "an"} | {"dozen", *SCALES}
_LETTERS = re.compile(r"[a-z]+")


def may_hold_a_number(text: str) -> bool:
    """A cheap test that skips most sentences before tokenizing them."""
    return any(c.isdigit() for c in text) or not _NUMBER_WORDS.isdisjoint(_LETTERS.findall(text.lower()))


def find_numerals(tokens: list[Token]) -> Iterator[Numeral]:
    """Every amount-like numeral of a token stream, left to right, ranges merged, non-amounts
    (dates, times, scores, identifiers) left out.

    >>> from storyfuse.entities import tokenize
    >>> [(n.value, n.low, n.high) for n in find_numerals(tokenize("Between 8,000 and 10,000 came on May 3."))]
    [(None, 8000.0, 10000.0)]
    """
    i = 0
    while i < len(tokens):
        token = tokens[i]
        starts = token.kind != "word" or token.lower.partition("-")[0] in _NUMBER_STARTS
        number = _read_number(tokens, i) if starts else None
        if number is None:
            i += 1
            continue
        number = _range_end(tokens, number)
        if not _not_a_count(tokens, number):
            yield number
        i = number.end
