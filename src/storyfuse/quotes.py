"""Who states a fact, and the quotations of a sentence: the words side of the COMPARE stage.

News text attributes facts ("..., officials said", "according to the ministry") and quotes
people ('"We will rebuild," the mayor said'); both are read here from :class:`~storyfuse.
entities.Token` lists, so a number or a quotation can name its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyfuse.entities import (
    HONORIFICS,
    NOT_NAMES,
    POSSESSIVE,
    ROLE_MODIFIERS,
    ROLE_NOUNS,
    Token,
    diff_words,
    spelling_fold,
    tokenize,
)
from storyfuse.text import fold, tidy

__all__ = [
    "PRONOUNS",
    "SOURCE_NOUNS",
    "SPEECH_VERBS",
    "Quotation",
    "find_attribution",
    "find_quotations",
    "person_name",
    "quote_speaker",
    "quote_words",
    "quoted_spans",
]


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
    word = POSSESSIVE.sub("", token.lower)
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
        if fold(POSSESSIVE.sub("", tokens[begin - 1].text)) in HONORIFICS or tokens[begin - 1].text.endswith(
            ("'s", "’s")
        ):
            break
        begin -= 1
    if begin == end or tokens[begin].lower in NOT_NAMES:
        return None
    return phrase[tokens[begin].start : tokens[end - 1].end]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside double quotes; an unclosed quote runs to the end of the sentence
    (a quotation continued over several sentences)."""
    marks = [m.start() for m in re.finditer('"', text)]
    spans = [(marks[k] + 1, marks[k + 1]) for k in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        spans.append((marks[-1] + 1, len(text)))
    return spans


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
