"""Corpus furniture in the store, learned from every page ingested so far.

:func:`storyfuse.clean.furniture.learn_furniture` judges a line from the pages it is on. A store
ingests in batches; learning from each batch alone, a furniture line that is on one page in a
hundred never reaches ``min_pages`` pages within a batch, so the scrapes that caught only such
lines stay and pair unrelated stories as duplicates. The store therefore keeps the evidence:
which line is on which page (both as 64-bit hashes of their normalised text, pages keyed by
headline as the in-memory learner keys them) and the terms of each, and judges a batch's lines
on all the pages stored, under the same rule. Pages stored before a line was learned are not
cleaned again, and the evidence of a replaced page stays (as learned templates do).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Sequence

import xxhash

from storyfuse.clean.furniture import (
    MAX_SPEAKING_SHARE,
    MIN_PAGES,
    line_terms,
    shared_terms,
    speaks_of_headlines,
)
from storyfuse.models import Article
from storyfuse.store.schema import to_sql_int
from storyfuse.text import normalized

__all__ = ["FurnitureEvidence"]

_TABLES = (
    "CREATE TABLE IF NOT EXISTS furniture_pages (line INTEGER NOT NULL, page INTEGER NOT NULL,"
    " PRIMARY KEY (line, page)) WITHOUT ROWID",
    "CREATE INDEX IF NOT EXISTS furniture_pages_page ON furniture_pages (page, line)",
    "CREATE TABLE IF NOT EXISTS furniture_terms (key INTEGER PRIMARY KEY, terms TEXT NOT NULL)",
)
_CHUNK = 500


class FurnitureEvidence:
    """Line-on-page evidence kept in the store's database, written in the ingest's transaction.

    >>> db = sqlite3.connect(":memory:")
    >>> evidence = FurnitureEvidence(db)
    >>> def page(i):
    ...     body = [f"Crews fought fire number {i} near the river.", "Back our work!"]
    ...     return Article(str(i), f"{i}.txt", body, title=f"Fire {i} burns near river")
    >>> evidence.learn([page(i) for i in range(3)], frozenset())
    frozenset()
    >>> sorted(evidence.learn([page(i) for i in range(3, 5)], frozenset()))
    ['back our work']
    """

    def __init__(
        self,
        db: sqlite3.Connection,
        min_pages: int = MIN_PAGES,
        max_speaking_share: float = MAX_SPEAKING_SHARE,
    ) -> None:
        self.db = db
        self.min_pages = min_pages
        self.max_speaking_share = max_speaking_share

    def learn(self, articles: Iterable[Article | None], known: frozenset[str]) -> frozenset[str]:
        """Record the pages of first-pass cleanings ``articles`` and return the lines on them that
        are furniture across every page stored; lines in ``known`` (learned before) are not judged
        again. Called inside the ingest's transaction, which also creates the tables the first
        time (so opening a store to read it never writes)."""
        for statement in _TABLES:
            self.db.execute(statement)
        texts: dict[int, str] = {}
        rows: set[tuple[int, int]] = set()
        terms: dict[int, str] = {}
        for article in articles:
            headline = normalized(article.title or "") if article is not None else ""
            if article is None or not headline:
                continue
            page = _key(headline)
            terms[page] = " ".join(sorted(line_terms(headline)))
            for line in map(normalized, article.paragraphs):
                if line:
                    texts.setdefault(_key(line), line)
                    rows.add((_key(line), page))
        for key, line in texts.items():
            terms.setdefault(key, " ".join(sorted(line_terms(line))))
        self.db.executemany("INSERT OR IGNORE INTO furniture_pages VALUES (?, ?)", sorted(rows))
        self.db.executemany("INSERT OR IGNORE INTO furniture_terms VALUES (?, ?)", sorted(terms.items()))
        furniture: set[str] = set()
        judged: dict[tuple[int, ...], bool] = {}  # a block's lines are on the same pages: judge once
        for key, line in texts.items():
            if line in known:
                continue
            pages = tuple(
                r[0] for r in self.db.execute("SELECT page FROM furniture_pages WHERE line = ?", (key,))
            )
            if len(pages) < self.min_pages:
                continue
            if pages not in judged:
                judged[pages] = self._is_furniture(pages)
            if judged[pages]:
                furniture.add(line)
        return frozenset(furniture)

    def _is_furniture(self, pages: Sequence[int]) -> bool:
        lines: dict[int, list[int]] = defaultdict(list)
        for start in range(0, len(pages), _CHUNK):
            chunk = list(pages[start : start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            query = f"SELECT page, line FROM furniture_pages WHERE page IN ({marks})"
            for page, line in self.db.execute(query, chunk):
                lines[page].append(line)
        cache: dict[int, frozenset[str]] = {}
        shared = shared_terms(lines, lambda line: self._terms(line, cache))
        headlines = [self._terms(page, cache) for page in pages]
        return not speaks_of_headlines(headlines, shared, self.max_speaking_share)

    def _terms(self, key: int, cache: dict[int, frozenset[str]]) -> frozenset[str]:
        if key not in cache:
            row = self.db.execute("SELECT terms FROM furniture_terms WHERE key = ?", (key,)).fetchone()
            cache[key] = frozenset(row[0].split()) if row else frozenset()
        return cache[key]


def _key(text: str) -> int:
    return to_sql_int(xxhash.xxh64_intdigest(text.encode()))
