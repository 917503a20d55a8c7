"""Bounded cleaning: a time budget per document, a size cap, and a parse that survives any nesting.

Every pass of the cleaner is linear in the size of the page, but the constant is Python's: about
a second per megabyte of text. A corpus run must not stall on one 10 MB page, so:

1. Pages longer than ``CleanOptions.max_chars`` are cut before they are read; HTML first loses
   its scripts, styles and comments (most of a huge page), then the tail beyond the cap. The cut
   is recorded as a removal with reason :data:`storyfuse.clean.reasons.UNREAD`, whose text says
   how much was not read (the page itself is left untouched in the store).
2. A :class:`Budget` started with the document is checked between passes (and every few hundred
   blocks inside the long ones); when it runs out the document fails with
   :class:`storyfuse.errors.TimeLimitError` (SF400), which batch stages record as a problem.
3. libxml2 gives up on elements nested more than 2048 deep and drops the rest of the page; such
   a page is flattened to lines with regular expressions instead and cleaned as plain text.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from storyfuse.errors import TimeLimitError

_INVISIBLE = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->",
    re.IGNORECASE | re.DOTALL,
)
_INVISIBLE_BLOCKS = re.compile(
    r"<(script|style|noscript|template|svg|head)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|section|article|main|header|footer|nav|aside|h[1-6]|li|ul|ol|dl|dt|dd|"
    r"blockquote|pre|table|tr|td|th|br|hr|figure|figcaption|form|details|summary|address)\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")


@dataclass(slots=True)
class Budget:
    """The time one document may take, checked cooperatively between passes.

    ``seconds=None`` never runs out. ``clock`` is injectable so tests need no real waiting.

    >>> ticks = iter([0.0, 0.5, 2.0])
    >>> budget = Budget(1.0, clock=lambda: next(ticks))
    >>> budget.check("parse")
    >>> budget.check("score")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    storyfuse.errors.TimeLimitError: [SF400] cleaning stopped after 2.0 s (limit 1 s) at score: ...
    """

    seconds: float | None
    clock: Callable[[], float] = time.monotonic
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = self.clock()

    def check(self, stage: str) -> None:
        """Raise :class:`TimeLimitError` naming ``stage`` when the budget is spent."""
        if self.seconds is None:
            return
        spent = self.clock() - self.started
        if spent > self.seconds:
            raise TimeLimitError(
                f"cleaning stopped after {spent:.1f} s (limit {self.seconds:g} s) at {stage}: "
                "the page is too large or too complex; raise the limit (--clean-time-limit) "
                "or lower the size cap"
            )


def cap_text(content: str, max_chars: int) -> tuple[str, str | None]:
    """The first ``max_chars`` characters of a text page, cut at a line break, and a note on
    what was not read (``None`` when nothing was cut)."""
    if len(content) <= max_chars:
        return content, None
    cut = content.rfind("\n", 0, max_chars)
    cut = cut if cut > 0 else max_chars
    return content[:cut], _unread_note(len(content) - cut, cut)


def cap_markup(content: str, max_chars: int) -> tuple[str, str | None]:
    """An HTML page within ``max_chars``: scripts (but JSON-LD metadata), styles and comments go
    first, then the tail is cut before a tag; the note says what was not read."""
    if len(content) <= max_chars:
        return content, None
    content = _INVISIBLE.sub("", content)
    if len(content) <= max_chars:
        return content, None
    cut = content.rfind("<", 0, max_chars)
    cut = cut if cut > 0 else max_chars
    return content[:cut], _unread_note(len(content) - cut, cut)


def _unread_note(unread: int, read: int) -> str:
    return f"{unread:,} characters after the first {read:,} were not read (page over the size cap)"


def markup_to_lines(content: str) -> str:
    """Visible text of HTML with one line per block element, by regular expressions alone: no
    tree is built, so no nesting depth can defeat it (used when the HTML parser gives up)."""
    content = _INVISIBLE_BLOCKS.sub(" ", content)
    content = _BLOCK_TAG.sub("\n", content)
    content = html.unescape(_ANY_TAG.sub("", content))
    lines = (" ".join(line.split()) for line in content.split("\n"))
    return "\n".join(line for line in lines if line)
