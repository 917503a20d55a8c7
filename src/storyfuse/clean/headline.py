"""Step 3 of the cleaning cascade: which line is the headline, and what sits around it.

The headline is the corpus title, a level-1 heading, in plain text the line that best matches
the URL's slug, or the last title-like line before the first prose. It moves to metadata;
non-prose lines above it are navigation, and prose above it that the page repeats is a
carousel of teasers. A deck under it without a final stop, or repeated in the lede, is the
standfirst.
"""

from __future__ import annotations

import re

from storyfuse.clean import reasons
from storyfuse.clean.metadata import slug_words
from storyfuse.clean.page import Page, runs
from storyfuse.clean.patterns import ends_sentence, is_headline_like, word_count
from storyfuse.text import normalized, words

_CAROUSEL_RUN = 2
_CAROUSEL_MIN_REST = 0.5
_STANDFIRST_MIN_WORDS = 8
_HEADLINE_MIN_WORDS = 4
_STANDFIRST_OVERLAP = 0.8
_SLUG_MIN_WORDS = 3
_SLUG_MIN_RECALL = 0.6
_SLUG_LINE_MAX_WORDS = 40
_SLUG_PROSE_AFTER = 0.5
_URLISH = re.compile(r"https?:|www\.|%2f|\w-\w+-\w|/\w", re.IGNORECASE)


def _is_title_candidate(page: Page, i: int) -> bool:
    block, text = page.blocks[i], page.texts[i]
    if page.reason[i] is not None or block.kind == "item" or block.links >= 0.5:
        return False
    letters = [c for c in text if c.isalpha()]
    shouting = bool(letters) and all(c.isupper() for c in letters)
    return is_headline_like(text) and word_count(text) >= 3 and not shouting


def find_headline(page: Page, title_hint: str | None, url: str | None = None) -> None:
    kept_prose = page.kept_prose()
    first_prose = kept_prose[0] if kept_prose else len(page.blocks)
    headline = _match_title(page, title_hint) if title_hint else None
    if headline is None:
        headline = next(
            (i for i in page.kept() if page.blocks[i].kind == "heading" and page.blocks[i].level == 1), None
        )
        if headline is not None and headline > first_prose:
            headline = None
    if headline is None and not title_hint and url and not any(b.measured for b in page.blocks):
        headline = _match_slug(page, url)
    if headline is None:
        headline = _title_before(page, first_prose)
    if headline is None:
        return
    page.reason[headline] = reasons.HEADLINE
    page.signals.title = page.texts[headline]
    for i in page.kept(0, headline):
        if not page.prose[i]:
            page.reason[i] = reasons.NAVIGATION
    _mark_carousel(page, headline)
    _mark_standfirst(page, headline)


def _mark_carousel(page: Page, headline: int) -> None:
    """Prose above the headline that the page repeats is a teaser: a carousel clones its
    slides, and a site repeats its top stories at the foot of the page. A run of such
    teasers is the carousel, and every copy goes; a lone repeated line (a summary shown
    above the headline and again as the lede) loses only its copy above the headline, and so
    does a run whose copies below leave little other prose under the headline (a page that
    prints its story twice)."""
    copies: dict[str, list[int]] = {}
    for i, text in enumerate(page.texts):
        copies.setdefault(text, []).append(i)
    above = [i for i in page.kept(0, headline) if page.prose[i] and len(copies[page.texts[i]]) > 1]
    below = sum(len(page.texts[i]) for i in page.kept_prose(headline + 1))
    for run in runs(above):
        echoed = sum(len(page.texts[j]) for i in run for j in copies[page.texts[i]] if j > headline)
        carousel = len(run) >= _CAROUSEL_RUN and below - echoed >= _CAROUSEL_MIN_REST * echoed
        for i in run:
            for j in copies[page.texts[i]] if carousel else [i]:
                page.reason[j] = page.reason[j] or reasons.RELATED


def _match_slug(page: Page, url: str) -> int | None:
    """The line that best matches the words of the URL's slug ("/2019/11/port-shut-by-storm"),
    ignoring lines that quote the URL itself (share links) and sentences ending in a full stop
    (a lede shares the slug's words too, a headline has no stop); only a line with most of the
    page's prose after it can be the headline."""
    slug = slug_words(url)
    if not slug:
        return None
    sizes = {i: len(page.texts[i]) for i in page.kept_prose()}
    total = sum(sizes.values())
    best, best_f1 = None, 0.0
    for i in page.kept():
        text = page.texts[i]
        if word_count(text) > _SLUG_LINE_MAX_WORDS or _URLISH.search(text) or text.rstrip().endswith("."):
            continue
        if total and sum(size for j, size in sizes.items() if j > i) < _SLUG_PROSE_AFTER * total:
            continue
        line = set(words(text.replace("-", " ")))
        common = len(slug & line)
        if common < _SLUG_MIN_WORDS or common < _SLUG_MIN_RECALL * len(slug):
            continue
        f1 = 2 * common / (len(slug) + len(line))
        if f1 > best_f1:
            best, best_f1 = i, f1
    return best


def _title_before(page: Page, first_prose: int) -> int | None:
    """The last title-like line before the lede; when a shorter title-like line sits right
    above a longer one, the upper one is the headline and the lower one its deck."""
    kept = page.kept(0, first_prose)
    candidates = [i for i in kept if _is_title_candidate(page, i)]
    if not candidates:
        return None
    last = candidates[-1]
    position = kept.index(last)
    above = kept[position - 1] if position else None
    if (
        above in candidates
        and above is not None
        and _HEADLINE_MIN_WORDS <= word_count(page.texts[above]) < word_count(page.texts[last])
        and word_count(page.texts[last]) >= _STANDFIRST_MIN_WORDS
    ):
        return above
    return last


def _match_title(page: Page, title_hint: str) -> int | None:
    """The block that shows the known title; page titles often add " - Outlet", so a block
    that is most of the hint counts too."""
    hint = normalized(title_hint)
    if not hint:
        return None
    for i in page.kept():
        if page.prose[i] and page.texts[i] != title_hint:
            continue
        key = normalized(page.texts[i])
        if key and (key == hint or (len(key) >= 0.5 * len(hint) and key in hint)):
            return i
    return None


def _mark_standfirst(page: Page, headline: int) -> None:
    following = page.kept(headline + 1)
    if not following:
        return
    deck = following[0]
    text = page.texts[deck]
    if word_count(text) < _STANDFIRST_MIN_WORDS:
        return
    if not ends_sentence(text) and not text.endswith(":"):
        page.reason[deck] = reasons.STANDFIRST
        return
    deck_words = set(words(text))
    for later in following[1:4]:
        later_words = set(words(page.texts[later]))
        if later_words and len(deck_words & later_words) >= _STANDFIRST_OVERLAP * len(deck_words):
            page.reason[deck] = reasons.STANDFIRST
            return
