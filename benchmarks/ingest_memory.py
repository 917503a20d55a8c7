"""Resident memory and speed of ``storyfuse ingest`` as a store grows.

Streams a JSONL corpus (for example from :mod:`synthetic`) into a new store, as ``storyfuse
ingest`` does, and prints one table row at every checkpoint: articles stored, seconds, docs/s
over the whole run and since the last checkpoint, current and peak resident memory. Memory that
grows with the corpus shows up as a rising "RSS now" column; a bounded ingest levels off.

Usage::

    python benchmarks/synthetic.py --docs 100000 --out /tmp/corpus.jsonl
    python benchmarks/ingest_memory.py /tmp/corpus.jsonl --db /tmp/store.db --every 10000
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path

from storyfuse.ingest import read_inputs
from storyfuse.models import RawDocument
from storyfuse.store import CorpusStore


def rss_mib() -> float:
    """Current resident memory of this process in MiB (Linux ``/proc``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def documents(corpus: Path, limit: int | None) -> Iterator[RawDocument]:
    items = (item for item in read_inputs([corpus]) if isinstance(item, RawDocument))
    return islice(items, limit)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Memory and speed of a growing store ingest.")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--db", type=Path, required=True, help="a new store file (must not exist)")
    parser.add_argument("--docs", type=int, default=None, help="ingest only the first N articles")
    parser.add_argument("--every", type=int, default=10_000, help="articles between table rows")
    args = parser.parse_args(argv)
    if args.db.exists():
        parser.error(f"{args.db} exists; give a new file")
    print("| docs | seconds | docs/s (run) | docs/s (step) | RSS now | peak RSS |")
    print("|---:|---:|---:|---:|---:|---:|")
    source = documents(args.corpus, args.docs)
    done, start = 0, time.perf_counter()
    last_done, last_time = 0, start
    with CorpusStore(args.db) as store:
        while True:
            result = store.ingest(islice(source, args.every))
            step = result.added + result.updated + result.unchanged + result.skipped
            if not step:
                break
            done += step
            now = time.perf_counter()
            print(
                f"| {done:,} | {now - start:.1f} | {done / (now - start):,.0f} "
                f"| {(done - last_done) / (now - last_time):,.0f} | {rss_mib():,.0f} MiB "
                f"| {peak_rss_mib():,.0f} MiB |",
                flush=True,
            )
            last_done, last_time = done, now


if __name__ == "__main__":
    main()
