"""Stories in the corpus store: story profiles kept as rows, and where an arriving article goes.

The store assigns articles with the pure functions of :mod:`storyfuse.assign`
(:func:`~storyfuse.assign.article_vector`, :func:`~storyfuse.assign.place`, ...), reading
and writing only the :class:`~storyfuse.assign.StoryProfile` rows they touch, so a stored
corpus is grouped the way :class:`~storyfuse.cluster.StoryClusterer` groups articles arriving
one at a time. Each article keeps the unit vector it was given on arrival, so a story's profile
can be rebuilt exactly from its members when one of them is replaced.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping, Sequence

from storyfuse.assign import (
    ClusterOptions,
    HeldBy,
    StoryProfile,
    absorb,
    add_member,
    article_vector,
    place,
)
from storyfuse.store.frequencies import Frequencies
from storyfuse.store.schema import vector_blob, vector_of_blob

__all__ = ["StoryRows", "assign_story", "held_by_counts", "remove_member", "vector_of"]

_CHUNK = 500


def vector_of(
    counts: Frequencies, features: Mapping[str, float], documents: int, options: ClusterOptions
) -> dict[str, float]:
    """The article's unit vector under the document frequencies stored so far (the article itself
    counted in, as :class:`storyfuse.cluster.StoryClusterer` counts it before weighting)."""
    return article_vector(features, counts.get(features), documents, options)


def held_by_counts(counts: Frequencies) -> HeldBy:
    """How many stored articles hold a feature, read from ``counts`` (for
    :func:`storyfuse.assign.story_similarity`)."""
    return lambda feature: counts.get([feature]).get(feature)


class StoryRows:
    """The ``stories`` rows one batch touches, read once and written back when it commits.

    A story's profile sums its members' vectors, so its row grows with the story; encoding it
    again for every arriving member would make an article's cost grow with its story. Deleted
    stories are deleted at once: a new story's number depends on the highest one stored.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self._profiles: dict[int, StoryProfile] = {}
        self._changed: set[int] = set()

    def get(self, story: int, entities: set[str] | None = None) -> StoryProfile | None:
        """The profile of ``story`` (``None``: no such story). With ``entities``, a story not yet
        read that names entities but none of these is left unread and ``None``: the entity gate
        of :func:`storyfuse.assign.match_score` scores it 0, and its vector is the costly part."""
        if story in self._profiles:
            named = self._profiles[story].entities
            return None if entities and named and entities.isdisjoint(named) else self._profiles[story]
        row = self.db.execute("SELECT entities FROM stories WHERE story = ?", (story,)).fetchone()
        if row is None:
            return None
        named = set(json.loads(row[0]))
        if entities and named and entities.isdisjoint(named):
            return None
        size, first, last, vector = self.db.execute(
            "SELECT size, first_day, last_day, vector FROM stories WHERE story = ?", (story,)
        ).fetchone()
        profile = StoryProfile(str(story), size, vector_of_blob(vector), named, first, last)
        self._profiles[story] = profile
        return profile

    def put(self, story: int, profile: StoryProfile) -> None:
        """Keep ``profile`` as the story's (written at :meth:`flush`)."""
        self._profiles[story] = profile
        self._changed.add(story)

    def delete(self, story: int) -> None:
        """Delete a story's row now."""
        self._profiles.pop(story, None)
        self._changed.discard(story)
        self.db.execute("DELETE FROM stories WHERE story = ?", (story,))

    def flush(self) -> None:
        """Write the changed profiles (inside the batch's transaction) and forget all."""
        self.db.executemany(
            "INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?, ?, ?)",
            [_row(story, self._profiles[story]) for story in sorted(self._changed)],
        )
        self.clear()

    def clear(self) -> None:
        """Forget the cache without writing (the batch was rolled back)."""
        self._profiles.clear()
        self._changed.clear()


def assign_story(
    rows: StoryRows,
    doc: int,
    vector: dict[str, float],
    day: int | None,
    duplicates: Sequence[int],
    partners: Sequence[int],
    options: ClusterOptions,
    held_by: HeldBy | None = None,
) -> int:
    """Put stored article ``doc`` into a story and return the story number.

    1. the stories of its duplicates, if any, bind it (and merge); else
    2. :func:`storyfuse.assign.place` chooses among the stories of its candidate ``partners``
       and names the stories it links (``held_by``: the stored document frequency of a feature,
       for the names two stories share); else it opens a new story;
    3. merged stories fold into the oldest one, whose profile gains the article.
    """
    db = rows.db
    if duplicates:  # 1
        stories = _stories_of(db, duplicates)
        key, linked = stories[0], stories[1:]
    else:
        entities = {feature for feature in vector if feature.startswith("@")}
        found_profiles = (
            (rows.get(story, entities) for story in _stories_of(db, partners)) if partners else ()
        )
        candidates = [profile for profile in found_profiles if profile is not None]
        found, names = place(vector, day, candidates, options, held_by=held_by)  # 2
        key = int(found) if found is not None else _new_story(db)
        linked = [int(name) for name in names]
    keep = min([key, *linked])  # 3
    profile = rows.get(keep) or StoryProfile(str(keep))
    for other in sorted({key, *linked} - {keep}):
        merged = rows.get(other)
        assert merged is not None, f"story {other} has members but no profile"
        absorb(profile, merged)
        db.execute("UPDATE story_members SET story = ? WHERE story = ?", (keep, other))
        rows.delete(other)
    add_member(profile, vector, day)
    db.execute("INSERT INTO story_members VALUES (?, ?)", (doc, keep))
    rows.put(keep, profile)
    return keep


def remove_member(rows: StoryRows, doc: int) -> None:
    """Take stored article ``doc`` out of its story (before the article row is deleted): the story
    is dropped when empty, else its profile is rebuilt from the remaining members."""
    db = rows.db
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
        rows.delete(story)
        return
    profile = StoryProfile(str(story))
    for vector, day in members:
        add_member(profile, vector_of_blob(vector), day)
    rows.put(story, profile)


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


def _row(story: int, profile: StoryProfile) -> tuple[int, int, int | None, int | None, bytes, str]:
    return (
        story,
        profile.size,
        profile.first_day,
        profile.last_day,
        vector_blob(profile.vector_sum),
        json.dumps(sorted(profile.entities)),
    )
