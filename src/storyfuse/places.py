"""Places in news sentences: the place side of the COMPARE stage.

Two wordings of one claim may put it in different places ("in the Kursk region" / "in
Belgorod"), and US police reports locate incidents by block ("the 1700 block of Elm Avenue");
both are read here so that sources that place one event differently can be shown.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from storyfuse.entities import NOT_NAMES, diff_words, spelling_fold
from storyfuse.text import fold, tidy

__all__ = ["BlockAddress", "find_block_addresses", "place_swap"]

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
