"""The corpus store: an incremental, crash-safe SQLite home for a corpus and its stories.

>>> from storyfuse.store import CorpusStore
>>> with CorpusStore("corpus.db") as store:  # doctest: +SKIP
...     store.ingest(raws)
"""

from __future__ import annotations

from storyfuse.store.corpus import CorpusStore, IngestResult, StoreOptions, StorySummary, content_hash
from storyfuse.store.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "CorpusStore", "IngestResult", "StoreOptions", "StorySummary", "content_hash"]
