"""Cleaning of plain-text and markdown pages: body kept, chrome removed with reasons, metadata read.

Every page here is invented for the test (outlets, people and events are fictional).
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyfuse.clean import CleanOptions, clean, learn_templates, reasons, split_text
from storyfuse.clean.patterns import prompt_reason
from storyfuse.errors import OptionsError
from storyfuse.models import Article, RawDocument

LEDE = (
    "Chile's largest container port stayed closed on Tuesday as a Pacific storm pushed waves of up to "
    "six metres into the bay, the port authority said."
)
BODY = [
    "Harbour pilots said at least 14 cargo ships had been diverted to ports further north since Monday.",
    "\u201cWe cannot risk the cranes in this wind,\u201d port director Elena Ruiz told reporters on Monday.",
    "Exporters of copper and fruit warned that each day of closure would cost them millions of dollars.",
    "Forecasters expect the storm to weaken by Thursday, when the first ships could be allowed back in.",
]

SCRAPED_PAGE = f"""Skip to content
Home
World
Business
Sport
Subscribe

Storm shuts Valparaiso port for a second day

Cargo ships were diverted north as waves reached six metres in the bay

Updated: March 14, 2023 08:15 am EST
By Marta Quiroga

VALPARAISO, Chile (Reuters) \u2014 {LEDE}

Dock workers secure cranes at the port of Valparaiso on March 13, 2023. File | Photo Credit: AP

{BODY[0]}

Also read: Fishermen count losses after a week of storms

{BODY[1]}

Fishermen count losses after a week of storms on the coast

{BODY[2]}

{BODY[3]}

Published - March 14, 2023 08:15 am EST

Share this article
Facebook
WhatsApp
Comments
\u00a9 2023 Harbour Gazette. All rights reserved.
"""


def _raw(content: str, fmt: str = "text", **hints: str) -> RawDocument:
    return RawDocument(id="t1", path="t1.txt", content=content, format=fmt, **hints)  # type: ignore[arg-type]


def _reasons(article: Article) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


def test_scraped_page_keeps_every_body_paragraph_and_nothing_else() -> None:
    article = clean(_raw(SCRAPED_PAGE))
    assert article.paragraphs == [LEDE, *BODY]


def test_scraped_page_chrome_is_removed_with_reasons() -> None:
    removed = _reasons(clean(_raw(SCRAPED_PAGE)))
    assert removed["Storm shuts Valparaiso port for a second day"] == reasons.HEADLINE
    assert (
        removed["Cargo ships were diverted north as waves reached six metres in the bay"]
        == reasons.STANDFIRST
    )
    assert removed["Home"] == reasons.NAVIGATION
    assert removed["Subscribe"] == reasons.SUBSCRIPTION
    assert removed["Also read: Fishermen count losses after a week of storms"] == reasons.RELATED
    assert removed["Fishermen count losses after a week of storms on the coast"] == reasons.RELATED
    assert removed["Share this article"] == reasons.SHARE
    assert removed["Comments"] == reasons.SHARE
    assert removed["\u00a9 2023 Harbour Gazette. All rights reserved."] == reasons.COPYRIGHT
    assert removed["By Marta Quiroga"] == reasons.BYLINE
    assert removed["VALPARAISO, Chile (Reuters) \u2014"] == reasons.DATELINE
    caption = (
        "Dock workers secure cranes at the port of Valparaiso on March 13, 2023. File | Photo Credit: AP"
    )
    assert removed[caption] == reasons.CAPTION
    assert set(removed.values()) <= reasons.ALL_REASONS


def test_scraped_page_metadata() -> None:
    article = clean(_raw(SCRAPED_PAGE))
    assert article.title == "Storm shuts Valparaiso port for a second day"
    assert article.byline == "Marta Quiroga"
    assert article.agency == "Reuters"  # from the dateline credit, not from "Photo Credit: AP"
    assert article.dateline == "Valparaiso"
    assert article.published == "2023-03-14T08:15-05:00"


def test_photo_credit_agency_is_not_the_article_agency() -> None:
    page = f"Storm shuts the port\n{LEDE}\nCranes stand idle at the port. File | Photo Credit: AP\n{BODY[0]}"
    article = clean(_raw(page))
    assert article.agency is None
    assert BODY[0] in article.paragraphs


DONATION_PAGE = f"""{LEDE}
{BODY[0]}
{BODY[1]}
{BODY[2]}
A note from The Riverside Ledger:
Dear reader,
Local reporting is under threat as advertising revenue keeps falling across the region this year.
Our reporters cover the council meetings, the courts and the schools that nobody else covers anymore.
If you value this work, please make a donation today. Every contribution keeps our newsroom going.
Thank you for supporting The Riverside Ledger and its journalism.
Maybe later
"""


def test_donation_block_is_removed_whole_and_names_the_outlet() -> None:
    article = clean(_raw(DONATION_PAGE))
    assert article.paragraphs == [LEDE, *BODY[:3]]
    removed = _reasons(article)
    plain_plea = (
        "Our reporters cover the council meetings, the courts and the schools that nobody else covers"
        " anymore."
    )
    assert removed[plain_plea] == reasons.DONATION
    assert article.outlet == "The Riverside Ledger"


def test_body_that_mentions_prompt_words_or_is_short_is_kept() -> None:
    body = [
        LEDE,
        "About 2 million households subscribe to the regional water scheme, the ministry said on Monday.",
        "He declined to comment.",
        "The union urged members to sign in at the depot before the vote.",
        "He was 52.",
        BODY[3],
    ]
    article = clean(_raw("\n\n".join(body)))
    assert article.paragraphs == body


def test_prompts_are_recognised_by_how_they_address_the_reader() -> None:
    assert prompt_reason("Sign up for our morning newsletter.") == reasons.NEWSLETTER
    assert prompt_reason("Already a subscriber? Sign in") in {reasons.SUBSCRIPTION, reasons.SIGN_IN}
    assert prompt_reason("Please support us with a monthly donation.") == reasons.DONATION
    assert prompt_reason("She said the newsletter had 40,000 readers before it closed.") is None
    assert prompt_reason("Facebook declined to comment.") is None


def test_repeated_block_of_paragraphs_is_kept_once() -> None:
    page = "\n".join([LEDE, BODY[0], BODY[1], BODY[2], BODY[0], BODY[1], BODY[2], BODY[3]])
    article = clean(_raw(page))
    assert article.paragraphs == [LEDE, *BODY]
    assert [r.reason for r in article.removed] == [reasons.DUPLICATE] * 3


def test_repeat_differing_only_in_quotes_and_case_is_a_duplicate() -> None:
    variant = BODY[1].replace("\u201c", '"').replace("\u201d", '"').upper()
    article = clean(_raw("\n".join([LEDE, BODY[1], variant, BODY[2]])))
    assert article.paragraphs == [LEDE, BODY[1], BODY[2]]


def test_dateline_line_and_dated_lead_caption() -> None:
    page = "\n".join(
        [
            "Storm shuts Valparaiso port",
            "VALPARAISO",
            "A crane operator waits at the closed port of Valparaiso on March 13, 2023.",
            LEDE,
            BODY[0],
        ]
    )
    article = clean(_raw(page))
    assert article.dateline == "Valparaiso"
    assert article.paragraphs == [LEDE, BODY[0]]
    assert _reasons(article)["VALPARAISO"] == reasons.DATELINE


def test_agency_alone_on_a_line_and_trailing_credit() -> None:
    page = f"Storm shuts the port\nAFP\n{LEDE}\n{BODY[0]} \u2014 AFP"
    article = clean(_raw(page))
    assert article.agency == "AFP"
    assert article.paragraphs == [LEDE, BODY[0]]


MARKDOWN_PAGE = f"""

# Storm Shuts Valparaiso Port for a Second Day

By [Reuters](https://example.org/reuters)

March 14, 2023

![Cranes](https://example.org/cranes.jpg)

Idle cranes at the port of Valparaiso. **Ana Lopez / EPA**

{LEDE}

{BODY[0]}

**Related article:** [Fishermen Count Losses After a Week of Storms](#)

*{BODY[1]}*

{BODY[2]}

Source url:

<https://www.harbourgazette.example/2023/03/14/storm-shuts-port>
"""


def test_markdown_page() -> None:
    article = clean(_raw(MARKDOWN_PAGE, "markdown"))
    assert article.paragraphs == [LEDE, BODY[0], BODY[1], BODY[2]]
    assert article.title == "Storm Shuts Valparaiso Port for a Second Day"
    assert article.agency == "Reuters"
    assert article.published == "2023-03-14"
    assert article.url == "https://www.harbourgazette.example/2023/03/14/storm-shuts-port"
    assert article.outlet == "harbourgazette.example"
    removed = _reasons(article)
    assert removed["Idle cranes at the port of Valparaiso. Ana Lopez / EPA"] == reasons.CAPTION
    assert removed["Related article: Fishermen Count Losses After a Week of Storms"] == reasons.RELATED
    assert removed["Source url:"] == reasons.URL_LINE


def test_markdown_syntax_is_stripped_but_text_kept() -> None:
    blocks = split_text(
        "## Key *facts*\n\n- The **dam** holds [water](http://x.example)\n\n---\n", markdown=True
    )
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Key facts"),
        ("item", "The dam holds water"),
        ("p", "---"),
    ]
    assert blocks[1].links > 0.2
    assert blocks[2].markup == reasons.MARKUP


def test_hard_wrapped_text_is_rejoined() -> None:
    words = " ".join(["The council voted to extend the harbour wall by another forty metres"] * 12)
    lines, line = [], ""
    for word in words.split():
        if len(line) + len(word) + 1 > 70:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line + ".")
    blocks = split_text("\n".join(lines))
    assert len(blocks) == 1
    assert blocks[0].text == words + "."


def test_hints_win_over_inferred_metadata() -> None:
    article = clean(
        _raw(
            SCRAPED_PAGE,
            title="Port closed again",
            published="2023-03-15",
            url="https://news.example.com/a/1",
            outlet="Coast News",
        )
    )
    assert (article.title, article.published, article.url, article.outlet) == (
        "Port closed again",
        "2023-03-15",
        "https://news.example.com/a/1",
        "Coast News",
    )


@pytest.mark.parametrize("content", ["", "   \n\n  ", "\u200b", "Home\nWorld\nSport", "!!!\n???"])
def test_odd_input_gives_an_article_without_paragraphs(content: str) -> None:
    for fmt in ("text", "markdown", "html"):
        article = clean(_raw(content, fmt))
        assert article.paragraphs == []


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["text", "markdown", "html"]))
def test_clean_never_raises(content: str, fmt: str) -> None:
    article = clean(_raw(content, fmt))
    assert all(p.strip() for p in article.paragraphs)
    assert all(r.reason in reasons.ALL_REASONS for r in article.removed)


_SENTENCE = st.lists(
    st.sampled_from(["port", "storm", "council", "said", "the", "Monday", "ships", "were", "closed", "42"]),
    min_size=3,
    max_size=25,
).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=100, deadline=None)
@given(st.lists(_SENTENCE, min_size=1, max_size=12))
def test_kept_paragraphs_come_from_the_page_in_order(paragraphs: list[str]) -> None:
    page = "\n\n".join(paragraphs)
    kept = clean(_raw(page)).paragraphs
    position = 0
    for paragraph in kept:
        found = page.find(paragraph, position)
        assert found >= 0
        position = found + len(paragraph)


def test_learn_templates_finds_lines_shared_by_different_stories() -> None:
    closing = "Back local journalism with a gift today"
    raws = [
        _raw(
            f"Story number {n} on the harbour\n{LEDE.replace('Tuesday', day)}\n{BODY[n]}\n{closing}",
            outlet="Ledger",
        )
        for n, day in enumerate(["Monday", "Tuesday", "Friday", "Sunday"])
    ]
    raws = [RawDocument(str(i), f"{i}.txt", r.content, "text", outlet="Ledger") for i, r in enumerate(raws)]
    templates = learn_templates(raws, [clean(r) for r in raws])
    # keyed by the outlet's identity (its site label, or the letters of its name)
    assert templates == {"ledger": frozenset({"back local journalism with a gift today"})}
    article = clean(raws[0], CleanOptions().with_templates(templates["ledger"]))
    assert _reasons(article)[closing] == reasons.TEMPLATE


def test_learn_templates_ignores_versions_of_one_story() -> None:
    page = f"Storm shuts the port\n{LEDE}\n{BODY[0]}\n{BODY[1]}"
    raws = [RawDocument(str(i), f"{i}.txt", page, "text", outlet="Ledger") for i in range(4)]
    assert learn_templates(raws, [clean(r) for r in raws]) == {}


def test_template_that_would_remove_most_prose_is_ignored() -> None:
    page = "\n".join([LEDE, *BODY])
    options = CleanOptions(templates=frozenset({"harbour pilots said at least 14 cargo ships"}))
    assert clean(_raw(page), options).paragraphs == [LEDE, *BODY]
    from storyfuse.text import normalized

    everything = CleanOptions(templates=frozenset(normalized(p) for p in [LEDE, *BODY]))
    assert clean(_raw(page), everything).paragraphs == [LEDE, *BODY]


def test_options_are_checked() -> None:
    with pytest.raises(OptionsError):
        CleanOptions(template_max_share=1.5)
    with pytest.raises(OptionsError):
        CleanOptions(prompt_block_gap=-1)


def test_large_page_is_cleaned_in_bounded_time() -> None:
    chunk = "\n".join([LEDE, BODY[0], "Home", "World", "Sign in", "Also read: more storms"]) + "\n"
    page = chunk * 8000  # about 2.5 MB
    start = time.perf_counter()
    # A hang check, not a speed target: the per-page time limit is off, so a loaded machine
    # cannot turn a slow run into a TimeLimitError.
    article = clean(_raw(page), CleanOptions(time_limit=None))
    assert time.perf_counter() - start < 60
    assert article.paragraphs == [LEDE, BODY[0]]


@pytest.mark.parametrize(
    "lede",
    [
        "LIMA, Peru, March 4, 2026 (AFP) - Miners blocked the highway to the port on Wednesday, police said.",
        "BERLIN, 4 March 2026 (Reuters) - Miners blocked the highway to the port on Wednesday, police said.",
    ],
)
def test_dateline_with_full_date_gives_place_and_agency(lede: str) -> None:
    text = f"Miners block port highway\n\n{lede}\n\nTrucks queued for twelve kilometres as talks stalled.\n"
    article = clean(RawDocument(id="w", path="w.txt", content=text, format="text"))
    assert article.paragraphs[0].startswith("Miners blocked the highway")
    assert article.agency in {"AFP", "Reuters"}
    assert article.dateline in {"Lima", "Berlin"}
