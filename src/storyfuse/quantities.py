"""Numbers stated in news sentences: the numeric side of the COMPARE stage.

A number is only comparable with another when both count the same thing, so every quantity
carries what it counts: a *unit* (a class of counted nouns from a small synonym table of news
nouns, "troops" = "soldiers" = "forces"), the *entity* it is about (the capitalised modifiers,
"North Korean"), and a *predicate* for casualty-like counts ("people ... killed" -> ``dead``).
Years, calendar dates, clock times, ordinals and identifiers ("Flight 370", "F-16") are never
read as quantities.

Conflict rule (documented in :func:`values_differ`): two stated numbers differ when they are
different numbers after normalisation, whatever their hedges ("8,000" vs "up to 10,000" differ;
"about 10,000" vs "10,000" do not); a vague amount ("hundreds") differs from another amount only
when their ranges cannot overlap; two vague amounts never differ.

Numerals (digits, number words, vague amounts, ranges) are read by :mod:`storyfuse.numerals`,
dates by :mod:`storyfuse.dates`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from storyfuse.entities import Token, entity_key, tokenize
from storyfuse.numerals import (
    NP_STOP,
    QUALIFIERS,
    SMALL_NUMBERS,
    Numeral,
    adjacent,
    find_numerals,
    may_hold_a_number,
)
from storyfuse.quotes import SPEECH_VERBS, find_attribution
from storyfuse.text import tidy

__all__ = [
    "Quantity",
    "format_amount",
    "parse_quantities",
    "same_subject",
    "same_value",
    "values_differ",
]

# --- vocabulary ---------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def _classes(table: dict[str, str]) -> dict[str, str]:
    """{"class": "word word ..."} -> {"word": "class", ...}"""
    return {word: cls for cls, listed in table.items() for word in _words(listed)}


CURRENCY_WORDS = _classes(
    {"usd": "dollars dollar usd", "eur": "euros euro eur", "gbp": "gbp sterling", "jpy": "yen",
     "cny": "yuan renminbi", "inr": "rupees rupee", "rub": "rubles roubles", "chf": "francs"}
)  # fmt: skip
# Counted nouns that mean the same count in news text, mapped to one class.
UNIT_CLASSES = CURRENCY_WORDS | _classes(
    {
        "troops": "troops troop soldiers soldier forces personnel servicemen servicemembers fighters",
        "people": "people persons person residents individuals inhabitants adults",
        "passengers": "passengers passenger travellers travelers commuters",
        "civilians": "civilians civilian",
        "children": "children kids minors",
        "workers": "workers employees staff jobs staffers",
        "migrants": "migrants refugees asylum-seekers",
        "students": "students pupils",
        "prisoners": "prisoners inmates detainees hostages",
        "police": "officers policemen police",
        "buildings": "homes houses households buildings structures",
        "votes": "votes ballots",
        "tonnes": "tonnes tons tonne ton",
        "hectares": "hectares hectare",
        "acres": "acres acre",
        "percent": "percent pct",
        "projectiles": "missiles rockets drones shells",
        "vehicles": "vehicles cars trucks tanks",
        "aircraft": "flights planes aircraft jets",
    }
)
PERSON_UNITS = frozenset(
    _words("troops people passengers civilians children workers migrants students prisoners police")
)
DURATIONS = frozenset(
    _words("year years month months week weeks day days hour hours minute minutes decade decades")
)
CASUALTIES = _classes(
    {
        "dead": "killed dead died deaths death fatalities lives perished slain bodies toll killing kills "
        "dying",
        "injured": "injured wounded hurt injuries injuring wounding",
        "missing": "missing unaccounted",
        "arrested": "arrested detained arrests",
        "displaced": "evacuated displaced homeless evacuations",
        "rescued": "rescued",
        "hospitalised": "hospitalized hospitalised",
        "casualties": "casualties",
    }
)
_PREDICATES = CASUALTIES | {"shot": "shot"}
"""Predicates read around a count: "shot" counts the killed and the wounded together ("eight
people were shot" / "two killed and six injured"), so it is a role of its own, but never the
counted noun ("firing one shot")."""
MONEY_SUBJECTS = frozenset(
    _words(
        "fine fined penalty settlement damages bail ransom bonus salary compensation budget loss losses "
        "profit revenue deal investment aid loan bill contract reward bid offer valuation tax package "
        "funding grant price"
    )
)
_PREDICATE_SKIP = frozenset(
    _words("were was are is have has had been be being reportedly also all now so far later confirmed feared "
           "believed thought reported left")
)  # fmt: skip
_PEOPLE = frozenset(
    [word for word, unit in UNIT_CLASSES.items() if unit in PERSON_UNITS]
    + _words("men women boys girls man woman boy girl baby babies child teen teens teenagers teenager adults")
    + _words("adult infant infants stepchildren siblings brothers sisters")
)
_GROUP_DETERMINERS = frozenset(_words("the these those them his her their its our"))
_PARTIAL = frozenset(_words("other others more additional remaining further another"))
_NOT_COUNTED = frozenset(
    _words("block blocks street avenue road route highway interstate room suite apartment unit floor page")
    + _words("flight mile exit image images photo photos gallery slide")
    + _words("miles feet foot yards yard meters metres kilometers kilometres km inches")  # distances
)
_YEAR_LEADS = frozenset(_words("in since until till before after by from during"))


@dataclass(slots=True, frozen=True)
class Quantity:
    """One amount stated in a sentence.

    ``value`` is the stated number (``None`` for vague amounts like "hundreds"); ``low`` and
    ``high`` its stated range (equal for a plain number). ``qualifier`` is the hedge as written
    ("up to", "around", "" for none) and ``unit`` the counted class ("troops", "usd", "age", or
    the head noun when it is not in the table). ``attribution`` is who states it, when said.
    """

    value: float | None
    low: float
    high: float
    qualifier: str
    unit: str
    noun: str
    entity: str
    predicate: str
    text: str
    start: int
    known_unit: bool
    any_person: bool = False
    attribution: str | None = None
    measure: bool = False
    """A compound adjective, "48-page indictment" (unit "page indictment"): a size of one
    specific thing, comparable across claim groups."""

    @property
    def hedge(self) -> str:
        """The qualifier's meaning: "", "about", "up to", "below", "above", "vague" or "range"."""
        if self.value is None:
            return "vague" if self.qualifier else "range"
        return QUALIFIERS.get(self.qualifier, "")

    @property
    def approx(self) -> bool:
        return self.hedge in {"about", "vague"}

    @property
    def cross_group(self) -> bool:
        """Whether this amount may be compared with amounts of *other* sentences than its own
        claim group: only counts of a known noun about a named entity ("Ruritanian troops").
        A bare "12 people killed" elsewhere in a story is too often another, earlier event."""
        return self.known_unit and self.unit != "age" and bool(self.entity) and self.high >= 10

    def bounds(self) -> tuple[float, float]:
        """The range of true values this statement allows ("up to 10" allows 0..10)."""
        hedge = self.hedge
        if self.value is None:
            return self.low, self.high
        v = self.value
        return {
            "up to": (0.0, v),
            "below": (0.0, v),
            "above": (v, math.inf),
            "about": (0.9 * v, 1.1 * v),
        }.get(hedge, (v, v))

    def label(self) -> str:
        """The amount as a reader wants to see it: "up to 10,000", "$2.5 billion", "hundreds"."""
        if self.value is None:
            return (
                self.qualifier
                or f"{format_amount(self.low, self.unit)}-{format_amount(self.high, self.unit)}"
            )
        amount = format_amount(self.value, self.unit)
        return f"{self.qualifier} {amount}" if self.qualifier else amount


def format_amount(value: float, unit: str) -> str:
    """Readable amount: 8000 -> "8,000", 2.5e9 usd -> "$2.5 billion", 12 percent -> "12%"."""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if value >= scale:
            number = f"{value / scale:.3f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        number = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    symbol = {"usd": "$", "eur": "€", "gbp": "£", "jpy": "¥"}.get(unit)
    if symbol:
        return symbol + number
    return number + "%" if unit == "percent" else number


# --- what a number counts -----------------------------------------------------------------------


def _qualifier(tokens: list[Token], first: int) -> tuple[str, int]:
    """The hedge written before a number and the token index where it starts."""
    for size in (3, 2, 1):
        if first - size < 0:
            continue
        phrase = " ".join(t.lower for t in tokens[first - size : first])
        if phrase in QUALIFIERS:
            return phrase, first - size
    return "", first


def _casualty_before(tokens: list[Token], start: int) -> str:
    """ "killing at least 120", "the death toll rose to 120": a casualty word shortly before."""
    for k in range(start - 1, max(start - 7, -1), -1):
        if tokens[k].kind != "word" or tokens[k].lower in {"and", "or", "but", "while", "age", "ages"}:
            break  # "one is dead and five are injured": another clause; "ranged in age from 11"
        if tokens[k].lower in _PREDICATES and tokens[k].lower not in {"lives", "bodies"}:
            return _PREDICATES[tokens[k].lower]
    return ""


def _noun_phrase(tokens: list[Token], j: int) -> list[int]:
    """Token indexes of the noun phrase after a number, at most four words."""
    if j < len(tokens) and tokens[j].lower == "of":
        j += 1
        if j < len(tokens) and tokens[j].lower in {"the", "its", "their", "them"}:
            j += 1
    phrase: list[int] = []
    while j < len(tokens) and len(phrase) < 4:
        token = tokens[j]
        if token.text == "-" and j + 1 < len(tokens) and adjacent(token, tokens[j + 1]):
            j += 1  # "8,000-strong force"
            continue
        word = token.lower
        if token.kind != "word" or word in NP_STOP or word in SPEECH_VERBS:
            break
        if phrase and word in CASUALTIES:
            break
        if word.endswith("ly") and len(word) > 4 and word not in UNIT_CLASSES:
            break
        phrase.append(j)
        if word in UNIT_CLASSES or word in CASUALTIES or word in DURATIONS:
            break
        j += 1
    return phrase


def _compound_measure(tokens: list[Token], j: int) -> str | None:
    """The unit of a number joined by hyphens to a measure word and followed by a noun: "a
    48-page indictment" -> "page indictment", "a 10-year sentence" -> "year sentence". The
    noun says what is measured, so a "10-year sentence" is never a "10-year investigation"."""
    if j + 2 >= len(tokens) or tokens[j].text != "-" or not adjacent(tokens[j - 1], tokens[j]):
        return None
    measure, noun = tokens[j + 1], tokens[j + 2]
    if not adjacent(tokens[j], measure) or measure.kind != "word" or noun.kind != "word":
        return None
    if measure.lower.endswith("s") or noun.lower in NP_STOP or noun.lower in SPEECH_VERBS:
        return None  # "20-years-old", "a 10-year in prison"
    return f"{measure.lower} {_singular(noun.lower)}"


def _part_of_a_group(tokens: list[Token], j: int, head: int | None) -> str:
    """Whether an amount counts a part of a group rather than the whole: "other" for the rest
    of a group ("four other children", "three more people"), "share" for a share of it ("two
    of the wounded men"), "part" for one term of a sum ("five people and an unborn baby"), ""
    for a whole ("hundreds of residents"). ``j`` is the token after the number, ``head`` its
    counted noun. Parts of different kinds are never compared."""
    if head is not None and _in_a_sum(tokens, head):
        return "part"
    if j + 1 < len(tokens) and tokens[j].lower == "of" and tokens[j + 1].lower in _GROUP_DETERMINERS:
        return "share"
    if j < len(tokens) and tokens[j].lower in _PARTIAL:
        return "other"
    return (
        "other" if head is not None and any(tokens[k].lower in _PARTIAL for k in range(j, head + 1)) else ""
    )


def _in_a_sum(tokens: list[Token], head: int) -> bool:
    """ "five people and an unborn baby", "two children and two stepchildren": a count of one
    noun added to another count, a part of the whole. A casualty word keeps its own count ("two
    killed and six injured")."""
    if tokens[head].lower not in _PEOPLE or head + 2 >= len(tokens) or tokens[head + 1].lower != "and":
        return False
    after = tokens[head + 2]
    if not (after.kind == "num" or after.lower in SMALL_NUMBERS or after.lower in {"a", "an", "another"}):
        return False
    return any(t.lower in _PEOPLE for t in tokens[head + 3 : head + 6])


def _head(tokens: list[Token], phrase: list[int]) -> int | None:
    for k in phrase:
        if tokens[k].lower in UNIT_CLASSES or tokens[k].lower in CASUALTIES or tokens[k].lower in DURATIONS:
            return k
    for n, k in enumerate(phrase):
        if n and tokens[k].lower.endswith(("ed", "ing")):
            return phrase[n - 1]
        if tokens[k].lower.endswith("s") and not tokens[k].capitalised:
            return k  # the first plural noun: "two foreign ministers comes amid"
    return phrase[-1] if phrase else None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _predicate_after(tokens: list[Token], head: int) -> str:
    for k in range(head + 1, min(head + 6, len(tokens))):
        word = tokens[k].lower
        if word in _PREDICATES:
            return _PREDICATES[word]
        if word not in _PREDICATE_SKIP:
            break
    return ""


def _entity_after(tokens: list[Token], head: int) -> list[str]:
    """ "troops from North Korea": the capitalised run after "from"/"of" following the head."""
    k = head + 1
    if k < len(tokens) and tokens[k].lower in {"from", "of"}:
        run = []
        for token in tokens[k + 1 : k + 4]:
            if not token.capitalised:
                break
            run.append(token.text)
        return run
    return []


def _clause_before(tokens: list[Token], start: int, size: int) -> list[Token]:
    """Up to ``size`` tokens before ``start``, nearest first, back to the clause's punctuation:
    "fined the app maker Acme Ltd $2 million" reaches "fined"."""
    out = []
    for token in reversed(tokens[max(0, start - size) : start]):
        if token.kind == "punct":
            break
        out.append(token)
    return out


def _build(tokens: list[Token], text: str, number: Numeral) -> Quantity | None:
    qualifier, q_start = _qualifier(tokens, number.first)
    if number.value is None and not number.vague_word:
        qualifier = ""  # a range carries its own bounds
    j = number.end
    unit, known, entity_words, predicate, any_person = "", False, [], "", False
    measure: str | None = None
    head: int | None = None
    phrase = _noun_phrase(tokens, j)
    following = " ".join(t.lower for t in tokens[j : j + 3] if t.text != "-")
    if number.percent or following.startswith(("percent", "pct", "per cent")):
        unit, known = "percent", True
    elif following.startswith(("year-old", "years-old", "years old", "year old")) or (
        number.first > 0 and tokens[number.first - 1].lower == "aged"
    ):
        # Whose age: the word after "-year-old" ("daughter", "SirTerry"), so two ages of one
        # claim are compared only when they belong to the same kind of person.
        unit, known = "age", True
        old = next((k for k in range(j, min(j + 4, len(tokens))) if tokens[k].lower.endswith("old")), None)
        if old is not None and old + 1 < len(tokens) and tokens[old + 1].kind == "word":
            entity_words = [tokens[old + 1].text]
    elif measure := _compound_measure(tokens, j):
        unit, known = measure, True
    else:
        head = _head(tokens, phrase)
    if head is not None:
        word = tokens[head].lower
        entity_words = [tokens[k].text for k in phrase if k < head and tokens[k].capitalised]
        if word in CASUALTIES:
            unit, known, predicate = "people", True, CASUALTIES[word]
        elif word in DURATIONS:
            return None  # a duration ("seven years", "12 days") is time, never a count
        elif word in _NOT_COUNTED:
            return None  # an address or a label: "the 5800 block", "Image 1 of 9"
        elif word in UNIT_CLASSES:
            unit, known = UNIT_CLASSES[word], True
        elif tokens[head].capitalised and word.endswith(("ans", "ese", "is", "ons", "nos", "ers")):
            unit, known, any_person = "people", True, True  # a demonym: "10,000 North Koreans"
            entity_words.append(tokens[head].text[:-1])
        else:
            unit = _singular(word)
        predicate = predicate or _predicate_after(tokens, head)
        entity_words = entity_words or _entity_after(tokens, head)
    if number.currency:
        unit, known = number.currency, True
    if not predicate and unit not in {"percent", "age"} and not measure:
        predicate = _casualty_before(tokens, q_start)
        if predicate and not unit:
            unit, known = "people", True  # "the death toll rose to 120"
    part = _part_of_a_group(tokens, j, head) if unit in UNIT_CLASSES.values() else ""
    if part and unit not in CURRENCY_WORDS.values():
        unit = f"{part} {unit}"
    if unit in CURRENCY_WORDS.values():
        subject_words = [tokens[k].lower for k in phrase] + [
            t.lower for t in _clause_before(tokens, q_start, 6)
        ]
        money = next((w for w in subject_words if w in MONEY_SUBJECTS), "")
        predicate = "fine" if money == "fined" else money.rstrip("s") if money != "damages" else money
    in_table = head is not None and tokens[head].lower in UNIT_CLASSES
    after_time_word = number.first > 0 and tokens[number.first - 1].lower in _YEAR_LEADS
    if (
        number.value is not None
        and number.plain_digits
        and 1000 <= number.value <= 2100
        and (after_time_word or not in_table)
        and not measure
    ):
        return None  # a year: "in 2010", "since 1988 helping people" (but "1500 troops")
    if not unit or (not known and not predicate and number.high < 10):
        return None  # counts nothing we can name, or a small count of anything ("the two victims")
    end_token = tokens[head] if head is not None else tokens[number.end - 1]
    noun = text[tokens[phrase[0]].start : end_token.end] if head is not None and phrase else unit
    start = tokens[q_start].start
    return Quantity(
        value=number.value,
        low=number.low,
        high=number.high,
        qualifier=qualifier if number.value is not None else number.vague_word,
        unit=unit,
        noun=noun,
        entity=entity_key(entity_words),
        predicate=predicate,
        text=text[start : tokens[number.end - 1].end],
        start=start,
        known_unit=known,
        any_person=any_person,
        attribution=find_attribution(text, start, tokens),
        measure=bool(measure),
    )


def parse_quantities(sentence: str) -> list[Quantity]:
    """Every amount in a sentence with what it counts, its hedge and who states it.

    >>> found = parse_quantities("Up to 10,000 Ruritanian soldiers are there, officials said.")
    >>> [(q.label(), q.unit, q.entity, q.attribution) for q in found]
    [('up to 10,000', 'troops', 'ruritan', 'officials')]
    """
    text = tidy(sentence)
    if not may_hold_a_number(text):
        return []
    tokens = tokenize(text)
    found: list[Quantity] = []
    for number in find_numerals(tokens):
        quantity = _build(tokens, text, number)
        if quantity is not None:
            found.append(quantity)
    return found


def same_subject(a: Quantity, b: Quantity, *, same_claim: bool) -> bool:
    """Whether two amounts count the same thing. Within one claim group (aligned sentences) the
    unit must agree and a predicate or entity may be missing on one side; across groups the
    predicate and entity must agree too, and only :attr:`Quantity.cross_group` amounts qualify."""
    units_match = a.unit == b.unit or (
        (a.any_person and b.unit in PERSON_UNITS) or (b.any_person and a.unit in PERSON_UNITS)
    )
    if not units_match:
        return False
    if same_claim:  # aligned sentences may leave the verb or the entity implicit on one side
        return not (a.entity and b.entity and a.entity != b.entity) and (
            a.predicate == b.predicate or not (a.predicate and b.predicate)
        )
    return a.predicate == b.predicate and a.cross_group and b.cross_group and a.entity == b.entity


def same_value(a: Quantity, b: Quantity, approx_tolerance: float = 0.1, rounding: float = 0.05) -> bool:
    """Whether two amounts state the same number (hedges aside) or the same vague range."""
    if a.value is None or b.value is None:
        return a.value is None and b.value is None and (a.low, a.high) == (b.low, b.high)
    return not _points_differ(a, b, approx_tolerance, rounding)


def _points_differ(a: Quantity, b: Quantity, approx_tolerance: float, rounding: float) -> bool:
    va, vb = a.value or 0.0, b.value or 0.0
    if va == vb:
        return False
    relative = abs(va - vb) / max(abs(va), abs(vb))
    if (a.hedge == "about" or b.hedge == "about") and relative <= approx_tolerance:
        return False
    # A round figure in thousands or more and a precise one ("1.5 million" / "1,520,000"): the
    # precise one rounds to it and they are close. Small counts ("120" / "123") are exact.
    coarse, fine = (va, vb) if _precision(va) >= _precision(vb) else (vb, va)
    step = _precision(coarse)
    return not (step >= 1000 and relative <= rounding and round(fine / step) * step == coarse)


def _precision(value: float) -> float:
    """The place of the last significant digit: 8000 -> 1000, 1.5e6 -> 1e5, 123 -> 1."""
    if value == 0 or value != int(value):
        return 0.01
    step = 1.0
    while value % (step * 10) == 0:
        step *= 10
    return step


def values_differ(a: Quantity, b: Quantity, approx_tolerance: float = 0.1, rounding: float = 0.05) -> bool:
    """The conflict rule for two amounts about the same subject.

    1. Two stated numbers differ when they are different numbers, whatever the hedges: "8,000"
       vs "up to 10,000" differ; "about 10,000" vs "10,000" do not, nor do numbers within
       ``approx_tolerance`` when one is hedged with "about", nor a rounded figure and a precise
       one that rounds to it within ``rounding``.
    2. A vague amount or a range differs from a number only when what each allows cannot
       overlap ("hundreds" vs "8,000"; "thousands" vs "up to 10,000" do not differ).
    3. Two vague amounts never differ: outlets use "hundreds" and "thousands" loosely.

    >>> a, b = parse_quantities("8,000 troops")[0], parse_quantities("up to 10,000 troops")[0]
    >>> values_differ(a, b)
    True
    """
    if a.value is not None and b.value is not None:
        return _points_differ(a, b, approx_tolerance, rounding)
    if a.value is None and b.value is None:
        return False
    low_a, high_a = a.bounds()
    low_b, high_b = b.bounds()
    return high_a < low_b or high_b < low_a
