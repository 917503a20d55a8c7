"""The store's lookup indexes (LSH band keys, sentence hashes, terms), written a batch at a time.

Each arriving article adds some 200 term rows, 30 band rows and a few dozen sentence rows.
Inserted one article at a time they land at random places all over three large B-trees. Kept
here until the batch commits, they are written sorted, so neighbouring rows share pages; lookups
during the batch read the table and these pending rows together, so every article sees exactly
the rows of all articles before it, as with immediate writes.

The tables are ``WITHOUT ROWID`` with the lookup key and the article as primary key: one B-tree
each, no second index by article. Removing an article deletes its rows by their keys, which its
stored row holds.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence

__all__ = ["Postings"]

_CHUNK = 500


class Postings:
    """The band, sentence and term rows of one batch, and lookups that include them.

    Band keys and sentence hashes are given as the signed integers SQLite stores.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._bands: dict[tuple[int, int], list[int]] = defaultdict(list)
        self._sentences: dict[int, list[int]] = defaultdict(list)
        self._terms: dict[str, list[int]] = defaultdict(list)

    def add(
        self, doc: int, band_keys: Sequence[int], sentence_hashes: Sequence[int], terms: Sequence[str]
    ) -> None:
        """Index article ``doc`` (written at :meth:`flush`)."""
        for band, key in enumerate(band_keys):
            self._bands[band, key].append(doc)
        for sentence_hash in sentence_hashes:
            self._sentences[sentence_hash].append(doc)
        for term in terms:
            self._terms[term].append(doc)

    def remove(
        self, doc: int, band_keys: Sequence[int], sentence_hashes: Sequence[int], terms: Sequence[str]
    ) -> None:
        """Delete the stored rows of article ``doc``, committed by an earlier batch."""
        self._db.executemany(
            "DELETE FROM bands WHERE band = ? AND key = ? AND doc = ?",
            [(band, key, doc) for band, key in enumerate(band_keys)],
        )
        self._db.executemany(
            "DELETE FROM sentences WHERE hash = ? AND doc = ?", [(h, doc) for h in sentence_hashes]
        )
        self._db.executemany("DELETE FROM terms WHERE term = ? AND doc = ?", [(t, doc) for t in terms])

    def bands(self, band_keys: Sequence[int]) -> set[int]:
        """The articles sharing a key with ``band_keys`` (one key per band, in band order).

        One statement for all bands: an OR of (band, key) terms, which SQLite answers with one
        primary-key search per term (a row-value ``IN`` list would scan the table)."""
        if not band_keys:
            return set()
        terms = " OR ".join(["(band = ? AND key = ?)"] * len(band_keys))
        arguments = [value for pair in enumerate(band_keys) for value in pair]
        found = {r[0] for r in self._db.execute(f"SELECT doc FROM bands WHERE {terms}", arguments)}
        for pair in enumerate(band_keys):
            found.update(self._bands.get(pair, ()))
        return found

    def sentence(self, sentence_hash: int, limit: int) -> list[int]:
        """The articles with this sentence, or all but at least ``limit + 1`` of them when more
        have it: the caller only needs to know that there are too many."""
        rows = self._db.execute(
            "SELECT doc FROM sentences WHERE hash = ? LIMIT ?", (sentence_hash, limit + 1)
        ).fetchall()
        return [r[0] for r in rows] + self._sentences.get(sentence_hash, [])

    def terms(self, terms: Sequence[str]) -> dict[str, list[int]]:
        """The articles with each of the distinct content ``terms``, in one statement (callers
        look up only rare terms, so every posting list read is short)."""
        found: dict[str, list[int]] = {term: [] for term in terms}
        for start in range(0, len(terms), _CHUNK):
            chunk = terms[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            # One row per term, its articles as one text: a few thousand row objects fewer.
            query = f"SELECT term, group_concat(doc) FROM terms WHERE term IN ({marks}) GROUP BY term"
            for term, docs in self._db.execute(query, chunk):
                found[term] = list(map(int, docs.split(",")))
        for term, docs in found.items():
            docs.extend(self._terms.get(term, ()))
        return found

    def flush(self) -> None:
        """Write the batch's rows, each table in key order, and start empty."""
        self._db.executemany(
            "INSERT INTO bands VALUES (?, ?, ?)",
            [(band, key, doc) for (band, key), docs in sorted(self._bands.items()) for doc in docs],
        )
        self._db.executemany(
            "INSERT INTO sentences VALUES (?, ?)",
            [(h, doc) for h, docs in sorted(self._sentences.items()) for doc in docs],
        )
        self._db.executemany(
            "INSERT INTO terms VALUES (?, ?)",
            [(t, doc) for t, docs in sorted(self._terms.items()) for doc in docs],
        )
        self.clear()

    def clear(self) -> None:
        """Forget the pending rows (the batch was rolled back, or they were written)."""
        self._bands.clear()
        self._sentences.clear()
        self._terms.clear()
