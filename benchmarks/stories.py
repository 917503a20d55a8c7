"""Story grouping quality: B-cubed precision, recall and F1 against gold story ids.

Usage: python benchmarks/stories.py [gva ecbplus basil] [--data ../shared/data/stories]

Each corpus row is read and cleaned exactly as ``storyfuse fuse`` would (templates learnt), then
duplicates are found and articles grouped into stories with the one default configuration. Rows
whose page has no article text left after cleaning count as singleton stories, so that every
gold article is scored. A plain TF-IDF + average-link baseline, its threshold tuned on the gold
itself, is the published reference (GVA 0.81, ECB+ 0.88, BASIL 0.94).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from storyfuse.cluster import cluster_stories
from storyfuse.dedup import find_duplicates
from storyfuse.pipeline import PipelineOptions, clean_documents, read_documents

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="*", default=["gva", "ecbplus", "basil"])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    print("| dataset | articles | stories (gold) | stories (ours) | P | R | F1 | baseline F1 | seconds |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name in args.datasets:
        corpus = args.data / name / "docs.jsonl"
        gold = gold_stories(corpus)
        start = time.perf_counter()
        raws, _ = read_documents([corpus])
        articles, _ = clean_documents(raws, PipelineOptions())
        groups = cluster_stories(articles, find_duplicates(articles))
        seconds = time.perf_counter() - start
        precision, recall, f1 = bcubed(groups, gold)
        print(
            f"| {name} | {len(gold)} | {len(set(gold.values()))} | {len(groups)} | {precision:.3f} | "
            f"{recall:.3f} | {f1:.3f} | {BASELINE.get(name, float('nan')):.2f} | {seconds:.1f} |"
        )


if __name__ == "__main__":
    main()
