"""People, their titles, and who states a fact: the names side of the COMPARE stage.

Outlets transliterate and punctuate names differently ("Sergei" / "Sergey", "Choe Son Hui" /
"Choe Son-hui", "Zelensky" / "Zelenskyy"), so names are compared through a folded,
transliteration-tolerant key and a per-token tolerance, never as raw strings. Titles are read from
the "<role words> <Name>" pattern news text uses to introduce people ("Foreign Minister Choe Son
Hui", "Springfield Mayor Dana Ruiz"), with a lexicon of common role nouns.

Everything here works on :class:`Token` lists from :func:`tokenize`, which keeps character
offsets so callers can tell what stands before or after a number or a quote.
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
    "Quotation",
    "TitledPerson",
    "Token",
    "diff_words",
    "entity_key",
    "find_attribution",
    "find_quotations",
    "find_titled_people",
    "name_key",
    "names_compatible",
    "person_name",
    "place_swap",
    "quote_speaker",
    "quote_words",
    "quoted_spans",
    "role_key",
    "roles_conflict",
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
_POSSESSIVE = re.compile(r"['’]s?$")


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


def roles_conflict(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two role keys (:func:`role_key`) cannot describe one person's post.

    Role nouns decide ("leader" / "minister", "mayor" / "governor"); a function such as
    "spokesman" or "officer" fits any rank; with the same nouns, modifiers decide ("Foreign
    Minister" / "Defense Minister", "Police Chief" / "Fire Chief"). A title that only adds words
    ("President" / "Russian President", "Minister" / "Foreign Minister") is no conflict.

    >>> roles_conflict(role_key("leader"), role_key("Foreign Minister"))
    True
    >>> roles_conflict(role_key("police spokesman"), role_key("Detective"))
    False
    """
    nouns_a, nouns_b = (a & ROLE_NOUNS) - FUNCTION_ROLES, (b & ROLE_NOUNS) - FUNCTION_ROLES
    if not nouns_a or not nouns_b:
        return False
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
            if _POSSESSIVE.search(word):
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
            name = _POSSESSIVE.sub("", sentence[tokens[i].start : tokens[end - 1].end])
            found.append(TitledPerson(name=name, title=title, role=role, start=tokens[begin].start))
        i = end
    return found


# --- who states a fact --------------------------------------------------------------------------

SPEECH_VERBS = frozenset(
    {
        "said", "says", "say", "told", "tells", "added", "adds", "stated", "states", "declared",
        "declares", "announced", "announces", "noted", "warned", "warns", "insisted", "argued",
        "stressed", "explained", "continued", "wrote", "replied", "hailed", "praised", "pledged",
        "claimed", "claims", "estimated", "estimates", "reported", "reports", "believes",
        "confirmed", "confirms", "estimate", "believe", "report", "claim", "went",
    }
)  # fmt: skip
_AUXILIARIES = frozenset({"has", "have", "had", "also", "previously", "earlier", "now", "later"})
_DETERMINERS = frozenset({"its", "their", "his", "her", "our", "a", "an"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "her", "him", "them"})
SOURCE_NOUNS = frozenset(
    {
        "officials", "police", "authorities", "ministry", "government", "intelligence", "military",
        "army", "experts", "analysts", "witnesses", "media", "officers", "sources", "statement",
        "data", "figures", "report", "survey", "agency", "department", "office", "prosecutors",
        "investigators", "company", "firm", "court", "regulator", "regulators", "organizers",
        "organisers", "rescuers", "medics", "doctors", "hospital", "service", "services",
    }
)  # fmt: skip


def _is_source_word(token: Token) -> bool:
    word = _POSSESSIVE.sub("", token.lower)
    return token.kind == "word" and (
        token.capitalised or word in SOURCE_NOUNS or word in ROLE_NOUNS or word in ROLE_MODIFIERS
    )


def _source_phrase(tokens: list[Token], begin: int, end: int, sentence: str) -> str | None:
    """A source named by ``tokens[begin:end]``: without leading determiners, "the" lower-cased,
    ``None`` unless it holds a capitalised or a source word (so "the two countries" is no one)."""
    while begin < end and tokens[begin].lower in _DETERMINERS | {"of"}:
        begin += 1
    if begin == end or not any(_is_source_word(t) for t in tokens[begin:end]):
        return None
    phrase = sentence[tokens[begin].start : tokens[end - 1].end]
    if fold(phrase) in PRONOUNS or fold(phrase) in NOT_NAMES:
        return None
    return phrase[0].lower() + phrase[1:] if tokens[begin].lower == "the" else phrase


def _subject_before(tokens: list[Token], verb: int, sentence: str) -> str | None:
    """The source phrase (at most six words of names, source nouns, "the", "of") right before
    a reporting verb: "The U.S. has stated" -> "the U.S."."""
    end = verb
    while end > 0 and tokens[end - 1].lower in _AUXILIARIES:
        end -= 1
    begin = end
    while begin > 0 and end - begin < 6:
        token = tokens[begin - 1]
        if not (_is_source_word(token) or token.lower in {"the", "of"}):
            break
        begin -= 1
    return _source_phrase(tokens, begin, end, sentence)


def _according_to(tokens: list[Token], sentence: str) -> str | None:
    """ "according to X" where X is a complete source phrase (followed by punctuation or the end)."""
    for i in range(len(tokens) - 2):
        if tokens[i].lower == "according" and tokens[i + 1].lower == "to":
            begin = end = i + 2
            while end < len(tokens) and tokens[end].lower in _DETERMINERS:
                end += 1
            while (
                end < len(tokens)
                and end - begin < 8
                and (_is_source_word(tokens[end]) or tokens[end].lower in {"the", "of"})
            ):
                end += 1
            if end == len(tokens) or tokens[end].kind == "punct":
                return _source_phrase(tokens, begin, end, sentence)
    return None


def find_attribution(sentence: str, position: int, tokens: list[Token] | None = None) -> str | None:
    """Who states the fact found at character ``position`` of a (tidied) sentence.

    Checks, in order: 1. "according to X"; 2. the nearest "X said/estimates/... (that)" before the
    position; 3. a trailing ", X said." after it. Pronouns are not a source and give ``None``.

    >>> find_attribution("The West estimates that up to 10,000 troops are there.", 24)
    'the West'
    """
    tokens = tokenize(sentence) if tokens is None else tokens
    # 1
    according = _according_to(tokens, sentence)
    if according:
        return according
    nearest_before: str | None = None
    first_after: str | None = None
    for i, token in enumerate(tokens):
        if token.lower not in SPEECH_VERBS:
            continue
        subject = _subject_before(tokens, i, sentence)
        if not subject:
            continue
        if token.start < position:  # 2
            nearest_before = subject
        elif first_after is None:  # 3: only a trailing ', X said' or '" X said'
            at = sentence.lower().find(subject.lower(), position)
            if at > 0 and sentence[:at].rstrip().endswith((",", '"')):
                first_after = subject
    return nearest_before or first_after


def person_name(phrase: str) -> str | None:
    """The trailing capitalised name of a noun phrase ("Russia's Mr. Lavrov" -> "Lavrov")."""
    tokens = [t for t in tokenize(phrase) if t.kind == "word"]
    end = len(tokens)
    begin = end
    while begin > 0 and tokens[begin - 1].capitalised and tokens[begin - 1].lower not in ROLE_NOUNS:
        if fold(_POSSESSIVE.sub("", tokens[begin - 1].text)) in HONORIFICS or tokens[begin - 1].text.endswith(
            ("'s", "’s")
        ):
            break
        begin -= 1
    if begin == end or tokens[begin].lower in NOT_NAMES:
        return None
    return phrase[tokens[begin].start : tokens[end - 1].end]


# --- quotations ---------------------------------------------------------------------------------

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


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside double quotes; an unclosed quote runs to the end of the sentence
    (a quotation continued over several sentences)."""
    marks = [m.start() for m in re.finditer('"', text)]
    spans = [(marks[k] + 1, marks[k + 1]) for k in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        spans.append((marks[-1] + 1, len(text)))
    return spans


def _actor(text: str) -> str | None:
    """The named person a sentence attributes its words to, if any."""
    attribution = find_attribution(text, len(text))
    return person_name(attribution) if attribution else None


@dataclass(slots=True, frozen=True)
class Quotation:
    """Words inside quotation marks: as written, and spelling-folded for comparison."""

    raw: str
    words: tuple[str, ...]


_CONTRACTIONS = [
    (re.compile(r"n't$"), " not"),
    (re.compile(r"'re$"), " are"),
    (re.compile(r"'ll$"), " will"),
    (re.compile(r"'ve$"), " have"),
    (re.compile(r"'m$"), " am"),
    (re.compile(r"^(it|that|he|she|there|here|what|who|where|this)'s$"), r"\1 is"),
    (re.compile(r"'s$"), " 's"),  # "the community's protected" / "the community is protected"
]


def quote_words(text: str) -> tuple[str, ...]:
    """Words of a quotation for comparison: spelling-folded, contractions expanded, "%" read as
    "percent", plural "s" dropped, so transcription habits are not differences.

    >>> quote_words("It's 100% the colours") == quote_words("it is 100 percent the color")
    True
    """
    out: list[str] = []
    for word in diff_words(text.replace("%", " percent").replace("-", " ")):
        folded = spelling_fold(word)
        for pattern, replacement in _CONTRACTIONS:
            folded = pattern.sub(replacement, folded)
        out += [
            w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in folded.split()
        ]
    return tuple(out)


def find_quotations(sentence: str, min_words: int = 5) -> list[Quotation]:
    """Quotations of at least ``min_words`` words in a sentence.

    >>> [q.raw for q in find_quotations('"We will never give up our honour," she said.')]
    ['We will never give up our honour']
    """
    text = tidy(sentence)
    found = []
    for start, end in quoted_spans(text):
        raw = text[start:end].strip(" ,.;:")
        if any(mark in raw for mark in ("[", "(", "...", "…")):
            continue  # an edited quotation ("pick [Akili] up") is not the speaker's wording
        words = quote_words(raw)
        if len(words) >= min_words:
            found.append(Quotation(raw, words))
    return found


def _speaker_after_verb(text: str) -> str | None:
    """ "..., said Ibarra." / "..., says Police Chief Ann Fox": a name right after the verb."""
    tokens = tokenize(text)
    for i, token in enumerate(tokens[:-1]):
        if token.lower in SPEECH_VERBS and tokens[i + 1].capitalised:
            end = i + 1
            while end < len(tokens) and end - i <= 6 and tokens[end].capitalised:
                end += 1
            return person_name(text[tokens[i + 1].start : tokens[end - 1].end])
    return None


def quote_speaker(sentence: str, earlier: list[str]) -> str | None:
    """The named speaker of a sentence's quotations: said in the sentence ("..., Lavrov said"),
    else the nearest earlier sentence of the article that names someone speaking (a quote
    attributed to "he" or continued from the previous paragraph).
    """
    text = tidy(sentence)
    spans = quoted_spans(text)
    outside = "".join(" " if any(a <= k < b for a, b in spans) else c for k, c in enumerate(text))
    attribution = find_attribution(outside, spans[0][0] if spans else 0)
    speaker = person_name(attribution) if attribution else _speaker_after_verb(outside)
    for previous in reversed(earlier):
        if speaker is not None:
            break
        previous = tidy(previous)
        attribution = find_attribution(previous, len(previous))
        speaker = person_name(attribution) if attribution else None
    return speaker


# --- places -------------------------------------------------------------------------------------

_LOCATIVE = frozenset({"in", "near", "at", "outside", "from", "into", "across", "off", "inside"})
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


def place_swap(a: str, b: str) -> tuple[str, str] | None:
    """The one place name that ``b`` writes where ``a`` has another after a locative word, when
    that is the only edit between two wordings of one claim.

    >>> place_swap("Troops gathered in the Kursk region.", "Troops gathered in Belgorod.")
    ('Kursk', 'Belgorod')
    """
    words_a, words_b = diff_words(a), diff_words(b)
    folded_a, folded_b = [spelling_fold(w) for w in words_a], [spelling_fold(w) for w in words_b]
    found = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, folded_a, folded_b, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        before = folded_a[i1 - 1] if i1 else ""
        before2 = folded_a[i1 - 2] if i1 > 1 else ""
        if tag != "replace" or not (before in _LOCATIVE or (before == "the" and before2 in _LOCATIVE)):
            return None  # any other edit: not a clean place swap
        place_a, place_b = _place(words_a[i1:i2]), _place(words_b[j1:j2])
        if place_a is None or place_b is None or fold(place_a) in fold(b) or fold(place_b) in fold(a):
            return None
        found.append((place_a, place_b))
    return found[0] if len(found) == 1 else None
