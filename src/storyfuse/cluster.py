"""Story grouping: which articles report the same real-world event.

Reports of two events of one kind ("man shot in X") share most of their words, so topic
similarity alone merges them. What tells events apart are their particulars: names, places,
ages, counts, dates. Each article therefore becomes a sparse vector of

1. content words, weighted ``(1 + log tf) * idf`` (the title counts twice: it names the event);
2. named entities, approximated lexically as runs of capitalised words that do not merely open a
   sentence (``Kevin Barbee``, ``Burning Tree Apartments``), folded, as extra features with
   ``entity_weight`` times the weight of a word;
3. numbers (``15``, ``2014``), taken from inside tokens too (``15-year-old``), as extra features.

Inverse document frequencies are learned incrementally from the articles seen. An article is
compared by cosine with the centroid of each candidate story, scaled down by
``time_penalty`` when their publication dates are far apart, and joins the best story if the
score reaches ``threshold``, else opens a new story. Candidate stories come from an inverted
index on each story's rarest features, so each article is compared with at most
``max_candidates`` stories: the cost is O(n * k), not O(n**2). A duplicate relation (any kind)
forces both articles into one story.

>>> from storyfuse.models import Article
>>> a = Article("a", "a.txt", ["Flood waters cut off the village of Holmby on Monday, officials said."])
>>> b = Article("b", "b.txt", ["The village of Holmby was cut off by flood waters on Monday."])
>>> cluster_stories([a, b], [])
[['a', 'b']]
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from storyfuse.errors import OptionsError
from storyfuse.fingerprint import STOPWORDS, content_terms, sentences_of
from storyfuse.models import Article, DuplicateRelation
from storyfuse.text import normalized, words

__all__ = ["ClusterOptions", "StoryClusterer", "article_features", "cluster_stories"]

Vector = dict[str, float]


@dataclass(slots=True)
class ClusterOptions:
    """How articles are grouped into stories. One configuration serves every corpus.

    Args:
        threshold: least time-scaled cosine between an article and a story centroid to join it.
        entity_weight: weight of a named-entity or number feature relative to a word.
        title_weight: how many times the title's words count.
        time_scale_days: publication-date distance at which the time penalty is 63% complete.
        time_penalty: largest share of the similarity removed for distant dates; kept small because
            follow-up reports (charges, trials) come weeks after the event.
        max_candidates: stories compared in full with each new article.
        query_features: rarest features of an article used to look up candidate stories.

    >>> ClusterOptions(threshold=0.3).threshold
    0.3
    """

    threshold: float = 0.25
    entity_weight: float = 2.0
    title_weight: float = 2.0
    time_scale_days: float = 7.0
    time_penalty: float = 0.25
    max_candidates: int = 30
    query_features: int = 20

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise OptionsError(f"threshold must be in (0.0, 1.0), got {self.threshold}")
        if not 0.0 <= self.time_penalty < 1.0:
            raise OptionsError(f"time_penalty must be in [0.0, 1.0), got {self.time_penalty}")
        for name in ("entity_weight", "title_weight", "time_scale_days"):
            if getattr(self, name) <= 0:
                raise OptionsError(f"{name} must be positive, got {getattr(self, name)}")
        for name in ("max_candidates", "query_features"):
            if getattr(self, name) < 1:
                raise OptionsError(f"{name} must be at least 1, got {getattr(self, name)}")


# --- features -----------------------------------------------------------------------------------

_CAPITALISED = re.compile(r"[A-Z][\w'\u2019.-]*")
_TOKEN = re.compile(r"\S+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NAME_JOINERS = frozenset({"of", "de", "del", "la", "le", "van", "von", "da", "du", "al", "bin"})
_EDGE_PUNCTUATION = "\"'()[],;:!?.\u201c\u201d\u2018\u2019"
_ENTITY_PREFIX = "@"
_NUMBER_PREFIX = "#"


def article_features(article: Article, options: ClusterOptions | None = None) -> dict[str, float]:
    """Term frequencies of an article's words, entities (``@...``) and numbers (``#...``).

    >>> f = article_features(Article("a", "a.txt", ["Police said Kevin Barbee, 15, was shot."]))
    >>> f["@kevin barbee"], f["#15"], f["shot"]
    (1.0, 1.0, 1.0)
    """
    options = options or ClusterOptions()
    counts: dict[str, float] = defaultdict(float)
    texts = [(article.title or "", options.title_weight), *((p, 1.0) for p in article.paragraphs)]
    for text, weight in texts:
        for sentence in sentences_of(text):
            tokens = words(sentence)
            for term in tokens:
                if term not in STOPWORDS and (len(term) > 1 or term.isdigit()):
                    counts[term] += weight
            for number in _NUMBER.findall(sentence):
                counts[_NUMBER_PREFIX + number.replace(",", "")] += weight
            for entity in _entities(sentence):
                counts[_ENTITY_PREFIX + entity] += weight
    return dict(counts)


def _entities(sentence: str) -> list[str]:
    """Folded runs of capitalised words (joined by "of", "de", ...), without leading function words.
    A lone capitalised first word is skipped: it is capitalised by position, not as a name."""
    entities: list[str] = []
    run: list[str] = []
    run_start = 0
    for position, match in enumerate([*_TOKEN.finditer(sentence), None]):
        raw = match.group() if match else ""
        token = raw.strip(_EDGE_PUNCTUATION)
        if token and _CAPITALISED.fullmatch(token):
            run_start = run_start if run else position
            run.append(token)
            if raw[-1] not in ",;:":
                continue
        elif run and token.lower() in _NAME_JOINERS:
            run.append(token)
            continue
        while run and run[-1].lower() in _NAME_JOINERS:
            run.pop()
        while run and run[0].lower() in STOPWORDS:
            run.pop(0)
            run_start += 1
        name = normalized(" ".join(run))
        if name and not (run_start == 0 and len(run) == 1) and content_terms(name.split()):
            entities.append(name)
        run = []
    return entities


# --- the incremental clusterer ------------------------------------------------------------------


@dataclass(slots=True)
class _Story:
    key: str
    members: list[str]
    centroid: Vector = field(default_factory=dict)
    norm_squared: float = 0.0
    first_day: int | None = None
    last_day: int | None = None


class StoryClusterer:
    """Assigns articles to stories one at a time; the state a store would keep between batches.

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
        self._stories: dict[str, _Story] = {}
        self._story_of: dict[str, str] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._opened = 0

    def observe(self, articles: Iterable[Article]) -> None:
        """Learn word statistics from articles without assigning them (a batch knows its corpus
        in advance; an article observed and then added counts once)."""
        for article in articles:
            self._learn(article.id, article_features(article, self.options))

    def add(self, article: Article, duplicate_of: Iterable[str] = ()) -> str:
        """Assign ``article`` to the best-matching story, or open a new one; return the story key.

        ``duplicate_of`` lists ids of articles it duplicates: if any is known, the article joins
        that story, and stories of several such articles are merged.
        """
        features = article_features(article, self.options)
        self._learn(article.id, features)
        vector = self._vector(features)
        day = _day(article.published)
        known = [i for i in duplicate_of if i in self._story_of]
        if known:
            key = self._story_of[known[0]]
            for other in known[1:]:
                key = self._merge(key, self._story_of[other])
        else:
            key = self._best_story(vector, day) or self._new_key()
        self._join(key, article.id, vector, day)
        return key

    def stories(self) -> list[list[str]]:
        """Article ids per story, stories in order of creation, ids in order of addition."""
        return [list(story.members) for story in self._stories.values()]

    # -- internals --

    def _new_key(self) -> str:
        self._opened += 1
        return f"s{self._opened}"

    def _learn(self, article_id: str, features: dict[str, float]) -> None:
        if article_id in self._seen:
            return
        self._seen.add(article_id)
        self._documents += 1
        for feature in features:
            self._document_frequency[feature] += 1

    def _idf(self, feature: str) -> float:
        return math.log((1 + self._documents) / (1 + self._document_frequency.get(feature, 0))) + 1.0

    def _vector(self, features: dict[str, float]) -> Vector:
        vector: Vector = {}
        for feature, count in features.items():
            weight = (1.0 + math.log(count)) * self._idf(feature)
            if feature[0] in (_ENTITY_PREFIX, _NUMBER_PREFIX):
                weight *= self.options.entity_weight
            vector[feature] = weight
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        return {feature: w / norm for feature, w in vector.items()}

    def _best_story(self, vector: Vector, day: int | None) -> str | None:
        candidates = self._candidates(vector)
        best_key, best_score = None, self.options.threshold
        for key in candidates:
            story = self._stories[key]
            if story.norm_squared == 0.0:
                continue
            dot = sum(w * story.centroid.get(f, 0.0) for f, w in vector.items())
            score = dot / math.sqrt(story.norm_squared) * self._time_factor(story, day)
            if score >= best_score:
                best_key, best_score = key, score
        return best_key

    def _candidates(self, vector: Vector) -> list[str]:
        """Stories sharing the most weight among the article's rarest features that other
        articles also have."""
        shared = [f for f in vector if self._document_frequency.get(f, 0) > 1]
        rare = heapq.nlargest(self.options.query_features, shared, key=lambda f: (self._idf(f), f))
        scores: dict[str, float] = defaultdict(float)
        for feature in rare:
            for key in self._postings.get(feature, ()):
                scores[key] += vector[feature]
        return heapq.nlargest(self.options.max_candidates, scores, key=lambda k: (scores[k], k))

    def _time_factor(self, story: _Story, day: int | None) -> float:
        if day is None or story.first_day is None or story.last_day is None:
            return 1.0
        distance = max(0, story.first_day - day, day - story.last_day)
        penalty = self.options.time_penalty * (1.0 - math.exp(-distance / self.options.time_scale_days))
        return 1.0 - penalty

    def _join(self, key: str, article_id: str, vector: Vector, day: int | None) -> None:
        story = self._stories.get(key)
        if story is None:
            story = self._stories[key] = _Story(key, [])
        story.members.append(article_id)
        self._story_of[article_id] = key
        for feature, weight in vector.items():
            old = story.centroid.get(feature, 0.0)
            story.centroid[feature] = old + weight
            story.norm_squared += (old + weight) ** 2 - old * old
        for feature in vector:
            self._postings[feature].add(key)
        if day is not None:
            story.first_day = day if story.first_day is None else min(story.first_day, day)
            story.last_day = day if story.last_day is None else max(story.last_day, day)

    def _merge(self, keep: str, other: str) -> str:
        """Fold story ``other`` into ``keep`` (the earlier-created one survives)."""
        if keep == other:
            return keep
        order = list(self._stories)
        keep, other = sorted((keep, other), key=order.index)
        target, source = self._stories[keep], self._stories.pop(other)
        for article_id in source.members:
            self._story_of[article_id] = keep
        target.members.extend(source.members)
        for feature, weight in source.centroid.items():
            old = target.centroid.get(feature, 0.0)
            target.centroid[feature] = old + weight
            target.norm_squared += (old + weight) ** 2 - old * old
        for keys in self._postings.values():
            if other in keys:
                keys.discard(other)
                keys.add(keep)
        days = [
            d for d in (target.first_day, source.first_day, target.last_day, source.last_day) if d is not None
        ]
        target.first_day, target.last_day = (min(days), max(days)) if days else (None, None)
        return keep


def _day(published: str | None) -> int | None:
    """Day number of an ISO date (``2014-01-28`` or a longer timestamp), or ``None``."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def cluster_stories(
    articles: Sequence[Article],
    duplicates: Sequence[DuplicateRelation],
    options: ClusterOptions | None = None,
) -> list[list[str]]:
    """Group articles into stories: article ids per story, stories in order of their first
    article, ids in input order. Word statistics are learned from the whole batch first.

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
        clusterer.add(article, partners.get(article.id, ()))
    position = {article.id: i for i, article in enumerate(articles)}
    stories = [sorted(members, key=position.__getitem__) for members in clusterer.stories()]
    return sorted(stories, key=lambda members: position[members[0]])
