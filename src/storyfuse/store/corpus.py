"""The corpus store: articles, fingerprints, duplicates and stories in one SQLite file.

Ingest is incremental and does not hold the corpus in memory: each arriving article finds its
candidates through indexed tables and only those candidates are read back. Per article, as
numbered in :meth:`CorpusStore._add`:

1. clean (with the outlet's page template when learned, and without the corpus's furniture)
   and fingerprint (a batch at a time: :func:`storyfuse.fingerprint.fingerprint_batch`);
2. store the article row (metadata, body, removals, shingles, signature, sentence hashes and
   terms), update document frequencies, and index its LSH band keys, sentence hashes and terms;
3. candidates from the database: equal body hash, a shared LSH band key, a shared sentence hash
   held by at most ``max_df`` articles, and the best partners by summed weight of its rarest
   shared terms (as in :func:`storyfuse.dedup.candidate_pairs`);
4. verify each candidate with :func:`storyfuse.dedup.classify_pair` (earlier article as ``a``);
5. story (:func:`storyfuse.store.stories.assign_story`): the story of any duplicate (several
   such stories merge); else the stories of the candidates from step 3, scored and chosen by
   :func:`storyfuse.assign.place` as the in-memory clusterer does (the article's feature
   vector under the stored document frequencies, average link to each story's stored profile,
   entity gate and time factor), and the stories the article links are merged; else a new
   story.

Deliberate simplifications, each a known difference from the in-memory stages:

* IDF weights are those of the articles stored when an article arrives, so early articles see
  flatter weights than a batch run over the whole corpus would give them;
* only the arriving article looks up partners by rare terms, so a paraphrase pair that only the
  *earlier* article's rare terms would have found is missed (exact, near and containment pairs
  are found from either side, through band keys, body and sentence hashes);
* the ``terms`` index holds every content term of an article, not only its rarest: which terms
  are rare is only known later, and an index chosen at arrival would depend on arrival order;
* stories are merged when an arriving article links them, but never split, and there is no
  global consolidation as :func:`storyfuse.cluster.cluster_stories` makes at the end of a batch;
  replacing an article that had bridged two stories leaves them merged (the profile of its story
  is rebuilt from the remaining members' stored vectors);
* outlet templates are learned from each batch's new pages and kept; the corpus-wide furniture
  (:mod:`storyfuse.clean.furniture`, kept under the outlet ``''``) is judged on every page
  ingested so far (:mod:`storyfuse.store.furniture`); pages already stored are not re-cleaned,
  so the result can depend on the batch size.

A batch of articles is one ``BEGIN IMMEDIATE ... COMMIT`` transaction, and every decision depends
only on what was stored before, so a run killed mid-batch and run again ends as an uninterrupted
run would. Within a batch, document frequencies, index rows and story profiles are kept in memory
and written once at its commit (:mod:`~storyfuse.store.frequencies`,
:mod:`~storyfuse.store.postings`, :class:`~storyfuse.store.stories.StoryRows`); every read sees
the batch's earlier articles, so results are those of writing each article at once.
"""

from __future__ import annotations

import heapq
import json
import math
import os
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import chain, islice
from types import TracebackType

import numpy as np
import xxhash

from storyfuse.assign import ClusterOptions, article_features, day_number
from storyfuse.clean import CleanOptions, clean_or_problem, clean_with_template, learn_templates
from storyfuse.clean.furniture import remove_furniture
from storyfuse.clean.outlets import article_keys, unify_outlets
from storyfuse.dedup import DedupOptions, classify_pair
from storyfuse.errors import OptionsError
from storyfuse.fingerprint import Fingerprint, Hashes, Signature, band_keys, fingerprint_batch, optimal_bands
from storyfuse.models import Article, DuplicateRelation, Problem, RawDocument, Removed, Report
from storyfuse.pipeline import Progress, build_stories, story_title
from storyfuse.store.frequencies import Frequencies
from storyfuse.store.furniture import FurnitureEvidence
from storyfuse.store.postings import Postings
from storyfuse.store.schema import (
    connect,
    decode_fingerprint,
    encode_terms,
    hash_blob,
    index_blob,
    stored_terms,
    to_sql_int,
    vector_blob,
    vector_of_blob,
)
from storyfuse.store.stories import StoryRows, assign_story, held_by_counts, remove_member, vector_of

__all__ = ["CorpusStore", "IngestResult", "StoreOptions", "StorySummary"]

_QUERY_TERMS = 30
_CHUNK = 500
_CORPUS = ""
"""The ``templates`` key of the corpus-wide furniture lines, which belong to no outlet."""
_FINGERPRINT_COLUMNS = (
    "doc, id, token_count, body_hash, shingles, signature, sentence_hashes,"
    " terms, sentence_terms, sentence_bounds"
)


@dataclass(slots=True)
class StoreOptions:
    """How the store cleans, deduplicates and groups the articles it ingests.

    The fingerprint options are recorded in the store on creation: signatures made under other
    options cannot be compared, so a store refuses to open with different ones.

    >>> StoreOptions().cluster.threshold
    0.2
    """

    clean: CleanOptions = field(default_factory=CleanOptions)
    dedup: DedupOptions = field(default_factory=DedupOptions)
    cluster: ClusterOptions = field(default_factory=ClusterOptions)


@dataclass(slots=True)
class IngestResult:
    """What one :meth:`CorpusStore.ingest` did: counts per outcome and the unusable inputs."""

    added: int = 0
    unchanged: int = 0
    updated: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class StorySummary:
    """One stored story without its comparison: id, headline, size and date range."""

    id: str
    title: str
    articles: int
    first_published: str | None
    last_published: str | None


def _silent(stage: str, done: int, total: int | None) -> None:
    """The default progress callback: report nothing."""


def content_hash(raw: RawDocument) -> int:
    """Hash of everything about a raw document that changes its cleaned article.

    >>> r = RawDocument("a", "a.txt", "Text.", "text")
    >>> content_hash(r) == content_hash(RawDocument("a", "b.txt", "Text.", "text"))
    True
    """
    fields = [raw.content, raw.format, raw.title, raw.published, raw.url, raw.outlet]
    return xxhash.xxh64_intdigest(json.dumps(fields).encode())


class CorpusStore:
    """A corpus of articles in one SQLite file, ingested incrementally and queried by story.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> with CorpusStore(os.path.join(folder, "corpus.db")) as store:
    ...     raw = RawDocument("a1", "a1.txt", "The old mill burned down on Monday, police said.", "text")
    ...     store.ingest([raw]).added
    1
    """

    def __init__(self, path: str | os.PathLike[str], options: StoreOptions | None = None) -> None:
        self.options = options or StoreOptions()
        self.path = os.fspath(path)
        self._db = connect(path, self.options.dedup.fingerprint)
        self._term_df = Frequencies(self._db, "term_df", "term")
        self._feature_df = Frequencies(self._db, "feature_df", "feature")
        self._postings = Postings(self._db)
        self._story_rows = StoryRows(self._db)
        self._furniture = FurnitureEvidence(self._db)
        self._bands = optimal_bands(
            self.options.dedup.near_threshold, self.options.dedup.fingerprint.num_perm
        )
        self._count = 0

    def __enter__(self) -> CorpusStore:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the database (a running transaction is rolled back)."""
        self._db.close()

    # --- ingest ---------------------------------------------------------------------------------

    def ingest(
        self, raws: Iterable[RawDocument], batch_size: int = 500, progress: Progress | None = None
    ) -> IngestResult:
        """Add new articles, replace changed ones, skip identical ones; one transaction per batch.

        An article is keyed by its id; its :func:`content_hash` decides whether it is unchanged.
        """
        if batch_size < 1:
            raise OptionsError(f"batch_size must be at least 1, got {batch_size}")
        progress = progress or _silent
        result = IngestResult()
        iterator = iter(raws)
        done = 0
        while batch := list(islice(iterator, batch_size)):
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._count = self.article_count()
                self._term_df.begin_batch()
                self._feature_df.begin_batch()
                self._ingest_batch(batch, result)
                self._term_df.flush()
                self._feature_df.flush()
                self._postings.flush()
                self._story_rows.flush()
                self._db.execute("COMMIT")
            except BaseException:
                self._term_df.clear()
                self._feature_df.clear()
                self._postings.clear()
                self._story_rows.clear()
                self._db.execute("ROLLBACK")
                raise
            done += len(batch)
            progress("store", done, None)
        return result

    def _ingest_batch(self, batch: Sequence[RawDocument], result: IngestResult) -> None:
        pending: dict[str, tuple[RawDocument, int]] = {}
        for raw in batch:
            digest = to_sql_int(content_hash(raw))
            row = self._db.execute("SELECT content_hash FROM articles WHERE id = ?", (raw.id,)).fetchone()
            if row is not None and row[0] == digest and raw.id not in pending:
                result.unchanged += 1
            else:
                pending.pop(raw.id, None)
                pending[raw.id] = (raw, digest)
        cleaned: list[tuple[RawDocument, int, Article]] = []
        for raw, digest, article in self._clean(pending.values(), result):
            if article.paragraphs:
                cleaned.append((raw, digest, article))
            else:
                result.skipped += 1
                result.problems.append(Problem(raw.path, "no article text left after cleaning"))
        fingerprints = fingerprint_batch(
            (article for _, _, article in cleaned), self.options.dedup.fingerprint
        )
        for (raw, digest, article), fp in zip(cleaned, fingerprints, strict=True):
            if self._remove(raw.id):
                result.updated += 1
            else:
                result.added += 1
            self._add(article, fp, digest)

    def _clean(
        self, pending: Iterable[tuple[RawDocument, int]], result: IngestResult
    ) -> Iterator[tuple[RawDocument, int, Article]]:
        """Clean each document, learning outlet templates and furniture from this batch into the store
        first."""
        options = self.options.clean
        first: list[tuple[RawDocument, int, Article]] = []
        for raw, digest in pending:
            cleaned = clean_or_problem(raw, options)
            if isinstance(cleaned, Problem):
                result.skipped += 1
                result.problems.append(cleaned)
            else:
                first.append((raw, digest, cleaned))
        articles = [article for _, _, article in first]
        learned = learn_templates([raw for raw, _, _ in first], articles)
        learned[_CORPUS] = self._furniture.learn(articles, frozenset(self._template_lines(_CORPUS)))
        self._db.executemany(
            "INSERT OR IGNORE INTO templates VALUES (?, ?)",
            [(outlet, line) for outlet, lines in sorted(learned.items()) for line in sorted(lines)],
        )
        furniture = frozenset(self._template_lines(_CORPUS))
        cleaned_batch: list[Article] = []
        for (raw, _, article), key in zip(first, article_keys(articles), strict=True):
            cleaned = clean_with_template(raw, article, self._template_lines(key) if key else (), options)
            cleaned_batch.append(remove_furniture(cleaned, furniture))
        for (raw, digest, _), cleaned in zip(first, unify_outlets(cleaned_batch), strict=True):
            yield raw, digest, cleaned

    def _template_lines(self, outlet: str) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT line FROM templates WHERE outlet = ?", (outlet,))]

    def _remove(self, article_id: str) -> bool:
        """Delete a stored article and everything derived from it; ``False`` if it was not stored."""
        row = self._db.execute(
            "SELECT doc, token_count, signature, sentence_hashes, terms, vector FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            return False
        remove_member(self._story_rows, row["doc"])
        self._feature_df.add(vector_of_blob(row["vector"]), -1)
        terms = stored_terms(row["terms"])
        self._term_df.add(terms, -1)
        signature = np.frombuffer(row["signature"], dtype="<u8").astype(np.uint64)
        sentence_hashes = np.frombuffer(row["sentence_hashes"], dtype="<u8").astype(np.uint64)
        self._postings.remove(
            row["doc"], self._band_keys(row["token_count"], signature), _signed(sentence_hashes), terms
        )
        self._db.execute("DELETE FROM articles WHERE doc = ?", (row["doc"],))
        self._count -= 1
        return True

    def _add(self, article: Article, fp: Fingerprint, digest: int) -> None:
        features = article_features(article, self.options.cluster)
        self._feature_df.add(features, 1)
        vector = vector_of(self._feature_df, features, self._count + 1, self.options.cluster)
        day = day_number(article.published)
        doc, term_counts = self._insert(article, fp, vector, day, digest)  # 2
        partners = self._term_partners(doc, term_counts)  # 3
        paraphrase_partners = partners[: self.options.dedup.paraphrase_candidates]
        candidates = list(
            self._fingerprints(sorted(self._dedup_candidates(doc, fp) | set(paraphrase_partners)))
        )
        others = frozenset().union(*(other.terms for _, other in candidates)).difference(fp.terms)
        weights = self._weights(term_counts) | self._weights(self._term_df.get(others))
        duplicates: list[int] = []
        for other_doc, other in candidates:  # 4
            relation = classify_pair(other, fp, self.options.dedup, weights)
            if relation is not None:
                duplicates.append(other_doc)
                self._db.execute(
                    "INSERT INTO duplicates VALUES (?, ?, ?, ?)",
                    (other_doc, doc, relation.kind, relation.similarity),
                )
        held_by = held_by_counts(self._feature_df)
        assign_story(
            self._story_rows, doc, vector, day, duplicates, partners, self.options.cluster, held_by
        )  # 5

    def _insert(
        self, article: Article, fp: Fingerprint, vector: dict[str, float], day: int | None, digest: int
    ) -> tuple[int, dict[str, int]]:
        """Store the article row and its index rows; its number and its terms' new frequencies."""
        cursor = self._db.execute(
            "INSERT INTO articles (id, content_hash, path, title, published, outlet, byline, url, agency,"
            " dateline, paragraphs, removed, token_count, body_hash, shingles, signature, sentence_hashes,"
            " terms, sentence_terms, sentence_bounds, vector, day) VALUES (" + ", ".join("?" * 22) + ")",
            (
                article.id,
                digest,
                article.path,
                article.title,
                article.published,
                article.outlet,
                article.byline,
                article.url,
                article.agency,
                article.dateline,
                json.dumps(article.paragraphs),
                json.dumps([asdict(r) for r in article.removed]),
                fp.token_count,
                to_sql_int(fp.body_hash),
                hash_blob(fp.shingles),
                fp.signature.astype("<u8").tobytes(),
                hash_blob(fp.sentence_hashes),
                encode_terms(fp.terms),
                index_blob(fp.sentence_terms),
                index_blob(fp.sentence_bounds),
                vector_blob(vector),
                day,
            ),
        )
        doc = cursor.lastrowid
        assert doc is not None
        self._count += 1
        term_counts = self._term_df.add(fp.terms, 1)
        self._postings.add(
            doc, self._band_keys(fp.token_count, fp.signature), _signed(fp.sentence_hashes), fp.terms
        )
        return doc, term_counts

    def _band_keys(self, token_count: int, signature: Signature) -> list[int]:
        """An article's LSH band keys as stored (none for an empty body)."""
        bands, rows = self._bands
        return [to_sql_int(key) for key in band_keys(signature, bands, rows)] if token_count else []

    def _weights(self, frequencies: dict[str, int]) -> dict[str, float]:
        """IDF of terms over the stored articles, ``log(1 + n / df)`` as in :func:`term_weights`."""
        count, log1p = self._count, math.log1p
        return {term: log1p(count / df) for term, df in frequencies.items()}

    def _dedup_candidates(self, doc: int, fp: Fingerprint) -> set[int]:
        """Stored articles sharing the body hash, an LSH bucket or a not-too-common sentence."""
        if not fp.token_count:
            return set()
        found = {
            r[0]
            for r in self._db.execute(
                "SELECT doc FROM articles WHERE body_hash = ?", (to_sql_int(fp.body_hash),)
            )
        }
        found.update(self._postings.bands(self._band_keys(fp.token_count, fp.signature)))
        limit = self.options.dedup.max_df
        for sentence_hash in _signed(fp.sentence_hashes):
            docs = self._postings.sentence(sentence_hash, limit)
            if len(docs) <= limit:
                found.update(docs)
        found.discard(doc)
        return found

    def _term_partners(self, doc: int, frequencies: dict[str, int]) -> list[int]:
        """The stored articles sharing the most weight among this one's rarest shared terms, best
        first (ties: earlier article first); ``frequencies`` holds the document frequency of each
        of the article's terms.

        Only terms some other article has, and at most ``max_df`` articles, are looked up: names,
        places and numbers, which a rewrite or a follow-up report keeps.
        """
        shared = [t for t, df in frequencies.items() if 1 < df <= self.options.dedup.max_df]
        rare = heapq.nsmallest(_QUERY_TERMS, shared, key=lambda t: (frequencies[t], t))
        postings = self._postings.terms(rare)
        docs = np.fromiter(chain.from_iterable(postings[term] for term in rare), dtype=np.int64)
        if not docs.size:
            return []
        weights = np.repeat(
            [math.log1p(self._count / frequencies[term]) for term in rare], [len(postings[t]) for t in rare]
        )
        others, slots = np.unique(docs, return_inverse=True)
        # bincount adds each article's weights one by one in term order: the same float sums as
        # a loop over the terms would make, so the ranking is exactly that of such a loop.
        scores = np.bincount(slots, weights=weights)
        keep = others != doc
        others, scores = others[keep], scores[keep]
        most = max(self.options.dedup.paraphrase_candidates, self.options.cluster.max_candidates)
        best: list[int] = others[np.lexsort((others, -scores))[:most]].tolist()
        return best

    def _fingerprints(self, docs: Sequence[int]) -> Iterator[tuple[int, Fingerprint]]:
        for start in range(0, len(docs), _CHUNK):
            chunk = docs[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            query = f"SELECT {_FINGERPRINT_COLUMNS} FROM articles WHERE doc IN ({marks}) ORDER BY doc"
            for row in self._db.execute(query, chunk):
                yield row["doc"], decode_fingerprint(row)

    # --- reading ----------------------------------------------------------------------------------

    def articles(self, ids: Iterable[str] | None = None) -> Iterator[Article]:
        """Stored articles in order of arrival, or those with the given ids (unknown ids are skipped)."""
        columns = "id, path, title, published, outlet, byline, url, agency, dateline, paragraphs, removed"
        if ids is None:
            for row in self._db.execute(f"SELECT {columns} FROM articles ORDER BY doc"):
                yield _article(row)
            return
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            yield from (
                _article(r)
                for r in self._db.execute(
                    f"SELECT {columns} FROM articles WHERE id IN ({marks}) ORDER BY doc", chunk
                )
            )

    def article_count(self) -> int:
        """How many articles the store holds."""
        count: int = self._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        return count

    def duplicates(self) -> Iterator[DuplicateRelation]:
        """Every stored duplicate relation, ``a`` the earlier-stored article."""
        query = (
            "SELECT x.id, y.id, d.kind, d.similarity FROM duplicates d JOIN articles x ON x.doc = d.a"
            " JOIN articles y ON y.doc = d.b ORDER BY d.a, d.b"
        )
        for a, b, kind, similarity in self._db.execute(query):
            yield DuplicateRelation(a, b, kind, similarity)

    def stories(self) -> list[StorySummary]:
        """A summary of every story, in order of story number."""
        query = (
            "SELECT m.story, a.id, a.path, a.title, a.published, json_extract(a.paragraphs, '$[0]') AS lead"
            " FROM story_members m JOIN articles a ON a.doc = m.doc ORDER BY m.story, m.doc"
        )
        members: dict[int, list[Article]] = defaultdict(list)
        for row in self._db.execute(query):
            lead = [row["lead"]] if row["lead"] else []
            members[row["story"]].append(
                Article(row["id"], row["path"], lead, title=row["title"], published=row["published"])
            )
        summaries: list[StorySummary] = []
        for story, articles in members.items():
            dates = sorted(a.published for a in articles if a.published)
            summaries.append(
                StorySummary(
                    _story_id(story),
                    story_title(articles),
                    len(articles),
                    dates[0] if dates else None,
                    dates[-1] if dates else None,
                )
            )
        return summaries

    def story_members(self) -> dict[str, list[str]]:
        """Article ids per story id, ids in order of arrival."""
        out: dict[str, list[str]] = defaultdict(list)
        query = (
            "SELECT m.story, a.id FROM story_members m JOIN articles a ON a.doc = m.doc"
            " ORDER BY m.story, m.doc"
        )
        for story, article_id in self._db.execute(query):
            out[_story_id(story)].append(article_id)
        return dict(out)

    def report(self, progress: Progress | None = None) -> Report:
        """Compare every story (:func:`build_stories`) into a :class:`Report`.

        Reads the whole corpus: a report lists every document.
        """
        documents = list(self.articles())
        by_id = {a.id: a for a in documents}
        duplicates = list(self.duplicates())
        groups = [(key, [by_id[i] for i in ids]) for key, ids in self.story_members().items()]
        stories = build_stories(groups, duplicates, progress or _silent)
        return Report(documents=documents, duplicates=duplicates, stories=stories)


def _signed(hashes: Hashes) -> list[int]:
    """Unsigned 64-bit hashes as the signed integers SQLite stores."""
    signed: list[int] = hashes.view(np.int64).tolist()
    return signed


def _story_id(story: int) -> str:
    return f"story-{story:03d}"


def _article(row: sqlite3.Row) -> Article:
    return Article(
        id=row["id"],
        path=row["path"],
        paragraphs=json.loads(row["paragraphs"]),
        removed=[Removed(**r) for r in json.loads(row["removed"])],
        title=row["title"],
        published=row["published"],
        outlet=row["outlet"],
        byline=row["byline"],
        url=row["url"],
        agency=row["agency"],
        dateline=row["dateline"],
    )
