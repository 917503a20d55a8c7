"""Corpus-wide page furniture: text that recurs on pages about different stories and never
speaks of their headlines.

Outlet templates (:func:`storyfuse.clean.learn_templates`) need the outlet to be known and
stay within it; scraped pages often carry no outlet, or the same CMS furniture (a sign-up
confirmation, a notification prompt) spans many outlets. Whatever the outlet, a story's own
text speaks of its headline, and the text several outlets share because they ran one story
speaks of that story's headlines too; a line repeated word for word under unrelated
headlines, with no word of any of them, is the page around the story. Such lines are
learned from the whole corpus and removed from every page, even when they are all the page
holds: a scrape that caught only the furniture has no article, and must not pair unrelated
stories as duplicates.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TypeVar

from storyfuse.clean import reasons
from storyfuse.fingerprint import content_terms
from storyfuse.models import Article, Removed
from storyfuse.text import normalized, words

K = TypeVar("K")
L = TypeVar("L")

_STEM = 5
"""Terms are compared on their first letters, so "shooting" in a headline and "shooter" in
the text count as the same subject; matching more generously only ever keeps more text."""


MIN_PAGES = 5
MAX_SPEAKING_SHARE = 0.1


def learn_furniture(
    articles: Iterable[Article | None],
    min_pages: int = MIN_PAGES,
    max_speaking_share: float = MAX_SPEAKING_SHARE,
) -> frozenset[str]:
    """The normalised body lines that are page furniture across the whole corpus.

    A line is furniture when it is on at least ``min_pages`` pages with different headlines
    and the text those pages share speaks of at most ``max_speaking_share`` of their
    headlines. The shared text is every line on at least half of the line's pages: a wire
    story's later paragraphs may not name the story, but its lede, run alongside them, does;
    furniture only ever comes with more furniture. Pages without a headline give no
    evidence. ``articles`` are first-pass cleanings; the keys are
    :func:`storyfuse.text.normalized` lines, for :func:`remove_furniture`.

    >>> def page(i):
    ...     body = [f"Crews fought fire number {i} near the river, officials said.", "Back our work!"]
    ...     return Article(str(i), f"{i}.txt", body, title=f"Fire {i} burns near river")
    >>> sorted(learn_furniture([page(i) for i in range(5)]))
    ['back our work']
    """
    pages: dict[str, set[str]] = defaultdict(set)
    headline_terms: dict[str, frozenset[str]] = {}
    for article in articles:
        headline = normalized(article.title or "") if article is not None else ""
        if article is None or not headline:
            continue
        pages[headline].update(line for line in map(normalized, article.paragraphs) if line)
        headline_terms[headline] = line_terms(headline)
    pages_of: dict[str, list[str]] = defaultdict(list)
    for headline, lines in pages.items():
        for line in lines:
            pages_of[line].append(headline)
    speaks: dict[tuple[str, ...], bool] = {}  # a block's lines are on the same pages: judge those once
    for headlines in pages_of.values():
        key = tuple(headlines)
        if len(key) >= min_pages and key not in speaks:
            shared = shared_terms({headline: pages[headline] for headline in key}, line_terms)
            speaks[key] = speaks_of_headlines(
                [headline_terms[headline] for headline in key], shared, max_speaking_share
            )
    return frozenset(line for line, headlines in pages_of.items() if speaks.get(tuple(headlines)) is False)


def shared_terms(pages: Mapping[K, Iterable[L]], terms_of: Callable[[L], frozenset[str]]) -> frozenset[str]:
    """The terms of every line on at least half of ``pages`` (headline -> its lines): the text
    the pages of one candidate line share. Keys may be texts or hashes (as a store keeps them)."""
    together = Counter(line for lines in pages.values() for line in lines)
    return frozenset().union(*(terms_of(line) for line, count in together.items() if 2 * count >= len(pages)))


def speaks_of_headlines(
    headlines: Sequence[frozenset[str]], shared: frozenset[str], max_speaking_share: float
) -> bool:
    """Whether the ``shared`` text names more than ``max_speaking_share`` of the pages'
    headlines (given as their terms, see :func:`line_terms`): then it is no furniture."""
    speaking = sum(1 for terms in headlines if shared & terms)
    return speaking > math.floor(max_speaking_share * len(headlines))


def remove_furniture(article: Article, furniture: frozenset[str]) -> Article:
    """``article`` without its furniture lines, each recorded as a template removal.

    When furniture is most of the page (counting the furniture lines cleaning already took
    out, as an outlet template does) and nothing left speaks of the headline, the rest is
    furniture that varies from page to page (a reporter's name in a notification prompt)
    and goes too: the scrape holds no article.

    >>> body = ["Thanks!", "Get alerts from Ana Ruiz!", "Back our work!"]
    >>> article = Article("a", "a.txt", body, title="Fire burns near river")
    >>> cleaned = remove_furniture(article, frozenset({"thanks", "back our work"}))
    >>> cleaned.paragraphs, len(cleaned.removed)
    ([], 3)
    """
    hits = [normalized(p) in furniture for p in article.paragraphs]
    rest = [p for p, hit in zip(article.paragraphs, hits, strict=True) if not hit]
    on_page = sum(hits) + sum(1 for r in article.removed if normalized(r.text) in furniture)
    headline = line_terms(article.title or "")
    if headline and on_page > len(rest) and not any(line_terms(p) & headline for p in rest):
        rest = []
    if len(rest) == len(article.paragraphs):
        return article
    kept = set(rest)
    removed = [Removed(p, reasons.TEMPLATE) for p in article.paragraphs if p not in kept]
    return replace(article, paragraphs=rest, removed=article.removed + removed)


def line_terms(text: str) -> frozenset[str]:
    """The terms by which furniture judgements compare a line or a headline with others."""
    return frozenset(term[:_STEM] for term in content_terms(words(text)))
