"""Score main-content extraction against gold article bodies and print a Markdown table.

Usage: python benchmarks/extraction.py [--data DIR] [--dataset aeb wcxb] [--limit N]
       [--json out.json] [--memory] [--worst N]

Two public sets are read from ``../shared/data/extraction`` (never committed):

- ``aeb``: scrapinghub article-extraction-benchmark, scored with its word 4-gram shingle protocol;
- ``wcxb``: article pages of the WCXB dev split, scored with per-page bag-of-words F1.

Every page goes through each system in this one process, so the numbers are comparable:

1. HTML track: storyfuse's cleaner on the decoded page, trafilatura (default settings), and the
   whole visible page text as the floor any extractor must beat.
2. Text track: the same page flattened to text the way a scraper stores it (one line per block
   element, menus and footers kept, scripts and styles gone), given to storyfuse as plain text.
   This is the input storyfuse meets in news corpora; trafilatura cannot read it (n/a), and the
   flattened text itself is the baseline.

A system that raises on a page scores that page as an empty extraction and counts a failure.
Speed is pages per second of extraction alone (decoding excluded) in one process on one core.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shlex
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from _scoring import Overlap, Scores, aeb_scores, mean_page_scores, page_f1, shingle_overlap, word_overlap
from storyfuse.clean import clean
from storyfuse.ingest import decode
from storyfuse.models import RawDocument

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction"

# Never rendered by a browser, so no scraper's text contains them.
_INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "iframe", "object", "embed"})
# Elements that start a new line in rendered text; everything else flows inline.
_BLOCKS = (
    frozenset({"article", "aside", "body", "details", "dialog", "div", "fieldset", "footer", "form"})
    | frozenset({"header", "hgroup", "main", "nav", "section", "summary"})
    | frozenset({"address", "blockquote", "br", "caption", "figcaption", "figure", "hr", "p", "pre"})
    | frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dd", "dl", "dt", "li", "menu", "ol", "ul"})
    | frozenset({"table", "tbody", "td", "tfoot", "th", "thead", "tr"})
)
_SPACE_RUN = re.compile(r"\s+")

GoldRow = tuple[str, str | None, Path, str]
"""A page as listed by its gold file: id, url, gzipped HTML path, gold body."""


@dataclass(slots=True)
class Page:
    """One benchmark page: decoded HTML, its scraper-style text, and the gold body."""

    id: str
    url: str | None
    html: str
    text: str
    gold: str


@dataclass(slots=True, frozen=True)
class Dataset:
    """A gold set on disk and the protocol its authors score it with."""

    name: str
    folder: str
    load: Callable[[Path], list[GoldRow]]
    overlap: Callable[[str, str], Overlap]
    aggregate: Callable[[Sequence[Overlap]], Scores]


@dataclass(slots=True, frozen=True)
class System:
    """An extractor on one track; ``extract`` is None when it cannot read that input."""

    track: str
    name: str
    extract: Callable[[Page], str] | None
    timed: bool = True


@dataclass(slots=True)
class Run:
    """Scores of one system on one dataset, with per-page F1 for finding the worst pages."""

    dataset: str
    track: str
    system: str
    scores: Scores | None
    seconds: float = 0.0
    failures: int = 0
    timed: bool = True
    peak_heap_mb: float | None = None
    page_f1: dict[str, float] = field(default_factory=dict)

    @property
    def pages_per_second(self) -> float | None:
        if self.scores is None or not self.timed or self.seconds <= 0:
            return None
        return self.scores.pages / self.seconds


def _load_aeb(folder: Path) -> list[GoldRow]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    return [
        (key, truth[key].get("url"), folder / "html" / f"{key}.html.gz", truth[key]["articleBody"])
        for key in sorted(truth)
    ]


def _load_wcxb(folder: Path) -> list[GoldRow]:
    rows = []
    for path in sorted((folder / "ground-truth").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        gold = record["ground_truth"].get("main_content")
        if not gold:  # a page the annotators left without a body cannot be scored
            continue
        rows.append((path.stem, record.get("url"), folder / "html" / f"{path.stem}.html.gz", gold))
    return rows


DATASETS = {
    "aeb": Dataset("aeb", "aeb", _load_aeb, shingle_overlap, aeb_scores),
    "wcxb": Dataset("wcxb", "wcxb-articles", _load_wcxb, word_overlap, mean_page_scores),
}


def load_pages(data: Path, dataset: Dataset, limit: int = 0) -> list[Page]:
    """Decode and flatten a dataset's pages in id order, the first ``limit`` of them (0 = all)."""
    rows = dataset.load(data / dataset.folder)
    if limit:
        rows = rows[:limit]
    pages = []
    for page_id, url, html_path, gold in rows:
        with gzip.open(html_path, "rb") as handle:
            markup = decode(handle.read(), html=True)
        pages.append(Page(page_id, url, markup, flatten_html(markup), gold))
    return pages


def flatten_html(markup: str) -> str:
    """Visible text of a page with one line per block element, as a scraper would save it.

    Nothing is judged: navigation, footers and share prompts stay, which is the point of the
    text track.

    >>> flatten_html("<div><p>One <b>two</b></p><ul><li>Home</li></ul></div>")
    'One two\\nHome'
    """
    root = lxml_html.document_fromstring(markup)
    parts: list[str] = []
    in_pre = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""  # comments have no name
        if event == "start":
            if tag in _INVISIBLE:
                walker.skip_subtree()
            if tag in _INVISIBLE or not tag:
                continue
            in_pre += tag == "pre"
            if tag in _BLOCKS:
                parts.append("\n")
            parts.append(_inline(element.text, in_pre > 0))
            continue
        if tag in _BLOCKS:
            parts.append("\n")
        in_pre -= tag == "pre"
        parts.append(_inline(element.tail, in_pre > 0))
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _inline(text: str | None, keep_lines: bool) -> str:
    if not text:
        return ""
    return text if keep_lines else _SPACE_RUN.sub(" ", text)


def storyfuse_html(page: Page) -> str:
    return clean(RawDocument(page.id, page.id, page.html, "html", url=page.url)).body


def storyfuse_text(page: Page) -> str:
    return clean(RawDocument(page.id, page.id, page.text, "text", url=page.url)).body


def whole_page(page: Page) -> str:
    return flatten_html(page.html)


def flattened_text(page: Page) -> str:
    return page.text


def trafilatura_html() -> Callable[[Page], str] | None:
    """trafilatura's default extraction, or None when the ``bench`` extra is not installed."""
    try:
        import trafilatura
    except ImportError:
        return None

    def extract(page: Page) -> str:
        return trafilatura.extract(page.html) or ""

    return extract


def systems() -> list[System]:
    return [
        System("html", "storyfuse", storyfuse_html),
        System("html", "trafilatura", trafilatura_html()),
        System("html", "whole page", whole_page),
        System("text", "storyfuse", storyfuse_text),
        System("text", "trafilatura", None),
        System("text", "whole text", flattened_text, timed=False),
    ]


def evaluate(pages: Sequence[Page], dataset: Dataset, system: System, *, memory: bool = False) -> Run:
    """Run one system over the pages and score it; an exception on a page scores it as empty."""
    run = Run(dataset.name, system.track, system.name, None, timed=system.timed)
    if system.extract is None:
        return run
    overlaps = []
    for page in pages:
        started = time.perf_counter()
        try:
            extracted = system.extract(page)
        except Exception:
            extracted = ""
            run.failures += 1
        run.seconds += time.perf_counter() - started
        overlap = dataset.overlap(page.gold, extracted)
        overlaps.append(overlap)
        run.page_f1[page.id] = page_f1(overlap)
    run.scores = dataset.aggregate(overlaps)
    if memory:
        run.peak_heap_mb = _peak_heap_mb(pages, system.extract)
    return run


def _peak_heap_mb(pages: Sequence[Page], extract: Callable[[Page], str]) -> float:
    """Largest Python-heap peak of a single page, in a separate pass so tracing does not slow
    the timed one. Allocations inside C libraries (libxml2) are not traced."""
    peak = 0
    tracemalloc.start()
    try:
        for page in pages:
            tracemalloc.reset_peak()
            try:
                extract(page)
            except Exception:
                continue
            peak = max(peak, tracemalloc.get_traced_memory()[1])
    finally:
        tracemalloc.stop()
    return peak / 2**20


def table(runs: Sequence[Run]) -> str:
    """The runs as a Markdown table, one row per dataset, track and system."""
    header = "| dataset | track | system | precision | recall | F1 | pages/s | failures | peak heap MB |"
    lines = [header, "|---|---|---|---:|---:|---:|---:|---:|---:|"]
    for run in runs:
        if run.scores is None:
            lines.append(
                f"| {run.dataset} | {run.track} | {run.system} | n/a | n/a | n/a | n/a | n/a | n/a |"
            )
            continue
        speed = "—" if run.pages_per_second is None else f"{run.pages_per_second:.1f}"
        heap = "—" if run.peak_heap_mb is None else f"{run.peak_heap_mb:.1f}"
        s = run.scores
        lines.append(
            f"| {run.dataset} | {run.track} | {run.system} | {s.precision:.3f} | {s.recall:.3f} "
            f"| {s.f1:.3f} | {speed} | {run.failures} | {heap} |"
        )
    return "\n".join(lines)


def worst_pages(runs: Sequence[Run], pages: dict[str, dict[str, Page]], count: int) -> str:
    """storyfuse's ``count`` lowest-F1 pages per dataset and track, to direct cleaner work."""
    out = []
    for run in runs:
        if run.system != "storyfuse" or not run.page_f1:
            continue
        out.append(f"\nworst {count} storyfuse pages: {run.dataset} / {run.track}")
        for page_id, score in sorted(run.page_f1.items(), key=lambda item: (item[1], item[0]))[:count]:
            out.append(f"  {score:.3f}  {page_id[:16]}  {pages[run.dataset][page_id].url}")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder holding aeb/ and wcxb-articles/")
    parser.add_argument("--dataset", nargs="+", choices=sorted(DATASETS), default=sorted(DATASETS))
    parser.add_argument("--limit", type=int, default=0, help="use only the first N pages of each set")
    parser.add_argument("--json", type=Path, help="also write the numbers to this JSON file")
    parser.add_argument("--memory", action="store_true", help="measure peak Python heap per system")
    parser.add_argument("--worst", type=int, default=0, help="list storyfuse's N worst pages")
    args = parser.parse_args(argv)

    command = "python " + shlex.join([Path(sys.argv[0]).as_posix(), *sys.argv[1:]])
    runs: list[Run] = []
    pages_by_set: dict[str, dict[str, Page]] = {}
    for name in args.dataset:
        dataset = DATASETS[name]
        if not (args.data / dataset.folder).is_dir():
            parser.error(
                f"{args.data / dataset.folder} not found: pass --data FOLDER holding {dataset.folder}/"
            )
        pages = load_pages(args.data, dataset, args.limit)
        pages_by_set[name] = {page.id: page for page in pages}
        runs += [evaluate(pages, dataset, system, memory=args.memory) for system in systems()]
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"command: {command}")
    print(f"date: {date.today().isoformat()}  cores: {os.cpu_count()}  peak RSS: {peak_rss_mb:.0f} MB")
    print(", ".join(f"{name}: {len(pages)} pages" for name, pages in pages_by_set.items()))
    print()
    print(table(runs))
    if args.worst:
        print(worst_pages(runs, pages_by_set, args.worst))
    if args.json:
        payload = {
            "command": command,
            "date": date.today().isoformat(),
            "cores": os.cpu_count(),
            "peak_rss_mb": round(peak_rss_mb, 1),
            "rows": [
                {
                    "dataset": run.dataset,
                    "track": run.track,
                    "system": run.system,
                    "precision": None if run.scores is None else round(run.scores.precision, 4),
                    "recall": None if run.scores is None else round(run.scores.recall, 4),
                    "f1": None if run.scores is None else round(run.scores.f1, 4),
                    "pages": None if run.scores is None else run.scores.pages,
                    "pages_per_s": run.pages_per_second,
                    "failures": run.failures,
                    "peak_heap_mb": run.peak_heap_mb,
                    "page_f1": {key: round(value, 4) for key, value in run.page_f1.items()},
                }
                for run in runs
            ],
        }
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
