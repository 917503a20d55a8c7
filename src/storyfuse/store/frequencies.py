"""Document frequencies kept in a store table, read and written through a cache.

Every arriving article reads the document frequency of a few hundred terms and features and
raises those of its own. Done one SQL statement per term, that is most of an ingest's work, and
the upserts touch the same common rows again and again. :class:`Frequencies` reads each key
from its table once, counts in memory, and writes each changed key once when the batch commits;
inside the batch every read sees every earlier change, so results are those of immediate writes.
The cache outlives the batch, since the next batch reads mostly the same common keys, for as
long as no other connection has committed (SQLite's ``data_version`` tells) and it holds at most
:data:`MAX_CACHED` keys.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from itertools import filterfalse

__all__ = ["Frequencies"]

_CHUNK = 500
MAX_CACHED = 400_000
"""Keys kept between batches, bounding the cache's memory (roughly 60 MB per table)."""


class Frequencies:
    """Document frequency per key of table ``table`` (columns ``key_column``, ``df``).

    >>> db = sqlite3.connect(":memory:")
    >>> _ = db.execute("CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL)")
    >>> counts = Frequencies(db, "term_df", "term")
    >>> counts.add(["fire", "mill"], 1)
    {'fire': 1, 'mill': 1}
    >>> counts.add(["fire"], 1), counts.add(["mill"], -1)
    ({'fire': 2}, {})
    >>> counts.get(["fire", "mill", "tram"])
    {'fire': 2}
    >>> counts.flush(); db.execute("SELECT term, df FROM term_df").fetchall()
    [('fire', 2)]
    >>> counts.begin_batch(); counts.get(["fire"])
    {'fire': 2}
    """

    def __init__(self, db: sqlite3.Connection, table: str, key_column: str) -> None:
        self._db = db
        self._select = f"SELECT {key_column}, df FROM {table} WHERE {key_column} IN "
        self._upsert = (
            f"INSERT INTO {table} VALUES (?, ?) ON CONFLICT ({key_column}) DO UPDATE SET df = excluded.df"
        )
        self._delete = f"DELETE FROM {table} WHERE {key_column} = ?"
        self._known: dict[str, int] = {}
        self._changed: set[str] = set()
        self._version: int | None = None

    def begin_batch(self) -> None:
        """Call inside each batch's transaction before any read: forgets the cache when another
        connection has committed since the last batch (any frequency may have changed) or when
        it has grown past :data:`MAX_CACHED` keys."""
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version or len(self._known) > MAX_CACHED:
            self._known.clear()
        self._version = version

    def get(self, keys: Iterable[str]) -> dict[str, int]:
        """The frequency of each of the distinct ``keys`` that some stored article has (keys at
        zero are left out)."""
        wanted = list(keys)
        self._load(wanted)
        known = self._known
        return {key: value for key in wanted if (value := known[key])}

    def add(self, keys: Iterable[str], step: int) -> dict[str, int]:
        """Add ``step`` (1 or -1) to the frequency of each of the distinct ``keys``; return their
        new frequencies as :meth:`get` would, which saves the caller reading them again."""
        wanted = list(keys)
        self._load(wanted)
        known = self._known
        counts: dict[str, int] = {}
        for key in wanted:
            value = known[key] = known[key] + step
            if value:
                counts[key] = value
        self._changed.update(wanted)
        return counts

    def flush(self) -> None:
        """Write the changed frequencies to the table, inside the batch's transaction."""
        changed = sorted(self._changed)
        self._db.executemany(self._upsert, [(k, self._known[k]) for k in changed if self._known[k] > 0])
        self._db.executemany(self._delete, [(k,) for k in changed if self._known[k] <= 0])
        self._changed.clear()

    def clear(self) -> None:
        """Forget the cache without writing (the batch was rolled back, so it holds changes the
        table does not)."""
        self._known.clear()
        self._changed.clear()

    def _load(self, keys: list[str]) -> None:
        known = self._known
        # Most keys are cached after a batch's first articles: test each once, build no set.
        missing = sorted(dict.fromkeys(filterfalse(known.__contains__, keys)))
        for start in range(0, len(missing), _CHUNK):
            chunk = missing[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            known.update(dict.fromkeys(chunk, 0))
            known.update(self._db.execute(self._select + f"({marks})", chunk))
