"""Story assignment in the corpus store: articles arriving one at a time are grouped as a batch is."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from dedup_samples import SHOOTING_GRANTVILLE, SHOOTING_OAKDALE, SHOOTING_OAKDALE_FOLLOWUP, UNRELATED
from storyfuse.cluster import cluster_stories
from storyfuse.dedup import find_duplicates
from storyfuse.models import RawDocument
from storyfuse.pipeline import PipelineOptions, clean_documents, read_documents
from storyfuse.store import CorpusStore
from storyfuse.store.schema import vector_blob, vector_of_blob
from test_store import partition, raw, sample_corpus

EXAMPLES = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def _examples() -> list[RawDocument]:
    raws, problems = read_documents([EXAMPLES])
    assert not problems
    return raws


def _one_at_a_time(path: Path, raws: list[RawDocument]) -> set[frozenset[str]]:
    with CorpusStore(path) as store:
        for document in raws:
            store.ingest([document])
        return partition(store)


@pytest.mark.parametrize("order", ["as read", "oldest first", "newest first"])
def test_example_stories_hold_when_articles_arrive_one_at_a_time(tmp_path: Path, order: str) -> None:
    raws = _examples()
    if order != "as read":
        raws.sort(key=lambda r: r.published or "", reverse=order == "newest first")
    ids = {r.id for r in raws}
    expected = {
        frozenset(i for i in ids if i.startswith(event)) for event in ("ferry", "quillon", "wildfire")
    }
    assert _one_at_a_time(tmp_path / "corpus.db", raws) == expected


def test_incremental_stories_match_the_batch_on_the_examples(tmp_path: Path) -> None:
    raws = _examples()
    articles, _ = clean_documents(raws, PipelineOptions())
    batch = {frozenset(s) for s in cluster_stories(articles, find_duplicates(articles))}
    assert _one_at_a_time(tmp_path / "corpus.db", raws) == batch


def test_same_kind_events_in_other_towns_stay_apart_one_at_a_time(tmp_path: Path) -> None:
    raws = [
        raw("grantville", SHOOTING_GRANTVILLE, "Man wounded in Grantville shooting", "2026-03-06"),
        raw("oakdale", SHOOTING_OAKDALE, "Man shot dead outside Oakdale bar", "2026-03-07"),
        raw("council", UNRELATED, "Riverside votes to extend tram line", "2026-03-08"),
        raw("oakdale-arrest", SHOOTING_OAKDALE_FOLLOWUP, "Arrest in Oakdale bar killing", "2026-03-09"),
    ]
    assert _one_at_a_time(tmp_path / "corpus.db", raws) == {
        frozenset({"grantville"}),
        frozenset({"oakdale", "oakdale-arrest"}),
        frozenset({"council"}),
    }


def _profiles_match_members(path: Path) -> None:
    """Every stored story profile is the sum of its members' stored vectors, and nothing else."""
    with CorpusStore(path) as store:
        db = store._db
        members = {
            story: rows
            for story, rows in _group(
                db.execute(
                    "SELECT m.story, a.vector, a.day FROM story_members m JOIN articles a ON a.doc = m.doc"
                ).fetchall()
            ).items()
        }
        stories = db.execute(
            "SELECT story, size, first_day, last_day, vector, entities FROM stories"
        ).fetchall()
        assert {row[0] for row in stories} == set(members)
        for story, size, first, last, vector, entities in stories:
            rows = members[story]
            assert size == len(rows)
            days = [day for _, day in rows if day is not None]
            assert (first, last) == ((min(days), max(days)) if days else (None, None))
            expected: dict[str, float] = {}
            for member_vector, _ in rows:
                for feature, weight in vector_of_blob(member_vector).items():
                    expected[feature] = expected.get(feature, 0.0) + weight
            stored = vector_of_blob(vector)
            assert stored.keys() == expected.keys()
            assert all(math.isclose(stored[f], expected[f], abs_tol=1e-9) for f in stored)
            assert set(json.loads(entities)) == {f for f in expected if f.startswith("@")}


def _group(rows: list[tuple[int, str, int | None]]) -> dict[int, list[tuple[str, int | None]]]:
    grouped: dict[int, list[tuple[str, int | None]]] = {}
    for story, vector, day in rows:
        grouped.setdefault(story, []).append((vector, day))
    return grouped


def test_story_profiles_follow_their_members_through_replacement(tmp_path: Path) -> None:
    path = tmp_path / "corpus.db"
    with CorpusStore(path) as store:
        store.ingest(sample_corpus(), batch_size=2)
    _profiles_match_members(path)
    with CorpusStore(path) as store:
        store.ingest(
            [raw("oakdale-arrest", UNRELATED[:2], "Tram vote"), raw("council", ["Rates rose again."])]
        )
        assert frozenset({"oakdale"}) in partition(store)
        feature_count = store._db.execute("SELECT SUM(df) FROM feature_df").fetchone()[0]
        vectors = [vector_of_blob(r[0]) for r in store._db.execute("SELECT vector FROM articles")]
    _profiles_match_members(path)
    assert feature_count == sum(len(v) for v in vectors)


def test_feature_vectors_come_back_from_their_blobs_bit_for_bit() -> None:
    vector = {"port": 0.1 + 0.2, "@setubal harbour": 1 / 3, "#14": 2.5e-310, "storm": 0.0}
    decoded = vector_of_blob(vector_blob(vector))
    assert decoded == vector
    assert list(decoded) == sorted(vector)  # the order profiles are summed in
    assert vector_of_blob(vector_blob({})) == {}
