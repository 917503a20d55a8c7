"""Tests of the store's lookup indexes: one-statement band and term lookups see committed rows and
the open batch's pending rows alike."""

from __future__ import annotations

from pathlib import Path

from storyfuse.fingerprint import FingerprintOptions
from storyfuse.store.postings import Postings
from storyfuse.store.schema import connect


def test_band_and_term_lookups_join_committed_and_pending_rows(tmp_path: Path) -> None:
    db = connect(tmp_path / "corpus.db", FingerprintOptions())
    postings = Postings(db)
    db.execute("BEGIN IMMEDIATE")
    postings.add(1, [11, 12, 13], [-5], ["oakdale", "tavern", "barbee"])
    postings.add(2, [11, 22, 23], [], ["oakdale", "grantville"])
    postings.flush()
    db.execute("COMMIT")
    db.execute("BEGIN IMMEDIATE")
    postings.add(3, [31, 22, 13], [-5], ["barbee", "grantville"])
    # band 0 key 11: articles 1 and 2; band 1 key 22: 2 and (pending) 3; band 2 key 13: 1 and 3.
    assert postings.bands([11, 22, 13]) == {1, 2, 3}
    assert postings.bands([11, 99, 99]) == {1, 2}
    assert postings.bands([13, 11, 12]) == set()  # the same keys in other bands share nothing
    assert postings.bands([]) == set()
    found = postings.terms(["barbee", "oakdale", "mill"])
    assert {term: sorted(docs) for term, docs in found.items()} == {
        "barbee": [1, 3],
        "oakdale": [1, 2],
        "mill": [],
    }
    assert postings.sentence(-5, limit=10) == [1, 3]
    db.execute("ROLLBACK")
    postings.clear()
    assert sorted(postings.terms(["grantville"])["grantville"]) == [2]
    db.close()
