"""HTML pages to body blocks and page metadata.

The cascade (the numbers are repeated in the code):

1. Parse with lxml's forgiving HTML parser; an empty or unparsable page gives no blocks.
2. Read metadata from ``<title>``, Open Graph and article meta tags, the canonical link and
   JSON-LD (``headline``, ``datePublished``, ``author``, ``publisher``, ``articleBody``); see
   :mod:`storyfuse.clean.htmlmeta`.
3. Drop what is never body: scripts, styles, forms' controls, embeds, hidden elements; figure
   captions are kept aside as removed captions.
4. Score containers by the paragraphs they hold, in the manner of text-density extractors:
   each paragraph adds points (length, commas) to its parent and, less, to its grandparents; a
   container's score is damped by its link density and shifted by its class and id names
   ("article-body" up, "sidebar" down). ``itemprop="articleBody"`` and a good match with the
   JSON-LD ``articleBody`` outrank the score.
5. Siblings of the winner that score nearly as well, or are plain paragraphs, join it.
6. Inside the chosen containers, menus, asides, footers and elements whose class says "share",
   "related", "newsletter" ... are dropped, and the rest is flattened into blocks (paragraphs,
   headings, list items) that the same classifier as for plain text then judges.

All passes are linear in the size of the page; a time budget is checked between them, and a
page nested deeper than the parser allows is read as lines of text (:mod:`storyfuse.clean.limits`).
"""

from __future__ import annotations

import heapq
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from storyfuse.clean import reasons
from storyfuse.clean.blocks import Block, split_text, squash
from storyfuse.clean.htmlmeta import PageMeta, read_meta
from storyfuse.clean.limits import Budget, markup_to_lines
from storyfuse.clean.names import BODY_CLASS, class_tokens, is_chrome_named, is_comments_named
from storyfuse.clean.sections import prose_lengths, section_group, widen_to_core
from storyfuse.clean.tree import drop_tag, drop_tree, text_of
from storyfuse.models import Removed


@dataclass(slots=True)
class HtmlPage:
    """The blocks of a page's main content, captions set aside, and the page's metadata."""

    blocks: list[Block] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    meta: PageMeta = field(default_factory=PageMeta)


_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=True)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_NEVER_BODY = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "input",
        "link",
        "meta",
        "head",
        "map",
        "dialog",
    }
)
_CONTROLS = frozenset({"button", "select", "textarea", "option", "label"})
_SCANNED_TAGS = _NEVER_BODY | _CONTROLS | {"form", "figure", "figcaption"}
# One C-level pass per question instead of a Python visit of every element: the tags that are
# never body (with comments and other non-element nodes), and the elements that may be hidden.
_NEVER_BODY_SCAN = (*sorted(_SCANNED_TAGS), etree.Comment, etree.ProcessingInstruction, etree.Entity)
_MAY_HIDE = "descendant-or-self::*[@hidden or @aria-hidden or @style]"
_WRAPPER_MAX_CHARS = 2000
_CHROME_TAGS = frozenset({"nav", "aside", "footer", "menu"})
_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "header",
        "footer",
        "nav",
        "aside",
        "figure",
        "figcaption",
        "address",
        "center",
        "hr",
        "br",
        "form",
        "fieldset",
        "details",
        "summary",
        "body",
        "html",
    }
)
_DIV_LIKE = frozenset({"div", "section", "article", "main", "td", "center"})
_CELLS = frozenset({"td", "th"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CLASS_WEIGHT = 25.0
_FULL_WEIGHT_CHARS = 1000
_INSIDE_CHROME_FACTOR = 0.2
_MIN_PARAGRAPH_CHARS = 25
_HINT_MIN_WORDS = 50
_MAX_CHUNK_LEVELS = 3
_ALIKE_SHARE = 0.5
_TOKEN = re.compile(r"\w+")
_HINT_MIN_F1 = 0.5
_HIDDEN_PROSE_SHARE = 0.5


def parse_html(content: str, budget: Budget | None = None) -> HtmlPage:
    """Extract the main-content blocks, captions and metadata of one HTML page.

    ``budget`` is checked between the steps and raises :class:`storyfuse.errors.TimeLimitError`
    when spent.

    >>> page = parse_html("<html><body><nav><a href='/'>Home</a></nav><article><h1>Port shut</h1>"
    ...                   "<p>Officials shut the port on Monday, citing the storm, the agency said.</p>"
    ...                   "</article></body></html>")
    >>> [b.text for b in page.blocks]
    ['Port shut', 'Officials shut the port on Monday, citing the storm, the agency said.']
    """
    budget = budget or Budget(None)
    root, complete = _parse(content)  # 1
    if root is None:
        return HtmlPage()
    meta = read_meta(root)  # 2
    if not complete:
        return HtmlPage(blocks=split_text(markup_to_lines(content)), meta=meta)
    body = root.find("body")
    if body is None:
        body = root
    budget.check("reading HTML metadata")
    captions = _drop_never_body(body)  # 3
    lengths, link_lengths, own_lengths = _text_lengths(body)
    budget.check("measuring HTML text")
    containers = _choose_containers(body, lengths, link_lengths, own_lengths, meta.article_body)  # 4, 5
    blocks: list[Block] = []
    for container in containers:
        budget.check("flattening the HTML body")
        _drop_chrome(container, lengths)  # 6
        blocks.extend(_flatten(container))
    return HtmlPage(blocks=blocks, removed=[Removed(c, reasons.CAPTION) for c in captions], meta=meta)


def _parse(content: str) -> tuple[Any, bool]:
    """The page's tree, and whether the parser read all of it: libxml2 stops at elements
    nested deeper than its limit and silently drops the rest of the page."""
    content = _XML_DECLARATION.sub("", content, count=1).replace("\x00", "")
    if not content.strip():
        return None, True
    try:
        root = etree.fromstring(content, parser=_PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return None, True
    if root is None:
        return None, True
    complete = not any(error.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for error in _PARSER.error_log)
    return root, complete


def _text(element: Any) -> str:
    return squash(text_of(element)) if element is not None else ""


def _is_hidden(element: Any) -> bool:
    return (
        element.get("hidden") is not None
        or (element.get("aria-hidden") or "").lower() == "true"
        or bool(_HIDDEN_STYLE.search(element.get("style") or ""))
    )


def _paragraph_chars(element: Any) -> int:
    return sum(len(text_of(p)) for p in element.iter("p"))


def _holds_page_prose(element: Any, page_prose: int) -> bool:
    """Client-rendered pages stream the article into a hidden container that a script moves
    into place; a hidden element holding most of the page's paragraph text is that article."""
    return page_prose > 0 and _paragraph_chars(element) >= _HIDDEN_PROSE_SHARE * page_prose


def _drop_never_body(body: Any) -> list[str]:
    """Remove elements that never hold article text; return the figure captions removed."""
    page_prose = -1  # counted on the first hidden element: most pages have none
    doomed: list[Any] = []
    unwrapped: list[Any] = []
    captions: list[str] = []
    for element in body.iter(*_NEVER_BODY_SCAN):
        if not isinstance(element.tag, str):
            doomed.append(element)
            continue
        tag = element.tag.lower()
        if tag == "figcaption":
            caption = _text(element)
            if caption and caption not in captions:
                captions.append(caption)
        if tag in _CONTROLS or tag in {"form", "figure"}:
            # The parser nests the rest of a page inside an unclosed control or form; a big one
            # is unwrapped, keeping its text, instead of removed.
            if len(text_of(element)) < _WRAPPER_MAX_CHARS:
                doomed.append(element)
            elif tag in _CONTROLS:
                unwrapped.append(element)
        elif tag in _NEVER_BODY or tag == "figcaption":
            doomed.append(element)
    for element in body.xpath(_MAY_HIDE):
        if element.tag in _SCANNED_TAGS or not _is_hidden(element):
            continue
        page_prose = _paragraph_chars(body) if page_prose < 0 else page_prose
        if not _holds_page_prose(element, page_prose):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            drop_tree(element)
    for element in unwrapped:
        if element.getparent() is not None:
            drop_tag(element)
    return captions


def _text_lengths(body: Any) -> tuple[dict[Any, int], dict[Any, int], dict[Any, int]]:
    """Characters of text under each element, of that inside links, and of the element's own
    text outside its child elements, in one bottom-up pass."""
    lengths: dict[Any, int] = {}
    link_lengths: dict[Any, int] = {}
    own_lengths: dict[Any, int] = {}
    for element in reversed(list(body.iter())):
        if not isinstance(element.tag, str):
            continue
        own = len((element.text or "").strip())
        total, linked = 0, 0
        for child in element:
            own += len((child.tail or "").strip())
            total += lengths.get(child, 0)
            linked += link_lengths.get(child, 0)
        lengths[element] = total + own
        own_lengths[element] = own
        link_lengths[element] = total + own if element.tag == "a" else linked
    return lengths, link_lengths, own_lengths


def _class_weight(element: Any, length: int) -> float:
    weight = 0.0
    if is_chrome_named(element):
        weight -= _CLASS_WEIGHT
    elif any(BODY_CLASS.match(piece) for pieces in class_tokens(element) for piece in pieces):
        weight += _CLASS_WEIGHT
    if (element.get("itemprop") or "").lower() == "articlebody":
        weight += 4 * _CLASS_WEIGHT
    return weight * min(1.0, length / _FULL_WEIGHT_CHARS)


def _has_block_child(element: Any) -> bool:
    return any(isinstance(child.tag, str) and child.tag in _BLOCK_TAGS - {"br"} for child in element)


def _direct_text(element: Any) -> str:
    return " ".join([element.text or "", *(child.tail or "" for child in element)])


def _inside_chrome(body: Any, elements: list[Any]) -> set[Any]:
    """Those of ``elements`` that are, or sit inside, an element named as chrome (comments,
    sidebars); only the ancestors of ``elements`` are looked at, each once."""
    known: dict[Any, bool] = {}
    for element in elements:
        chain: list[Any] = []
        ancestor, answer = element, False
        while ancestor is not None:
            if ancestor in known:
                answer = known[ancestor]
                break
            chain.append(ancestor)
            if is_chrome_named(ancestor):
                answer = True
                break
            ancestor = None if ancestor is body else ancestor.getparent()
        for visited in chain:
            known[visited] = answer
    return {element for element in elements if known[element]}


def _score_containers(
    body: Any, lengths: dict[Any, int], link_lengths: dict[Any, int], own_lengths: dict[Any, int]
) -> dict[Any, float]:
    """Readability-style scores: paragraphs credit their parent fully and grandparents less."""
    scores: dict[Any, float] = defaultdict(float)
    for element in body.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in {"p", "pre"} or (tag in _DIV_LIKE and not _has_block_child(element)):
            length, text, first = lengths.get(element, 0), text_of(element), element.getparent()
        elif tag in _DIV_LIKE and own_lengths.get(element, 0) >= _MIN_PARAGRAPH_CHARS:
            length, text, first = own_lengths[element], _direct_text(element), element
        else:
            continue
        if length < _MIN_PARAGRAPH_CHARS:
            continue
        links = (
            min(1.0, link_lengths.get(element, 0) / lengths.get(element, 1)) if first is not element else 0.0
        )
        points = (1 + text.count(",") + text.count("\u3001") + min(length / 100, 3)) * (1 - links)
        ancestor = first
        for divisor in (1, 2, 6):
            if ancestor is None:
                break
            scores[ancestor] += points / divisor
            ancestor = ancestor.getparent()
    chrome = _inside_chrome(body, list(scores))
    for element in list(scores):
        length = lengths.get(element, 0) or 1
        density = link_lengths.get(element, 0) / length
        damp = _INSIDE_CHROME_FACTOR if element in chrome else 1.0
        scores[element] = (scores[element] + _class_weight(element, length)) * (1 - density) * damp
    return scores


def _choose_containers(
    body: Any,
    lengths: dict[Any, int],
    link_lengths: dict[Any, int],
    own_lengths: dict[Any, int],
    hint: str | None,
) -> list[Any]:
    scores = _score_containers(body, lengths, link_lengths, own_lengths)
    if not scores:
        return [body]
    marked = [
        e
        for e in body.xpath("descendant-or-self::*[@itemprop]")
        if e.get("itemprop").lower() == "articlebody"
    ]
    marked = [e for e in marked if lengths.get(e, 0) >= 200]
    if marked:
        return [max(marked, key=lambda e: lengths.get(e, 0))]
    top = _common_ancestor(max(scores, key=lambda e: scores[e]), scores)
    hinted = _best_hint_match(scores, hint)
    if hinted is not None:
        return [hinted]
    prose = prose_lengths(body, lengths, link_lengths)
    chosen = section_group(top, prose, lengths, link_lengths) or _with_siblings(
        top, scores, lengths, link_lengths
    )
    return widen_to_core(body, chosen, prose)


def _common_ancestor(top: Any, scores: dict[Any, float]) -> Any:
    """Long articles are often cut into sibling chunks (between ads) that score alike; their
    closest common ancestor, when it is near, holds the whole article."""
    lineage = [top]
    while len(lineage) <= _MAX_CHUNK_LEVELS and lineage[-1].getparent() is not None:
        lineage.append(lineage[-1].getparent())
    ancestors = set(lineage[1:])
    alike = [
        e
        for e, score in scores.items()
        if e is not top and e not in ancestors and score >= _ALIKE_SHARE * scores[top]
    ]
    best = top
    for element in alike:
        if any(a is top for a in element.iterancestors()):
            continue
        shared = next((a for a in element.iterancestors() if a in ancestors), None)
        if (
            shared is not None
            and shared.tag not in {"body", "html"}
            and lineage.index(shared) > lineage.index(best)
        ):
            best = shared
    return best


def _tokens(text: str) -> list[str]:
    """Lower-cased word tokens: a cheap bag of words for comparing large texts."""
    return _TOKEN.findall(text.lower())


def _best_hint_match(scores: dict[Any, float], hint: str | None) -> Any:
    """The candidate whose words best match the JSON-LD ``articleBody``, when that is clear."""
    if not hint:
        return None
    hint_words = Counter(_tokens(hint))
    if sum(hint_words.values()) < _HINT_MIN_WORDS:
        return None
    best, best_f1 = None, _HINT_MIN_F1
    for element in heapq.nlargest(10, scores, key=scores.__getitem__):
        for candidate in (element, element.getparent()):
            if candidate is None:
                continue
            found = Counter(_tokens(text_of(candidate)))
            common = sum((found & hint_words).values())
            if not common:
                continue
            precision, recall = common / sum(found.values()), common / sum(hint_words.values())
            f1 = 2 * precision * recall / (precision + recall)
            if f1 > best_f1:
                best, best_f1 = candidate, f1
    return best


def _with_siblings(
    top: Any, scores: dict[Any, float], lengths: dict[Any, int], link_lengths: dict[Any, int]
) -> list[Any]:
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(10.0, scores[top] * 0.2)
    chosen = []
    for sibling in parent:
        if not isinstance(sibling.tag, str):
            continue
        if sibling is top or scores.get(sibling, 0.0) >= threshold:
            chosen.append(sibling)
            continue
        if sibling.tag != "p":
            continue
        length = lengths.get(sibling, 0)
        density = link_lengths.get(sibling, 0) / length if length else 1.0
        text = _text(sibling)
        if (length > 80 and density < 0.25) or (0 < length <= 80 and density == 0 and text.endswith(".")):
            chosen.append(sibling)
    return chosen


def _drop_chrome(container: Any, lengths: dict[Any, int]) -> None:
    """Remove menus, asides and elements named as chrome inside the chosen container.

    A class name is only a hint: when the elements it marks hold most of the container's text,
    the site uses the word for its layout ("widget", "sidebar-layout"), and they stay; reader
    comments go whatever their share, since a lively thread easily outgrows the article.
    """
    total = lengths.get(container, 0) or 1
    by_tag: list[Any] = []
    by_name: list[Any] = []
    pending = list(reversed(container))
    while pending:  # pre-order walk that does not enter an element already marked
        element = pending.pop()
        if not isinstance(element.tag, str):
            continue
        if element.tag in _CHROME_TAGS and lengths.get(element, 0) < 0.5 * total:
            by_tag.append(element)
        elif is_chrome_named(element):
            by_name.append(element)
        else:
            pending.extend(reversed(element))
    if sum(lengths.get(e, 0) for e in by_name) >= 0.5 * total:
        by_name = [e for e in by_name if is_comments_named(e)]
    for element in by_tag + by_name:
        drop_tree(element)


def _is_plain_cell(cell: Any) -> bool:
    """A data cell holds inline text only; a layout cell holds paragraphs and stays a block."""
    return not _has_block_child(cell)


def _flatten(container: Any) -> list[Block]:
    """Walk the container once and cut its text into blocks at block-level boundaries."""
    blocks: list[Block] = []
    parts: list[str] = []
    link_chars = 0
    link_depth = 0
    stack: list[str] = []

    def flush() -> None:
        nonlocal link_chars
        text = squash("".join(parts))
        if text:
            kind = (
                "heading"
                if stack and stack[-1] in _HEADINGS
                else "item"
                if stack and stack[-1] in {"li", "tr"}
                else "p"
            )
            level = int(stack[-1][1]) if kind == "heading" else 0
            links = min(1.0, link_chars / len(text))
            blocks.append(Block(text=text, kind=kind, level=level, links=links, measured=True))
        parts.clear()
        link_chars = 0

    def add(text: str | None) -> None:
        nonlocal link_chars
        if text:
            parts.append(text)
            if link_depth:
                link_chars += len(text.strip())

    for event, element in etree.iterwalk(container, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        is_block = tag in _BLOCK_TAGS and not (tag in _CELLS and _is_plain_cell(element))
        if tag in _CELLS and not is_block:
            parts.append(" ")  # a table row of plain cells is one line, like a list entry
        if event == "start":
            if is_block:
                flush()
                stack.append(tag)
            if tag == "a":
                link_depth += 1
            add(element.text)
            continue
        if is_block:
            flush()
            stack.pop()
        if tag == "a":
            link_depth -= 1
        if element is not container:
            add(element.tail)
    flush()
    return blocks
