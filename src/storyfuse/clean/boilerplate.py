"""Tell article body from page chrome, block by block, using each block's place on the page.

The cascade (the numbers are repeated in the code):

1. Outlet template lines learned from other pages of the same outlet are removed, unless they
   would take most of this page's prose (then the "template" is the story itself).
2. Each block alone: metadata lines (url, date, byline, agency credit) are read and removed;
   chrome recognised by its own words (prompts, related links, credits, captions, copyright);
   a trailing agency credit ("... the ministry said. - AFP") is cut from its paragraph.
3. The headline (the corpus title, a level-1 heading, in plain text the line that best matches
   the URL's slug, or the last title-like line before the first prose; :mod:`.headline`) is moved to metadata;
   non-prose lines above it are navigation, and prose above it that the page repeats is a
   carousel of teasers (a run of them goes in every copy); a deck under it without a final stop, or repeated
   in the lede, is the standfirst. Before that, in plain text,
   neighbouring teaser cards whose headline runs into the excerpt ("Port ShutOfficials said")
   are related links.
4. The lead: a capitalised place alone on a line is the dateline; a one-sentence line ending
   with a full date before the lede is a photo caption. A comment-thread header after the
   body has begun ("12 responses to ...", "Ana on May 3, 2024 at 9:12 pm said:") ends it, and
   so do three or more timestamp lines at short gaps ("2 days ago at 07:52 am", "3H ago") that
   follow a fair share of the page's prose, and a count of comments removed as a share button
   ("[ 48 comments ]") with such a share of prose before it or timestamps right after it.
5. Reader prompts near the end are removed as one block: plain paragraphs between two prompts
   belong to the same appeal ("Dear readers, ... please support us").
6. The body spans the first to the last prose paragraph. Outside it, lines that are not
   sentences are navigation; inside it, such lines are teaser headlines of other articles
   (related links) or crossheads (kept when they open prose), and runs of short lines are
   menus. Lines of an HTML container with little link text are content, not menus; in plain
   text, long sentence-case lines next to each other or under a colon are the article's list.
7. A dateline prefix ("MOSCOW (AFP) -") is cut from the lede.
8. A paragraph repeated within the page is kept once.
9. In plain text the body ends with the last long run of prose; the small runs after it
   (teaser excerpts, stray comments) are related links; echoes of the body do not separate runs.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from storyfuse.clean import reasons
from storyfuse.clean.blocks import Block
from storyfuse.clean.headline import find_headline
from storyfuse.clean.limits import Budget
from storyfuse.clean.lineshapes import (
    is_comment_count,
    is_comment_header,
    is_comment_stamp,
    is_glued_teaser,
    is_title_case,
)
from storyfuse.clean.metadata import (
    AGENCY_PATTERN,
    MONTH_PATTERN,
    agency_of_credit,
    dateline_place,
    find_date,
    site_names_in,
)
from storyfuse.clean.options import CleanOptions
from storyfuse.clean.page import Page, Signals, runs
from storyfuse.clean.patterns import (
    MetaLine,
    chrome_reason,
    ends_sentence,
    is_headline_like,
    is_prose,
    meta_line,
    word_count,
)
from storyfuse.models import Removed
from storyfuse.text import normalized


@dataclass(slots=True)
class Classified:
    """The body paragraphs, every removed block with its reason, and the metadata read."""

    paragraphs: list[str]
    removed: list[Removed]
    signals: Signals


_SHORT_LINE_WORDS = 5
_MENU_RUN = 3
_CONTENT_ENTRY_MAX_LINKS = 0.2
_MAX_RUN_GAP = 3
_MAIN_RUN_SHARE = 0.25
_STAMP_RUN = 3
_STAMP_MAX_GAP = 8
_THREAD_MIN_BODY_SHARE = 0.25
_LEAD_CAPTION_MAX_WORDS = 30
_TAIL_PROSE_AFTER_PROMPTS = 2
_BUDGET_CHECK_BLOCKS = 512

_CAPS_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][\w.'\-]+(?: [A-Z][\w.'\-]+){0,2}))?"
    r"(?:,?\s+(?i:" + MONTH_PATTERN + r")\.?\s+\d{1,2}|,?\s+\d{1,2}\s+(?i:" + MONTH_PATTERN + r"))?"
    r"(?:,?\s+\d{4})?"
    r"\s*(?:\((?P<agency>[^()]{2,40})\))?\s*(?:\u2014|\u2013|--?|:)\s+(?=\S)"
)
_CREDITED_DATELINE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ \-][A-Z][a-z]+){0,2})"
    r"(?:,\s*(?i:" + MONTH_PATTERN + r")\.?\s+\d{1,2}|,?\s+\d{1,2}\s+(?i:" + MONTH_PATTERN + r"))?"
    r"(?:,?\s+\d{4})?"
    r"\s*\((?P<agency>" + AGENCY_PATTERN + r")\)\s*(?:\u2014|\u2013|--?|:)?\s+(?=\S)"
)
_TRAILING_CREDIT = re.compile(
    r"(?<=[.!?\"\u201d'\u2019])\s*(?:\u2014|\u2013|--?|\()\s*(?P<agency>" + AGENCY_PATTERN + r")\)?\s*$"
)
_WORDISH = re.compile(r"\S*\w\S*")
_GLUED_MAX_GAP = 2
_LIST_ENTRY_MIN_WORDS = 6
_ONLY_CAPS_PLACE = re.compile(r"^[A-Z][A-Z.'\- ]{1,40}[A-Z.],?$|^[A-Z]{2,}[:\u2014\u2013-]?$")


def classify(
    blocks: list[Block],
    title_hint: str | None,
    options: CleanOptions,
    budget: Budget | None = None,
    url: str | None = None,
) -> Classified:
    """Split ``blocks`` into body paragraphs and removed chrome, reading metadata on the way.

    ``budget`` is checked between the steps (and inside the per-block one); a spent budget
    raises :class:`storyfuse.errors.TimeLimitError`.

    >>> lede = "Officials shut the port on Monday, the agency said."
    >>> page = classify([Block("Storm closes port"), Block(lede), Block("Subscribe to our newsletter")],
    ...                 None, CleanOptions())
    >>> page.paragraphs, page.signals.title, [r.reason for r in page.removed]
    (['Officials shut the port on Monday, the agency said.'], 'Storm closes port', ['headline', 'newsletter'])
    """
    budget = budget or Budget(None)
    page = Page(blocks)
    extra_removed: list[Removed] = []
    _remove_templates(page, options)  # 1
    _mark_single_blocks(page, budget)  # 2
    extra_removed.extend(_cut_trailing_credits(page))
    _mark_glued_teasers(page)
    budget.check("judging single blocks")
    find_headline(page, title_hint, url)  # 3
    _mark_lead(page)  # 4
    _cut_comment_thread(page)
    _merge_prompt_blocks(page, options)  # 5
    budget.check("finding the headline and the comments")
    _mark_outside_and_teasers(page, options)  # 6
    extra_removed.extend(_cut_dateline(page))  # 7
    budget.check("finding teasers and menus")
    _mark_duplicates(page)  # 8
    _cut_after_mainruns(page)  # 9
    removed = [Removed(page.texts[i], r) for i, r in enumerate(page.reason) if r is not None]
    removed.extend(extra_removed)
    for item in removed:
        if item.reason in reasons.PROMPT_REASONS or item.reason == reasons.COPYRIGHT:
            page.signals.site_names.extend(site_names_in(item.text))
    paragraphs = [page.texts[i] for i in page.kept() if page.texts[i]]
    return Classified(paragraphs=paragraphs, removed=removed, signals=page.signals)


def _remove_templates(page: Page, options: CleanOptions) -> None:
    if not options.templates:
        return
    hits = [i for i, text in enumerate(page.texts) if normalized(text) in options.templates]
    prose = sum(page.prose)
    prose_hits = sum(1 for i in hits if page.prose[i])
    if prose and prose_hits > options.template_max_share * prose:
        return
    for i in hits:
        page.reason[i] = reasons.TEMPLATE


def _absorb(signals: Signals, meta: MetaLine) -> None:
    signals.published = signals.published or meta.published
    signals.byline = signals.byline or meta.byline
    signals.agency = signals.agency or meta.agency
    signals.dateline = signals.dateline or meta.dateline


def _mark_single_blocks(page: Page, budget: Budget) -> None:
    labelled_url: str | None = None
    first_url: str | None = None
    expect_url = False
    for i, block in enumerate(page.blocks):
        if i % _BUDGET_CHECK_BLOCKS == 0:
            budget.check("judging single blocks")
        if page.reason[i] is not None:
            continue
        meta = None if block.image or block.markup else meta_line(block.text)
        if meta is None:
            page.reason[i] = chrome_reason(block)
            expect_url = False
            continue
        page.reason[i] = meta.reason
        _absorb(page.signals, meta)
        if meta.url_label and meta.url is None:
            expect_url = True
            continue
        if meta.url:
            if meta.url_label or expect_url:
                labelled_url = labelled_url or meta.url
            first_url = first_url or meta.url
        expect_url = False
    page.signals.url = labelled_url or first_url


def _mark_glued_teasers(page: Page) -> None:
    """Teaser cards of other articles, recognised by their glued shape when a page lists them
    one after the other; only plain text loses the space between a card's headline and its
    excerpt, and a lone glued line may be a brand name ("TikTok") in the article."""
    if any(b.measured for b in page.blocks):
        return
    glued = [i for i in page.kept() if is_glued_teaser(page.texts[i])]
    for k, i in enumerate(glued):
        neighbours = glued[max(0, k - 1) : k] + glued[k + 1 : k + 2]
        if any(abs(i - j) <= _GLUED_MAX_GAP for j in neighbours):
            page.reason[i] = reasons.RELATED


def _mark_lead(page: Page) -> None:
    """Dateline lines and lead photo captions sit between the headline and the lede."""
    kept = page.kept()
    prose = [i for i in kept if page.prose[i]]
    if not prose:
        return
    lede_limit = prose[1] if len(prose) > 1 else prose[0]
    for i in kept:
        if i > lede_limit:
            break
        text = page.texts[i]
        if _ONLY_CAPS_PLACE.match(text) and word_count(text) <= 4 and not any(c.isdigit() for c in text):
            place = dateline_place(text)
            if place:
                page.reason[i] = reasons.DATELINE
                page.signals.dateline = page.signals.dateline or place
        elif i == prose[0] and len(prose) > 1 and _is_dated_caption(text):
            page.reason[i] = reasons.CAPTION


def _is_dated_caption(text: str) -> bool:
    """Agency captions end with the full date of the photo ("... in Moscow on Oct. 31, 2024.")."""
    if word_count(text) > _LEAD_CAPTION_MAX_WORDS or text.count(". ") > 1:
        return False
    found = find_date(text)
    if not found:
        return False
    value, match = found
    return "T" not in value and not text[match.end() :].strip(" .") and match.start() > 0


def _cut_comment_thread(page: Page) -> None:
    """Reader comments follow the article: from the first comment header after the body has
    begun, every line is the thread, however much prose it holds. A count of comments
    ("[ 48 comments ]") already removed as a share button opens the thread too when a fair
    share of the prose precedes it or a run of comment timestamps follows it."""
    stamps = _first_stamp_run(page)
    seen_prose = False
    start: int | None = None
    for i, reason in enumerate(page.reason):
        if reason is None and seen_prose and is_comment_header(page.texts[i]):
            start = i
            break
        if reason == reasons.SHARE and seen_prose and is_comment_count(page.texts[i]):
            stamped = stamps is not None and 0 < stamps - i <= _STAMP_MAX_GAP
            if stamped or _body_before(page, i):
                start = i
                break
        seen_prose = seen_prose or (reason is None and page.prose[i])
    if stamps is not None and (start is None or stamps < start) and _body_before(page, stamps):
        start = stamps
    if start is not None:
        for j in page.kept(start):
            page.reason[j] = reasons.SHARE


def _body_before(page: Page, start: int) -> bool:
    """A recent-comments box in a sidebar looks like a thread but sits before the article:
    a thread found by its timestamps follows a fair share of the page's prose."""
    before = sum(len(page.texts[i]) for i in page.kept_prose(0, start))
    after = sum(len(page.texts[i]) for i in page.kept_prose(start))
    return before >= _THREAD_MIN_BODY_SHARE * after


def _first_stamp_run(page: Page) -> int | None:
    """Reader comments each carry a timestamp line: three or more such lines at short, regular
    gaps after the body has begun open a thread even without a header. An article's own
    "updated 10:32" line stands alone, far from the next one."""
    kept = page.kept()
    first_prose = next((i for i in kept if page.prose[i]), None)
    if first_prose is None:
        return None
    stamps = [i for i in kept if i > first_prose and is_comment_stamp(page.texts[i])]
    for k in range(len(stamps) - _STAMP_RUN + 1):
        window = stamps[k : k + _STAMP_RUN]
        if all(b - a <= _STAMP_MAX_GAP for a, b in itertools.pairwise(window)):
            return window[0]
    return None


def _merge_prompt_blocks(page: Page, options: CleanOptions) -> None:
    prompts = [i for i, r in enumerate(page.reason) if r in reasons.PROMPT_REASONS]
    prose_before = [0]  # prose_before[i]: kept prose paragraphs among blocks[:i]
    for i, reason in enumerate(page.reason):
        prose_before.append(prose_before[-1] + (reason is None and page.prose[i]))
    total = prose_before[-1]
    for start, end in itertools.pairwise(prompts):
        if end - start - 1 > options.prompt_block_gap:
            continue
        gap = page.kept(start + 1, end)
        gap_prose = prose_before[end] - prose_before[start + 1]
        after = total - prose_before[end + 1]
        if gap and after <= _TAIL_PROSE_AFTER_PROMPTS and gap_prose < prose_before[start]:
            for i in gap:
                page.reason[i] = page.reason[start]


def _mark_outside_and_teasers(page: Page, options: CleanOptions) -> None:
    prose = page.kept_prose()
    first, last = (prose[0], prose[-1]) if prose else (len(page.blocks), -1)
    for i in page.kept():
        block = page.blocks[i]
        entry = block.kind != "heading" and _is_linkless_markup(block)
        if not (first < i < last or ends_sentence(page.texts[i]) or entry):
            page.reason[i] = reasons.NAVIGATION
    short = [
        i
        for i in page.kept(first, last)
        if is_headline_like(page.texts[i])
        and word_count(page.texts[i]) <= _SHORT_LINE_WORDS
        and not _is_linkless_markup(page.blocks[i])
    ]
    for run in runs(short):
        if len(run) >= _MENU_RUN:
            for i in run:
                page.reason[i] = reasons.NAVIGATION
    for i in page.kept(first, last):
        block, text = page.blocks[i], page.texts[i]
        if not is_headline_like(text):
            continue
        if block.links >= 0.5:
            page.reason[i] = reasons.RELATED
        elif block.kind == "item" or (block.kind != "heading" and _is_linkless_markup(block)):
            continue
        elif block.kind == "heading" or word_count(text) <= _SHORT_LINE_WORDS:
            if not (options.keep_subheadings or _is_crosshead(page, i)):
                page.reason[i] = reasons.SUBHEADING
        elif not _is_plain_list_entry(page, i):
            page.reason[i] = reasons.RELATED


def _is_plain_list_entry(page: Page, i: int) -> bool:
    """Plain text loses list bullets: a long line inside the body in sentence case, not title
    case, next to another such line or under a line ending with a colon, is an entry of the
    article's own list; a lone one between paragraphs is a teaser headline."""
    if not _is_entry_shaped(page, i):
        return False
    previous, following = page.kept(max(0, i - 1), i), page.kept(i + 1, i + 2)
    if previous and (page.texts[previous[0]].endswith(":") or _is_entry_shaped(page, previous[0])):
        return True
    return bool(following) and _is_entry_shaped(page, following[0])


def _is_entry_shaped(page: Page, i: int) -> bool:
    block, text = page.blocks[i], page.texts[i]
    return (
        not block.measured
        and is_headline_like(text)
        and word_count(text) >= _LIST_ENTRY_MIN_WORDS
        and not is_title_case(text)
    )


def _is_linkless_markup(block: Block) -> bool:
    """A line of the chosen HTML container with little link text is content (a schedule, a
    checklist, a table row), at the edges of the body or in a run of short lines: menus are
    made of links whatever the length of their entries. Plain text has no such evidence."""
    return block.measured and block.links < _CONTENT_ENTRY_MAX_LINKS


def _is_crosshead(page: Page, i: int) -> bool:
    """A short line inside the body that opens a paragraph of prose is the article's own
    crosshead, and so is an HTML heading over linkless content (a recipe's ingredients); one
    followed by links or more short lines heads a teaser box."""
    following = page.kept(i + 1, i + 2)
    if not following:
        return False
    block, next_block = page.blocks[i], page.blocks[following[0]]
    if page.prose[following[0]]:
        return True
    return block.kind == "heading" and next_block.kind != "heading" and _is_linkless_markup(next_block)


def _cut_trailing_credits(page: Page) -> list[Removed]:
    """Wire copy ends with its credit ("... the ministry said. - AFP")."""
    removed: list[Removed] = []
    for i, text in enumerate(page.texts):
        credit = _TRAILING_CREDIT.search(text) if page.reason[i] is None else None
        if credit and word_count(text) > 3:
            page.set_text(i, text[: credit.start()].rstrip())
            page.signals.agency = page.signals.agency or agency_of_credit(credit.group("agency"))
            removed.append(Removed(credit.group(0).strip(), reasons.AGENCY_CREDIT))
    return removed


def _cut_dateline(page: Page) -> list[Removed]:
    """Wire ledes open with their place and credit ("MOSCOW (AFP) - ..."); keep the sentence."""
    for i in page.kept()[:2]:
        text = page.texts[i]
        match = _CAPS_DATELINE.match(text) or _CREDITED_DATELINE.match(text)
        if not match or not is_prose(text[match.end() :]):
            continue
        agency = agency_of_credit(match.group("agency")) if match.group("agency") else None
        if match.group("agency") and agency is None:
            continue
        page.set_text(i, text[match.end() :])
        page.signals.dateline = page.signals.dateline or dateline_place(match.group("place"))
        page.signals.agency = page.signals.agency or agency
        return [Removed(match.group(0).strip(), reasons.DATELINE)]
    return []


def _cut_after_mainruns(page: Page) -> None:
    """In flattened text teaser excerpts after the body are prose too, but each sits alone
    between short headline lines: runs of prose far smaller than the longest one, after the
    last long run, are not the article. HTML pages were already cut to their container."""
    if any(b.measured for b in page.blocks):
        return
    prose = page.kept_prose()
    if not prose:
        return
    # Lines between two paragraphs separate them, unless they are echoes of the body itself.
    position = list(itertools.accumulate(reason != reasons.DUPLICATE for reason in page.reason))
    runs: list[list[int]] = [[prose[0]]]
    for previous, current in itertools.pairwise(prose):
        if position[current] - position[previous] > _MAX_RUN_GAP:
            runs.append([])
        runs[-1].append(current)
    sizes = [sum(len(page.texts[i]) for i in run) for run in runs]
    end = max(run[-1] for run, size in zip(runs, sizes, strict=True) if size >= _MAIN_RUN_SHARE * max(sizes))
    # Short sentences right under the body ("No arrests have been made.") close it; a teaser
    # excerpt sits under its own headline line instead.
    while end + 1 < len(page.blocks) and page.reason[end + 1] is None and ends_sentence(page.texts[end + 1]):
        end += 1
    for i in page.kept():
        if i > end:
            page.reason[i] = reasons.RELATED


def _mark_duplicates(page: Page) -> None:
    """A paragraph seen twice is a pull quote or a scraping echo; short linkless HTML lines
    repeat for real (the same serving size under each meal of a menu). Texts are compared
    by their normalized words, computed only for those with a same-sized twin."""
    candidates = [
        i for i in page.kept() if page.texts[i] and (page.prose[i] or not _is_linkless_markup(page.blocks[i]))
    ]
    sizes = [len(_WORDISH.findall(page.texts[i])) for i in candidates]
    twinned = {size for size, count in Counter(sizes).items() if count > 1}
    seen: set[str] = set()
    for i, size in zip(candidates, sizes, strict=True):
        if size not in twinned:
            continue
        key = normalized(page.texts[i])
        if not key:
            continue
        if key in seen:
            page.reason[i] = reasons.DUPLICATE
        seen.add(key)
