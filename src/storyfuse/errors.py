"""Typed errors of storyfuse, each with a stable code a user can search for.

Library code raises these; the CLI turns them into one clear line and a non-zero exit. Batch
stages never raise for one bad record: they return a :class:`storyfuse.models.Problem` instead.
"""

from __future__ import annotations


class StoryfuseError(Exception):
    """Base class: ``code`` is stable across releases, the message says what to do."""

    code = "SF000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")


class InputError(StoryfuseError):
    """An input file or corpus row cannot be read or understood."""

    code = "SF100"


class OptionsError(StoryfuseError):
    """A parameter is out of range or options contradict each other."""

    code = "SF200"


class StoreError(StoryfuseError):
    """The corpus store cannot be opened or is not a storyfuse store."""

    code = "SF300"


class TimeLimitError(StoryfuseError):
    """Cleaning one document took longer than its time budget (``CleanOptions.time_limit``)."""

    code = "SF400"
