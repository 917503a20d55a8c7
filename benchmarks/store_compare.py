"""Whether two corpus stores hold the same rows, table by table.

A speed change to the ingest must not change what it stores. Ingest one corpus into two stores,
one with each version of the code, and compare them: every table is read in primary-key order
and hashed row by row; the first differing row of each table is printed. Exit status 1 when any
table differs.

Usage::

    python benchmarks/store_compare.py /tmp/before.db /tmp/after.db
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from itertools import zip_longest
from pathlib import Path

import xxhash


def tables(db: sqlite3.Connection) -> list[str]:
    query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
    return [r[0] for r in db.execute(query)]


def rows(db: sqlite3.Connection, table: str) -> Iterator[tuple[object, ...]]:
    """A table's rows ordered by all its columns (primary key first where it is the first column)."""
    columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
    keys = sorted((r for r in db.execute(f"PRAGMA table_info({table})") if r[5]), key=lambda r: r[5])
    order = [r[1] for r in keys] or columns
    yield from db.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {', '.join(order)}")


def compare(first: Path, second: Path) -> bool:
    """Print one line per table; ``True`` when all tables are equal."""
    a, b = sqlite3.connect(first), sqlite3.connect(second)
    same = True
    names = sorted(set(tables(a)) | set(tables(b)))
    for table in names:
        if table not in tables(a) or table not in tables(b):
            print(f"{table}: only in one store")
            same = False
            continue
        count, digest, difference = 0, xxhash.xxh64(), None
        for left, right in zip_longest(rows(a, table), rows(b, table)):
            count += 1
            digest.update(repr(left).encode())
            if left != right and difference is None:
                difference = (count, left, right)
        if difference is None:
            print(f"{table}: {count:,} rows equal ({digest.hexdigest()})")
        else:
            same = False
            row, left, right = difference
            print(f"{table}: differs first at row {row:,}:\n  {str(left)[:300]}\n  {str(right)[:300]}")
    return same


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Compare two corpus stores row by row.")
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    args = parser.parse_args(argv)
    sys.exit(0 if compare(args.first, args.second) else 1)


if __name__ == "__main__":
    main()
