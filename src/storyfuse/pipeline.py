"""Run the stages in order: read, clean, find duplicates, group stories, compare within each story.

This module only moves data between stages; every algorithm lives in its stage module and can be
called alone. Progress is reported through a callback so that the CLI can draw bars and library
users can stay silent.

>>> from storyfuse.pipeline import fuse_paths
>>> report = fuse_paths(["examples/corpus"])  # doctest: +SKIP
>>> [len(s.documents) for s in report.stories]  # doctest: +SKIP
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from storyfuse.align import AlignOptions, align_claims
from storyfuse.assign import ClusterOptions
from storyfuse.clean import CleanOptions, clean_or_problem, clean_with_template, learn_templates
from storyfuse.clean.furniture import learn_furniture, remove_furniture
from storyfuse.clean.outlets import article_keys, unify_outlets
from storyfuse.cluster import cluster_stories
from storyfuse.compare import find_conflicts
from storyfuse.dedup import DedupOptions, find_duplicates
from storyfuse.fuse import fuse_story
from storyfuse.ingest import IngestOptions, read_inputs
from storyfuse.lineage import infer_lineage
from storyfuse.models import Article, DuplicateRelation, Problem, RawDocument, Report, Story

Progress = Callable[[str, int, int | None], None]
"""Called as ``progress(stage, done, total)``; ``total`` is ``None`` while unknown."""


@dataclass(slots=True)
class PipelineOptions:
    """Options of every stage, in one object so that callers pass one thing."""

    ingest: IngestOptions = field(default_factory=IngestOptions)
    clean: CleanOptions = field(default_factory=CleanOptions)
    dedup: DedupOptions = field(default_factory=DedupOptions)
    cluster: ClusterOptions = field(default_factory=ClusterOptions)
    learn_templates: bool = True
    workers: int | None = None
    """Processes that build stories; ``None`` uses every core once there are enough stories."""


PARALLEL_MIN_STORIES = 200
"""Below this many stories a process pool costs more to start than it saves."""


def _silent(stage: str, done: int, total: int | None) -> None:
    """The default progress callback: report nothing."""


def fuse_paths(
    paths: Iterable[str | os.PathLike[str]],
    options: PipelineOptions | None = None,
    progress: Progress = _silent,
) -> Report:
    """Read every article under ``paths`` and fuse them into a :class:`Report`."""
    options = options or PipelineOptions()
    raws, problems = read_documents(paths, options.ingest, progress)
    report = fuse_documents(raws, options, progress)
    report.problems[:0] = problems
    return report


def read_documents(
    paths: Iterable[str | os.PathLike[str]],
    options: IngestOptions | None = None,
    progress: Progress = _silent,
) -> tuple[list[RawDocument], list[Problem]]:
    """Read all inputs into memory, separating usable documents from problems."""
    raws: list[RawDocument] = []
    problems: list[Problem] = []
    for item in read_inputs(paths, options):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            raws.append(item)
        progress("read", len(raws) + len(problems), None)
    return raws, problems


def fuse_documents(
    raws: Sequence[RawDocument],
    options: PipelineOptions | None = None,
    progress: Progress = _silent,
) -> Report:
    """Clean, deduplicate, cluster and compare documents already read."""
    options = options or PipelineOptions()
    articles, problems = clean_documents(raws, options, progress)
    progress("duplicates", 0, 1)
    duplicates = find_duplicates(articles, options.dedup)
    progress("duplicates", 1, 1)
    groups = cluster_stories(articles, duplicates, options.cluster)
    progress("cluster", 1, 1)
    by_id = {a.id: a for a in articles}
    numbered = [(f"story-{n:03d}", [by_id[i] for i in ids]) for n, ids in enumerate(groups, start=1)]
    stories = build_stories(numbered, duplicates, progress, options.workers)
    return Report(documents=articles, duplicates=duplicates, stories=stories, problems=problems)


def build_stories(
    groups: Sequence[tuple[str, Sequence[Article]]],
    duplicates: Sequence[DuplicateRelation],
    progress: Progress = _silent,
    workers: int | None = None,
) -> list[Story]:
    """Build every story from its id and articles, handing each only its own duplicates.

    Stories are independent, so a large corpus builds them on ``workers`` processes (``None``:
    every core, once there are :data:`PARALLEL_MIN_STORIES`); the result is the same in order
    and content whatever the number.
    """
    story_of = {article.id: number for number, (_, members) in enumerate(groups) for article in members}
    own: list[list[DuplicateRelation]] = [[] for _ in groups]
    for relation in duplicates:
        number = story_of.get(relation.a)
        if number is not None and number == story_of.get(relation.b):
            own[number].append(relation)
    jobs = [(story_id, members, own[number]) for number, (story_id, members) in enumerate(groups)]
    if workers is None:
        workers = (os.cpu_count() or 1) if len(jobs) >= PARALLEL_MIN_STORIES else 1
    stories: list[Story] = []
    if workers <= 1:
        for story_id, members, relations in jobs:
            stories.append(build_story(story_id, members, relations))
            progress("stories", len(stories), len(jobs))
        return stories
    # fork: the workers start at once with the stage modules already imported
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        for story in pool.map(_build_job, jobs, chunksize=8):
            stories.append(story)
            progress("stories", len(stories), len(jobs))
    return stories


def _build_job(job: tuple[str, Sequence[Article], Sequence[DuplicateRelation]]) -> Story:
    return build_story(*job)


def clean_documents(
    raws: Sequence[RawDocument],
    options: PipelineOptions | None = None,
    progress: Progress = _silent,
) -> tuple[list[Article], list[Problem]]:
    """Clean every document; learn each outlet's page template and the corpus's furniture first
    when asked.

    Two passes: the first cleans each page alone and learns, per outlet, the lines that recur
    across its pages, and across the corpus the furniture lines
    (:func:`storyfuse.clean.furniture.learn_furniture`); the second re-cleans that outlet's
    pages with the template known and takes the furniture out of every page. Pages of one
    site get one outlet name (:func:`storyfuse.clean.outlets.unify_outlets`).
    """
    options = options or PipelineOptions()
    problems: list[Problem] = []
    first = dict(_clean_each(raws, options.clean, problems, progress))
    if options.learn_templates:
        firsts = [first.get(r.id) for r in raws]
        templates = learn_templates(raws, firsts)
        furniture = learn_furniture(firsts)
        for raw, key in zip(raws, article_keys(firsts), strict=True):
            article = first.get(raw.id)
            if article is None:
                continue
            article = clean_with_template(raw, article, templates.get(key or "", ()), options.clean)
            first[raw.id] = remove_furniture(article, furniture)
    articles: list[Article] = []
    for raw in raws:
        article = first.get(raw.id)
        if article is None:
            continue
        if not article.paragraphs:
            problems.append(Problem(raw.path, "no article text left after cleaning"))
            continue
        articles.append(article)
    return unify_outlets(articles), problems


def _clean_each(
    raws: Sequence[RawDocument], options: CleanOptions, problems: list[Problem], progress: Progress
) -> Iterator[tuple[str, Article]]:
    for done, raw in enumerate(raws, start=1):
        cleaned = clean_or_problem(raw, options)
        if isinstance(cleaned, Problem):
            problems.append(cleaned)
        else:
            yield raw.id, cleaned
        progress("clean", done, len(raws))


def build_story(
    story_id: str,
    articles: Sequence[Article],
    duplicates: Sequence[DuplicateRelation],
    align: AlignOptions | None = None,
) -> Story:
    """Compare the articles of one story: lineage, claims, conflicts and the fused account."""
    ids = {a.id for a in articles}
    story_duplicates = [d for d in duplicates if d.a in ids and d.b in ids]
    lineage = infer_lineage(articles, story_duplicates)
    claims = align_claims(articles, lineage.origin_of, align)
    conflicts = find_conflicts(claims, articles)
    fused = fuse_story(articles, claims, conflicts, origin_of=lineage.origin_of)
    return Story(
        id=story_id,
        title=story_title(articles),
        documents=[a.id for a in articles],
        lineage=lineage.edges,
        claims=claims,
        conflicts=conflicts,
        fused=fused,
        origins=sorted(set(lineage.origin_of.values())),
    )


def story_title(articles: Sequence[Article]) -> str:
    """The headline most outlets agree on, else the first one, else the opening words."""
    titles = [a.title for a in articles if a.title]
    if titles:
        return max(titles, key=lambda t: (titles.count(t), -titles.index(t)))
    first = articles[0].paragraphs[0] if articles and articles[0].paragraphs else ""
    return first[:90].rsplit(" ", 1)[0] + "…" if len(first) > 90 else first
