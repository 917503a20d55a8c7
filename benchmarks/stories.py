"""Story grouping quality: B-cubed precision, recall and F1 against gold story ids.

Usage: python benchmarks/stories.py [gva ecbplus basil] [--data ../shared/data/stories] [--incremental]

Each corpus row is read and cleaned exactly as ``storyfuse fuse`` would (templates learnt), then
duplicates are found and articles grouped into stories with the one default configuration. With
``--incremental`` the rows are instead ingested, oldest first, into a new temporary
:class:`storyfuse.store.CorpusStore` (as ``storyfuse ingest`` would), which assigns each article
on arrival. Besides the whole set, F1 is given on each half of the gold stories (split by a hash
of the story id, the other half's articles left out), as a check that no result hangs on a few
stories. Rows
whose page has no article text left after cleaning count as singleton stories, so that every
gold article is scored. A plain TF-IDF + average-link baseline, its threshold tuned on the gold
itself, is the published reference (GVA 0.81, ECB+ 0.88, BASIL 0.94).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from storyfuse.cluster import cluster_stories
from storyfuse.dedup import find_duplicates
from storyfuse.models import DuplicateRelation, RawDocument
from storyfuse.pipeline import PipelineOptions, clean_documents, read_documents
from storyfuse.store import CorpusStore

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "stories"
BASELINE = {"gva": 0.81, "ecbplus": 0.88, "basil": 0.94}


def bcubed(predicted: Sequence[Sequence[str]], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 over the gold articles; unplaced ones are singletons."""
    cluster_of: dict[str, object] = {doc: k for k, members in enumerate(predicted) for doc in members}
    members_of: dict[object, list[str]] = defaultdict(list)
    gold_members: dict[str, list[str]] = defaultdict(list)
    for doc, story in gold.items():
        key = cluster_of.get(doc, ("single", doc))
        members_of[key].append(doc)
        gold_members[story].append(doc)
    precision = recall = 0.0
    for doc, story in gold.items():
        cluster = members_of[cluster_of.get(doc, ("single", doc))]
        shared = sum(1 for other in cluster if gold[other] == story)
        precision += shared / len(cluster)
        recall += shared / len(gold_members[story])
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def gold_stories(path: Path) -> dict[str, str]:
    """Article id -> gold story id, from the corpus rows."""
    with path.open(encoding="utf-8") as handle:
        return {str(row["id"]): str(row["story"]) for row in map(json.loads, handle) if row.get("story")}


def half_f1(predicted: Sequence[Sequence[str]], gold: Mapping[str, str], half: int) -> float:
    """B-cubed F1 on the gold stories whose id hashes (CRC-32) to ``half`` (0 or 1)."""
    kept = {doc: story for doc, story in gold.items() if zlib.crc32(story.encode()) % 2 == half}
    groups = [[doc for doc in group if doc in kept] for group in predicted]
    return bcubed([g for g in groups if g], kept)[2]


def batch_stories(raws: Sequence[RawDocument]) -> tuple[list[list[str]], list[DuplicateRelation]]:
    """Stories of the whole set at once, as ``storyfuse fuse`` groups them, and the duplicate
    relations that bound articles together on the way."""
    articles, _ = clean_documents(raws, PipelineOptions())
    duplicates = find_duplicates(articles)
    return cluster_stories(articles, duplicates), duplicates


def incremental_stories(raws: Sequence[RawDocument]) -> tuple[list[list[str]], list[DuplicateRelation]]:
    """Stories (and duplicates) after ingesting the set oldest first (undated rows last) into a
    new store."""
    ordered = sorted(raws, key=lambda raw: (raw.published is None, raw.published or ""))
    with tempfile.TemporaryDirectory() as folder, CorpusStore(Path(folder) / "corpus.db") as store:
        store.ingest(ordered)
        return list(store.story_members().values()), list(store.duplicates())


def across_stories(duplicates: Sequence[DuplicateRelation], gold: Mapping[str, str]) -> int:
    """Duplicate relations joining articles of different gold stories: each one binds two
    events into one story (pages of bare web chrome were the usual cause)."""
    return sum(1 for pair in duplicates if gold.get(pair.a) != gold.get(pair.b))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="*", default=["gva", "ecbplus", "basil"])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--incremental", action="store_true", help="ingest into a store, oldest first")
    args = parser.parse_args()
    group = incremental_stories if args.incremental else batch_stories
    print(
        "| dataset | mode | articles | stories (gold) | stories (ours) | P | R | F1 | F1 half 0 | F1 half 1"
        " | baseline F1 | duplicate pairs | across gold stories | seconds |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.datasets:
        corpus = args.data / name / "docs.jsonl"
        gold = gold_stories(corpus)
        start = time.perf_counter()
        raws, _ = read_documents([corpus])
        groups, duplicates = group(raws)
        seconds = time.perf_counter() - start
        precision, recall, f1 = bcubed(groups, gold)
        mode = "incremental" if args.incremental else "batch"
        print(
            f"| {name} | {mode} | {len(gold)} | {len(set(gold.values()))} | {len(groups)} | "
            f"{precision:.3f} | {recall:.3f} | {f1:.3f} | {half_f1(groups, gold, 0):.3f} | "
            f"{half_f1(groups, gold, 1):.3f} | {BASELINE.get(name, float('nan')):.2f} | "
            f"{len(duplicates)} | {across_stories(duplicates, gold)} | {seconds:.1f} |"
        )


if __name__ == "__main__":
    main()
