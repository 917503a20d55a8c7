"""The ``storyfuse`` command: a thin layer over the library.

Exit status: 0 when every input was used, 1 when some inputs were skipped (each named on stderr,
the output still written), 2 when nothing could be done (bad usage, no usable article, an
unwritable output). Errors are one line on stderr, never a traceback (``--debug`` shows one).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import click
from tqdm import tqdm

from storyfuse import __version__
from storyfuse.clean import CleanOptions
from storyfuse.dedup import find_duplicates, near_duplicates
from storyfuse.errors import StoryfuseError
from storyfuse.ingest import read_inputs
from storyfuse.models import DuplicateRelation, Problem, RawDocument, Report
from storyfuse.pipeline import PipelineOptions, clean_documents, fuse_paths, read_documents
from storyfuse.render import render_all
from storyfuse.store import CorpusStore, StoreOptions

EXIT_OK, EXIT_SKIPPED, EXIT_FAILED = 0, 1, 2
_DEBUG = False


class ProgressBars:
    """One tqdm bar per stage on stderr, or nothing when quiet."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bars: dict[str, tqdm[Any]] = {}

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self.quiet:
            return
        bar = self.bars.get(stage)
        if bar is None:
            bar = tqdm(
                total=total, desc=f"{stage:>10}", unit="doc", file=sys.stderr, leave=False, mininterval=0.2
            )
            self.bars[stage] = bar
        bar.n = done
        bar.refresh() if total is not None and done >= total else bar.update(0)

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.bars.clear()


def _warn(problems: Sequence[Problem]) -> None:
    for problem in problems:
        click.echo(f"skipped {problem}", err=True)


def _fail(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_FAILED)


class _Group(click.Group):
    """Turn any error escaping a command into one line and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, SystemExit):
            raise
        except StoryfuseError as exc:
            _fail(str(exc))
        except KeyboardInterrupt:
            _fail("interrupted")
        except BrokenPipeError:  # the reader (``| head``) has all it wants: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except Exception as exc:
            if _DEBUG:
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyfuse")
@click.option("--debug", is_flag=True, help="Show full tracebacks of internal errors.")
def main(debug: bool) -> None:
    """Fuse news articles from many outlets into source-attributed stories.

    Inputs are .txt, .md, .html/.htm files (optionally .gz), folders (read recursively) and
    JSON Lines corpora (.jsonl, fields id, text or html, title, date, url, outlet).

    Exit status: 0 all inputs used, 1 some inputs skipped (named on stderr), 2 failure.
    """
    global _DEBUG
    _DEBUG = debug


_paths = click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
_quiet = click.option("--quiet", "-q", is_flag=True, help="No progress bars on stderr.")


def _db(required: bool = False) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--db",
        required=required,
        type=click.Path(dir_okay=False, path_type=Path),
        help="Corpus store: one SQLite file, created if missing.",
    )


_time_limit = click.option(
    "--clean-time-limit",
    "time_limit",
    type=click.FloatRange(min=0.0, min_open=True),
    default=CleanOptions().time_limit,
    show_default=True,
    help="Seconds one page may take to clean; a slower page is skipped with a problem (SF400).",
)


def _pipeline_options(time_limit: float, learn_templates: bool = True) -> PipelineOptions:
    return PipelineOptions(clean=CleanOptions(time_limit=time_limit), learn_templates=learn_templates)


def _store_options(time_limit: float) -> StoreOptions:
    return StoreOptions(clean=CleanOptions(time_limit=time_limit))


_existing_db = click.option(
    "--db",
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Corpus store made by 'storyfuse ingest'.",
)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write report.json, report.md and report.html into (created if missing).",
)
@_db()
@_time_limit
@_quiet
def fuse(paths: tuple[Path, ...], out_dir: Path, db: Path | None, time_limit: float, quiet: bool) -> None:
    """Group articles into stories and write the fused, attributed report.

    Writes OUT/report.json (for programs), OUT/report.md and OUT/report.html (self-contained,
    opens offline) and prints a short summary. With --db the report is rendered from the corpus
    store (after ingesting PATHS into it, if any are given).

    Examples: storyfuse fuse examples/corpus --out report;
    storyfuse fuse --db corpus.db --out report
    """
    if not paths and db is None:
        raise click.UsageError("give articles to fuse (PATHS) or a corpus store (--db)")
    bars = ProgressBars(quiet)
    try:
        if db is None:
            report = fuse_paths(paths, _pipeline_options(time_limit), bars)
        else:
            with CorpusStore(db, _store_options(time_limit)) as store:
                problems = _ingest_into(store, paths, bars) if paths else []
                report = store.report(bars)
                report.problems[:0] = problems
    finally:
        bars.close()
    _warn(report.problems)
    if not report.documents:
        _fail("no usable article in the inputs")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        written = _write_report(report, out_dir)
    except OSError as exc:
        _fail(f"cannot write to {out_dir}: {exc.strerror or exc}")
    click.echo(_summary(report))
    for path in written:
        click.echo(f"  {path}")
    sys.exit(EXIT_SKIPPED if report.problems else EXIT_OK)


def _ingest_into(store: CorpusStore, paths: Sequence[Path], progress: ProgressBars) -> list[Problem]:
    """Stream every input into the store; return what could not be used."""
    unreadable: list[Problem] = []

    def documents() -> Iterator[RawDocument]:
        for item in read_inputs(paths):
            if isinstance(item, Problem):
                unreadable.append(item)
            else:
                yield item

    result = store.ingest(documents(), progress=progress)
    click.echo(
        f"ingested: {result.added} added, {result.updated} updated, {result.unchanged} unchanged, "
        f"{result.skipped + len(unreadable)} skipped",
        err=True,
    )
    return unreadable + result.problems


@main.command()
@_paths
@_db(required=True)
@_time_limit
@_quiet
def ingest(paths: tuple[Path, ...], db: Path, time_limit: float, quiet: bool) -> None:
    """Add articles to a corpus store, finding their duplicates and stories as they arrive.

    Incremental and idempotent: an article already stored with the same content is left as it
    is, a changed one is replaced. Each batch is one transaction, so an interrupted ingest
    leaves the store consistent; run it again to finish. Readers may use the store meanwhile.

    Example: storyfuse ingest corpus.jsonl --db corpus.db
    """
    bars = ProgressBars(quiet)
    try:
        with CorpusStore(db, _store_options(time_limit)) as store:
            problems = _ingest_into(store, paths, bars)
    finally:
        bars.close()
    _warn(problems)
    sys.exit(EXIT_SKIPPED if problems else EXIT_OK)


@main.command()
@_existing_db
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story instead of a table.")
def stories(db: Path, as_json: bool) -> None:
    """List the stories of a corpus store: id, number of articles, dates and headline.

    Example: storyfuse stories --db corpus.db
    """
    with CorpusStore(db) as store:
        summaries = store.stories()
    for story in summaries:
        if as_json:
            click.echo(json.dumps(dataclasses.asdict(story), ensure_ascii=False))
        else:
            dates = " .. ".join(
                dict.fromkeys(d[:10] for d in (story.first_published, story.last_published) if d)
            )
            click.echo(f"{story.id}\t{story.articles:>4} articles\t{dates or '-':<24}\t{story.title}")


def _write_report(report: Report, out_dir: Path) -> list[Path]:
    written = []
    for name, content in render_all(report).items():
        target = out_dir / name
        partial = target.with_suffix(target.suffix + ".part")
        partial.write_text(content, encoding="utf-8")
        partial.replace(target)
        written.append(target)
    return written


def _summary(report: Report) -> str:
    kinds: dict[str, int] = {}
    for dup in report.duplicates:
        kinds[dup.kind] = kinds.get(dup.kind, 0) + 1
    dup_text = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "none"
    conflicts = sum(len(s.conflicts) for s in report.stories)
    multi = sum(1 for s in report.stories if len(s.documents) > 1)
    return (
        f"{len(report.stories)} stories ({multi} with several articles) "
        f"from {len(report.documents)} articles; "
        f"duplicates: {dup_text}; conflicts: {conflicts}; skipped inputs: {len(report.problems)}"
    )


@main.command("clean")
@_paths
@_time_limit
@_quiet
def clean_command(paths: tuple[Path, ...], time_limit: float, quiet: bool) -> None:
    """Print each article's clean body and metadata as one JSON object per line.

    Fields: id, body, title, published, outlet, byline, url, agency, dateline, path, removed
    (each removed part with its reason). Streams: pages are cleaned one at a time.
    """
    problems = 0
    bars = ProgressBars(quiet)
    out: TextIO = sys.stdout
    try:
        for item in read_inputs(paths):
            if isinstance(item, Problem):
                problems += 1
                _warn([item])
                continue
            articles, skipped = clean_documents([item], _pipeline_options(time_limit, learn_templates=False))
            _warn(skipped)
            problems += len(skipped)
            for article in articles:
                out.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
            bars("clean", problems + 1, None)
    finally:
        bars.close()
    sys.exit(EXIT_SKIPPED if problems else EXIT_OK)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "-o",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="JSON Lines file of pairs {a, b, kind, similarity} ('-' for stdout).",
)
@click.option(
    "--fast",
    is_flag=True,
    help="Exact, near and containment pairs from MinHash sketches only, no paraphrase search.",
)
@_db()
@_time_limit
@_quiet
def dedup(
    inputs: tuple[Path, ...], out_file: Path, fast: bool, db: Path | None, time_limit: float, quiet: bool
) -> None:
    """Find exact, near-duplicate, containment and paraphrase pairs among articles.

    --fast skips the paraphrase search and finds exact, near and containment pairs from MinHash
    sketches alone. With --db the pairs come from the corpus store (after ingesting INPUTS into
    it, if any are given), read from disk as they are written: memory stays bounded at any size.

    Examples: storyfuse dedup corpus.jsonl --out pairs.jsonl;
    storyfuse dedup corpus.jsonl --db corpus.db --out pairs.jsonl
    """
    if not inputs and db is None:
        raise click.UsageError("give articles (INPUTS) or a corpus store (--db)")
    if fast and db is not None:
        raise click.UsageError("--fast is for INPUTS without --db: the store finds every kind at ingest")
    bars = ProgressBars(quiet)
    if db is None:
        try:
            raws, problems = read_documents(inputs, progress=bars)
            articles, skipped = clean_documents(raws, _pipeline_options(time_limit), bars)
            if fast:
                pairs = near_duplicates((a.id, "\n".join(a.paragraphs)) for a in articles)
            else:
                pairs = find_duplicates(articles)
        finally:
            bars.close()
        problems += skipped
        _warn(problems)
        written = _write_pairs(pairs, out_file)
        among = len(articles)
    else:
        with CorpusStore(db, _store_options(time_limit)) as store:
            try:
                problems = _ingest_into(store, inputs, bars) if inputs else []
            finally:
                bars.close()
            _warn(problems)
            written = _write_pairs(store.duplicates(), out_file)
            among = store.article_count()
    if str(out_file) != "-":
        click.echo(f"{written} duplicate pairs among {among} articles -> {out_file}", err=True)
    sys.exit(EXIT_SKIPPED if problems else EXIT_OK)


def _write_pairs(pairs: Iterable[DuplicateRelation], out_file: Path) -> int:
    """Write ``pairs`` as JSON Lines as they come (``-``: standard output); return how many."""
    written = 0

    def lines() -> Iterator[str]:
        nonlocal written
        for pair in pairs:
            written += 1
            yield json.dumps(pair.to_dict(), ensure_ascii=False) + "\n"

    if str(out_file) == "-":
        sys.stdout.writelines(lines())
        return written
    try:
        with out_file.open("w", encoding="utf-8") as fh:
            fh.writelines(lines())
    except OSError as exc:
        _fail(f"cannot write {out_file}: {exc.strerror or exc}")
    return written


if __name__ == "__main__":
    main()
