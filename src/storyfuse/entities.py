"""People, their titles and ages: the names side of the COMPARE stage.

Outlets transliterate and punctuate names differently ("Sergei" / "Sergey", "Choe Son Hui" /
"Choe Son-hui", "Zelensky" / "Zelenskyy"), so names are compared through a folded,
transliteration-tolerant key and a per-token tolerance, never as raw strings. Titles are read from
the "<role words> <Name>" pattern news text uses to introduce people ("Foreign Minister Choe Son
Hui", "Springfield Mayor Dana Ruiz"), with a lexicon of common role nouns.

Everything here works on :class:`Token` lists from :func:`tokenize`, which keeps character
offsets so callers can tell what stands before or after a number or a quote. Who states a fact
and quotations live in :mod:`storyfuse.quotes`, places in :mod:`storyfuse.places`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from rapidfuzz.fuzz import ratio

from storyfuse.text import fold, tidy

__all__ = [
    "HONORIFICS",
    "NOT_NAMES",
    "POSSESSIVE",
    "ROLE_MODIFIERS",
    "ROLE_NOUNS",
    "PersonAge",
    "TitledPerson",
    "Token",
    "diff_words",
    "entity_key",
    "find_person_ages",
    "find_titled_people",
    "name_key",
    "names_compatible",
    "role_key",
    "roles_conflict",
    "same_full_name",
    "same_person",
    "shares_name_part",
    "spelling_fold",
    "tokenize",
    "word_diff",
]


class Token(NamedTuple):
    """A word, number or punctuation mark with its character span in the tidied sentence.

    A named tuple rather than a dataclass: every sentence of a story is tokenized, and tuples
    are several times cheaper to build.
    """

    text: str
    start: int
    end: int
    kind: str  # "word" | "num" | "punct"
    lower: str  # folded text, computed once
    capitalised: bool


_TOKEN = re.compile(
    r"(?P<num>\d+(?:[.,]\d+)*)"
    r"|(?P<word>(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:['\-][^\W\d_]+)*)"
    r"|(?P<punct>\S)"
)


def tokenize(text: str) -> list[Token]:
    """Split a (tidied) sentence into words, numbers and punctuation with offsets.

    >>> [t.text for t in tokenize("The U.S. said 8,000 troops.")]
    ['The', 'U.S.', 'said', '8,000', 'troops', '.']
    """
    tokens = []
    for match in _TOKEN.finditer(text):
        value, kind = match.group(), match.lastgroup or "punct"
        lower = value.lower() if value.isascii() else fold(value)  # fold() is slow; ASCII needs only lower()
        tokens.append(
            Token(value, match.start(), match.end(), kind, lower, kind == "word" and value[0].isupper())
        )
    return tokens


# --- names ------------------------------------------------------------------------------------

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "mme", "m"})
NAME_PARTICLES = frozenset(
    {"de", "da", "del", "della", "van", "von", "der", "bin", "ibn", "al", "el", "la", "le"}
)
NOT_NAMES = frozenset(
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august", "september",
        "october", "november", "december", "the", "a", "an", "and", "but", "he", "she", "it", "they",
        "we", "i", "you", "this", "that", "in", "on", "at", "of", "for", "to",
    }
)  # fmt: skip

# Transliteration variants, applied in order to a folded, letters-only token.
_TRANSLIT = [
    (re.compile(r"dzh"), "j"),
    (re.compile(r"kh"), "h"),
    (re.compile(r"ph"), "f"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"x"), "ks"),
    (re.compile(r"w"), "v"),
    (re.compile(r"(?:iy|yy|ii)$"), "y"),
    (re.compile(r"ey"), "ei"),
    (re.compile(r"y$"), "i"),
    (re.compile(r"(.)\1+"), r"\1"),
]
_VOWELS = re.compile(r"(?<!^)[aeiouy]")


def _translit(token: str) -> str:
    for pattern, replacement in _TRANSLIT:
        token = pattern.sub(replacement, token)
    return token


def _name_tokens(name: str) -> list[str]:
    """Folded name parts without honorifics, initials or punctuation; hyphens split parts."""
    parts = [re.sub(r"[^a-z]", "", p) for p in re.split(r"[\s\-.]+", fold(name))]
    parts = [p for p in parts if p]
    while parts and parts[0] in HONORIFICS:
        parts = parts[1:]
    return [p for p in parts if len(p) > 1 or len(parts) == 1]


def name_key(name: str) -> str:
    """One string per person whatever the spelling: folded, no spaces or hyphens, transliterated.

    >>> name_key("Choe Son-hui") == name_key("Choe Son Hui") == name_key("Mr. Choe Son-Hui")
    True
    >>> name_key("Sergei Lavrov") == name_key("Sergey Lavrov")
    True
    """
    return "".join(_translit(t) for t in _name_tokens(name))


def _same_name_part(a: str, b: str) -> bool:
    """Two name parts are one when they transliterate alike ("sergei"/"sergey") or share a
    consonant skeleton of at least three letters, the last letter and most letters
    ("mohammed"/"muhammad"); not "jane"/"joan" (short skeleton) nor "peter"/"petra" (ending)."""
    ta, tb = _translit(a), _translit(b)
    if ta == tb:
        return True
    skeleton_a = re.sub(r"(.)\1+", r"\1", _VOWELS.sub("", ta))
    skeleton_b = re.sub(r"(.)\1+", r"\1", _VOWELS.sub("", tb))
    if skeleton_a == skeleton_b and len(skeleton_a) >= 3 and ta[-1] == tb[-1] and ratio(a, b) >= 70:
        return True
    return min(len(a), len(b)) >= 5 and ratio(ta, tb) >= 85


_NICKNAMES = [
    "william bill billy will", "robert bob bobby rob", "james jim jimmy", "joseph joe", "michael mike",
    "richard dick rick rich", "charles chuck charlie", "anthony tony", "thomas tom tommy",
    "john jack johnny", "elizabeth liz beth betty", "margaret peggy maggie", "katherine kate katie",
    "catherine kate katie", "susan sue", "lawrence larry", "gerald jerry", "henry hank",
    "edward ed ted eddie", "theodore ted", "stephen steve", "steven steve", "david dave",
]  # fmt: skip
NICKNAMES = {name: k for k, names in enumerate(_NICKNAMES) for name in names.split()}


def _same_given_name(a: str, b: str) -> bool:
    """Given names that can belong to one person: spellings, a nickname ("Bill"/"William") or a
    short form ("Dan"/"Daniel", "Chris"/"Christopher")."""
    if _same_name_part(a, b) or (a in NICKNAMES and NICKNAMES[a] == NICKNAMES.get(b)):
        return True
    short, full = sorted((a, b), key=len)
    return len(short) >= 3 and full.startswith(short)


def same_person(a: str, b: str, similarity: float = 90.0) -> bool:
    """Whether two full names are spellings of one person's name.

    Different given names with one surname are different people; a dropped middle name or
    initial is not a difference.

    >>> same_person("Volodymyr Zelensky", "Volodymyr Zelenskyy")
    True
    >>> same_person("John Smith", "James Smith")
    False
    """
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    parts_a, parts_b = _name_tokens(a), _name_tokens(b)
    same_length = len(parts_a) == len(parts_b)
    if (
        same_length
        and all(map(_same_name_part, parts_a[1:], parts_b[1:]))
        and _same_given_name(parts_a[0], parts_b[0])
    ):
        return True
    # A dropped middle name or initial: first and last parts agree.
    if (
        len(parts_a) != len(parts_b)
        and min(len(parts_a), len(parts_b)) >= 2
        and _same_given_name(parts_a[0], parts_b[0])
        and _same_name_part(parts_a[-1], parts_b[-1])
    ):
        return True
    # Long names cut into parts differently and spelled a little differently: whole-key ratio.
    return (
        len(parts_a) != len(parts_b)
        and min(len(key_a), len(key_b)) >= 10
        and ratio(key_a, key_b) >= similarity
    )


def same_full_name(a: str, b: str) -> bool:
    """:func:`same_person` with as many name parts on each side: a middle name only one source
    gives may be a relative's ("John Hoffman" and his father "John Ali Hoffman").

    >>> same_full_name("Dana Lee Whitlock", "Dana Lee Whitlok"), same_full_name("Ann Fox", "Ann Lee Fox")
    (True, False)
    """
    return len(_name_tokens(a)) == len(_name_tokens(b)) and same_person(a, b)


def shares_name_part(a: str, b: str) -> bool:
    """Whether two *different* people's full names share a family-name part, first or last
    ("John Smith" / "James Smith"): the shape of a wrong given name.

    >>> shares_name_part("John Smith", "James Smith"), shares_name_part("Choe Son Hui", "Choe Son-hui")
    (True, False)
    """
    parts_a, parts_b = _name_tokens(a), _name_tokens(b)
    if min(len(parts_a), len(parts_b)) < 2 or same_person(a, b):
        return False
    return _same_name_part(parts_a[-1], parts_b[-1]) or _same_name_part(parts_a[0], parts_b[0])


def names_compatible(a: str, b: str) -> bool:
    """Whether two mentions may name one person: the same person, or one is the other's
    surname alone ("Lavrov" / "Sergei Lavrov", "Choe" / "Choe Son Hui")."""
    if same_person(a, b):
        return True
    parts_a, parts_b = _name_tokens(a), _name_tokens(b)
    short, full = (parts_a, parts_b) if len(parts_a) <= len(parts_b) else (parts_b, parts_a)
    return (
        len(short) == 1 and len(full) > 1 and any(_same_name_part(short[0], p) for p in (full[0], full[-1]))
    )


# --- ages of people ----------------------------------------------------------------------------

_AGE_WORDS = ("year-old", "years-old")
_COMMA_AGE = re.compile(r", \d{1,3}[,.;]")
_ENDS_NOUN_PHRASE = frozenset(
    {"was", "is", "were", "had", "has", "of", "from", "and", "in", "at", "on", "with", "to", "as", "who",
     "that", "which", "killed", "died"}
)  # fmt: skip
# A capitalised run followed by one of these only modifies it: "a 20-year-old Des Moines man".
_PERSON_NOUNS = frozenset(
    {
        "man", "woman", "boy", "girl", "teen", "teenager", "resident", "native", "student", "mother",
        "father", "son", "daughter", "driver", "child", "toddler", "baby", "infant", "men", "women",
        "person", "youth", "officer", "worker", "employee", "rapper", "veteran", "victim", "suspect",
    }
)  # fmt: skip


@dataclass(slots=True, frozen=True)
class PersonAge:
    """An age stated for a named person; ``start`` is the character offset of the number."""

    age: int
    name: str
    start: int


def _named_at(tokens: list[Token], k: int) -> str | None:
    """The full name (two parts or more) starting at token ``k``, unless the capitalised run
    only modifies a following noun."""
    end = _name_run(tokens, k)
    if end - k < 2 or (end < len(tokens) and tokens[end].lower in _PERSON_NOUNS):
        return None
    return " ".join(t.text for t in tokens[k:end] if t.kind == "word")


def _name_before_age(tokens: list[Token], i: int) -> str | None:
    """ "Ann Fox, 22, of Ames": the name run that ends at the comma before the number ``i``."""
    begin = i - 1
    while begin > 0 and (tokens[begin - 1].capitalised or tokens[begin - 1].text == ".") and i - begin < 6:
        begin -= 1
    return _named_at(tokens, begin) if begin < i - 1 else None


def find_person_ages(sentence: str) -> list[PersonAge]:
    """Ages of named people: "22-year-old Ann Fox", "the 22-year-old victim Ann Fox", "Ann Fox,
    22,". An unnamed "20-year-old man" is no one in particular: a story may tell of several.

    >>> [(p.age, p.name) for p in find_person_ages("Police named 22-year-old Ann Fox and Tom Reyes, 19.")]
    [(22, 'Ann Fox'), (19, 'Tom Reyes')]
    """
    text = tidy(sentence)
    if "-old" not in text and not _COMMA_AGE.search(text):
        return []  # most sentences: skip the tokenizing
    tokens = tokenize(text)
    found = []
    for i, token in enumerate(tokens):
        if token.kind != "num" or not token.text.isdigit() or not 0 < int(token.text) < 120:
            continue
        name = None
        if i + 2 < len(tokens) and tokens[i + 1].text == "-" and tokens[i + 2].lower in _AGE_WORDS:
            end = i + 3
            while (
                end < min(len(tokens), i + 6)
                and tokens[end].kind == "word"
                and not tokens[end].capitalised
                and tokens[end].lower not in _ENDS_NOUN_PHRASE
            ):
                end += 1  # "22-year-old victim Ann Fox"
            name = _named_at(tokens, end) if end < len(tokens) and tokens[end].capitalised else None
        elif i > 0 and tokens[i - 1].text == "," and i + 1 < len(tokens) and tokens[i + 1].text in ",.;":
            name = _name_before_age(tokens, i)
        if name:
            found.append(PersonAge(int(token.text), name, token.start))
    return found


# --- demonyms and places ------------------------------------------------------------------------

_DEMONYM_SUFFIX = re.compile(r"(?:ians?|ans?|ese|is|ia|a|e|s)$")


def entity_key(words: list[str]) -> str:
    """A key shared by a country and its demonym, so "North Korean troops" and "troops from North
    Korea" are about the same entity: each word folded and cut before a demonym ending.

    >>> entity_key(["North", "Korean"]) == entity_key(["North", "Korea"])
    True
    """
    stems = []
    for word in words:
        folded = re.sub(r"[^a-z]", "", fold(word))
        stem = _DEMONYM_SUFFIX.sub("", folded) if len(folded) > 4 else folded
        if stem:
            stems.append(stem)
    return " ".join(stems)


# --- titles -------------------------------------------------------------------------------------

ROLE_NOUNS = frozenset(
    {
        "president", "minister", "premier", "chancellor", "leader", "spokesperson", "spokesman",
        "spokeswoman", "secretary", "chief", "governor", "mayor", "general", "ambassador", "envoy",
        "ceo", "cfo", "coo", "chairman", "chairwoman", "chairperson", "chair", "director", "commander",
        "senator", "sen", "congressman", "congresswoman", "representative", "rep", "judge", "justice",
        "prosecutor", "attorney", "sheriff", "officer", "detective", "inspector", "commissioner",
        "superintendent", "councillor", "councilor", "councilman", "councilwoman", "speaker", "king",
        "queen", "prince", "princess", "pope", "cardinal", "bishop", "archbishop", "coach", "captain",
        "lieutenant", "colonel", "sergeant", "admiral", "marshal", "head", "founder", "executive",
        "manager", "professor", "dean", "principal", "pastor", "reverend", "rabbi", "imam", "emir",
        "sultan", "monarch", "diplomat", "official", "treasurer", "administrator", "lawmaker",
        "legislator", "trooper", "deputy", "constable", "chaplain", "economist", "analyst", "gov",
        "gen", "lt", "sgt", "det", "capt", "supt", "pres",
    }
)  # fmt: skip
ROLE_MODIFIERS = frozenset(
    {
        "foreign", "defense", "defence", "interior", "finance", "prime", "vice", "former", "acting",
        "interim", "state", "home", "health", "economy", "trade", "executive", "senior", "top",
        "supreme", "press", "national", "security", "police", "fire", "army", "military",
        "opposition", "party", "parliamentary", "district", "county", "city", "education", "energy",
        "transport", "agriculture", "labor", "labour", "environment", "culture", "intelligence",
        "assistant", "associate", "managing", "chief", "deputy", "first", "majority", "minority",
        "house", "senate", "u.s.", "us", "general", "operating", "financial", "information",
    }
)  # fmt: skip
_ROLE_SPELLING = {
    "defence": "defense", "labour": "labor", "councillor": "councilor", "u.s.": "us", "sen": "senator",
    "rep": "representative", "gov": "governor", "gen": "general", "lt": "lieutenant", "sgt": "sergeant",
    "det": "detective", "capt": "captain", "supt": "superintendent", "pres": "president", "head": "chief",
}  # fmt: skip
POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(slots=True, frozen=True)
class TitledPerson:
    """A person introduced with a title: ``title`` as written, ``role`` its folded role words."""

    name: str
    title: str
    role: frozenset[str]
    start: int


def role_key(title: str) -> frozenset[str]:
    """The role words of a title, folded, without places or nationalities.

    >>> sorted(role_key("North Korean Foreign Minister"))
    ['foreign', 'minister']
    """
    key = set()
    for token in tokenize(title):
        word = token.lower
        if word in ROLE_NOUNS or word in ROLE_MODIFIERS:
            key.add(_ROLE_SPELLING.get(word, word))
    if "senate" in key:
        key.add("senator")  # "Senate Majority Leader" is a senator too
    return frozenset(key)


ORGANISATION_WORDS = frozenset(
    {
        "county", "police", "department", "office", "city", "state", "university", "college",
        "school", "hospital", "court", "fire", "news", "agency", "ministry", "council", "party",
        "company", "bank", "airport", "station", "church", "club",
    }
)  # fmt: skip


FUNCTION_ROLES = frozenset(
    {
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "officer",
        "representative",
        "diplomat",
        "lawmaker",
        "prosecutor",
    }
)


STATUS_MODIFIERS = frozenset({"acting", "interim", "deputy", "assistant", "vice"})
"""Words that make another post of one office ("interim chief" is not "chief"). Not "former":
outlets mark a past post in many ways ("recently resigned director"), so it is usually one fact."""


def roles_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two role keys (:func:`role_key`) cannot describe one person's post.

    Role nouns decide ("leader" / "minister", "mayor" / "governor"); a function such as
    "spokesman" or "officer" fits any rank; with the same nouns, modifiers decide ("Foreign
    Minister" / "Defense Minister", "Police Chief" / "Fire Chief"). A title that only adds words
    ("President" / "Russian President", "Minister" / "Foreign Minister") is no conflict, unless
    the added word is a status (:data:`STATUS_MODIFIERS`): "Interim Chief" / "Chief" and "Vice
    President" / "President" are different posts.

    >>> roles_conflict(role_key("leader"), role_key("Foreign Minister"))
    True
    >>> roles_conflict(role_key("police spokesman"), role_key("Detective"))
    False
    >>> roles_conflict(role_key("Interim Police Chief"), role_key("Police Chief"))
    True
    """
    nouns_a, nouns_b = (a & ROLE_NOUNS) - FUNCTION_ROLES, (b & ROLE_NOUNS) - FUNCTION_ROLES
    if not nouns_a or not nouns_b:
        return False
    if (a ^ b) & STATUS_MODIFIERS:
        return True
    if nouns_a == nouns_b:
        nouns_a, nouns_b = a - ROLE_NOUNS, b - ROLE_NOUNS
    return not (nouns_a <= nouns_b or nouns_b <= nouns_a)


def _name_run(tokens: list[Token], start: int) -> int:
    """End index (exclusive) of the capitalised name that starts at ``start``, or ``start``."""
    end = start
    while end < len(tokens) and end - start < 4:
        token = tokens[end]
        word = token.lower
        if (
            token.text == "."
            and len(tokens[end - 1].text) == 1
            and end + 1 < len(tokens)
            and tokens[end + 1].capitalised
        ):
            end += 1  # an initial: "L. Patrick Gray"
            continue
        if (token.capitalised and word not in NOT_NAMES and word not in ROLE_NOUNS) or (
            word in NAME_PARTICLES and end > start and end + 1 < len(tokens) and tokens[end + 1].capitalised
        ):
            end += 1
            if POSSESSIVE.search(word):
                break  # "Putin's": the name ends here
        else:
            break
    if any(t.lower in ORGANISATION_WORDS for t in tokens[start : end + 1]):
        return start  # "Prince George's County Police" names a body, not a person
    return end


def find_titled_people(sentence: str) -> list[TitledPerson]:
    """People introduced as "<title> <Name>" in a sentence.

    The title is the run of role words and capitalised modifiers right before the name, and must
    end with a role word (so "Russian counterpart Sergei Lavrov" has no title).

    >>> [(p.title, p.name) for p in find_titled_people("North Korean leader Choe Son-hui arrived.")]
    [('North Korean leader', 'Choe Son-hui')]
    """
    if ROLE_NOUNS.isdisjoint(re.findall(r"[a-z]+", sentence.lower())):
        return []  # a cheap test before tokenizing
    tokens = tokenize(sentence)
    found: list[TitledPerson] = []
    i = 1
    while i < len(tokens):
        previous = tokens[i - 1].lower
        is_role = previous in ROLE_NOUNS or previous in ROLE_MODIFIERS
        end = _name_run(tokens, i) if is_role and tokens[i - 1].kind == "word" else i
        if end == i:
            i += 1
            continue
        begin = i - 1
        while begin > 0:
            token = tokens[begin - 1]
            word = token.lower
            joins_roles = word == "and" and begin > 1 and tokens[begin - 2].lower in ROLE_NOUNS
            if word in NOT_NAMES and not joins_roles:
                break  # "But NOPD Superintendent ...": the title starts after the conjunction
            if joins_roles or (
                token.kind == "word" and (word in ROLE_NOUNS or word in ROLE_MODIFIERS or token.capitalised)
            ):
                begin -= 1
            else:
                break
        title_tokens = tokens[begin:i]
        # Leading capitalised words that are names themselves ("Lavrov told Foreign Minister X")
        # are kept: they are the title's scope, like "North Korean".
        title = sentence[title_tokens[0].start : title_tokens[-1].end]
        role = role_key(title)
        # "the president Blumenthal worked for": a lower-case title after "the" is not a title.
        bare = not any(t.capitalised for t in title_tokens) and begin > 0 and tokens[begin - 1].lower == "the"
        if any(t.lower in ROLE_NOUNS for t in title_tokens) and role and not bare:
            name = POSSESSIVE.sub("", sentence[tokens[i].start : tokens[end - 1].end])
            found.append(TitledPerson(name=name, title=title, role=role, start=tokens[begin].start))
        i = end
    return found


# --- wording ------------------------------------------------------------------------------------

_SPELLING = [
    (re.compile(r"(?<=[a-z]{3})our(?=(s|ed|ing|able|ably|ite|ites|ful|less|ist|er)?$)"), "or"),
    (re.compile(r"(?<=[a-z]{3})enc(e|es)$"), r"ens\1"),
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{3})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{3})tre(s)?$"), r"ter\1"),
    (re.compile(r"(?<=[a-z]{3})ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=[aeiou])ll(ed|ing|er|ers)$"), r"l\1"),
    (re.compile(r"programme"), "program"),
]
_WORD = re.compile(r"[^\W_]+(?:['\-.][^\W_]+)*")


@lru_cache(maxsize=65536)
def spelling_fold(word: str) -> str:
    """Fold case, accents and British/American spelling so "Honourable" == "honorable".

    >>> [spelling_fold(w) for w in ("Honourable", "defence", "organised", "centre")]
    ['honorable', 'defense', 'organized', 'center']
    """
    word = fold(word)
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    return word


def diff_words(text: str) -> list[str]:
    """Words of a text as written, for word-level diffs (punctuation dropped)."""
    return _WORD.findall(tidy(text))


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Word-level edit script from ``a`` to ``b``: ``("=", words)``, ``("-", words of a)``,
    ``("+", words of b)``; case, punctuation and spelling variants count as equal.

    >>> word_diff("solve significant security issues", "solve significant security aims")
    [('=', 'solve significant security'), ('-', 'issues'), ('+', 'aims')]
    """
    words_a, words_b = diff_words(a), diff_words(b)
    matcher = difflib.SequenceMatcher(
        None, [spelling_fold(w) for w in words_a], [spelling_fold(w) for w in words_b], autojunk=False
    )
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("=", " ".join(words_a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("-", " ".join(words_a[i1:i2])))
        if j2 > j1:
            ops.append(("+", " ".join(words_b[j1:j2])))
    return ops
