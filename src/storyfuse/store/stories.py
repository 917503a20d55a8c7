"""Stories in the corpus store: story profiles kept as rows, and where an arriving article goes.

The store assigns articles with the pure functions of :mod:`storyfuse.cluster`
(:func:`~storyfuse.cluster.article_vector`, :func:`~storyfuse.cluster.place`, ...), reading
and writing only the :class:`~storyfuse.cluster.StoryProfile` rows they touch, so a stored
corpus is grouped the way :class:`~storyfuse.cluster.StoryClusterer` groups articles arriving
one at a time. Each article keeps the unit vector it was given on arrival, so a story's profile
can be rebuilt exactly from its members when one of them is replaced.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence

from storyfuse.cluster import (
    ClusterOptions,
    StoryProfile,
    absorb,
    add_member,
    article_vector,
    place,
)
from storyfuse.store.frequencies import Frequencies

__all__ = ["assign_story", "remove_member", "vector_of"]

_CHUNK = 500


def vector_of(
    counts: Frequencies, features: Mapping[str, float], documents: int, options: ClusterOptions
) -> dict[str, float]:
    """The article's unit vector under the document frequencies stored so far (the article itself
    counted in, as :class:`storyfuse.cluster.StoryClusterer` counts it before weighting)."""
    return article_vector(features, counts.get(features), documents, options)


def assign_story(
    db: sqlite3.Connection,
    doc: int,
    vector: dict[str, float],
    day: int | None,
    duplicates: Sequence[int],
    partners: Sequence[int],
    options: ClusterOptions,
) -> int:
    """Put stored article ``doc`` into a story and return the story number.

    1. the stories of its duplicates, if any, bind it (and merge); else
    2. :func:`storyfuse.cluster.place` chooses among the stories of its candidate ``partners``
       and names the stories it links; else it opens a new story;
    3. merged stories fold into the oldest one, whose profile gains the article.
    """
    if duplicates:  # 1
        stories = _stories_of(db, duplicates)
        key, linked = stories[0], stories[1:]
    else:
        entities = {feature for feature in vector if feature.startswith("@")}
        candidates = _profiles(db, _stories_of(db, partners), entities) if partners else []
        found, names = place(vector, day, candidates, options)  # 2
        key = int(found) if found is not None else _new_story(db)
        linked = [int(name) for name in names]
    keep = min([key, *linked])  # 3
    profile = _profiles(db, [keep])[0] if _exists(db, keep) else StoryProfile(str(keep))
    for other in sorted({key, *linked} - {keep}):
        absorb(profile, _profiles(db, [other])[0])
        db.execute("UPDATE story_members SET story = ? WHERE story = ?", (keep, other))
        db.execute("DELETE FROM stories WHERE story = ?", (other,))
    add_member(profile, vector, day)
    db.execute("INSERT INTO story_members VALUES (?, ?)", (doc, keep))
    _save(db, keep, profile)
    return keep


def remove_member(db: sqlite3.Connection, doc: int) -> None:
    """Take stored article ``doc`` out of its story (before the article row is deleted): the story
    is dropped when empty, else its profile is rebuilt from the remaining members."""
    row = db.execute("SELECT story FROM story_members WHERE doc = ?", (doc,)).fetchone()
    if row is None:
        return
    story = int(row[0])
    db.execute("DELETE FROM story_members WHERE doc = ?", (doc,))
    members = db.execute(
        "SELECT a.vector, a.day FROM story_members m JOIN articles a ON a.doc = m.doc"
        " WHERE m.story = ? ORDER BY m.doc",
        (story,),
    ).fetchall()
    if not members:
        db.execute("DELETE FROM stories WHERE story = ?", (story,))
        return
    profile = StoryProfile(str(story))
    for vector, day in members:
        add_member(profile, json.loads(vector), day)
    _save(db, story, profile)


def _stories_of(db: sqlite3.Connection, docs: Sequence[int]) -> list[int]:
    """The distinct stories of some articles, in story order."""
    found: set[int] = set()
    for start in range(0, len(docs), _CHUNK):
        chunk = list(docs[start : start + _CHUNK])
        marks = ",".join("?" * len(chunk))
        found.update(
            int(r[0]) for r in db.execute(f"SELECT story FROM story_members WHERE doc IN ({marks})", chunk)
        )
    return sorted(found)


def _new_story(db: sqlite3.Connection) -> int:
    used = db.execute(
        "SELECT MAX(story) FROM (SELECT MAX(story) AS story FROM stories"
        " UNION ALL SELECT MAX(story) FROM story_members)"
    ).fetchone()[0]
    return int(used or 0) + 1


def _exists(db: sqlite3.Connection, story: int) -> bool:
    return db.execute("SELECT 1 FROM stories WHERE story = ?", (story,)).fetchone() is not None


def _profiles(
    db: sqlite3.Connection, stories: Sequence[int], entities: set[str] | None = None
) -> list[StoryProfile]:
    """The stored profiles of some stories, in the order given. With ``entities``, a story that
    names entities but none of these is left out unread: the entity gate of
    :func:`storyfuse.cluster.match_score` scores it 0, and its vector is the costly part to read."""
    profiles = []
    for story in stories:
        row = db.execute("SELECT entities FROM stories WHERE story = ?", (story,)).fetchone()
        if row is None:
            continue
        named = set(json.loads(row[0]))
        if entities and named and entities.isdisjoint(named):
            continue
        size, first, last, vector = db.execute(
            "SELECT size, first_day, last_day, vector FROM stories WHERE story = ?", (story,)
        ).fetchone()
        profiles.append(StoryProfile(str(story), size, json.loads(vector), named, first, last))
    return profiles


def _save(db: sqlite3.Connection, story: int, profile: StoryProfile) -> None:
    db.execute(
        "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?)",
        (
            story,
            profile.size,
            profile.first_day,
            profile.last_day,
            json.dumps(profile.vector_sum, sort_keys=True),
            json.dumps(sorted(profile.entities)),
        ),
    )
