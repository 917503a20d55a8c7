"""Text primitives shared by every stage: normalisation, words and sentences.

Stages compare text written by different outlets, so they must agree on what counts as "the same
words": curly and straight quotes, dashes, accents in names, British and American spacing. All of
that is decided here, once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from syntok import segmenter

_PUNCT_MAP = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)

_WORD = re.compile(r"[^\W_]+(?:['\-.][^\W_]+)*", re.UNICODE)
_SPACES = re.compile(r"[ \t\r\f\v]+")


def tidy(text: str) -> str:
    """Unify quotes, dashes and odd spaces, and collapse runs of spaces, keeping line breaks.

    >>> tidy("\u201cHi\u201d \u2014  there")
    '"Hi" - there'
    """
    text = unicodedata.normalize("NFC", text).translate(_PUNCT_MAP)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def fold(text: str) -> str:
    """Lower-case, strip accents and unify punctuation: the key for "same text" comparisons.

    >>> fold("Hürriyet\u2019s")
    "hurriyet's"
    """
    if text.isascii():
        return text.lower()
    text = text.translate(_PUNCT_MAP)
    if text.isascii():  # only curly quotes and dashes were not ASCII: nothing to decompose
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def words(text: str) -> list[str]:
    """Folded word tokens; hyphens, apostrophes and decimal points stay inside a word.

    >>> words("Choe Son-hui's 8,000 troops")
    ['choe', "son-hui's", '8', '000', 'troops']
    """
    return _WORD.findall(fold(text))


def normalized(text: str) -> str:
    """Words joined by single spaces: equal for texts that differ only in case, accents,
    punctuation and spacing. Used for exact-duplicate hashes and sentence identity."""
    return " ".join(words(text))


@lru_cache(maxsize=1 << 16)
def _split_cached(paragraph: str) -> tuple[str, ...]:
    return tuple(_split(paragraph))


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, keeping each sentence's original characters.

    >>> split_sentences('He said "yes." Then he left.')
    ['He said "yes."', 'Then he left.']

    Several stages split the same paragraphs, so results are cached.
    """
    return list(_split_cached(paragraph))


# Characters that may end or break a sentence inside a paragraph; a paragraph without them
# (after its final stop and closing quote) is one sentence, and the segmenter is not needed.
_INNER_BREAK = re.compile(r"[.!?\u2026;()\[\]\n]")
_FINAL_STOP = re.compile(r"[.!?\u2026]*[\"'\u201d\u2019]*$")


def _split(paragraph: str) -> list[str]:
    """Sentences of one paragraph; the common one-sentence paragraph skips the segmenter, which
    would return it whole (the same on 42,000 news paragraphs, and a property test)."""
    paragraph = paragraph.strip()
    if not paragraph:
        return []
    if not _INNER_BREAK.search(_FINAL_STOP.sub("", paragraph, count=1)):
        return [paragraph]
    return _segment(paragraph)


def _segment(paragraph: str) -> list[str]:
    out: list[str] = []
    for para in segmenter.analyze(paragraph):
        for sentence in para:
            if not sentence:
                continue
            start = sentence[0].offset
            end = sentence[-1].offset + len(sentence[-1].value)
            text = paragraph[start:end].strip()
            if text:
                out.append(text)
    return _merge_quote_tails(out)


_MAX_SENTENCES_IN_QUOTE = 4
# Titles and ranks written before a name: a sentence never ends on one ("Rep. Jane Doe said").
_NAME_PREFIXES = frozenset(
    [
        "adm",
        "brig",
        "capt",
        "cmdr",
        "col",
        "cpl",
        "det",
        "dr",
        "gen",
        "gov",
        "hon",
        "insp",
        "lt",
        "maj",
        "messrs",
        "mr",
        "mrs",
        "ms",
        "mt",
        "pres",
        "prof",
        "pvt",
        "rep",
        "reps",
        "rev",
        "sen",
        "sens",
        "sgt",
        "supt",
    ]
)


def _quote_open(text: str) -> bool:
    """Whether a quotation opened in ``text`` is still unclosed at its end."""
    return text.count('"') % 2 == 1 or text.count("\u201c") > text.count("\u201d")


def _ends_with_name_prefix(sentence: str) -> bool:
    last = sentence.rsplit(None, 1)[-1]
    return last.endswith(".") and last[:-1].lower() in _NAME_PREFIXES


def _merge_quote_tails(sentences: list[str]) -> list[str]:
    """Re-attach what syntok splits off inside or after a quotation, or after a title.

    A quotation of a few sentences stays one unit (``"We act. We must," he said.``), so that a
    quote and its speaker are compared together; so does a fragment after a closing quote
    (``"...," she added.``).
    """
    merged: list[str] = []
    joined = 0  # sentences already merged into merged[-1]
    for s in sentences:
        tail = s[:1].islower() or (s[:1] in {'"', "\u201d", "'", "\u2019"} and len(s) <= 2)
        tail = tail or bool(merged and _ends_with_name_prefix(merged[-1]))
        inside = bool(merged) and _quote_open(merged[-1]) and joined < _MAX_SENTENCES_IN_QUOTE
        if merged and (tail or inside):
            merged[-1] = f"{merged[-1]} {s}"
            joined += 1
        else:
            merged.append(s)
            joined = 1
    return merged


def iter_sentences(paragraphs: list[str]) -> Iterator[tuple[int, str]]:
    """Yield ``(paragraph_index, sentence)`` for every sentence of a body."""
    for p_index, paragraph in enumerate(paragraphs):
        for sentence in split_sentences(paragraph):
            yield p_index, sentence
