"""Story assignment: the scoring that decides which story an article belongs to.

Every engine that groups articles into stories assigns them with the pure functions here, over
plain :class:`StoryProfile` records (:func:`article_vector`, :func:`match_score`, :func:`place`,
:func:`add_member`, :func:`absorb`): the in-memory :class:`storyfuse.cluster.StoryClusterer`,
the SQLite store (:mod:`storyfuse.store.stories`) and a distributed engine. They are kept apart
from any engine's state so that each imports the scoring alone and a story is scored the same
way wherever it is kept.

Reports of two events of one kind ("man shot in X") share most of their words, so topic
similarity alone merges them. What tells events apart are their particulars: names, places,
ages, counts, dates. Each article therefore becomes a unit-length sparse vector of

1. content words, weighted ``(1 + log tf) * idf`` (title words count ``title_weight`` times);
2. named entities, approximated lexically as runs of capitalised words that do not merely open a
   sentence (``Kevin Barbee``, ``Burning Tree Apartments``), folded, as extra ``@`` features;
3. numbers (``15``, ``2014``), also from inside tokens (``15-year-old``), as extra ``#`` features.

Inverse document frequencies are learned incrementally from the articles seen (a batch observes
all of its articles first). An article's match with a story is the mean cosine between it and
the story's members (average link, one dot product with the story's vector sum), times a time
factor that falls towards ``1 - time_penalty`` as the publication dates move apart, and zero
when both name entities but none in common (:func:`match_score`). Two stories are compared
alike (:func:`story_similarity`), except that names only they use waive the time factor:
follow-ups come months later but name the event's own people and places.

>>> from storyfuse.models import Article
>>> def vector(text: str) -> Vector:
...     return article_vector(article_features(Article("x", "x.txt", [text])), {}, 2)
>>> story = StoryProfile("s1")
>>> add_member(story, vector("Flood waters cut off the village of Holmby on Monday."), 738000)
>>> place(vector("The village of Holmby was cut off by flood waters."), 738001, [story], ClusterOptions())
('s1', [])
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from storyfuse.errors import OptionsError
from storyfuse.fingerprint import STOPWORDS, content_terms, sentences_of
from storyfuse.models import Article
from storyfuse.text import normalized, words

__all__ = [
    "ClusterOptions",
    "StoryProfile",
    "absorb",
    "add_member",
    "article_features",
    "article_vector",
    "day_number",
    "is_particular",
    "match_score",
    "place",
    "story_similarity",
]

Vector = dict[str, float]
HeldBy = Callable[[str], int | None]
"""How many articles of the corpus hold a feature (``None``: none)."""


@dataclass(slots=True)
class ClusterOptions:
    """How articles are grouped into stories. One configuration serves every corpus.

    Args:
        threshold: least time-scaled mean cosine between an article and a story's members for the
            article to join (and between two stories for them to merge).
        entity_weight: weight of a named-entity or number feature relative to a word.
        title_weight: how many times the title's words count (once: titles often carry the
            outlet's name, which says nothing about the event).
        time_scale_days: publication-date gap at which the time penalty is 63% complete.
        time_penalty: largest share of the similarity removed for distant dates; at most half,
            because follow-up reports (charges, trials) come weeks or months after the event.
        max_candidates: stories compared in full with each new article.
        query_features: rarest features of an article used to look up candidate stories.
        follow_up_names: entity features two stories must share, each held by no more articles
            than the two stories have, for the time factor between them to be waived (0: never;
            see :func:`story_similarity`).
        lone_margin: in a batch, an article left alone joins the story it matches at least this
            many times better than any other, if that match reaches ``threshold / lone_margin``
            (1.0: never; see :meth:`storyfuse.cluster.StoryClusterer.attach_lone`).
        split_size: in a batch, the least members each of two events in one story must have for
            the story to be split in two (see :func:`storyfuse.split.two_events`).

    >>> ClusterOptions(threshold=0.3).threshold
    0.3
    """

    threshold: float = 0.2
    entity_weight: float = 1.0
    title_weight: float = 1.0
    time_scale_days: float = 30.0
    time_penalty: float = 0.5
    max_candidates: int = 30
    query_features: int = 20
    follow_up_names: int = 3
    lone_margin: float = 2.0
    split_size: int = 5

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise OptionsError(f"threshold must be in (0.0, 1.0), got {self.threshold}")
        if not 0.0 <= self.time_penalty < 1.0:
            raise OptionsError(f"time_penalty must be in [0.0, 1.0), got {self.time_penalty}")
        for name in ("entity_weight", "title_weight", "time_scale_days"):
            if getattr(self, name) <= 0:
                raise OptionsError(f"{name} must be positive, got {getattr(self, name)}")
        for name in ("max_candidates", "query_features", "split_size"):
            if getattr(self, name) < 1:
                raise OptionsError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.lone_margin < 1.0:
            raise OptionsError(f"lone_margin must be at least 1.0, got {self.lone_margin}")
        if self.follow_up_names < 0:
            raise OptionsError(f"follow_up_names must be at least 0, got {self.follow_up_names}")


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
        if run:
            _flush(run, run_start, entities)
            run = []
    return entities


def _flush(run: list[str], run_start: int, entities: list[str]) -> None:
    """Add the entity a finished run of capitalised words names, if any."""
    while run and run[-1].lower() in _NAME_JOINERS:
        run.pop()
    while run and run[0].lower() in STOPWORDS:
        run.pop(0)
        run_start += 1
    name = normalized(" ".join(run))
    if name and not (run_start == 0 and len(run) == 1) and content_terms(name.split()):
        entities.append(name)


# --- assignment: pure functions over plain story records -----------------------------------------


@dataclass(slots=True)
class StoryProfile:
    """What assignment knows of a story: a plain record that a store keeps as a row and an engine
    can ship between workers; the functions below read and update nothing else.

    Args:
        key: the story's identifier.
        size: number of member articles.
        vector_sum: the sum of the members' unit vectors, so one dot product with it gives the
            mean cosine between an article and every member (average link).
        entities: the named-entity features (``@...``) any member has.
        first_day: earliest member publication day (``date.toordinal``), if any is known.
        last_day: latest member publication day, if any is known.

    >>> story = StoryProfile("s1")
    >>> add_member(story, {"flood": 0.6, "@holmby": 0.8}, 738000)
    >>> story.size, sorted(story.entities), story.first_day
    (1, ['@holmby'], 738000)
    """

    key: str
    size: int = 0
    vector_sum: Vector = field(default_factory=dict)
    entities: set[str] = field(default_factory=set)
    first_day: int | None = None
    last_day: int | None = None


def article_vector(
    features: Mapping[str, float],
    document_frequency: Mapping[str, int],
    documents: int,
    options: ClusterOptions | None = None,
) -> Vector:
    """The unit vector of an article's features, each weighted ``(1 + log tf) * idf`` with the
    smoothed ``idf = log((1 + n) / (1 + df)) + 1`` of the ``documents`` articles counted so far.

    >>> v = article_vector({"flood": 1.0, "said": 1.0}, {"flood": 1, "said": 9}, 10)
    >>> v["flood"] > v["said"]
    True
    """
    options = options or ClusterOptions()
    vector: Vector = {}
    for feature, count in features.items():
        idf = math.log((1 + documents) / (1 + document_frequency.get(feature, 0))) + 1.0
        weight = (1.0 + math.log(count)) * idf
        if is_particular(feature):
            weight *= options.entity_weight
        vector[feature] = weight
    norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
    return {feature: w / norm for feature, w in vector.items()}


def match_score(vector: Vector, day: int | None, story: StoryProfile, options: ClusterOptions) -> float:
    """Mean cosine between an article and a story's members times their time factor; 0.0 when
    both name entities and share none (two reports of one event name a common person, place or
    organisation, two same-kind events rarely do)."""
    if not story.size or not _shares_entity(_entity_features(vector), story.entities):
        return 0.0
    dot = sum(w * story.vector_sum.get(f, 0.0) for f, w in vector.items())
    return dot / story.size * _gap_factor(story.first_day, story.last_day, day, day, options)


def story_similarity(
    a: StoryProfile, b: StoryProfile, options: ClusterOptions, held_by: HeldBy | None = None
) -> float:
    """Mean cosine over all member pairs of two stories times their time factor, under the same
    entity gate as :func:`match_score`.

    The time factor keeps apart same-kind events of one place months apart; follow-ups (charges,
    trials, anniversaries) come as late but name the event's own people and places. So given
    ``held_by`` (how many articles of the corpus hold a feature), when the stories share
    ``follow_up_names`` named-entity features that no more articles hold than the two stories
    have together (names only they can be using), the time factor is waived. Only stories are
    compared this way, not an article with a story: in a stream, early on every name is rare.

    >>> trial = StoryProfile("s1", 1, {"trial": 0.6, "@ana ruiz": 0.8}, {"@ana ruiz"}, 738400, 738400)
    >>> crash = StoryProfile("s2", 1, {"crash": 0.6, "@ana ruiz": 0.8}, {"@ana ruiz"}, 738000, 738000)
    >>> options = ClusterOptions(follow_up_names=1)
    >>> held_by = {"@ana ruiz": 2}.get
    >>> [round(story_similarity(trial, crash, options, h), 2) for h in (None, held_by)]
    [0.32, 0.64]
    """
    if not a.size or not b.size or not _shares_entity(a.entities, b.entities):
        return 0.0
    small, large = sorted((a.vector_sum, b.vector_sum), key=len)
    dot = sum(w * large.get(f, 0.0) for f, w in small.items())
    if held_by is not None and _own_names(a.entities, b.entities, a.size + b.size, held_by, options):
        return dot / (a.size * b.size)
    factor = _gap_factor(a.first_day, a.last_day, b.first_day, b.last_day, options)
    return dot / (a.size * b.size) * factor


def _own_names(
    entities: set[str], others: set[str], articles: int, held_by: HeldBy, options: ClusterOptions
) -> bool:
    """Whether two groups of ``articles`` articles in all share ``follow_up_names`` entity
    features that no more articles hold."""
    if not options.follow_up_names:
        return False
    small, large = sorted((entities, others), key=len)
    shared = [e for e in small if e in large]
    return sum(1 for e in shared if (held_by(e) or 0) <= articles) >= options.follow_up_names


def add_member(story: StoryProfile, vector: Vector, day: int | None) -> None:
    """Add an article's vector and day to ``story`` (in place)."""
    story.size += 1
    for feature, weight in vector.items():
        story.vector_sum[feature] = story.vector_sum.get(feature, 0.0) + weight
    story.entities |= _entity_features(vector)
    _widen(story, day, day)


def absorb(story: StoryProfile, other: StoryProfile) -> None:
    """Fold ``other``'s members into ``story`` (in place; ``other`` is left as it was)."""
    story.size += other.size
    for feature, weight in other.vector_sum.items():
        story.vector_sum[feature] = story.vector_sum.get(feature, 0.0) + weight
    story.entities |= other.entities
    _widen(story, other.first_day, other.last_day)


def place(
    vector: Vector,
    day: int | None,
    candidates: Iterable[StoryProfile],
    options: ClusterOptions,
    link: bool = True,
    held_by: HeldBy | None = None,
) -> tuple[str | None, list[str]]:
    """Where an arriving article goes: ``(key, merged)``, the story it joins (``None``: open a new
    one) and the other candidate stories it links to that one.

    Steps, as numbered in the code:

    1. score every candidate with :func:`match_score`; the article joins the best one at
       ``threshold`` or above (ties: the first candidate given);
    2. with ``link``, every other candidate it also matches, best first, is merged into the
       joined story when the two stories, the article counted in, match each other at
       ``threshold`` as well: two early reports of one event may have opened two stories before
       the article bridging them came. A batch leaves this to a global, best-pair-first
       consolidation instead, which sees every pair before merging any.

    >>> a = StoryProfile("s1", 1, {"flood": 0.6, "holmby": 0.8})
    >>> b = StoryProfile("s2", 1, {"tram": 1.0})
    >>> place({"flood": 0.8, "holmby": 0.6}, None, [b, a], ClusterOptions())
    ('s1', [])
    """
    scored = [(match_score(vector, day, story, options), n, story) for n, story in enumerate(candidates)]
    matched = sorted((s for s in scored if s[0] >= options.threshold), key=lambda s: (-s[0], s[1]))  # 1
    if not matched or not link:
        return (matched[0][2].key if matched else None), []
    best = matched[0][2]
    joined = StoryProfile(
        best.key, best.size, dict(best.vector_sum), set(best.entities), best.first_day, best.last_day
    )
    add_member(joined, vector, day)
    merged: list[str] = []
    for _, _, other in matched[1:]:  # 2
        if story_similarity(joined, other, options, held_by) >= options.threshold:
            absorb(joined, other)
            merged.append(other.key)
    return best.key, merged


def _widen(story: StoryProfile, first: int | None, last: int | None) -> None:
    if first is not None:
        story.first_day = first if story.first_day is None else min(story.first_day, first)
    if last is not None:
        story.last_day = last if story.last_day is None else max(story.last_day, last)


def _gap_factor(
    first: int | None,
    last: int | None,
    other_first: int | None,
    other_last: int | None,
    options: ClusterOptions,
) -> float:
    """1.0 for overlapping date ranges or an unknown date, falling towards ``1 - time_penalty``
    as the gap between the ranges grows."""
    if first is None or last is None or other_first is None or other_last is None:
        return 1.0
    gap = max(0, first - other_last, other_first - last)
    return 1.0 - options.time_penalty * (1.0 - math.exp(-gap / options.time_scale_days))


def _shares_entity(entities: set[str], others: set[str]) -> bool:
    """False only when both name entities and none in common."""
    return not entities or not others or not entities.isdisjoint(others)


def is_particular(feature: str) -> bool:
    """Whether a feature is a named entity or a number, not a word."""
    return feature[0] in (_ENTITY_PREFIX, _NUMBER_PREFIX)


def _entity_features(vector: Mapping[str, float]) -> set[str]:
    return {f for f in vector if f[0] == _ENTITY_PREFIX}


def day_number(published: str | None) -> int | None:
    """Day number of an ISO date (``2014-01-28`` or a longer timestamp), or ``None``.

    >>> day_number("2014-01-28T10:00:00Z") - day_number("2014-01-27")
    1
    """
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None
