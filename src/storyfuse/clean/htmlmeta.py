"""Metadata a page declares in its markup: meta tags, the canonical link and JSON-LD.

Declared metadata is more reliable than anything inferred from the text, so the cleaner prefers
it: JSON-LD ``headline`` and ``datePublished`` first, then Open Graph and article meta tags.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from storyfuse.clean.blocks import squash
from storyfuse.clean.tree import text_of

_ARTICLE_TYPES = re.compile(r"article|posting|report|story|blog", re.IGNORECASE)


@dataclass(slots=True)
class PageMeta:
    """Metadata a page declares in its markup."""

    title: str | None = None
    site_name: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    article_body: str | None = None


def read_meta(root: Any) -> PageMeta:
    """Title, site name, date, author, url and JSON-LD article body declared by the page."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = squash(meta.get("content") or "")
        if key and value and key not in found:
            found[key] = value
    canonical = next(
        (link.get("href") for link in root.iter("link") if (link.get("rel") or "").lower() == "canonical"),
        None,
    )
    title_element = root.find(".//title")
    page_title = squash(text_of(title_element)) if title_element is not None else None
    ld = _json_ld_article(root)
    return PageMeta(
        title=_first(ld.get("headline"), found.get("og:title"), found.get("twitter:title"), page_title),
        site_name=_first(found.get("og:site_name"), ld.get("publisher"), found.get("application-name")),
        published=_first(
            ld.get("datePublished"),
            found.get("article:published_time"),
            found.get("datepublished"),
            found.get("pubdate"),
            found.get("date"),
            found.get("dc.date"),
            found.get("sailthru.date"),
            found.get("parsely-pub-date"),
        ),
        author=_first(ld.get("author"), found.get("author"), found.get("article:author"), found.get("byl")),
        url=_first(canonical, found.get("og:url"), ld.get("url")),
        article_body=ld.get("articleBody"),
    )


def _first(*values: str | None) -> str | None:
    return next((v.strip() for v in values if v and v.strip()), None)


def _json_ld_article(root: Any) -> dict[str, str]:
    """The first JSON-LD object typed as an article, flattened to the few fields we read."""
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        for item in _json_objects(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                return _article_fields(item)
    return {}


def _json_objects(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [obj for entry in data for obj in _json_objects(entry)]
    if not isinstance(data, dict):
        return []
    graph = data.get("@graph")
    return [data, *_json_objects(graph)] if graph else [data]


def _names(value: Any) -> str | None:
    if isinstance(value, str):
        return squash(value) or None
    if isinstance(value, dict):
        return _names(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_names(v) for v in value) if n]
        return ", ".join(dict.fromkeys(names)) or None
    return None


def _article_fields(item: dict[str, Any]) -> dict[str, str]:
    page = item.get("mainEntityOfPage")
    page_url = page.get("@id") if isinstance(page, dict) else page
    raw = {
        "headline": _names(item.get("headline")),
        "datePublished": _names(item.get("datePublished")),
        "author": _names(item.get("author")),
        "publisher": _names(item.get("publisher")),
        "url": _names(item.get("url")) or _names(page_url),
        "articleBody": item.get("articleBody") if isinstance(item.get("articleBody"), str) else None,
    }
    return {key: value for key, value in raw.items() if value}
