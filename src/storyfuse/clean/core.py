"""The cleaning stage: a raw page in, a clean article with its metadata out."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from storyfuse.clean import reasons
from storyfuse.clean.blocks import looks_like_markdown, split_text
from storyfuse.clean.boilerplate import classify
from storyfuse.clean.html import parse_html
from storyfuse.clean.htmlmeta import PageMeta
from storyfuse.clean.limits import Budget, cap_markup, cap_text
from storyfuse.clean.metadata import agency_of_credit, date_from_url, parse_date
from storyfuse.clean.options import CleanOptions
from storyfuse.clean.outlets import article_keys, outlet_name
from storyfuse.clean.page import Signals
from storyfuse.errors import StoryfuseError
from storyfuse.models import Article, Problem, RawDocument, Removed
from storyfuse.text import normalized

# The separators a ``<title>`` puts between the headline and the site's name.
_TITLE_PARTS = re.compile(r"\s+[-|\u2013\u2014:\u00bb]\s+|\s+::\s+")


def clean(raw: RawDocument, options: CleanOptions | None = None) -> Article:
    """Turn one page (plain text, markdown or HTML) into body paragraphs and metadata.

    Pure: odd input gives an article with fewer or no paragraphs. The only error is
    :class:`storyfuse.errors.TimeLimitError`, when the page takes longer than
    ``options.time_limit``; a page over ``options.max_chars`` is cut, the cut recorded as a
    removal. The corpus hints on ``raw`` (title, published, url, outlet) win over what the page says.

    >>> lede = "Officials shut the port on Monday as the storm hit, the agency said."
    >>> page = f"Port shut after storm\\nMARSEILLE\\n{lede}\\nSign up for our newsletter"
    >>> article = clean(RawDocument("a1", "a1.txt", page, "text"))
    >>> article.title, article.dateline, article.paragraphs == [lede]
    ('Port shut after storm', 'Marseille', True)
    """
    options = options or CleanOptions()
    budget = Budget(options.time_limit)
    meta = PageMeta()
    removed: list[Removed] = []
    if raw.format == "html":
        content, unread = cap_markup(raw.content, options.max_chars)
        page = parse_html(content, budget)
        blocks, meta = page.blocks, page.meta
        removed.extend(page.removed)
        if sum(len(b.text) for b in blocks) < options.html_min_chars and meta.article_body:
            blocks = split_text(meta.article_body)
    else:
        content, unread = cap_text(raw.content, options.max_chars)
        markdown = raw.format == "markdown" or looks_like_markdown(content)
        blocks = split_text(content, markdown=markdown)
    budget.check("splitting the page into blocks")
    result = classify(blocks, raw.title or meta.title, options, budget, raw.url or meta.url)
    if unread:
        result.removed.append(Removed(unread, reasons.UNREAD))
    signals = result.signals
    url = raw.url or meta.url or signals.url
    return Article(
        id=raw.id,
        path=raw.path,
        paragraphs=result.paragraphs,
        removed=removed + result.removed,
        title=raw.title or _title(meta, signals),
        published=_published(raw, meta, signals, url),
        outlet=raw.outlet or _outlet(meta, signals, url, raw.title or meta.title),
        byline=signals.byline or meta.author,
        url=url,
        agency=signals.agency or (agency_of_credit(meta.author) if meta.author else None),
        dateline=signals.dateline,
    )


def clean_or_problem(raw: RawDocument, options: CleanOptions | None = None) -> Article | Problem:
    """:func:`clean` for batch stages: a page that fails (its time limit spent, or a bug) becomes
    a :class:`Problem` naming it, so one page never stops a corpus run.

    >>> slow = CleanOptions(time_limit=1e-9)
    >>> print(clean_or_problem(RawDocument("a", "a.txt", "Port shut.\\n" * 2000, "text"), slow))
    ... # doctest: +ELLIPSIS
    a.txt: [SF400] cleaning stopped after ...
    """
    try:
        return clean(raw, options)
    except StoryfuseError as exc:
        return Problem(raw.path, str(exc))
    except Exception as exc:  # a bug on one page must not lose the others
        return Problem(raw.path, f"cleaning failed: {type(exc).__name__}: {exc}")


def clean_with_template(
    raw: RawDocument, first: Article, template: Iterable[str], options: CleanOptions
) -> Article:
    """``raw`` cleaned again with its outlet's ``template`` lines, or its ``first`` cleaning when
    there is no template or the second pass fails: learning a template must never lose a page."""
    lines = frozenset(template)
    if not lines:
        return first
    again = clean_or_problem(raw, options.with_templates(lines))
    return again if isinstance(again, Article) else first


def _title(meta: PageMeta, signals: Signals) -> str | None:
    """The page's headline; a ``<title>`` usually appends the site name, the headline on the page
    does not, so the page's own line wins when it is part of the declared title."""
    if signals.title and (not meta.title or normalized(signals.title) in normalized(meta.title)):
        return signals.title
    return meta.title or signals.title


def _published(raw: RawDocument, meta: PageMeta, signals: Signals, url: str | None) -> str | None:
    if raw.published:
        return parse_date(raw.published) or raw.published
    declared = parse_date(meta.published) if meta.published else None
    return declared or signals.published or (date_from_url(url) if url else None)


def _outlet(meta: PageMeta, signals: Signals, url: str | None, title: str | None) -> str | None:
    """The declared site name, else a name the declared title ends with ("… - WKRN News 2"),
    else the name the page's prompts give most often, whichever first fits the page's address
    (:func:`storyfuse.clean.outlets.outlet_name`)."""
    title_names = _TITLE_PARTS.split(title)[:0:-1] if title else []
    prompt_names = (name for name, _ in Counter(signals.site_names).most_common())
    return outlet_name([meta.site_name or "", *title_names, *prompt_names], url)


def learn_templates(
    raws: Sequence[RawDocument],
    articles: Sequence[Article | None],
    min_pages: int = 3,
    min_share: float = 0.5,
) -> dict[str, frozenset[str]]:
    """Per outlet key (:func:`storyfuse.clean.outlets.article_keys`: one per site, whatever
    name or host variant its pages give), the lines that recur on many of its pages about
    different stories.

    A donation appeal or a "follow us" line that closes every article of a site is its page
    template, whatever its words. A line is template when it is on at least ``min_pages``
    pages of the outlet, or on ``min_share`` of them (never fewer than two); pages count as
    different only when their titles (or ledes) differ, so two versions of one story do not
    teach their shared paragraphs as template. ``articles`` are the first-pass cleanings of
    ``raws``, in the same order; keys are :func:`storyfuse.text.normalized` lines, ready for
    :meth:`CleanOptions.with_templates`.

    >>> def page(i, story):
    ...     lede = f"The council met on day {story} and voted, officials said."
    ...     text = f"Story {story}\\n{lede}\\nBack our work"
    ...     return RawDocument(str(i), f"{i}.txt", text, "text", outlet="Daily")
    >>> raws = [page(i, i) for i in range(3)]
    >>> learn_templates(raws, [clean(r) for r in raws])
    {'daily': frozenset({'back our work'})}
    """
    pages: dict[str, dict[str, set[str]]] = defaultdict(dict)
    for raw, article, key in zip(raws, articles, article_keys(articles), strict=False):
        if article is None or not key:
            continue
        identity = normalized(article.title or "") or normalized(
            article.paragraphs[0] if article.paragraphs else raw.id
        )
        lines = {normalized(p) for p in article.paragraphs} | {normalized(r.text) for r in article.removed}
        pages[key].setdefault(identity, set()).update(line for line in lines if line)
    templates: dict[str, frozenset[str]] = {}
    for outlet, by_story in pages.items():
        if len(by_story) < min_pages:
            continue
        threshold = max(2, min(min_pages, math.ceil(min_share * len(by_story))))
        counts = Counter(line for lines in by_story.values() for line in lines)
        learned = frozenset(line for line, count in counts.items() if count >= threshold)
        if learned:
            templates[outlet] = learned
    return templates
