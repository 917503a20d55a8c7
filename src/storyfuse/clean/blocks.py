"""Plain text and markdown to blocks: the unit the boilerplate classifier judges.

A scraped page arrives as lines. Most lines are already paragraphs (one per line, or separated by
blank lines); hard-wrapped text is re-joined so that a paragraph is one block. Markdown syntax is
stripped while its hints are kept: a ``#`` heading is a title candidate, a list item may be a menu
entry, a bold trailer on a caption is a photo credit, link text tells how much of a line is links.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyfuse.clean.reasons import MARKUP


@dataclass(slots=True)
class Block:
    """One paragraph-like piece of a page.

    ``kind`` is "p", "heading" or "item" (list entry); ``level`` the heading level; ``links`` the
    share of characters inside links; ``credit`` a trailing emphasised phrase (markdown bold), the
    usual shape of a photo credit after a caption; ``markup`` a reason when the source line was
    only markup (an image, a rule) and holds no text; ``image`` that the line also showed an
    image, so its text is most likely that image's caption; ``measured`` that ``links`` was
    read from HTML markup, so a list entry without link text is content, not a menu entry.
    """

    text: str
    kind: str = "p"
    level: int = 0
    links: float = 0.0
    credit: str | None = None
    markup: str | None = None
    image: bool = False
    measured: bool = False


_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+\u2022\u00b7\u25aa\u25cf\u25e6\u2023\u2043\u2219]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT_RULE = re.compile(r"^\s{0,3}(=+|-+)\s*$")
_RULE = re.compile(r"^\s{0,3}(?:(?:[-*_]\s*){3,}|[=~]{3,})$")
_IMAGE = re.compile(r"!\[([^\]\n]*)\]\(([^)\n]*)\)")
_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\n]*)\)")
_REF_LINK = re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]")
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+|www\.[^>\s]+)>")
_TRAILING_STRONG = re.compile(r"(?:\*\*|__)([^*_\n]{2,120})(?:\*\*|__)\s*$")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_CODE = re.compile(r"`([^`\n]+)`")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TERMINAL = re.compile(r"[.!?;:][\"'\u201d\u2019\u00bb)\]]*$")


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space and drop invisible characters."""
    return " ".join(_ZERO_WIDTH.sub("", text).split())


def _strip_inline_markdown(line: str) -> tuple[str, float, str | None]:
    """Return the visible text, the share of it that was link text, and a trailing bold credit."""
    line = _IMAGE.sub("", line)
    line = _AUTOLINK.sub(r"\1", line)
    trailing = _TRAILING_STRONG.search(line)
    credit = squash(trailing.group(1)) if trailing else None
    link_chars = 0

    def _link_text(match: re.Match[str]) -> str:
        nonlocal link_chars
        link_chars += len(match.group(1).strip())
        return match.group(1)

    line = _LINK.sub(_link_text, line)
    line = _REF_LINK.sub(_link_text, line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\2", line)
    line = _CODE.sub(r"\1", line)
    line = _TAG.sub(" ", line)
    line = _ESCAPE.sub(r"\1", line)
    text = squash(line)
    links = min(1.0, link_chars / len(text)) if text else 0.0
    return text, links, credit


def _markdown_line(line: str) -> Block:
    """One markdown source line as a block (text empty when it was only markup)."""
    if _RULE.match(line) or _REF_DEFINITION.match(line) or _TABLE_RULE.match(line):
        return Block(text="", markup=MARKUP)
    heading = _HEADING.match(line)
    kind, level = "p", 0
    if heading:
        kind, level, line = "heading", len(heading.group(1)), heading.group(2)
    else:
        line = re.sub(r"^\s{0,3}(?:>\s?)+", "", line)
        marker = _LIST_MARKER.match(line)
        if marker:
            kind, line = "item", line[marker.end() :]
    if "|" in line and line.strip().startswith("|"):
        line = " ".join(cell.strip() for cell in line.strip().strip("|").split("|"))
    had_image = bool(_IMAGE.search(line))
    text, links, credit = _strip_inline_markdown(line)
    return Block(
        text=text,
        kind=kind,
        level=level,
        links=links,
        credit=credit,
        markup=MARKUP if not text else None,
        image=had_image and bool(text),
    )


def _text_line(line: str) -> Block:
    """One plain-text line as a block: only list markers carry meaning."""
    marker = _LIST_MARKER.match(line)
    if marker:
        return Block(text=squash(line[marker.end() :]), kind="item")
    return Block(text=squash(line))


def _wrap_width(lines: list[str]) -> int:
    """The column a hard-wrapped text breaks at, or 0 when lines are whole paragraphs.

    Wrapped text has many lines of nearly the same length close to a limit, typically 60-100.
    """
    lengths = [len(line.rstrip()) for line in lines if line.strip()]
    if len(lengths) < 6:
        return 0
    longest = max(lengths)
    if longest > 110:
        return 0
    near_limit = sum(1 for n in lengths if n >= 0.8 * longest)
    return longest if near_limit >= 0.4 * len(lengths) else 0


def _continues(previous: Block, current: Block, previous_line: str, width: int) -> bool:
    """Whether ``current`` is the continuation of a paragraph broken across lines."""
    if previous.kind == "heading" or current.kind != "p" or not previous.text or not current.text:
        return False
    if _TERMINAL.search(previous.text) and not width:
        return False
    if width:
        return len(previous_line.rstrip()) >= 0.6 * width
    return current.text[0].islower()


_MARKDOWN_SIGNS = (
    re.compile(r"^\s{0,3}#{1,6}\s+\S", re.MULTILINE),
    re.compile(r"\[[^\]\n]+\]\([^)\n]*\)"),
    re.compile(r"(?:\*\*|__)\S[^*\n]*\S(?:\*\*|__)"),
    re.compile(r"<(?:https?|ftp)://[^>\s]+>"),
    re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$", re.MULTILINE),
)
_MARKDOWN_SNIFF_CHARS = 20_000


def looks_like_markdown(content: str) -> bool:
    """Whether a page labelled plain text is written in markdown (scrapers often save ``.txt``).

    Two different kinds of markdown syntax are needed: one alone (a ``#hashtag`` line, a bold
    run) happens in plain text too.
    """
    head = content[:_MARKDOWN_SNIFF_CHARS]
    return sum(1 for sign in _MARKDOWN_SIGNS if sign.search(head)) >= 2


def split_text(content: str, markdown: bool = False) -> list[Block]:
    """Split a plain-text or markdown page into paragraph blocks.

    >>> [b.text for b in split_text("# Title\\n\\nFirst **bold** line.\\nSecond line.", markdown=True)]
    ['Title', 'First bold line.', 'Second line.']
    """
    lines = content.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    width = _wrap_width(lines)
    blocks: list[Block] = []
    previous_line = ""
    joinable = False
    for line in lines:
        if not line.strip():
            joinable = False
            continue
        if markdown and _SETEXT_RULE.match(line) and blocks and joinable and blocks[-1].kind == "p":
            blocks[-1].kind, blocks[-1].level = "heading", 1 if "=" in line else 2
            joinable = False
            continue
        block = _markdown_line(line) if markdown else _text_line(line)
        if not block.text:
            if block.markup:
                blocks.append(Block(text=squash(line), markup=block.markup))
            joinable = False
            continue
        if joinable and _continues(blocks[-1], block, previous_line, width):
            blocks[-1].text = f"{blocks[-1].text} {block.text}"
            blocks[-1].credit = block.credit
        else:
            blocks.append(block)
        previous_line = line
        joinable = True
    return blocks
