"""Cleaning stage: page text, markdown or HTML in; body paragraphs, removals and metadata out.

>>> from storyfuse.models import RawDocument
>>> page = "# Dam opens\\n\\nThe dam opened on Friday, engineers said."
>>> article = clean(RawDocument("x", "x.md", page, "markdown"))
>>> article.title, article.body
('Dam opens', 'The dam opened on Friday, engineers said.')
"""

from __future__ import annotations

from storyfuse.clean import reasons
from storyfuse.clean.blocks import Block, split_text
from storyfuse.clean.boilerplate import Classified, classify
from storyfuse.clean.core import clean, clean_or_problem, clean_with_template, learn_templates
from storyfuse.clean.html import HtmlPage, parse_html
from storyfuse.clean.htmlmeta import PageMeta
from storyfuse.clean.limits import Budget
from storyfuse.clean.options import CleanOptions
from storyfuse.clean.page import Signals

__all__ = [
    "Block",
    "Budget",
    "Classified",
    "CleanOptions",
    "HtmlPage",
    "PageMeta",
    "Signals",
    "classify",
    "clean",
    "clean_or_problem",
    "clean_with_template",
    "learn_templates",
    "parse_html",
    "reasons",
    "split_text",
]
