"""Checks on the bundled example corpus itself: the features its README promises are really there.

The end-to-end tests assert what storyfuse finds in this corpus; these tests make sure the corpus
still contains what those assertions rely on, so that a careless edit fails here, with a clear
message, rather than as a puzzling pipeline regression.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from lxml import html as lxml_html

from storyfuse.text import words

CORPUS = Path(__file__).resolve().parents[1] / "examples" / "corpus"
README = CORPUS.parent / "README.md"
ARTICLE_SUFFIXES = {".txt", ".md", ".html"}
JSONL_FIELDS = {"id", "text", "title", "date", "url", "outlet"}


def _read(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def _article_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in ARTICLE_SUFFIXES)


def _rows() -> list[dict[str, Any]]:
    return [json.loads(line) for line in _read("extra.jsonl").splitlines() if line.strip()]


def _blocks(text: str) -> list[str]:
    return [b.strip() for b in text.split("\n\n") if b.strip()]


def _html_paragraphs(name: str, xpath: str) -> list[str]:
    tree = lxml_html.fromstring(_read(name))
    return [p.text_content().strip() for p in tree.xpath(xpath)]


def _wire_body(name: str) -> list[str]:
    """The paragraphs of a wire file: everything after the headline, without the desk sign-off."""
    return [b for b in _blocks(_read(name))[1:] if not re.fullmatch(r"[a-z]+(?:/[a-z]+)+", b)]


def test_corpus_has_every_format_and_enough_articles() -> None:
    files = _article_files()
    formats = Counter(p.suffix for p in files)
    assert set(formats) == ARTICLE_SUFFIXES, formats
    assert len(files) + len(_rows()) >= 9
    assert README.is_file()


def test_jsonl_rows_have_the_documented_fields_and_unique_ids() -> None:
    rows = _rows()
    assert 2 <= len(rows) <= 3
    for row in rows:
        assert set(row) == JSONL_FIELDS
        assert all(isinstance(row[key], str) and row[key].strip() for key in JSONL_FIELDS)
        assert row["date"].startswith("2026-")
    ids = [row["id"] for row in rows] + [p.stem for p in _article_files()]
    assert len(ids) == len(set(ids)), "article ids must be unique across files and rows"


def test_every_article_is_listed_in_the_readme_table() -> None:
    readme = README.read_text(encoding="utf-8")
    for path in _article_files():
        assert f"`{path.name}`" in readme, path.name
    for row in _rows():
        assert f"`{row['id']}`" in readme, row["id"]


def test_articles_are_dated_2026_and_use_only_fictional_domains() -> None:
    for path in [*_article_files(), CORPUS / "extra.jsonl"]:
        text = path.read_text(encoding="utf-8")
        assert "2026" in text, path.name
        for host in re.findall(r"https?://([^/\s\"'<>)]+)", text):
            assert host.endswith(".example"), f"{path.name} links to a real-looking host {host}"


def test_jsonl_articles_have_news_length() -> None:
    for row in _rows():
        paragraphs = _blocks(row["text"])
        assert 6 <= len(paragraphs) <= 20, row["id"]


def test_story_a_copies_carry_the_promised_chrome() -> None:
    html = _read("ferry-harbor-ledger.html")
    for marker in ("cookie", "Share on", "Subscribe", "<figcaption>", "free articles left"):
        assert marker in html, marker
    body = _html_paragraphs("ferry-harbor-ledger.html", '//div[@class="article-body"]/p')
    related = [p for p in body if "300 passengers" in p]
    assert len(related) == 1, "one related-link paragraph with a different figure"
    assert "240 passengers" in body[0]

    markdown = _read("ferry-coastline-times.md")
    assert markdown.lstrip().startswith("# ")
    for marker in (
        "By [AFP](#)",
        "**Related article:**",
        "Dear readers,",
        "Remind me later.",
        "Original url:",
    ):
        assert marker in markdown, marker
    assert re.search(r"\*\*[^*]+ / AFP\*\*", markdown), "bold photo credit"

    scraped = _read("ferry-northgate-herald.txt")
    assert scraped.count("  1. World") == 2, "numbered menu printed twice"
    assert "Sign in to unlock member-only benefits" in scraped
    assert re.search(r"^Published - [A-Z][a-z]+ \d{2}, 2026 \d{2}:\d{2} [ap]m [A-Z]{2,4} - \w", scraped, re.M)


def test_story_a_rewrite_differs_from_the_wire_as_documented() -> None:
    wire = _read("ferry-afp-wire.txt")
    rewrite = _read("ferry-valley-courier.txt")
    assert "Transport Minister Aleksei Morozov" in wire
    assert "Prime Minister Alexei Morozov" in rewrite
    assert "Aleksei" not in rewrite
    assert "240 passengers" in wire and "Up to 300 passengers" in rewrite
    assert "restore safe service on this route within days" in wire
    assert "restore safe service on this route within weeks" in rewrite

    blocks = _blocks(rewrite)
    repeated = [b for b, n in Counter(blocks).items() if n > 1]
    assert len(repeated) == 3, "a three-paragraph block is printed twice"
    first = blocks.index(repeated[0])
    assert blocks[first : first + 3] == blocks[first + 3 : first + 6], "the repeat is one contiguous block"


def test_story_b_exact_copy_and_containment() -> None:
    wire = _wire_body("quillon-afp-wire.txt")
    exact = _html_paragraphs("quillon-metro-daily.html", '//section[@class="body"]/p')
    assert exact == wire

    local = _blocks(_read("quillon-harbor-ledger.md"))
    start = local.index(wire[0])
    assert local[start : start + len(wire)] == wire, "the wire appears whole and in order"
    assert len(local) - start - len(wire) == 2, "two added local paragraphs"

    independent = _read("quillon-aldsburg-tribune.txt")
    assert "$1.2 billion" in _read("quillon-afp-wire.txt")
    assert "$1.5 billion" in independent and "(AFP)" not in independent


@pytest.mark.parametrize("name", [p.name for p in _article_files()])
def test_articles_have_news_length(name: str) -> None:
    text = _read(name)
    if name.endswith(".html"):
        paragraphs = [p for p in _html_paragraphs(name, "//article//p") if len(words(p)) >= 12]
    else:
        paragraphs = [b for b in _blocks(text) if len(words(b)) >= 12]
    assert 6 <= len(paragraphs) <= 20, f"{name}: {len(paragraphs)} news-length paragraphs"
