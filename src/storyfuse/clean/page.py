"""One page under classification: its blocks, what each has been judged so far, and the
metadata read on the way; shared by the passes of :mod:`storyfuse.clean.boilerplate` and
:mod:`storyfuse.clean.headline`."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyfuse.clean.blocks import Block
from storyfuse.clean.patterns import is_prose


@dataclass(slots=True)
class Signals:
    """Metadata the page states in its own text."""

    title: str | None = None
    published: str | None = None
    byline: str | None = None
    agency: str | None = None
    dateline: str | None = None
    url: str | None = None
    site_names: list[str] = field(default_factory=list)


class Page:
    """The blocks of one page and the reason each was removed (``None`` = body)."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.texts = [b.text for b in blocks]
        self.prose = [is_prose(text) for text in self.texts]
        self.reason: list[str | None] = [None] * len(blocks)
        self.signals = Signals()

    def kept(self, start: int = 0, stop: int | None = None) -> list[int]:
        stop = len(self.blocks) if stop is None else stop
        return [i for i in range(start, stop) if self.reason[i] is None]

    def kept_prose(self, start: int = 0, stop: int | None = None) -> list[int]:
        return [i for i in self.kept(start, stop) if self.prose[i]]

    def set_text(self, i: int, text: str) -> None:
        self.texts[i] = text
        self.prose[i] = is_prose(text)


def runs(indices: list[int]) -> list[list[int]]:
    """Group consecutive block indices into runs."""
    runs: list[list[int]] = []
    for i in indices:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs
