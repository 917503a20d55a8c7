"""The cleaner on the five real seed pages (one wire story run by five sites).

The seeds are third-party text kept outside the repository; the module is skipped when
``../shared/seeds`` is absent. Pages are read as the ingest stage reads ``.txt`` files: as plain
text, whatever syntax they contain.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyfuse.clean import clean, reasons
from storyfuse.models import Article, RawDocument

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds not present")


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    out = {}
    for path in sorted(SEEDS.glob("*.txt")):
        raw = RawDocument(path.stem, str(path), path.read_text(encoding="utf-8"), "text")
        out[path.name[:3]] = clean(raw)
    return out


def _source_lines(prefix: str) -> list[str]:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_prose_line_of_the_plain_copy_survives(articles: dict[str, Article]) -> None:
    lines = _source_lines("000")
    body = articles["000"].body
    kept = [line for line in lines[3:] if line in body]
    assert kept == lines[3:]


def test_donation_appeal_is_removed_and_names_the_outlet(articles: dict[str, Article]) -> None:
    article = articles["001"]
    assert "Dear readers" not in article.body
    assert "Remind me later" not in article.body
    assert "support us monthly" not in article.body
    assert "Russia's Prosecutor General" not in article.body
    assert article.body.endswith("North Korean troop deployments.")
    assert len(article.paragraphs) == 9
    assert article.outlet == "The Moscow Times"
    assert {r.reason for r in article.removed} == {reasons.DONATION}


def test_repeated_block_appears_once(articles: dict[str, Article]) -> None:
    body = articles["002"].body
    for opening in ("The troop deployment rumors", "Nonetheless, Lavrov praised", "He went on to say"):
        assert body.count(opening) == 1
    assert "According to South Korea, Pyongyang would probably request" in body


def test_scraped_page_chrome_is_removed(articles: dict[str, Article]) -> None:
    article = articles["003"]
    for chrome in (
        "HamberMenu",
        "SubscriptionGift",
        "Sign in",
        "Comments",
        "Also Read",
        "Photo Credit",
        "smile during their meeting",
        "10,000 troops to Russia to likely fight",
        "security pact?",
        "Related Topics",
        "registered user",
        "Published -",
    ):
        assert chrome not in article.body, chrome
    assert article.paragraphs[0].startswith("North Korea will stand by Russia")
    assert article.body.endswith("when he visited Pyongyang this summer.")
    assert len(article.paragraphs) == 13


def test_scraped_page_metadata(articles: dict[str, Article]) -> None:
    article = articles["003"]
    assert article.title == "North Korea says will stand by Russia until 'victory' in Ukraine"
    assert article.published == "2024-11-01T15:39+05:30"
    assert article.agency == "AFP"
    assert article.dateline == "Moscow"


def test_markdown_copy(articles: dict[str, Article]) -> None:
    article = articles["004"]
    assert article.title is not None and article.title.startswith("North Korea Says It Will Stand by Russia")
    assert article.agency == "AFP"
    assert article.published == "2024-11-01"
    assert article.url is not None and article.url.startswith("https://www.themoscowtimes.com/2024/11/01/")
    for chrome in ("Related article", "Original url", "Sharifulin", "TASS", "](#)", "**"):
        assert chrome not in article.body, chrome
    assert "stationed in the Kursk region" in article.body
    assert len(article.paragraphs) == 9


def test_plain_copy_metadata(articles: dict[str, Article]) -> None:
    article = articles["000"]
    assert article.title == "N Korea says will stand by Russia until 'victory' in Ukraine"
    assert article.dateline == "Moscow"
    assert "embassy in Moscow on Oct. 31" not in article.body
