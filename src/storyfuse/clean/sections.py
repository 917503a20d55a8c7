"""Widening the chosen container to a body cut into sections.

The container scorer credits a paragraph to its parent and, less, to two more ancestors, so a body
split into deep sibling sections (numbered chapters, layout columns, one wrapper per paragraph)
gets one section chosen. These passes add the rest, judged by paragraph text outside links.
"""

from __future__ import annotations

import re
from typing import Any

from storyfuse.clean.names import is_chrome_named

_DIGITS = re.compile(r"\d+")
_ALIKE_CLASS_SHARE = 0.5
_SECTION_MIN_PROSE = 150
_SECTION_MAX_LINKS = 0.3
_SECTION_PARENT_SHARE = 0.6
_MAX_SECTION_LEVELS = 6
_MIN_PROSE_COVER = 0.6
_CORE_PROSE_SHARE = 0.6
_MIN_CORE_SECTIONS = 3


def widen_to_core(body: Any, chosen: list[Any], prose: dict[Any, int]) -> list[Any]:
    """The prose core of the page instead of ``chosen`` when ``chosen`` holds little of the
    page's paragraph text, sits inside the core, and the core is a run of sections."""
    if sum(prose.get(e, 0) for e in chosen) >= _MIN_PROSE_COVER * prose.get(body, 0):
        return chosen
    core = _prose_core(body, prose)
    sections = sum(1 for child in core if prose.get(child, 0) >= _SECTION_MIN_PROSE)
    if (
        core is not body
        and sections >= _MIN_CORE_SECTIONS
        and any(a is core for e in chosen for a in e.iterancestors())
    ):
        return [core]
    return chosen


def _prose_core(body: Any, prose: dict[Any, int]) -> Any:
    """The smallest element holding most of the page's paragraph text, walking down from body.

    When the chosen container holds little of that text and sits inside this core, the body is
    a run of unnamed sections the scorer credited one of, and the core is the article.
    """
    element = body
    while True:
        share = _CORE_PROSE_SHARE * prose.get(element, 0)
        child = next((c for c in element if prose.get(c, 0) >= share), None)
        if child is None:
            return element
        element = child


def prose_lengths(body: Any, lengths: dict[Any, int], link_lengths: dict[Any, int]) -> dict[Any, int]:
    """Characters of paragraph text outside links under each element, bottom-up."""
    prose: dict[Any, int] = {}
    for element in reversed(list(body.iter())):
        if element.tag == "p":
            prose[element] = lengths.get(element, 0) - link_lengths.get(element, 0)
        else:
            prose[element] = sum(prose.get(child, 0) for child in element)
    return prose


def _class_names(element: Any) -> frozenset[str]:
    """Class names without the numbers that tell generated siblings apart ("sect1", "sect2")."""
    return frozenset(_DIGITS.sub("", name) for name in (element.get("class") or "").lower().split())


def _alike(element: Any, other: Any) -> bool:
    if other.tag != element.tag:
        return False
    names, other_names = _class_names(element), _class_names(other)
    if not names or not other_names:
        return not names and not other_names and element.tag == "section"
    return len(names & other_names) >= _ALIKE_CLASS_SHARE * len(names | other_names)


def section_group(
    top: Any, prose: dict[Any, int], lengths: dict[Any, int], link_lengths: dict[Any, int]
) -> list[Any]:
    """A body cut into sibling sections of one kind (numbered chapters, layout columns) that the
    scorer credits only one of: the highest such run of prose-dense siblings above the winner
    joins it, or their parent when they hold most of its prose.

    Empty when the winner's ancestors have no such siblings.
    """

    def dense(element: Any) -> bool:
        length = lengths.get(element, 0) or 1
        return (
            prose.get(element, 0) >= _SECTION_MIN_PROSE
            and link_lengths.get(element, 0) / length < _SECTION_MAX_LINKS
            and not is_chrome_named(element)
        )

    group: list[Any] = []
    element = top
    for _ in range(_MAX_SECTION_LEVELS):
        parent = element.getparent()
        if parent is None or parent.tag in {"body", "html"}:
            break
        alike = [
            s for s in parent if s is element or (isinstance(s.tag, str) and _alike(element, s) and dense(s))
        ]
        if len(alike) >= 2:
            group = alike
        element = parent
    if not group:
        return []
    parent = group[0].getparent()
    if sum(prose.get(s, 0) for s in group) >= _SECTION_PARENT_SHARE * prose.get(parent, 0):
        return [parent]
    return group
