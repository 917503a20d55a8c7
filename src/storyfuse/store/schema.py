"""The SQLite file behind :class:`storyfuse.store.CorpusStore`: schema, opening, row codecs.

One file holds everything, in WAL mode so readers never wait for the writer. Hashes are unsigned
64-bit in Python and signed in SQLite, hence :func:`to_sql_int` / :func:`from_sql_int`; sets of
hashes are stored as sorted little-endian ``uint64`` blobs. A fingerprint's terms are one
space-separated text (terms are word tokens, which hold no spaces) and its sentence term indices
little-endian ``int32`` blobs: candidates are read back for every arriving article, and splitting
one string is several times cheaper than decoding JSON lists and rebuilding the index. Feature
vectors (an article's on arrival, a story's summed profile) are the largest rows, so they are
blobs too: a count, the little-endian ``float64`` weights, then the feature names (about 40 % of
the JSON size, and the floats come back bit for bit).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyfuse.errors import StoreError
from storyfuse.fingerprint import Fingerprint, FingerprintOptions, Hashes, Indices

__all__ = [
    "SCHEMA_VERSION",
    "connect",
    "decode_fingerprint",
    "encode_terms",
    "from_sql_int",
    "hash_blob",
    "index_blob",
    "stored_terms",
    "to_sql_int",
    "vector_blob",
    "vector_of_blob",
]

SCHEMA_VERSION = 5  # 2: MinHash permutations by a keyed 64-bit mixer; 3: shingles hashed per token;
# 4: story profiles and article vectors (stories assigned as in storyfuse.cluster); batch sketches
#    (polynomial token hashes, one-permutation MinHash, mixed band keys); 5: token hashes from
#    8-byte chunks (other shingle hashes, signatures and body hashes), feature vectors as blobs,
#    page-furniture evidence tables
_FORMAT = "storyfuse-corpus-store"
_NAME_SEPARATOR = "\x00"  # feature names are word and entity tokens, never holding a NUL
_CACHE_KIB = 65_536
_TOP_BIT = 1 << 63
_WRAP = 1 << 64

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE articles (
    doc INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    content_hash INTEGER NOT NULL,
    path TEXT NOT NULL,
    title TEXT, published TEXT, outlet TEXT, byline TEXT, url TEXT, agency TEXT, dateline TEXT,
    paragraphs TEXT NOT NULL,
    removed TEXT NOT NULL,
    token_count INTEGER NOT NULL,
    body_hash INTEGER NOT NULL,
    shingles BLOB NOT NULL,
    signature BLOB NOT NULL,
    sentence_hashes BLOB NOT NULL,
    terms TEXT NOT NULL,
    sentence_terms BLOB NOT NULL,
    sentence_bounds BLOB NOT NULL,
    vector BLOB NOT NULL,
    day INTEGER
);
CREATE INDEX articles_body_hash ON articles (body_hash);
CREATE TABLE bands (
    band INTEGER NOT NULL, key INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (band, key, doc)
) WITHOUT ROWID;
CREATE TABLE sentences (hash INTEGER NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (hash, doc)) WITHOUT ROWID;
CREATE TABLE terms (term TEXT NOT NULL, doc INTEGER NOT NULL, PRIMARY KEY (term, doc)) WITHOUT ROWID;
CREATE TABLE term_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE duplicates (
    a INTEGER NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    similarity REAL NOT NULL,
    PRIMARY KEY (a, b)
);
CREATE INDEX duplicates_b ON duplicates (b);
CREATE TABLE story_members (
    doc INTEGER PRIMARY KEY REFERENCES articles (doc) ON DELETE CASCADE,
    story INTEGER NOT NULL
);
CREATE INDEX story_members_story ON story_members (story);
CREATE TABLE stories (
    story INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,
    first_day INTEGER,
    last_day INTEGER,
    vector BLOB NOT NULL,
    entities TEXT NOT NULL
);
CREATE TABLE feature_df (feature TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE templates (outlet TEXT NOT NULL, line TEXT NOT NULL, PRIMARY KEY (outlet, line)) WITHOUT ROWID;
"""


def to_sql_int(value: int) -> int:
    """An unsigned 64-bit hash as the signed integer SQLite can hold.

    >>> to_sql_int(2**64 - 1), from_sql_int(-1)
    (-1, 18446744073709551615)
    """
    return value - _WRAP if value >= _TOP_BIT else value


def from_sql_int(value: int) -> int:
    """The inverse of :func:`to_sql_int`."""
    return value + _WRAP if value < 0 else value


def hash_blob(hashes: Hashes) -> bytes:
    """A sorted array of distinct 64-bit hashes as a little-endian ``uint64`` blob."""
    return hashes.astype("<u8", copy=False).tobytes()


def index_blob(indices: Indices) -> bytes:
    """An array of term indices or sentence bounds as a little-endian ``int32`` blob."""
    return indices.astype("<i4", copy=False).tobytes()


def encode_terms(terms: Sequence[str]) -> str:
    """A fingerprint's sorted distinct terms as one text (see :func:`stored_terms`)."""
    return " ".join(terms)


def stored_terms(text: str) -> tuple[str, ...]:
    """The inverse of :func:`encode_terms`.

    >>> stored_terms(encode_terms(["fire", "mill"])), stored_terms(encode_terms([]))
    (('fire', 'mill'), ())
    """
    return tuple(text.split(" ")) if text else ()


def vector_blob(vector: dict[str, float]) -> bytes:
    """A feature vector as a blob, its features in sorted order (the order sums are taken in).

    >>> vector_of_blob(vector_blob({"port": 0.5, "@setubal": 0.25}))
    {'@setubal': 0.25, 'port': 0.5}
    """
    names = sorted(vector)
    weights = np.array([vector[name] for name in names], dtype="<f8")
    return len(names).to_bytes(4, "little") + weights.tobytes() + _NAME_SEPARATOR.join(names).encode()


def vector_of_blob(blob: bytes) -> dict[str, float]:
    """The feature vector :func:`vector_blob` stored."""
    count = int.from_bytes(blob[:4], "little")
    if not count:
        return {}
    end = 4 + 8 * count
    names = blob[end:].decode().split(_NAME_SEPARATOR)
    return dict(zip(names, np.frombuffer(blob[4:end], dtype="<f8").tolist(), strict=True))


def _blob_hashes(blob: bytes) -> Hashes:
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)


def _blob_indices(blob: bytes) -> Indices:
    return np.frombuffer(blob, dtype="<i4").astype(np.int32)


def decode_fingerprint(row: sqlite3.Row) -> Fingerprint:
    """Rebuild the :class:`Fingerprint` of a stored article row (the columns of ``articles``)."""
    return Fingerprint(
        id=row["id"],
        token_count=row["token_count"],
        shingles=_blob_hashes(row["shingles"]),
        signature=np.frombuffer(row["signature"], dtype="<u8").astype(np.uint64),
        body_hash=from_sql_int(row["body_hash"]),
        sentence_hashes=_blob_hashes(row["sentence_hashes"]),
        terms=stored_terms(row["terms"]),
        sentence_terms=_blob_indices(row["sentence_terms"]),
        sentence_bounds=_blob_indices(row["sentence_bounds"]),
    )


def connect(path: str | os.PathLike[str], fingerprint: FingerprintOptions) -> sqlite3.Connection:
    """Open or create the store at ``path``; raise :class:`StoreError` with what to do otherwise.

    A new (empty) file gets the schema; an existing one must be a storyfuse store of this schema
    version whose signatures were made with the same fingerprint options.
    """
    target = Path(path)
    if not target.parent.is_dir():
        raise StoreError(
            f"cannot create store {target}: folder {target.parent} does not exist; create it first"
        )
    if target.is_dir():
        raise StoreError(f"store path {target} is a folder; give a file name such as {target / 'corpus.db'}")
    if not target.exists() and not os.access(target.parent, os.W_OK):
        raise StoreError(f"cannot create store {target}: folder {target.parent} is not writable")
    try:
        connection = sqlite3.connect(target, isolation_level=None)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open store {target}: {exc}; check the path and its permissions") from exc
    try:
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA busy_timeout = 10000")
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = NORMAL")
        connection.execute("PRAGMA foreign_keys = ON")
        # Every article reads the band, sentence and term indexes at random: a 64 MiB page cache
        # (the default is 2 MiB) keeps their upper levels in memory, a fixed cost at any size.
        connection.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")
        if not tables:
            _create(connection, fingerprint)
        else:
            _check(connection, tables, target, fingerprint)
    except sqlite3.DatabaseError as exc:
        connection.close()
        raise StoreError(
            f"cannot use {target} as a store: {exc}; give a new file name or an existing storyfuse store"
        ) from exc
    except StoreError:
        connection.close()
        raise
    return connection


def _settings(fingerprint: FingerprintOptions) -> dict[str, str]:
    return {
        "format": _FORMAT,
        "schema_version": str(SCHEMA_VERSION),
        "fingerprint": json.dumps(
            [fingerprint.shingle_size, fingerprint.num_perm, fingerprint.min_sentence_words, fingerprint.seed]
        ),
    }


def _create(connection: sqlite3.Connection, fingerprint: FingerprintOptions) -> None:
    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        connection.executemany("INSERT INTO meta VALUES (?, ?)", _settings(fingerprint).items())
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _check(
    connection: sqlite3.Connection, tables: set[str], target: Path, fingerprint: FingerprintOptions
) -> None:
    meta = dict(connection.execute("SELECT key, value FROM meta").fetchall()) if "meta" in tables else {}
    if meta.get("format") != _FORMAT:
        raise StoreError(f"{target} is an SQLite database but not a storyfuse store; give another file name")
    if meta.get("schema_version") != str(SCHEMA_VERSION):
        raise StoreError(
            f"{target} has store schema version {meta.get('schema_version')}, this storyfuse reads "
            f"version {SCHEMA_VERSION}; re-ingest the corpus into a new store"
        )
    if meta.get("fingerprint") != _settings(fingerprint)["fingerprint"]:
        raise StoreError(
            f"{target} was built with other fingerprint options ({meta.get('fingerprint')}); "
            "use the same options or a new store"
        )
