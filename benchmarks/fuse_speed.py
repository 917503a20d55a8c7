"""Time ``storyfuse fuse`` end to end on a news corpus and print a table.

Usage: python benchmarks/fuse_speed.py [../shared/data/stories/gva/docs.jsonl] [--limit N]

Runs the whole pipeline in this process (reading, cleaning with template learning, duplicates,
stories, claims, conflicts, fusion, and rendering the three report files) and reports seconds per
stage and peak resident memory.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from storyfuse.pipeline import PipelineOptions, fuse_documents, read_documents
from storyfuse.render import render_all

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "stories" / "gva" / "docs.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    args = parser.parse_args()

    stage_times: dict[str, float] = {}
    last = [time.perf_counter()]

    def progress(stage: str, done: int, total: int | None) -> None:
        """Charge the time since the previous report to the stage reporting now."""
        now = time.perf_counter()
        stage_times[stage] = stage_times.get(stage, 0.0) + now - last[0]
        last[0] = now

    start = time.perf_counter()
    raws, problems = read_documents([args.corpus], progress=progress)
    if args.limit:
        raws = raws[: args.limit]
    report = fuse_documents(raws, PipelineOptions(), progress)
    fused = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in render_all(report).items():
            Path(tmp, name).write_text(content, encoding="utf-8")
    total = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"corpus: {args.corpus} ({len(raws)} articles, {len(problems)} skipped)")
    print(f"| {'measure':<34} | {'value':>12} |")
    print(f"|{'-' * 36}|{'-' * 14}|")
    rows = [
        ("articles", f"{len(report.documents)}"),
        ("stories", f"{len(report.stories)}"),
        ("duplicate pairs", f"{len(report.duplicates)}"),
        ("conflicts", f"{sum(len(s.conflicts) for s in report.stories)}"),
        ("pipeline seconds (read..fuse)", f"{fused - start:.1f}"),
        ("render seconds (json+md+html)", f"{total - (fused - start):.1f}"),
        ("total seconds", f"{total:.1f}"),
        ("articles per second", f"{len(raws) / total:.0f}"),
        ("peak resident memory (MB)", f"{peak_mb:.0f}"),
    ]
    rows += [(f"  stage '{name}' seconds", f"{secs:.1f}") for name, secs in stage_times.items()]
    for name, value in rows:
        print(f"| {name:<34} | {value:>12} |")


if __name__ == "__main__":
    main()
