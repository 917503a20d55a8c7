"""Resident memory and speed of ``storyfuse ingest`` as a store grows.

Streams a JSONL corpus (for example from :mod:`synthetic`) into a store, as ``storyfuse
ingest`` does (same ``read_inputs`` and ``CorpusStore.ingest``, batches of 500), and prints one
table row at every checkpoint: UTC time, articles stored, seconds, docs/s over the whole run and
since the last checkpoint, current and peak resident memory, store size on disk (database plus
WAL) and the machine's load average (timings on a shared machine are only comparable at similar
load). Memory that grows with the corpus shows up as a rising "RSS now" column.

A long run can be stopped at any time with SIGTERM or SIGINT: the batch in progress is rolled
back, the store keeps every committed batch, and a last row says how far it got. ``--resume``
continues into an existing store: articles already stored are counted as unchanged.

Usage::

    python benchmarks/synthetic.py --docs 100000 --out /tmp/corpus.jsonl
    python benchmarks/ingest_memory.py /tmp/corpus.jsonl --db /tmp/store.db --every 10000
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import closing
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from types import FrameType

from storyfuse.ingest import read_inputs
from storyfuse.models import RawDocument
from storyfuse.store import CorpusStore

HEADER = (
    "| UTC | docs | seconds | docs/s (run) | docs/s (step) | CPU s | docs/CPU s (step) | RSS now | peak RSS"
    " | store | load |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


def rss_mib() -> float:
    """Current resident memory of this process in MiB (Linux ``/proc``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mib() -> float:
    """Peak resident memory of this process and of any children it waited for, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def cpu_seconds() -> float:
    """User and system CPU time of this process: on a shared machine, docs per CPU second
    measures the code where docs per wall second measures the load."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def store_gib(db: Path) -> float:
    """Size of the store's files (database, WAL and shared-memory index) in GiB."""
    files = [db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")]
    return sum(f.stat().st_size for f in files if f.exists()) / 2**30


def documents(corpus: Path, limit: int | None) -> Iterator[RawDocument]:
    items = (item for item in read_inputs([corpus]) if isinstance(item, RawDocument))
    return islice(items, limit)


def stored_articles(db: Path) -> int:
    """Articles committed to the store, read through a connection of its own."""
    with closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as connection:
        return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


class Stop(Exception):
    """Raised by the SIGTERM / SIGINT handler: roll back the open batch and report."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Memory and speed of a growing store ingest.")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", type=Path, required=True, help="a new store file (must not exist)")
    parser.add_argument("--docs", type=int, default=None, help="ingest only the first N articles")
    parser.add_argument("--every", type=int, default=10_000, help="articles between table rows")
    parser.add_argument("--resume", action="store_true", help="continue into an existing store")
    args = parser.parse_args(argv)
    if args.db.exists() and not args.resume:
        parser.error(f"{args.db} exists; give a new file (or --resume)")
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    print(HEADER, flush=True)
    source = documents(args.corpus, args.docs)
    done, start = 0, time.perf_counter()
    last_done, last_time, last_cpu = 0, start, cpu_seconds()

    def row(note: str = "") -> None:
        nonlocal last_done, last_time, last_cpu
        now, cpu = time.perf_counter(), cpu_seconds()
        step = (done - last_done) / (now - last_time) if now > last_time else 0.0
        per_cpu = (done - last_done) / (cpu - last_cpu) if cpu > last_cpu else 0.0
        print(
            f"| {datetime.now(UTC):%H:%M:%S} | {done:,} | {now - start:.1f} | {done / (now - start):,.0f} "
            f"| {step:,.0f} | {cpu:,.1f} | {per_cpu:,.0f} | {rss_mib():,.0f} MiB | {peak_rss_mib():,.0f} MiB "
            f"| {store_gib(args.db):.2f} GiB | {os.getloadavg()[0]:.1f} |{note}",
            flush=True,
        )
        last_done, last_time, last_cpu = done, now, cpu

    already = stored_articles(args.db) if args.db.exists() else 0
    with CorpusStore(args.db) as store:
        try:
            while True:
                result = store.ingest(islice(source, args.every))
                step = result.added + result.updated + result.unchanged + result.skipped
                if not step:
                    break
                done += step
                row()
        except Stop as stop:
            # Batches committed inside the interrupted ingest call count too.
            done = stored_articles(args.db) - already
            row(f" stopped by {stop}; the open batch was rolled back")
            return
    print(f"finished: {done:,} articles read, {stored_articles(args.db):,} in the store", flush=True)


if __name__ == "__main__":
    main()
