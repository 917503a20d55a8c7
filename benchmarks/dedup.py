"""Near-duplicate detection benchmark: storyfuse against datasketch and rensa, end to end.

Every system reads the same JSONL corpus, tokenises each article with
:func:`storyfuse.text.words`, builds the same word 5-shingles, sketches them with MinHash,
indexes the signatures in LSH with the same bands and rows (``storyfuse.fingerprint.
optimal_bands(threshold, num_perm)``), queries every article and verifies the candidates. The
clock runs from opening the file to the final list of pairs. Each system runs in its own process,
so its peak resident memory is its own.

- ``storyfuse``: :func:`storyfuse.dedup.near_duplicates`, the library's corpus-scale path:
  batch sketches (:mod:`storyfuse.sketch`: the same tokens and word 5-shingles, one-permutation
  MinHash with densification, ``num_perm`` bins), LSH on the same bands and rows plus equal body
  hashes, and exact verification of every candidate on the shingle sets (Jaccard at the
  threshold), in one process. It reports no candidate count.
- ``storyfuse-2proc``: the same with the sketches made on 2 worker processes.
- ``storyfuse-all``: storyfuse's full duplicate search (the body of
  :func:`~storyfuse.dedup.find_duplicates`, what ``storyfuse dedup`` runs: LSH, shared sentences
  and rare-word candidates, :func:`~storyfuse.dedup.classify_pair` on each); a relation of any
  kind counts when the pair passes the same exact Jaccard test.
- ``datasketch``: ``MinHash`` (SHA-1 of the shingle bytes) and ``MinHashLSH(params=(bands,
  rows))``; candidates are kept when the estimated Jaccard reaches the threshold, the usual
  datasketch pipeline.
- ``rensa``: ``RMinHash`` and ``RMinHashLSH``, which needs ``num_perm`` divisible by the band
  count, so it sketches ``bands * rows`` permutations (125 for 25 x 5 instead of 128; the
  banded part of the signature is the same size as the others'); verified by estimated Jaccard.

Gold pairs come from the generator's side file (:mod:`synthetic`) or, with ``--exact-gold`` or
for a corpus without one, from an exact all-pairs search over a shingle inverted index.

Usage::

    python benchmarks/dedup.py corpus.jsonl --docs 20000
    python benchmarks/dedup.py corpus.jsonl --profile storyfuse   # cProfile of one system
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import os
import pstats
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from storyfuse.dedup import DedupOptions, candidate_pairs, classify_pair, near_duplicates, term_weights
from storyfuse.fingerprint import (
    Fingerprint,
    FingerprintOptions,
    fingerprint_batch,
    optimal_bands,
    shared_count,
)
from storyfuse.models import Article
from storyfuse.text import words

SYSTEMS = ("storyfuse", "storyfuse-2proc", "storyfuse-all", "datasketch", "rensa")
_CHUNK = 2_000

Pair = tuple[str, str]


@dataclass(slots=True)
class BenchOptions:
    """What every system is asked to do."""

    corpus: Path
    docs: int | None = None
    threshold: float = 0.5
    num_perm: int = 128
    shingle_size: int = 5

    @property
    def bands_rows(self) -> tuple[int, int]:
        return optimal_bands(self.threshold, self.num_perm)


@dataclass(slots=True)
class RunResult:
    """One system's run: articles, wall and CPU seconds, candidate pairs, found pairs, peak RSS
    in MiB. CPU seconds (user + system, of the process and of the worker processes it waited
    for) move much less than wall seconds when other work shares the machine."""

    system: str
    docs: int
    seconds: float
    cpu_seconds: float
    candidates: int
    pairs: list[Pair]
    peak_rss_mib: float


# --- shared input -------------------------------------------------------------------------------


def read_rows(options: BenchOptions) -> Iterator[tuple[str, str]]:
    """``(id, text)`` of the first ``options.docs`` JSONL rows, streamed."""
    with options.corpus.open(encoding="utf-8") as handle:
        for line in itertools.islice(handle, options.docs):
            row = json.loads(line)
            yield str(row["id"]), row.get("text") or ""


def shingle_strings(text: str, size: int) -> list[str]:
    """Distinct word ``size``-grams of ``text`` as storyfuse forms them (short text: one shingle)."""
    tokens = words(text)
    if len(tokens) <= size:
        return [" ".join(tokens)] if tokens else []
    return list({" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)})


def _ordered(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def _chunks(options: BenchOptions) -> Iterator[list[tuple[str, str]]]:
    rows = read_rows(options)
    while chunk := list(itertools.islice(rows, _CHUNK)):
        yield chunk


# --- systems ------------------------------------------------------------------------------------


def run_storyfuse(options: BenchOptions, workers: int = 1) -> tuple[int, int, list[Pair]]:
    """:func:`storyfuse.dedup.near_duplicates`: batch sketches, LSH on band keys plus equal body
    hashes, exact verification; sketching on ``workers`` processes."""
    dedup = DedupOptions(
        near_threshold=options.threshold,
        fingerprint=FingerprintOptions(shingle_size=options.shingle_size, num_perm=options.num_perm),
    )
    docs = 0

    def rows() -> Iterator[tuple[str, str]]:
        nonlocal docs
        for row in read_rows(options):
            docs += 1
            yield row

    found = [_ordered(r.a, r.b) for r in near_duplicates(rows(), dedup, workers)]
    return docs, -1, found


def run_storyfuse_all(options: BenchOptions) -> tuple[int, int, list[Pair]]:
    """storyfuse's complete duplicate search (every candidate index and relation kind)."""
    dedup = DedupOptions(
        near_threshold=options.threshold,
        fingerprint=FingerprintOptions(shingle_size=options.shingle_size, num_perm=options.num_perm),
    )
    fingerprints = fingerprint_batch(
        (Article(text_id, text_id, _paragraphs(text)) for text_id, text in read_rows(options)),
        dedup.fingerprint,
    )
    weights = term_weights(fingerprints)
    candidates = candidate_pairs(fingerprints, dedup, weights)
    found = []
    for i, j in candidates:
        relation = classify_pair(fingerprints[i], fingerprints[j], dedup, weights)
        if relation is not None and _is_near(fingerprints[i], fingerprints[j], options.threshold):
            found.append(_ordered(relation.a, relation.b))
    return len(fingerprints), len(candidates), found


def _is_near(first: Fingerprint, second: Fingerprint, threshold: float) -> bool:
    """storyfuse's own exact test: equal body hashes, or shingle-set Jaccard at the threshold.

    Scored on Jaccard rather than on the relation kind, because storyfuse reports a one-way
    pair (base and base plus paragraphs) as ``containment`` even when its Jaccard is high.
    """
    if first.body_hash == second.body_hash:
        return True
    shared = shared_count(first.shingles, second.shingles)
    union = first.shingles.size + second.shingles.size - shared
    return union > 0 and shared / union >= threshold


def run_datasketch(options: BenchOptions) -> tuple[int, int, list[Pair]]:
    """datasketch MinHash + MinHashLSH, candidates verified by estimated Jaccard."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=options.threshold, num_perm=options.num_perm, params=options.bands_rows)
    docs = 0
    ids: list[str] = []
    sketches = []
    for text_id, text in read_rows(options):
        docs += 1
        shingles = shingle_strings(text, options.shingle_size)
        if not shingles:
            continue
        sketch = MinHash(num_perm=options.num_perm)
        sketch.update_batch([s.encode() for s in shingles])
        lsh.insert(len(ids), sketch)
        ids.append(text_id)
        sketches.append(sketch)
    found = _verify(ids, sketches, lsh.query, lambda i, j: sketches[i].jaccard(sketches[j]), options)
    return docs, *found


def run_rensa(options: BenchOptions) -> tuple[int, int, list[Pair]]:
    """rensa RMinHash + RMinHashLSH (``bands * rows`` permutations), verified by estimated Jaccard."""
    from rensa import RMinHash, RMinHashLSH

    bands, rows = options.bands_rows
    lsh = RMinHashLSH(options.threshold, bands * rows, bands)
    docs = 0
    ids: list[str] = []
    sketches: list[RMinHash] = []
    for chunk in _chunks(options):
        docs += len(chunk)
        shingled = [(text_id, shingle_strings(text, options.shingle_size)) for text_id, text in chunk]
        shingled = [(text_id, shingles) for text_id, shingles in shingled if shingles]
        batch = RMinHash.from_token_sets([shingles for _, shingles in shingled], bands * rows, 1)
        lsh.insert_many(batch, len(ids))
        ids.extend(text_id for text_id, _ in shingled)
        sketches.extend(batch)
    found = _verify(ids, sketches, lsh.query, lambda i, j: sketches[i].jaccard(sketches[j]), options)
    return docs, *found


def _verify(
    ids: Sequence[str],
    sketches: Sequence[Any],
    query: Callable[[Any], Sequence[int]],
    similarity: Callable[[int, int], float],
    options: BenchOptions,
) -> tuple[int, list[Pair]]:
    """Query every sketch; keep candidate pairs whose estimated Jaccard reaches the threshold.

    Articles without a shingle are never indexed (their empty sketches would all collide), as
    storyfuse never pairs an empty article.
    """
    candidates = {
        (min(i, j), max(i, j)) for i, sketch in enumerate(sketches) for j in query(sketch) if j != i
    }
    found = [_ordered(ids[i], ids[j]) for i, j in candidates if similarity(i, j) >= options.threshold]
    return len(candidates), found


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


RUNNERS: dict[str, Callable[[BenchOptions], tuple[int, int, list[Pair]]]] = {
    "storyfuse": run_storyfuse,
    "storyfuse-2proc": partial(run_storyfuse, workers=2),
    "storyfuse-all": run_storyfuse_all,
    "datasketch": run_datasketch,
    "rensa": run_rensa,
}


def run_system(system: str, options: BenchOptions) -> RunResult:
    """Run one system in this process and time it."""
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    docs, candidates, pairs = RUNNERS[system](options)
    seconds, cpu_seconds = time.perf_counter() - start, _cpu_seconds() - cpu_start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return RunResult(system, docs, seconds, cpu_seconds, candidates, sorted(set(pairs)), peak)


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


# --- gold and scores ----------------------------------------------------------------------------


def file_gold(path: Path, threshold: float, ids: set[str]) -> set[Pair]:
    """Generator gold pairs at ``threshold`` whose two articles were read."""
    gold: set[Pair] = set()
    with path.open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            a, b, _, jaccard = line.rstrip("\n").split("\t")
            if float(jaccard) >= threshold and a in ids and b in ids:
                gold.add(_ordered(a, b))
    return gold


def exact_gold(options: BenchOptions) -> set[Pair]:
    """Every pair whose exact shingle Jaccard reaches the threshold (inverted index, all pairs)."""
    ids: list[str] = []
    sizes: list[int] = []
    postings: dict[str, list[int]] = defaultdict(list)
    for text_id, text in read_rows(options):
        shingles = shingle_strings(text, options.shingle_size)
        for shingle in shingles:
            postings[shingle].append(len(ids))
        ids.append(text_id)
        sizes.append(len(shingles))
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for members in postings.values():
        for pair in itertools.combinations(members, 2):
            shared[pair] += 1
    return {
        _ordered(ids[i], ids[j])
        for (i, j), count in shared.items()
        if count / (sizes[i] + sizes[j] - count) >= options.threshold
    }


@dataclass(slots=True)
class Scores:
    precision: float
    recall: float


def score(found: Sequence[Pair], gold: set[Pair]) -> Scores:
    """Pair precision and recall (an empty side scores 1.0)."""
    hits = sum(1 for pair in found if pair in gold)
    return Scores(hits / len(found) if found else 1.0, hits / len(gold) if gold else 1.0)


def markdown_table(results: Sequence[RunResult], gold: set[Pair]) -> str:
    """The result table, one row per system, throughput (wall and CPU) relative to datasketch."""
    baseline = next((r for r in results if r.system == "datasketch"), None)
    lines = [
        "| system | docs | seconds | docs/s | ratio to datasketch | CPU s | CPU ratio | candidates "
        "| precision | recall | peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        rate = r.docs / r.seconds
        ratio = f"{rate / (baseline.docs / baseline.seconds):.2f}x" if baseline else "-"
        cpu_rate = r.docs / r.cpu_seconds
        cpu_ratio = f"{cpu_rate / (baseline.docs / baseline.cpu_seconds):.2f}x" if baseline else "-"
        s = score(r.pairs, gold)
        candidates = f"{r.candidates:,}" if r.candidates >= 0 else "-"
        lines.append(
            f"| {r.system} | {r.docs:,} | {r.seconds:.2f} | {rate:,.0f} | {ratio} | {r.cpu_seconds:.2f} "
            f"| {cpu_ratio} | {candidates} | {s.precision:.4f} | {s.recall:.4f} | {r.peak_rss_mib:,.0f} MiB |"
        )
    return "\n".join(lines)


def median_table(results: Sequence[RunResult]) -> str:
    """Per system, the median wall and CPU docs/s over its repeated runs and their ratios to
    datasketch's medians (repeats interleaved with ``--systems a,b,a,b`` share the load evenly)."""
    runs: dict[str, list[RunResult]] = defaultdict(list)
    for r in results:
        runs[r.system].append(r)
    rates = {
        system: (
            statistics.median(r.docs / r.seconds for r in rs),
            statistics.median(r.docs / r.cpu_seconds for r in rs),
        )
        for system, rs in runs.items()
    }
    base = rates.get("datasketch")
    lines = [
        "| system | runs | median docs/s | ratio to datasketch | median CPU docs/s | CPU ratio |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for system, (wall, cpu) in rates.items():
        wall_ratio, cpu_ratio = (f"{wall / base[0]:.2f}x", f"{cpu / base[1]:.2f}x") if base else ("-", "-")
        lines.append(
            f"| {system} | {len(runs[system])} | {wall:,.0f} | {wall_ratio} | {cpu:,.0f} | {cpu_ratio} |"
        )
    return "\n".join(lines)


# --- command line -------------------------------------------------------------------------------


def _child(system: str, argv: Sequence[str]) -> RunResult:
    """Run ``system`` in a fresh interpreter so its peak RSS is its own."""
    command = [sys.executable, __file__, *argv, "--run-one", system]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    data = json.loads(output)
    data["pairs"] = [tuple(p) for p in data["pairs"]]
    return RunResult(**data)


def _profile(system: str, options: BenchOptions) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    RUNNERS[system](options)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(20)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(description="Near-duplicate benchmark: storyfuse, datasketch, rensa.")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--docs", type=int, default=None, help="read only the first N articles")
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--systems", default=",".join(SYSTEMS))
    parser.add_argument("--gold", type=Path, default=None, help="gold TSV (default: corpus.gold.tsv)")
    parser.add_argument(
        "--exact-gold", action="store_true", help="compute the gold by exact all-pairs search"
    )
    parser.add_argument("--profile", choices=SYSTEMS, default=None)
    parser.add_argument("--run-one", choices=SYSTEMS, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    options = BenchOptions(args.corpus, args.docs, args.threshold, args.num_perm)
    if args.run_one:
        result = run_system(args.run_one, options)
        print(json.dumps({name: getattr(result, name) for name in RunResult.__slots__}))
        return
    if args.profile:
        print(_profile(args.profile, options))
        return
    bands, rows = options.bands_rows
    print(
        f"corpus {options.corpus}, threshold {options.threshold}, num_perm {options.num_perm}, "
        f"{bands} bands x {rows} rows, word {options.shingle_size}-shingles\n"
    )
    results = [_child(system, argv) for system in args.systems.split(",")]
    gold_file = args.gold or args.corpus.with_suffix(".gold.tsv")
    if args.exact_gold or not gold_file.exists():
        gold, source = exact_gold(options), "exact all-pairs Jaccard"
    else:
        ids = {text_id for text_id, _ in read_rows(options)}
        gold, source = file_gold(gold_file, options.threshold, ids), f"{gold_file}"
    print(f"gold: {len(gold):,} pairs ({source})\n")
    print(markdown_table(results, gold))
    if len({r.system for r in results}) < len(results):
        print(f"\n{median_table(results)}")


if __name__ == "__main__":
    main()
