"""Tests of the SQLite corpus store on invented articles: ingest, idempotence, crashes, readers."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storyfuse.store.corpus as corpus_module
from dedup_samples import (
    EDITED,
    EXTENDED,
    REWORDED,
    SHOOTING_GRANTVILLE,
    SHOOTING_OAKDALE,
    SHOOTING_OAKDALE_FOLLOWUP,
    TRIMMED,
    UNRELATED,
    WIRE,
)
from storyfuse.clean import clean
from storyfuse.dedup import find_duplicates
from storyfuse.errors import StoreError
from storyfuse.fingerprint import FingerprintOptions
from storyfuse.models import RawDocument
from storyfuse.store import CorpusStore, StoreOptions

TESTS = Path(__file__).resolve().parent
TABLES = (
    "articles",
    "bands",
    "sentences",
    "terms",
    "term_df",
    "duplicates",
    "story_members",
    "stories",
    "feature_df",
    "templates",
)


def raw(
    article_id: str, paragraphs: list[str], title: str | None = None, published: str | None = None
) -> RawDocument:
    return RawDocument(
        article_id, f"{article_id}.txt", "\n\n".join(paragraphs), "text", title=title, published=published
    )


def sample_corpus() -> list[RawDocument]:
    return [
        raw("wire", WIRE, "Fire guts Millbrook furniture warehouse", "2026-03-03"),
        raw("edited", EDITED, "Fire guts Millbrook furniture warehouse", "2026-03-03"),
        raw("council", UNRELATED, "Riverside votes to extend tram line", "2026-03-02"),
        raw("extended", EXTENDED, "Millbrook warehouse fire forces evacuations", "2026-03-04"),
        raw("oakdale", SHOOTING_OAKDALE, "Man shot dead outside Oakdale bar", "2026-03-07"),
        raw("trimmed", TRIMMED, None, "2026-03-03"),
        raw("grantville", SHOOTING_GRANTVILLE, "Man wounded in Grantville shooting", "2026-03-06"),
        raw("reworded", REWORDED, "Flames rip through Millbrook warehouse", "2026-03-04"),
        raw("oakdale-arrest", SHOOTING_OAKDALE_FOLLOWUP, "Arrest in Oakdale bar killing", "2026-03-09"),
    ]


_SYLLABLES = ["ka", "lo", "mer", "vin", "do", "sar", "pel", "tru", "ben", "ris", "hal", "gon", "ze", "mu"]
_SENTENCES = [
    "A {thing} at {place} in {town} {happened} on {day}, {officials} from {org} said.",
    "{Person}, who runs the {w0} {w1} near {place}, said {count} {w2} workers were inside.",
    "{Officials} in {town} closed {place} and the {w3} {w4} until {day}.",
    "An inquiry led by {person} of {org} will study the {w5} {w6}, the {town} council said.",
    "Neighbours in {w7} told of {count} bangs before the {thing} {happened}, {person} said.",
    "Insurers put the {w8} damage at {count} million, and {place} will stay shut.",
    "{Person} praised the {officials} of {org} who reached the {w9} {w0} in {count} minutes.",
    "It was the second time that a {thing} in {town} {happened}, {w1} {w3} records show.",
]
_THINGS = [
    "warehouse",
    "bridge",
    "school roof",
    "water main",
    "crane",
    "ferry ramp",
    "gas line",
    "grain silo",
]
_HAPPENINGS = ["collapsed", "caught fire", "flooded", "gave way", "exploded", "was evacuated"]
_OFFICIALS = ["police", "firefighters", "engineers", "paramedics", "inspectors"]


def _invented_name(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(parts)).capitalize()


def invented_corpus(events: int = 100) -> Iterator[RawDocument]:
    """Per event an original report, a copy with an extra paragraph and a trimmed copy; every event
    has its own invented town, place, person and numbers."""
    for number in range(events):
        rng = random.Random(number)
        person = f"{_invented_name(rng, 2)} {_invented_name(rng, 3)}"
        values = {
            "town": _invented_name(rng, 3),
            "place": f"{_invented_name(rng, 2)} Street",
            "person": person,
            "Person": person,
            "thing": rng.choice(_THINGS),
            "happened": rng.choice(_HAPPENINGS),
            "officials": rng.choice(_OFFICIALS),
            "day": rng.choice(["Monday", "Tuesday", "Friday", "Sunday"]),
            "count": str(rng.randint(2, 99)),
        }
        values["Officials"] = values["officials"].capitalize()
        values["org"] = f"the {_invented_name(rng, 2)} {_invented_name(rng, 2)} Agency"
        values.update({f"w{i}": _invented_name(rng, 3).lower() for i in range(10)})
        sentences = [template.format(**values) for template in rng.sample(_SENTENCES, 6)]
        paragraphs = [" ".join(sentences[0:2]), " ".join(sentences[2:4]), sentences[4]]
        date = f"2026-05-{1 + number % 27:02d}"
        title = f"{values['thing'].capitalize()} {values['happened']} in {values['town']}"
        yield raw(f"e{number}-original", paragraphs, title, date)
        yield raw(f"e{number}-extended", [*paragraphs, sentences[5]], title, date)
        yield raw(f"e{number}-trimmed", paragraphs[:2], None, date)


def dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every data table, in a stable order."""
    with sqlite3.connect(path) as connection:
        return {
            table: sorted(connection.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
            for table in TABLES
        }


def partition(store: CorpusStore) -> set[frozenset[str]]:
    return {frozenset(ids) for ids in store.story_members().values()}


# --- ingest ---------------------------------------------------------------------------------------


def test_ingest_finds_duplicates_like_the_batch_detector(tmp_path: Path) -> None:
    raws = sample_corpus()
    with CorpusStore(tmp_path / "corpus.db") as store:
        result = store.ingest(raws, batch_size=4)
        stored = {(d.a, d.b): d.kind for d in store.duplicates()}
    assert (result.added, result.unchanged, result.updated, result.skipped) == (9, 0, 0, 0)
    batch = {(d.a, d.b): d.kind for d in find_duplicates([clean(r) for r in raws])}
    copies = {pair: kind for pair, kind in batch.items() if kind != "paraphrase"}
    assert copies.items() <= stored.items()
    assert stored.items() <= batch.items()
    assert stored[("wire", "reworded")] == "paraphrase"


def test_stories_group_one_event_and_keep_similar_events_apart(tmp_path: Path) -> None:
    with CorpusStore(tmp_path / "corpus.db") as store:
        store.ingest(sample_corpus(), batch_size=3)
        assert partition(store) == {
            frozenset({"wire", "edited", "extended", "trimmed", "reworded"}),
            frozenset({"council"}),
            frozenset({"oakdale", "oakdale-arrest"}),
            frozenset({"grantville"}),
        }
        fire = next(s for s in store.stories() if s.articles == 5)
    assert fire.title == "Fire guts Millbrook furniture warehouse"
    assert (fire.first_published, fire.last_published) == ("2026-03-03", "2026-03-04")


def test_reingesting_identical_input_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    with CorpusStore(path) as store:
        store.ingest(sample_corpus(), batch_size=2)
    before = dump(path)
    with CorpusStore(path) as store:
        again = store.ingest(sample_corpus(), batch_size=5)
    assert (again.added, again.unchanged, again.updated) == (0, 9, 0)
    assert dump(path) == before


def test_changed_article_replaces_its_old_version(tmp_path: Path) -> None:
    with CorpusStore(tmp_path / "corpus.db") as store:
        store.ingest(sample_corpus())
        result = store.ingest([raw("trimmed", UNRELATED[:2], "Tram vote")])
        assert (result.added, result.updated, result.unchanged) == (0, 1, 0)
        relations = [(d.a, d.b, d.kind) for d in store.duplicates() if "trimmed" in (d.a, d.b)]
        assert relations == [("council", "trimmed", "containment")]
        assert frozenset({"council", "trimmed"}) in partition(store)
        (article,) = store.articles(["trimmed"])
        assert article.paragraphs == UNRELATED[:2]
        count = store._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert count == 9


def index_rows(store: CorpusStore) -> dict[str, set[tuple[object, ...]]]:
    """The lookup indexes and frequencies, articles named by id (doc numbers depend on history;
    a row left by a deleted article shows as None)."""
    queries = {
        "bands": "SELECT a.id, t.band, t.key FROM bands t LEFT JOIN articles a ON a.doc = t.doc",
        "sentences": "SELECT a.id, t.hash FROM sentences t LEFT JOIN articles a ON a.doc = t.doc",
        "terms": "SELECT a.id, t.term FROM terms t LEFT JOIN articles a ON a.doc = t.doc",
        "term_df": "SELECT * FROM term_df",
        "feature_df": "SELECT * FROM feature_df",
    }
    return {name: {tuple(row) for row in store._db.execute(query)} for name, query in queries.items()}


def test_replacing_articles_leaves_the_indexes_of_the_new_versions(tmp_path: Path) -> None:
    changed = [raw("trimmed", UNRELATED[:2], "Tram vote"), raw("wire", EXTENDED, "Warehouse fire")]
    final = {r.id: r for r in [*sample_corpus(), *changed]}
    with CorpusStore(tmp_path / "replaced.db") as store:
        store.ingest(sample_corpus(), batch_size=4)
        store.ingest(changed)
        replaced = index_rows(store)
    with CorpusStore(tmp_path / "fresh.db") as store:
        store.ingest(final.values())
        fresh = index_rows(store)
    assert replaced == fresh
    assert ("trimmed", "tram") in replaced["terms"] and ("wire", "evacuation") in replaced["terms"]
    assert ("wire", "tram") not in replaced["terms"]


def test_articles_round_trip_the_cleaned_article(tmp_path: Path) -> None:
    page = raw("wire", ["Fire guts warehouse", "MILLBROOK", *WIRE, "Sign up for our newsletter"])
    with CorpusStore(tmp_path / "corpus.db") as store:
        store.ingest([page])
        (stored,) = store.articles()
        assert list(store.articles(["missing"])) == []
    assert stored.to_dict() == clean(page).to_dict()


def test_empty_article_is_skipped_with_a_problem(tmp_path: Path) -> None:
    with CorpusStore(tmp_path / "corpus.db") as store:
        result = store.ingest([RawDocument("blank", "blank.txt", "   \n\n  ", "text"), *sample_corpus()[:1]])
        assert [a.id for a in store.articles()] == ["wire"]
    assert (result.added, result.skipped) == (1, 1)
    assert "no article text" in str(result.problems[0])


def test_report_compares_every_story(tmp_path: Path) -> None:
    with CorpusStore(tmp_path / "corpus.db") as store:
        report = store.report()
        assert report.stories == []
        store.ingest(sample_corpus())
        report = store.report()
    assert sorted(len(s.documents) for s in report.stories) == [1, 1, 2, 5]
    assert len(report.documents) == 9
    assert sorted(d for s in report.stories for d in s.documents) == sorted(d.id for d in report.documents)
    fire = next(s for s in report.stories if len(s.documents) == 5)
    assert fire.fused and all(sentence.sources for sentence in fire.fused)


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch_size=st.integers(min_value=1, max_value=9))
def test_batch_size_does_not_change_the_result(
    tmp_path_factory: pytest.TempPathFactory, batch_size: int
) -> None:
    folder = tmp_path_factory.mktemp("batches")
    with CorpusStore(folder / "one.db") as store:
        store.ingest(sample_corpus(), batch_size=500)
    with CorpusStore(folder / "many.db") as store:
        store.ingest(sample_corpus(), batch_size=batch_size)
    assert dump(folder / "one.db") == dump(folder / "many.db")


def test_two_writers_taking_turns_store_what_one_writer_does(tmp_path: Path) -> None:
    # Each store keeps document frequencies cached between its batches; a batch committed by the
    # other connection must make it read them afresh, or the counts it writes back are stale.
    corpus = sample_corpus()
    with CorpusStore(tmp_path / "one.db") as store:
        store.ingest(corpus, batch_size=2)
    with CorpusStore(tmp_path / "two.db") as first, CorpusStore(tmp_path / "two.db") as second:
        for turn, start in enumerate(range(0, len(corpus), 2)):
            (first if turn % 2 == 0 else second).ingest(corpus[start : start + 2], batch_size=2)
    assert dump(tmp_path / "one.db") == dump(tmp_path / "two.db")


# --- transactions, crashes and readers -------------------------------------------------------


def test_a_failing_batch_leaves_earlier_batches_and_nothing_of_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = corpus_module.article_features
    seen: list[str] = []

    def failing(article, options=None):  # type: ignore[no-untyped-def]
        seen.append(article.id)
        if len(seen) == 5:  # the second article of the second batch, after the first is written
            raise RuntimeError("disk on fire")
        return real(article, options)

    monkeypatch.setattr(corpus_module, "article_features", failing)
    with CorpusStore(tmp_path / "corpus.db") as store:
        with pytest.raises(RuntimeError):
            store.ingest(sample_corpus(), batch_size=3)
        assert [a.id for a in store.articles()] == ["wire", "edited", "council"]
        assert len(store.story_members()) == 2
        for table in ("bands", "sentences", "terms", "story_members"):
            docs = store._db.execute(f"SELECT COUNT(DISTINCT doc) FROM {table}").fetchone()[0]
            assert docs == 3, table


def test_a_store_ingests_on_after_a_failed_batch_as_a_fresh_one_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = corpus_module.article_features
    calls: list[str] = []

    def failing_once(article, options=None):  # type: ignore[no-untyped-def]
        calls.append(article.id)
        if len(calls) == 6:  # the last article of the second batch: its counts are pending
            raise RuntimeError("disk on fire")
        return real(article, options)

    monkeypatch.setattr(corpus_module, "article_features", failing_once)
    with CorpusStore(tmp_path / "failed.db") as store:
        with pytest.raises(RuntimeError):
            store.ingest(sample_corpus(), batch_size=3)
        store.ingest(sample_corpus(), batch_size=3)
    with CorpusStore(tmp_path / "fresh.db") as store:
        store.ingest(sample_corpus(), batch_size=3)
    assert dump(tmp_path / "failed.db") == dump(tmp_path / "fresh.db")


def test_readers_see_committed_data_while_a_write_is_open(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    with CorpusStore(path) as store:
        store.ingest(sample_corpus())
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM story_members")
        writer.execute("DELETE FROM duplicates")
        with CorpusStore(path) as reader:
            assert len(reader.stories()) == 4
            assert len(list(reader.duplicates())) >= 9
        writer.execute("ROLLBACK")
    finally:
        writer.close()


_KILLED_INGEST = """
import sys, time
sys.path.insert(0, sys.argv[2])
import storyfuse.store.corpus as corpus
from test_store import invented_corpus
real = corpus.article_features
def slow(article, options=None):
    time.sleep(0.004)
    return real(article, options)
corpus.article_features = slow
with corpus.CorpusStore(sys.argv[1]) as store:
    store.ingest(invented_corpus(), batch_size=20)
"""


def _stored_count(path: Path) -> int:
    try:
        with sqlite3.connect(path, timeout=5) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0


def test_killed_ingest_leaves_whole_batches_and_resumes_to_the_same_result(tmp_path: Path) -> None:
    path = tmp_path / "killed.db"
    process = subprocess.Popen([sys.executable, "-c", _KILLED_INGEST, str(path), str(TESTS)])
    try:
        deadline = time.monotonic() + 60
        while _stored_count(path) < 40 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait()
    assert process.returncode == -signal.SIGKILL, "the ingest finished before it could be killed"
    with CorpusStore(path) as store:
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = store._db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert 40 <= stored < 300 and stored % 20 == 0
        bands = store._bands[0]
        incomplete = store._db.execute(
            "SELECT COUNT(*) FROM articles a WHERE (SELECT COUNT(*) FROM bands b WHERE b.doc = a.doc) != ?"
            " OR length(a.signature) != 8 * ? OR a.doc NOT IN (SELECT doc FROM story_members)",
            (bands, FingerprintOptions().num_perm),
        ).fetchone()[0]
        assert incomplete == 0
        resumed = store.ingest(invented_corpus(), batch_size=20)
    assert (resumed.unchanged, resumed.added) == (stored, 300 - stored)
    with CorpusStore(tmp_path / "whole.db") as store:
        store.ingest(invented_corpus(), batch_size=20)
        story_of = {i: key for key, ids in store.story_members().items() for i in ids}
    assert all(
        len({story_of[f"e{n}-{v}"] for v in ("original", "extended", "trimmed")}) == 1 for n in range(100)
    )
    assert len(set(story_of.values())) >= 95
    assert dump(path) == dump(tmp_path / "whole.db")


# --- bad stores ------------------------------------------------------------------------------


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        CorpusStore(tmp_path / "nowhere" / "corpus.db")


def test_folder_as_store_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        CorpusStore(tmp_path)


def test_text_file_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("These are my notes about the warehouse fire, not a database.\n" * 20)
    with pytest.raises(StoreError, match="cannot use"):
        CorpusStore(path)
    assert path.read_text().startswith("These are my notes")


def test_other_sqlite_database_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE people (name TEXT)")
    with pytest.raises(StoreError, match="not a storyfuse store"):
        CorpusStore(path)


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if as_root and not Path("/proc").is_dir():
        pytest.skip("root can write anywhere and there is no read-only /proc")
    target = Path("/proc/storyfuse-corpus.db") if as_root else folder / "corpus.db"
    try:
        with pytest.raises(StoreError, match=r"cannot (open|create) store .*(permissions|writable)"):
            CorpusStore(target)
    finally:
        folder.chmod(0o700)


def test_other_fingerprint_options_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    CorpusStore(path).close()
    options = StoreOptions()
    options.dedup.fingerprint = FingerprintOptions(num_perm=64)
    with pytest.raises(StoreError, match="fingerprint options"):
        CorpusStore(path, options)


def test_store_of_an_older_schema_asks_for_a_new_ingest(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    with CorpusStore(path) as store:
        store.ingest([RawDocument("w", "w.txt", "\n\n".join(WIRE), "text")])
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"schema version 3.*re-ingest"):
        CorpusStore(path)
