"""Splitting a story that holds two events of one kind: two title defences of one (invented)
champion share the champion, the belts and most words; the opponent, venue and round differ."""

from __future__ import annotations

from collections import Counter

from storyfuse.assign import ClusterOptions, article_features, article_vector
from storyfuse.cluster import cluster_stories
from storyfuse.models import Article
from storyfuse.split import two_events

_SHARED = [
    "Heavyweight champion Vitali Brenner retained his IBF and WBO titles on Saturday night.",
    "Brenner, the champion since his win over a former title holder, kept both belts.",
    "The champion said he wanted to unify the division before he retires.",
    "Brenner's trainer said the champion had prepared for the fight in the mountains.",
    "A sold-out crowd watched the title fight, which was shown live on television.",
]
_HAMBURG = [
    "Brenner stopped challenger Oscar Lindqvist in the seventh round at the Hamburg Arena.",
    "Lindqvist, 31, went down twice before the referee stopped the fight in the seventh.",
    "Lindqvist said after the fight in Hamburg that he would return to Sweden to rest.",
    "The 31-year-old Lindqvist had won 24 of his 25 previous fights.",
    "Fans at the Hamburg Arena cheered as Lindqvist was helped to his corner.",
]
_LYON = [
    "Brenner beat challenger Tomas Okafor on points after twelve rounds at the Lyon Palais.",
    "Okafor, 28, lasted the distance but lost on all three judges' cards in Lyon.",
    "Okafor said the Lyon Palais crowd had lifted him in the late rounds.",
    "The 28-year-old Okafor had been unbeaten in 19 fights before Saturday.",
    "The judges scored the Lyon fight 118-110, 117-111 and 116-112 for Brenner.",
]


def _reports(prefix: str, own: list[str]) -> list[Article]:
    """Five reports of one fight, each with three sentences about the champion and two of its
    own fight's."""
    return [
        Article(
            f"{prefix}{n}",
            f"{prefix}{n}.txt",
            [*(_SHARED[(n + k) % 5] for k in range(3)), own[n], own[(n + 1) % 5]],
        )
        for n in range(5)
    ]


def _vectors(articles: list[Article]) -> tuple[list[dict[str, float]], Counter[str]]:
    features = [article_features(a) for a in articles]
    frequency = Counter(f for counts in features for f in counts)
    return [article_vector(f, frequency, len(articles)) for f in features], frequency


def test_two_fights_of_one_champion_split_into_their_events() -> None:
    articles = _reports("hamburg", _HAMBURG) + _reports("lyon", _LYON)
    vectors, frequency = _vectors(articles)
    second = two_events(vectors, [None] * 10, ClusterOptions(), frequency.get)
    assert second is not None
    assert {articles[i].id for i in second} in ({a.id for a in articles[:5]}, {a.id for a in articles[5:]})


def test_a_story_told_with_one_more_name_is_kept_whole() -> None:
    """Later reports of the Hamburg fight name the ringside doctor too: one particular of their
    own, and none on the other side, is no second event."""
    doctor = [f"{line} Ringside doctor Helga Mertens examined Lindqvist." for line in _HAMBURG]
    articles = _reports("early", _HAMBURG) + _reports("late", doctor)
    vectors, frequency = _vectors(articles)
    assert two_events(vectors, [None] * 10, ClusterOptions(), frequency.get) is None


def test_groups_smaller_than_split_size_are_not_split() -> None:
    articles = _reports("hamburg", _HAMBURG) + _reports("lyon", _LYON)
    vectors, frequency = _vectors(articles)
    assert two_events(vectors, [None] * 10, ClusterOptions(split_size=6), frequency.get) is None
    assert two_events(vectors[:8], [None] * 8, ClusterOptions(), frequency.get) is None


def test_names_many_articles_hold_are_not_particulars() -> None:
    """Particulars must belong to the story: counted as held by the whole corpus, the opponents'
    and venues' names are no evidence."""
    articles = _reports("hamburg", _HAMBURG) + _reports("lyon", _LYON)
    vectors, _ = _vectors(articles)
    assert two_events(vectors, [None] * 10, ClusterOptions(), lambda feature: 1000) is None


def test_batch_grouping_separates_the_two_fights_for_good() -> None:
    """The reports share enough to end in one story by cosine alone; the split parts them, and
    the consolidation after it does not merge the parts again (every feature is looked up, so
    each part is the other's candidate)."""
    corpus = _reports("hamburg", _HAMBURG) + _reports("lyon", _LYON)
    whole = cluster_stories(corpus, [], ClusterOptions(split_size=50, query_features=100))
    assert len(whole) == 1
    stories = cluster_stories(corpus, [], ClusterOptions(query_features=100))
    assert sorted(map(sorted, stories)) == [
        sorted(a.id for a in corpus[:5]),
        sorted(a.id for a in corpus[5:]),
    ]


def test_a_short_report_naming_one_fights_venue_joins_that_fight() -> None:
    """A short report on the champion matches both fights' stories weakly, Lyon's only a little
    better; it names Lyon, a particular of that fight and of no Hamburg report, so it joins
    Lyon's story, which it could not by its margin alone."""
    corpus = _reports("hamburg", _HAMBURG) + _reports("lyon", _LYON)
    lone = [
        "The challenger said in Lyon that he would ask for a rematch next spring.",
        "He thanked his family.",
        "Brenner keeps the IBF and WBO belts, and the champion said he wanted to unify the division.",
    ]
    stories = cluster_stories(
        [*corpus, Article("rematch", "rematch.txt", lone)], [], ClusterOptions(query_features=100)
    )
    assert [*sorted(a.id for a in corpus[5:]), "rematch"] in map(sorted, stories)


def test_copies_and_empty_articles_are_never_split() -> None:
    """Ten copies of one report have no better cut than any other; an article with no features
    (a page reduced to nothing) has no similarity to cut by. Neither raises."""
    vectors, frequency = _vectors(_reports("hamburg", _HAMBURG)[:1] * 10)
    assert two_events(vectors, [None] * 10, ClusterOptions(), frequency.get) is None
    mixed, frequency = _vectors(_reports("hamburg", _HAMBURG) + _reports("lyon", _LYON))
    assert two_events([*mixed, {}], [None] * 11, ClusterOptions(), frequency.get) is None
