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

Dates are read by :mod:`storyfuse.dates`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from storyfuse.dates import MONTHS
from storyfuse.entities import Token, entity_key, tokenize
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
CURRENCY_WORDS = _classes(
    {"usd": "dollars dollar usd", "eur": "euros euro eur", "gbp": "gbp sterling", "jpy": "yen",
     "cny": "yuan renminbi", "inr": "rupees rupee", "rub": "rubles roubles", "chf": "francs"}
)  # fmt: skip
# Counted nouns that mean the same count in news text, mapped to one class.
UNIT_CLASSES = CURRENCY_WORDS | _classes(
    {
        "troops": "troops troop soldiers soldier forces personnel servicemen servicemembers fighters",
        "people": "people persons person residents individuals inhabitants",
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
MONEY_SUBJECTS = frozenset(
    _words(
        "fine fined penalty settlement damages bail ransom bonus salary compensation budget loss losses "
        "profit revenue deal investment aid loan bill contract reward bid offer valuation tax package "
        "funding grant price"
    )
)
_NP_STOP = frozenset(
    _words(
        "a an the and or but are is were was be been being have has had will would could can may might "
        "must should shall do does did in on at of to from for with by into onto over under as than that "
        "which who whom whose this these those it its their they he she we you not no so if while when "
        "where after before since until during about around per each more less there here according "
        "reportedly also said says across against among between through toward towards"
    )
)
_PREDICATE_SKIP = frozenset(
    _words("were was are is have has had been be being reportedly also all now so far later confirmed feared "
           "believed thought reported left")
)  # fmt: skip
_PARTIAL = frozenset(_words("other others more additional remaining further another"))
_NOT_COUNTED = frozenset(
    _words("block blocks street avenue road route highway interstate room suite apartment unit floor page")
    + _words("flight mile exit image images photo photos gallery slide")
)
_LEADS = frozenset(_words("only just all another nearly some over almost roughly exactly"))
_YEAR_LEADS = frozenset(_words("in since until till before after by from during"))
_TIME_WORDS = frozenset(_words("am pm a.m. p.m. gmt utc ist est edt pst cet bst hrs"))


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


# --- reading numbers ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Number:
    value: float | None
    low: float
    high: float
    first: int  # token index of the number (or currency sign)
    end: int  # token index after the number and its scale
    vague_word: str = ""
    currency: str = ""
    percent: bool = False
    plain_digits: bool = False  # written as bare digits: a year candidate


def _adjacent(a: Token, b: Token) -> bool:
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


def _read_number(tokens: list[Token], i: int) -> _Number | None:
    token = tokens[i]
    first, currency = i, ""
    if token.kind == "punct" and token.text in CURRENCY_SYMBOLS and i + 1 < len(tokens):
        if tokens[i + 1].kind != "num" or not _adjacent(token, tokens[i + 1]):
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
        if j < len(tokens) and _adjacent(token, tokens[j]):
            attached = tokens[j]
            if attached.kind == "word" and attached.lower in SUFFIX_SCALES:
                value, j, plain = value * SUFFIX_SCALES[attached.lower], j + 1, False
            elif attached.kind == "word":
                return None  # ordinal ("31st"), decade ("1990s") or code ("4G")
            elif attached.text == "-" and j + 1 < len(tokens) and tokens[j + 1].lower in SCALES:
                value, j, plain = value * SCALES[tokens[j + 1].lower], j + 2, False  # "$2-million"
            elif attached.text == "%":
                return _Number(value, value, value, first, j + 1, currency=currency, percent=True)
        if j < len(tokens) and tokens[j].lower in SCALES:
            value, j, plain = value * SCALES[tokens[j].lower], j + 1, False
        return _Number(value, value, value, first, j, currency=currency, plain_digits=plain)
    if token.kind != "word":
        return None
    word = token.lower
    nxt = tokens[i + 1].lower if i + 1 < len(tokens) else ""
    after = tokens[i + 2].lower if i + 2 < len(tokens) else ""
    if (word, after) in VAGUE_OF and nxt == "of":
        low, high = VAGUE_OF[(word, after)]
        return _Number(None, low, high, i, i + 3, vague_word=f"{word} of {after}")
    if word in VAGUE:
        low, high = VAGUE[word]
        return _Number(None, low, high, i, i + 1, vague_word=word)
    if word in FEW or (word == "a" and nxt == "few"):
        k = i + 1 if word in FEW else i + 2
        scale_word = tokens[k].lower if k < len(tokens) else ""
        scale = SCALES.get(scale_word) or (12.0 if scale_word == "dozen" else None)
        if scale is None:
            return None
        low, high = FEW["few" if word == "a" else word]
        return _Number(
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
    return _Number(value, value, value, i, j)


def _range_end(tokens: list[Token], number: _Number) -> _Number:
    """Extend "8,000-10,000", "8,000 to 10,000" and "between 8,000 and 10,000" to one range."""
    j = number.end
    if number.value is None or j + 1 >= len(tokens):
        return number
    link = tokens[j]
    between = number.first > 0 and tokens[number.first - 1].lower == "between"
    from_ = number.first > 0 and tokens[number.first - 1].lower == "from"
    is_link = (link.text == "-" and _adjacent(tokens[j - 1], link)) or (link.lower == "to" and not from_)
    if not (is_link or (between and link.lower == "and")):
        return number
    k = j + 1
    if k < len(tokens) and tokens[k].text in CURRENCY_SYMBOLS:
        k += 1
    second = _read_number(tokens, k) if k < len(tokens) else None
    if second is None or second.value is None or second.value <= number.value:
        return number
    return _Number(None, number.value, second.value, number.first, second.end, currency=number.currency)


def _is_month(token: Token | None) -> bool:
    return token is not None and token.capitalised and token.lower in MONTHS


def _not_a_count(tokens: list[Token], number: _Number) -> bool:
    """Dates, clock times, scores, identifiers and codes are numbers but not amounts."""
    first, end = tokens[number.first], tokens[number.end - 1]
    before = tokens[number.first - 1] if number.first > 0 else None
    before2 = tokens[number.first - 2] if number.first > 1 else None
    after = tokens[number.end] if number.end < len(tokens) else None
    after2 = tokens[number.end + 1] if number.end + 1 < len(tokens) else None
    if before is not None and _adjacent(before, first) and (before.kind == "word" or before.text in "-:/#№"):
        return True  # "F-16", "COVID-19", "10:30", "#3", "a86878"
    if after is not None and after.text in {":", "/"} and _adjacent(end, after):
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
        return before.lower not in QUALIFIERS and before.lower not in _NP_STOP and before.lower not in _LEADS
    return False


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
        if tokens[k].kind != "word" or tokens[k].lower in {"and", "or", "but", "while"}:
            break  # "one is dead and five are injured": another clause
        if tokens[k].lower in CASUALTIES and tokens[k].lower not in {"lives", "bodies"}:
            return CASUALTIES[tokens[k].lower]
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
        if token.text == "-" and j + 1 < len(tokens) and _adjacent(token, tokens[j + 1]):
            j += 1  # "8,000-strong force"
            continue
        word = token.lower
        if token.kind != "word" or word in _NP_STOP or word in SPEECH_VERBS:
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
        if word in CASUALTIES:
            return CASUALTIES[word]
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


def _build(tokens: list[Token], text: str, number: _Number) -> Quantity | None:
    qualifier, q_start = _qualifier(tokens, number.first)
    if number.value is None and not number.vague_word:
        qualifier = ""  # a range carries its own bounds
    j = number.end
    unit, known, entity_words, predicate, any_person = "", False, [], "", False
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
    else:
        head = _head(tokens, phrase)
    if head is not None:
        word = tokens[head].lower
        entity_words = [tokens[k].text for k in phrase if k < head and tokens[k].capitalised]
        partial = any(tokens[k].lower in _PARTIAL for k in phrase)
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
        if partial and not unit.startswith("other"):
            unit = f"other {unit}"  # "four other children" counts a part, not the whole
        predicate = predicate or _predicate_after(tokens, head)
        entity_words = entity_words or _entity_after(tokens, head)
    if number.currency:
        unit, known = number.currency, True
    if not predicate and unit not in {"percent", "age"}:
        predicate = _casualty_before(tokens, q_start)
        if predicate and not unit:
            unit, known = "people", True  # "the death toll rose to 120"
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
    )


_NUMBER_STARTS = frozenset([*SMALL_NUMBERS, *VAGUE, *FEW, "a", "an", "tens", "usd", "eur", "gbp"])
_NUMBER_WORDS = _NUMBER_STARTS - {"a", "an"} | {"dozen", *SCALES}
_LETTERS = re.compile(r"[a-z]+")


def _may_hold_a_number(text: str) -> bool:
    """A cheap test that skips most sentences before tokenizing them."""
    return any(c.isdigit() for c in text) or not _NUMBER_WORDS.isdisjoint(_LETTERS.findall(text.lower()))


def parse_quantities(sentence: str) -> list[Quantity]:
    """Every amount in a sentence with what it counts, its hedge and who states it.

    >>> found = parse_quantities("Up to 10,000 Ruritanian soldiers are there, officials said.")
    >>> [(q.label(), q.unit, q.entity, q.attribution) for q in found]
    [('up to 10,000', 'troops', 'ruritan', 'officials')]
    """
    text = tidy(sentence)
    if not _may_hold_a_number(text):
        return []
    tokens = tokenize(text)
    found: list[Quantity] = []
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
            quantity = _build(tokens, text, number)
            if quantity is not None:
                found.append(quantity)
        i = number.end
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
