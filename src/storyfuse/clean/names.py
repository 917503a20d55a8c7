"""What class and id names say about an element: page chrome, comments, or article body."""

from __future__ import annotations

import functools
import re
from typing import Any

CHROME_CLASS = re.compile(
    r"^(?:ad|ads|adv|advert\w*|adslot|banner\w*|breadcrumbs?|comments?|commentlist|consent|cookie\w*|disqus"
    r"|footer\w*|gdpr|login|masthead|menu\w*|modal|nav|navbar|navigation|newsletter\w*|outbrain|pagination"
    r"|popup|promo\w*|recirc\w*|recommend\w*|related\w*|share\w*|sharing|sharebar|sidebar\w*|social\w*"
    r"|sponsor\w*|subscri\w*|taboola|toolbar|trending\w*|signup|paywall|popular|tags?|topics"
    r"|skip|jump|moreon|readmore|enlarge|caption|credit|photocredit)$"
)
BODY_CLASS = re.compile(
    r"^(?:article\w*|body|content|entry|main|post|story\w*|text|prose|copy|richtext|blog|news|page)$"
)
COMMENTS_CLASS = re.compile(r"^(?:comments?|commentlist|disqus|respond)$")
_CLASS_SPLIT = re.compile(r"[\s_\-]+")


def class_tokens(element: Any) -> list[list[str]]:
    """Each class and id name of ``element`` as its words ("post-body" -> ["post", "body"])."""
    return _split_names(element.get("class") or "", element.get("id") or "")


@functools.lru_cache(maxsize=4096)
def _split_names(classes: str, identifier: str) -> list[list[str]]:
    """Class and id names cut into words; pages repeat a few class strings many times."""
    names = f"{classes} {identifier}".lower().split()
    return [[piece for piece in _CLASS_SPLIT.split(name) if piece] for name in names]


def is_chrome_named(element: Any) -> bool:
    """Chrome names put the chrome word first or last ("comment-body", "article-footer");
    a chrome word in the middle describes a layout ("content-with-sidebar-wrapper")."""
    return _names_match(element.get("class") or "", element.get("id") or "", CHROME_CLASS)


def is_comments_named(element: Any) -> bool:
    """Named as a reader-comment thread, which is never body whatever its share of the text."""
    return _names_match(element.get("class") or "", element.get("id") or "", COMMENTS_CLASS)


@functools.lru_cache(maxsize=4096)
def _names_match(classes: str, identifier: str, words: re.Pattern[str]) -> bool:
    return any(
        pieces and (words.match(pieces[0]) or words.match(pieces[-1]))
        for pieces in _split_names(classes, identifier)
    )
