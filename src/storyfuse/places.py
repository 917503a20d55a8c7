"""Places in news sentences: the place side of the COMPARE stage.

Two wordings of one claim may put it in different places ("in the Kursk region" / "in
Belgorod"), and US police reports locate incidents by block ("the 1700 block of Elm Avenue");
both are read here so that sources that place one event differently can be shown.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from storyfuse.dates import MONTHS
from storyfuse.entities import NOT_NAMES, diff_words, spelling_fold
from storyfuse.text import fold, tidy

__all__ = ["BlockAddress", "find_block_addresses", "place_swap", "places_in", "same_place", "venue_places"]

_LOCATIVE = frozenset({"in", "near", "at", "outside", "from", "into", "across", "off", "inside"})
_PLACE_LEADS = frozenset({"the", "nearby", "neighbouring", "neighboring"})
_PLACE_NOUNS = frozenset({"region", "province", "state", "city", "district", "county", "area", "oblast",
                          "town", "village", "border", "capital", "territory", "prefecture"})  # fmt: skip


def _place(words: list[str]) -> str | None:
    """A place name filling a slot: capitalised words, optional "the" and a generic place noun."""
    if words and fold(words[0]) == "the":
        words = words[1:]
    while words and fold(words[-1]) in _PLACE_NOUNS:
        words = words[:-1]
    if not words or not all(w[:1].isupper() and fold(w) not in NOT_NAMES for w in words):
        return None
    return " ".join(words)


COPY_EDIT_SHARE = 0.8
"""Two wordings that share at least this share of their words are a copy with light edits:
there a place swap stands out even when a few other words changed."""


def _capitalised(words: list[str]) -> bool:
    return any(w[:1].isupper() for w in words)


def place_swap(a: str, b: str) -> tuple[str, str] | None:
    """The one place name that ``b`` writes where ``a`` has another after a locative word
    ("in", "near", "in nearby", "in the"), when that is the only edit between two wordings of one
    claim, or when the wordings are a light copy edit of each other (:data:`COPY_EDIT_SHARE`)
    whose other edits change no capitalised word.

    >>> place_swap("Troops gathered in the Kursk region.", "Troops gathered in Belgorod.")
    ('Kursk', 'Belgorod')
    """
    words_a, words_b = diff_words(a), diff_words(b)
    folded_a, folded_b = [spelling_fold(w) for w in words_a], [spelling_fold(w) for w in words_b]
    matcher = difflib.SequenceMatcher(None, folded_a, folded_b, autojunk=False)
    light_edit = matcher.ratio() >= COPY_EDIT_SHARE
    found = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before = folded_a[i1 - 1] if i1 else ""
        before2 = folded_a[i1 - 2] if i1 > 1 else ""
        after_locative = before in _LOCATIVE or (before in _PLACE_LEADS and before2 in _LOCATIVE)
        if tag == "replace" and after_locative:
            place_a, place_b = _place(words_a[i1:i2]), _place(words_b[j1:j2])
            if place_a is None or place_b is None or fold(place_a) in fold(b) or fold(place_b) in fold(a):
                return None
            found.append((place_a, place_b))
        elif not light_edit or _capitalised(words_a[i1:i2]) or _capitalised(words_b[j1:j2]):
            return None  # another edit: not a clean place swap
    return found[0] if len(found) == 1 else None


_STREET_TYPES = {
    "avenue": "avenue", "ave": "avenue", "street": "street", "st": "street", "road": "road",
    "rd": "road", "boulevard": "boulevard", "blvd": "boulevard", "drive": "drive", "dr": "drive",
    "lane": "lane", "ln": "lane", "court": "court", "ct": "court", "place": "place", "pl": "place",
    "way": "way", "parkway": "parkway", "pkwy": "parkway", "highway": "highway", "terrace": "terrace",
    "circle": "circle", "trail": "trail",
}  # fmt: skip
_BLOCK = re.compile(
    r"\b(?P<block>\d{2,5}) block of (?:[Ee]ast |[Ww]est |[Nn]orth |[Ss]outh )?"
    r"(?P<name>(?:[A-Z0-9][\w'-]*\.? ){1,4}?)"
    rf"(?P<type>(?:{'|'.join(word.capitalize() for word in _STREET_TYPES)})\b\.?)"
)


@dataclass(slots=True, frozen=True)
class BlockAddress:
    """ "the 1700 block of Elm Avenue": US police wording for where on a street something
    happened; ``street`` is folded with the street type spelled out ("elm avenue")."""

    block: int
    street: str
    text: str


def find_block_addresses(sentence: str) -> list[BlockAddress]:
    """Block addresses of a sentence.

    >>> find_block_addresses("It happened in the 1700 block of Elm Ave. on Monday.")
    [BlockAddress(block=1700, street='elm avenue', text='1700 block of Elm Ave.')]
    """
    found = []
    for match in _BLOCK.finditer(tidy(sentence)):
        written = match["type"].rstrip(".")
        kind = _STREET_TYPES[written.lower()]
        street = f"{fold(match['name'].strip(' .'))} {kind}"
        text = match.group() if written.lower() != kind else match.group().rstrip(".")
        found.append(BlockAddress(int(match["block"]), street, text))
    return found


def _is_name(word: str) -> bool:
    return word[:1].isupper() and fold(word) not in NOT_NAMES


def places_in(sentence: str) -> list[str]:
    """Place names written after "in" or "in the": "in East Flatbush", "in the Bronx".

    >>> places_in("He fired outside Remsen Hall in East Flatbush on Sunday.")
    ['East Flatbush']
    """
    words = diff_words(sentence)
    found = []
    for k, word in enumerate(words[:-1]):
        if fold(word) != "in":
            continue
        j = k + 1 + (fold(words[k + 1]) == "the")
        run = []
        while j < len(words) and _is_name(words[j]):
            run.append(words[j])
            j += 1
        place = _place(run)
        if place is not None:
            found.append(place)
    return found


_VENUE_NOUNS = frozenset(
    {"hall", "church", "school", "mall", "club", "bar", "lounge", "hotel", "motel", "inn", "restaurant",
     "store", "market", "plaza", "apartments", "theater", "theatre", "arena", "stadium", "station"}
)  # fmt: skip
_NOT_VENUE_NAMES = frozenset({"north", "south", "east", "west", "city", "county", "state", "high", "main"})
_VENUE_REACH = 6
"""Words between a venue and the "in" that places it ("Remsen Hall on Remsen Ave. in ..."), and
the words read after that "in" for the place ("in the Legends Ranch Subdivision")."""


def venue_places(sentence: str) -> list[tuple[str, str]]:
    """Named venues or streets and the place written after them: ("remsen avenue", "Brownsville")
    for "Remsen Ave. in Brownsville". The venue is a name and a venue noun or street type
    (spelled out), so wordings of one address meet; months are not places.

    >>> venue_places("He opened fire in front of Remsen Hall on Remsen Ave. in Brownsville.")
    [('remsen hall', 'Brownsville'), ('remsen avenue', 'Brownsville')]
    """
    words = diff_words(sentence)
    found = []
    for k in range(1, len(words) - 1):
        name, noun = words[k], fold(words[k + 1])
        if not (_is_name(name) and words[k + 1][:1].isupper()) or fold(name) in _NOT_VENUE_NAMES:
            continue
        if noun not in _VENUE_NOUNS and noun not in _STREET_TYPES:
            continue
        reach = words[k + 2 : k + 2 + _VENUE_REACH]
        at = next((j for j, w in enumerate(reach) if fold(w) == "in"), None)
        if at is None:
            continue
        start = k + 2 + at
        place = places_in(" ".join(words[start : start + _VENUE_REACH]))
        if place and fold(place[0]) not in MONTHS:
            found.append((f"{fold(name)} {_STREET_TYPES.get(noun, noun)}", place[0]))
    return found


def same_place(a: str, b: str) -> bool:
    """Two spellings of one place: equal without spaces ("Eastlake" / "East Lake") or sharing
    their first word ("Bristol Tennessee" / "Bristol Tenn")."""
    fa, fb = fold(a).split(), fold(b).split()
    return "".join(fa) == "".join(fb) or fa[:1] == fb[:1]
