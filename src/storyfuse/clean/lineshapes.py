"""The shapes of single lines of a page flattened to text: what a line looks like when it is
a teaser card, a comment-thread header or timestamp, or a title-case headline.

Pure tests on one line; :mod:`storyfuse.clean.boilerplate` decides from their place on the
page what to remove.
"""

from __future__ import annotations

import re

from storyfuse.clean.metadata import find_date
from storyfuse.clean.patterns import ends_sentence, word_count

_COMMENT_HEADER_MAX_WORDS = 16
_COMMENT_COUNT = re.compile(
    r"^\d+\s+(?:comments?|responses?|replies|thoughts?|reactions?)\b(?:\s+(?:to|on)\b.*)?$", re.IGNORECASE
)
_COMMENT_PROMPT = re.compile(
    r"^(?:leave a (?:reply|comment)|post a comment|add a comment|write a comment|join the discussion"
    r"|(?:(?:top|most|best|all|reader|readers'?|view|show|read|see|load)\s+)?"
    r"(?:(?:rated|liked|voted|popular)\s+)?comments?(?:\s*\(?\d+\)?)?|discussion)\b\W*$",
    re.IGNORECASE,
)
_WRAPPING = "[](){}<>\u00ab\u00bb "
# A comment's timestamp line: '2 days ago at 07:52 am', 'May 3, 2024 at 9:12 pm'.
_STAMP_MAX_WORDS = 8
_CLOCK = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d+\s*(?:(?:second|minute|hour|day|week|month|year|min|hr)s?|[smhd])\s+ago\b", re.I
)
_SIGNATURE = re.compile(r"\b(?:says|said|wrote|writes|replied)\s*:$", re.IGNORECASE)
# Teaser cards run the linked headline into its excerpt: 'Storm Shuts PortOfficials said'.
_GLUE = re.compile(r"(?<=[a-z0-9)?!'\u2019\u201d])(?=[A-Z][a-z])")
_TITLE_SMALL_WORDS = frozenset(
    {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "nor", "by", "with"}
    | {"from", "as", "is", "are", "vs", "via", "into", "over", "after", "up", "off"}
)
_GLUED_MIN_HEADLINE_WORDS = 3
_GLUED_MIN_EXCERPT_WORDS = 5
_GLUED_MIN_LAST_WORD = 4
_TITLE_CASE_SHARE = 0.6


def is_glued_teaser(text: str) -> bool:
    """A teaser card flattened to one line: a title-case headline glued, without a space, to
    the first sentence of its excerpt.

    >>> is_glued_teaser("Storm Shuts Port For Two DaysOfficials closed the harbour on Monday.")
    True
    >>> is_glued_teaser("Apple's new MacBook Pro has a better keyboard, reviewers said.")
    False
    """
    for glue in _GLUE.finditer(text):
        headline = text[: glue.start()].split()
        if len(headline) < _GLUED_MIN_HEADLINE_WORDS:
            continue
        if word_count(text[glue.start() :]) < _GLUED_MIN_EXCERPT_WORDS or ends_sentence(text[: glue.start()]):
            return False
        if len(headline[-1]) < _GLUED_MIN_LAST_WORD and headline[-1][-1].isalpha():
            continue  # "Vid|Tok": a brand written in camel case, not two texts run together
        return all(
            word[0].isupper()
            or word[0].isdigit()
            or word.lower() in _TITLE_SMALL_WORDS
            or not word[0].isalpha()
            for word in headline
        )
    return False


def is_comment_header(text: str) -> bool:
    """The line that opens a reader-comment thread: a count of comments, a reply prompt, or a
    commenter's signature ("Ana on May 3, 2024 at 9:12 pm said:").

    >>> is_comment_header("14 responses to this post"), is_comment_header("The mayor said:")
    (True, False)
    """
    if word_count(text) > _COMMENT_HEADER_MAX_WORDS:
        return False
    bare = text.strip(_WRAPPING)
    if _COMMENT_COUNT.match(bare) or _COMMENT_PROMPT.match(bare):
        return True
    return bool(_SIGNATURE.search(text)) and find_date(text) is not None


def is_comment_count(text: str) -> bool:
    """A count of the comments under the article ("[ 48 comments ]", "12 responses to ..."):
    unlike a bare "Comments" button in a share bar, it only stands over a thread.

    >>> is_comment_count("[ 48 comments ]"), is_comment_count("Comments")
    (True, False)
    """
    return word_count(text) <= _COMMENT_HEADER_MAX_WORDS and bool(_COMMENT_COUNT.match(text.strip(_WRAPPING)))


def is_comment_stamp(text: str) -> bool:
    """A short line that is only when someone posted: a clock time or an age.

    >>> is_comment_stamp("2 days ago at 07:52 am"), is_comment_stamp("The talks ran until 23:00.")
    (True, False)
    """
    return word_count(text) <= _STAMP_MAX_WORDS and not ends_sentence(text) and bool(_CLOCK.search(text))


def is_title_case(text: str) -> bool:
    """Headlines capitalise their words; list entries and sentences do not.

    >>> is_title_case("Storm Shuts the Port for Two Days"), is_title_case("Two spare batteries for the trip")
    (True, False)
    """
    words_ = [w for w in text.split() if w[0].isalpha() and w.lower() not in _TITLE_SMALL_WORDS]
    capitals = sum(1 for w in words_ if w[0].isupper())
    return bool(words_) and capitals >= _TITLE_CASE_SHARE * len(words_)
