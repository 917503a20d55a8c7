"""Story grouping: which articles report the same real-world event, in memory and in a batch.

:class:`StoryClusterer` assigns articles one at a time with the scoring of
:mod:`storyfuse.assign`, keeping the story profiles and an index of them in memory. A batch
(:func:`cluster_stories`) observes all of its articles first, assigns them, then consolidates the
stories by average-link agglomeration under the same threshold, splits each story that holds two
events of one kind (:mod:`storyfuse.split`) and lets each article left alone join the story it
matches clearly best. These passes live here, apart from the scoring, because
they need every story of the batch at hand: the store (:mod:`storyfuse.store`) assigns arrivals
with the same scoring but keeps its stories in SQLite and has no such passes.

>>> from storyfuse.models import Article
>>> a = Article("a", "a.txt", ["Flood waters cut off the village of Holmby on Monday, officials said."])
>>> b = Article("b", "b.txt", ["The village of Holmby was cut off by flood waters on Monday."])
>>> cluster_stories([a, b], [])
[['a', 'b']]
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence

from storyfuse.assign import (
    ClusterOptions,
    StoryProfile,
    Vector,
    absorb,
    add_member,
    article_features,
    article_vector,
    day_number,
    place,
    story_similarity,
)
from storyfuse.models import Article, DuplicateRelation
from storyfuse.split import own_particulars, two_events

__all__ = ["StoryClusterer", "cluster_stories"]


class StoryClusterer:
    """Assigns articles to stories one at a time, keeping the profiles and an index of them in
    memory (:class:`storyfuse.store.CorpusStore` keeps the same state in SQLite).

    Steps of :meth:`add`, as numbered in the code:

    1. candidates: stories indexed under the article's rarest features, at most
       ``max_candidates``, so the cost is O(n * k), not O(n**2);
    2. a duplicate relation (any kind) binds the article to its duplicates' story, merging
       theirs; otherwise :func:`place` chooses the story and the stories it links.

    >>> clusterer = StoryClusterer()
    >>> body = ["Fire destroyed the Redfield paper mill on Friday, the fire service said."]
    >>> first = clusterer.add(Article("a", "a.txt", body))
    >>> clusterer.add(Article("b", "b.txt", body)) == first
    True
    """

    def __init__(self, options: ClusterOptions | None = None) -> None:
        self.options = options or ClusterOptions()
        self._document_frequency: dict[str, int] = defaultdict(int)
        self._documents = 0
        self._seen: set[str] = set()
        self._stories: dict[str, StoryProfile] = {}
        self._members: dict[str, list[str]] = {}
        self._story_of: dict[str, str] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._opened = 0
        self._observed: dict[str, dict[str, float]] = {}
        self._vectors: dict[str, tuple[Vector, int | None]] = {}  # read by the batch passes
        self._apart: dict[str, set[str]] = defaultdict(set)  # stories split apart: never merged

    def observe(self, articles: Iterable[Article]) -> None:
        """Learn word statistics from articles without assigning them (a batch knows its corpus
        in advance; an article observed and then added counts once)."""
        for article in articles:
            features = article_features(article, self.options)
            if self._learn(article.id, features):
                self._observed[article.id] = features

    def add(self, article: Article, duplicate_of: Iterable[str] = (), link: bool = True) -> str:
        """Assign ``article`` to the best-matching story, or open a new one; return the story key.

        ``duplicate_of`` lists ids of articles it duplicates: if any is known, the article joins
        that story, and stories of several such articles are merged. ``link`` is passed to
        :func:`place`.
        """
        features = self._observed.pop(article.id, None) or article_features(article, self.options)
        self._learn(article.id, features)
        vector = article_vector(features, self._document_frequency, self._documents, self.options)
        day = day_number(article.published)
        known = [i for i in duplicate_of if i in self._story_of]
        if known:  # 2
            key = self._story_of[known[0]]
            for other in known[1:]:
                key = self._merge(key, self._story_of[other])
            self._join(key, article.id, vector, day)
            return key
        candidates = [self._stories[k] for k in self._candidates(vector)]  # 1
        found, linked = place(vector, day, candidates, self.options, link, self._document_frequency.get)
        key = found or self._new_key()
        self._join(key, article.id, vector, day)
        for other in linked:
            key = self._merge(key, other)
        return key

    def stories(self) -> list[list[str]]:
        """Article ids per story, stories in order of creation, ids in order of addition."""
        return [list(self._members[key]) for key in self._stories]

    def consolidate(self) -> int:
        """Merge stories whose :func:`story_similarity` reaches ``threshold``; return how many
        merges were made.

        One pass of assignment decides each article with the stories known at its arrival; two
        early reports of one event may have opened two stories before the articles that bridge
        them came. This is average-link agglomeration over the stories, best pair first.
        """
        heap: list[tuple[float, str, str]] = []
        for key, story in self._stories.items():
            for other in self._candidates(story.vector_sum, exclude=key):
                if other > key:
                    heapq.heappush(heap, (-self._similarity(key, other), key, other))
        merges = 0
        while heap:
            negative, key, other = heapq.heappop(heap)
            if -negative < self.options.threshold:
                break
            if key not in self._stories or other not in self._stories:
                continue
            current = self._similarity(key, other)
            if current < -negative - 1e-12:
                heapq.heappush(heap, (-current, key, other))
                continue
            kept = self._merge(key, other)
            merges += 1
            for candidate in self._candidates(self._stories[kept].vector_sum, exclude=kept):
                first, second = sorted((kept, candidate))
                heapq.heappush(heap, (-self._similarity(first, second), first, second))
        return merges

    def attach_lone(self) -> int:
        """Let each story of one article join the story it matches ``lone_margin`` times better
        than any other, at ``threshold / lone_margin`` or above; return how many joined.

        A short report, or one told from another angle, has low cosines with every story, its
        own included, so its absolute match says less than how far its best match stands above
        the next. Two lone articles pair only when each is the other's clear best. Only a batch
        can ask this: it needs every story there will be (in a stream, an early article's few
        candidates stand out by default).
        """
        margin = self.options.lone_margin
        joined = 0
        for key in list(self._stories):
            story = self._stories.get(key)
            if margin == 1.0 or story is None or story.size != 1:
                continue
            best = self._clear_best(key, margin)
            if best is not None and (self._stories[best].size > 1 or self._clear_best(best, margin) == key):
                self._merge(key, best)
                joined += 1
        return joined

    def split_events(self) -> int:
        """Split each story whose members form two events of one kind
        (:func:`storyfuse.split.two_events`); return how many were split.

        Assignment and consolidation merge at a mean cosine, and two same-kind events' reports
        reach it; what tells the events apart is the particulars each group shares and the other
        lacks, a property of whole groups that only a finished story shows. The two parts (and
        the stories they later absorb) are never merged again.
        """
        split = 0
        for key in list(self._stories):
            members = self._members[key]
            second = two_events(
                [self._vectors[m][0] for m in members],
                [self._vectors[m][1] for m in members],
                self.options,
                self._document_frequency.get,
            )
            if second is None:
                continue
            moved = [members[i] for i in second]
            gone = set(moved)
            kept = [m for m in members if m not in gone]
            self._unindex(key)
            del self._stories[key], self._members[key]
            other = self._new_key()
            for new, group in ((key, kept), (other, moved)):
                for article_id in group:
                    self._join(new, article_id, *self._vectors[article_id])
            self._apart[key].add(other)
            self._apart[other].add(key)
            split += 1
        return split

    def _clear_best(self, key: str, margin: float) -> str | None:
        """The story ``key`` matches ``margin`` times better than any other, at
        ``threshold / margin`` or above, if there is one. Two kinds of candidate are no rivals:
        another lone article that matches that story at least as well as it matches ``key``
        (several short reports of one event match each other about as weakly as they match their
        story), and the other half of a story split in two events when ``key`` names particulars
        of the best one's event only. So when the best match is a lone article that sides with
        the second best, the second best is the clear choice (both join it)."""
        candidates = self._candidates(self._stories[key].vector_sum, exclude=key)
        scores = sorted(((self._similarity(key, other), other) for other in candidates), reverse=True)
        for best in scores[:2]:
            if best[0] < self.options.threshold / margin:
                break
            # Only the strongest rival counts: the scores are in order, so stop at the first.
            rival = next((s for s in scores if s != best and not self._no_rival(key, best[1], s)), None)
            if rival is None or best[0] >= margin * rival[0]:
                return best[1]
        return None

    def _no_rival(self, key: str, story: str, candidate: tuple[float, str]) -> bool:
        score, other = candidate
        return self._sides_with(other, story, score) or self._names_only(key, story, other)

    def _sides_with(self, key: str, target: str, score: float) -> bool:
        """Whether ``key`` is a lone article that matches ``target`` at least at ``score``."""
        return self._stories[key].size == 1 and self._similarity(key, target) >= score

    def _names_only(self, key: str, story: str, other: str) -> bool:
        """Whether ``key`` names particulars of ``story`` and none of ``other``, two events that
        were split apart: what told the events apart tells which one a report is about."""
        if other not in self._apart.get(story, ()):
            return False
        group, rest = ([self._vectors[m][0] for m in self._members[k]] for k in (story, other))
        named = self._stories[key].vector_sum.keys()
        held = self._document_frequency.get
        return bool(named & own_particulars(group, rest, held)) and not named & own_particulars(
            rest, group, held
        )

    # -- internals --

    def _new_key(self) -> str:
        self._opened += 1
        return f"s{self._opened}"

    def _learn(self, article_id: str, features: dict[str, float]) -> bool:
        """Count the article's features once; ``False`` if it was already counted."""
        if article_id in self._seen:
            return False
        self._seen.add(article_id)
        self._documents += 1
        for feature in features:
            self._document_frequency[feature] += 1
        return True

    def _similarity(self, key: str, other: str) -> float:
        if other in self._apart.get(key, ()):
            return 0.0
        return story_similarity(
            self._stories[key], self._stories[other], self.options, self._document_frequency.get
        )

    def _candidates(self, vector: Vector, exclude: str | None = None) -> list[str]:
        """Stories sharing the most weight among the rarest features of ``vector`` that other
        articles also have."""
        frequency = self._document_frequency
        shared = [f for f in vector if frequency.get(f, 0) > 1]
        rare = heapq.nsmallest(self.options.query_features, shared, key=lambda f: (frequency[f], f))
        scores: dict[str, float] = defaultdict(float)
        for feature in rare:
            for key in self._postings.get(feature, ()):
                scores[key] += vector[feature]
        scores.pop(exclude or "", None)
        return heapq.nlargest(self.options.max_candidates, scores, key=lambda k: (scores[k], k))

    def _unindex(self, key: str) -> None:
        for feature in self._stories[key].vector_sum:
            self._postings[feature].discard(key)

    def _join(self, key: str, article_id: str, vector: Vector, day: int | None) -> None:
        self._vectors[article_id] = (vector, day)
        story = self._stories.get(key)
        if story is None:
            story = self._stories[key] = StoryProfile(key)
            self._members[key] = []
        add_member(story, vector, day)
        self._members[key].append(article_id)
        self._story_of[article_id] = key
        for feature in vector:
            self._postings[feature].add(key)

    def _merge(self, keep: str, other: str) -> str:
        """Fold story ``other`` into ``keep`` (the earlier-created one survives)."""
        if keep == other:
            return keep
        keep, other = sorted((keep, other), key=lambda key: int(key[1:]))
        target, source = self._stories[keep], self._stories.pop(other)
        absorb(target, source)
        for story in self._apart.pop(other, set()):
            self._apart[story].discard(other)
            self._apart[story].add(keep)
            self._apart[keep].add(story)
        members = self._members.pop(other)
        for article_id in members:
            self._story_of[article_id] = keep
        self._members[keep].extend(members)
        for feature in source.vector_sum:
            keys = self._postings[feature]
            keys.discard(other)
            keys.add(keep)
        return keep


def cluster_stories(
    articles: Sequence[Article],
    duplicates: Sequence[DuplicateRelation],
    options: ClusterOptions | None = None,
) -> list[list[str]]:
    """Group articles into stories: article ids per story, stories in order of their first
    article, ids in input order. Word statistics are learned from the whole batch first, and the
    stories consolidated at the end (:meth:`StoryClusterer.consolidate`), each story holding two
    events split (:meth:`StoryClusterer.split_events`) and the stories consolidated again (a
    fragment of an event may join it once it stands apart from the other event), then the
    articles left alone placed by their margin (:meth:`StoryClusterer.attach_lone`).

    >>> from storyfuse.models import Article, DuplicateRelation
    >>> arts = [Article("a", "a", ["Snow closed the pass."]), Article("b", "b", ["Rates rose."])]
    >>> cluster_stories(arts, [DuplicateRelation("a", "b", "near", 0.6)])
    [['a', 'b']]
    """
    clusterer = StoryClusterer(options)
    clusterer.observe(articles)
    partners: dict[str, list[str]] = defaultdict(list)
    for relation in duplicates:
        partners[relation.a].append(relation.b)
        partners[relation.b].append(relation.a)
    for article in articles:
        clusterer.add(article, partners.get(article.id, ()), link=False)
    clusterer.consolidate()
    if clusterer.split_events():
        clusterer.consolidate()
    clusterer.attach_lone()
    position = {article.id: i for i, article in enumerate(articles)}
    stories = [sorted(members, key=position.__getitem__) for members in clusterer.stories()]
    return sorted(stories, key=lambda members: position[members[0]])
