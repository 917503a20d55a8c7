"""Plain-text rules for what surrounds an article: comment threads under a count of comments,
teaser rails stamped with their age, and carousels of teasers that a page repeats."""

from __future__ import annotations

from storyfuse.clean import clean, reasons
from storyfuse.clean.lineshapes import is_comment_count, is_comment_stamp
from storyfuse.models import RawDocument

HEADLINE = "Harbour reopens after week-long storm"
PARAGRAPHS = [
    "The harbour of the coastal town reopened on Tuesday after a storm kept ships at anchor for a week.",
    "Port officials said the first container ship had docked at dawn and more would follow by the evening.",
    "Fishermen, who lost seven days of work, asked the regional council for emergency help with fuel costs.",
]
URL = "https://news.example.com/2024/03/harbour-reopens-after-week-long-storm/"
LONG_COMMENTS = [
    "I have lived in this town for thirty years and I cannot remember a storm that closed the harbour "
    "for so long, the whole economy of the coast depends on those ships coming and going every day.",
    "The council always promises help and then nothing arrives for months, I hope the fishermen keep "
    "pushing for the fuel money because they lost far more than a week of income in this storm.",
    "Good to see the port open again, but somebody should ask why the breakwater repairs promised "
    "after the last storm were never finished, that would have saved several days of closure.",
]


def _article(lines: list[str]) -> list[str]:
    return clean(RawDocument("t", "t.txt", "\n\n".join(lines), "text")).paragraphs


def test_comment_count_needs_a_number() -> None:
    assert is_comment_count("[ 48 comments ]")
    assert is_comment_count("12 responses to Harbour reopens")
    assert not is_comment_count("Comments")
    assert not is_comment_count("Share")


def test_a_count_of_comments_opens_a_thread_longer_than_the_article() -> None:
    thread = ["[ 167 comments ]", "Top Rated Comments"]
    for k in range(9):  # the thread holds far more prose than the article
        comment = f"Comment number {k + 1}: {LONG_COMMENTS[k % 3]}"
        thread += [f"reader{k}", f"{k + 2} days ago at 07:5{k} am", comment, f"Rating: {9 - k} Votes"]
    assert _article([HEADLINE, *PARAGRAPHS, *thread]) == PARAGRAPHS


def test_a_comments_button_in_the_share_bar_does_not_end_the_article() -> None:
    lines = [HEADLINE, PARAGRAPHS[0], "Share", "Comments", *PARAGRAPHS[1:]]
    assert _article(lines) == PARAGRAPHS


def test_abbreviated_ages_are_stamps() -> None:
    assert is_comment_stamp("32M ago")
    assert is_comment_stamp("1H ago")
    assert is_comment_stamp("5 hrs ago")
    assert not is_comment_stamp("Mage")


def test_a_rail_of_teasers_stamped_with_their_age_is_not_the_article() -> None:
    cards = [
        ("Ferry strike ends after talks", "Unions and operators agreed on a new pay deal late on Sunday."),
        ("Lighthouse keeper retires", "After forty years on the cliffs he hands over the keys to the trust."),
        ("Bridge inspection starts", "Engineers will check every cable before the winter storms arrive."),
        (
            "New market hall opens",
            "Traders moved into the hall on Saturday after two years of building work.",
        ),
    ]
    rail = ["More in World"]
    for k, (title, excerpt) in enumerate(cards):
        rail += [title, excerpt, f"{k + 1}H ago"]
    kept = _article([HEADLINE, *PARAGRAPHS, *rail])
    # the rail is found from its first stamp on: the card above that stamp is not told apart
    assert kept[: len(PARAGRAPHS)] == PARAGRAPHS
    assert not {excerpt for _, excerpt in cards[1:]} & set(kept)


def test_a_carousel_repeated_on_the_page_is_removed_everywhere() -> None:
    slides = [
        "Ferry strike ends after talks PORTSMOUTH: Unions and operators agreed on a new pay deal late on Sunday...",
        "Lighthouse keeper retires DOVER: After forty years on the cliffs he hands over the keys to the trust...",
        "Bridge inspection starts HULL: Engineers will check every cable before the winter storms arrive...",
    ]
    page = "\n\n".join(["News", *slides, HEADLINE, *PARAGRAPHS, *slides])
    article = clean(RawDocument("t", "t.txt", page, "text", url=URL))
    assert article.paragraphs == PARAGRAPHS
    assert article.title == HEADLINE
    assert {r.text: r.reason for r in article.removed}[slides[0]] == reasons.RELATED


def test_a_summary_shown_above_the_headline_and_again_as_lede_keeps_the_lede() -> None:
    lines = ["News", PARAGRAPHS[0], HEADLINE, *PARAGRAPHS]
    article = clean(RawDocument("t", "t.txt", "\n\n".join(lines), "text", url=URL))
    assert article.paragraphs == PARAGRAPHS


def test_a_story_printed_twice_keeps_one_copy() -> None:
    lines = ["News", *PARAGRAPHS, HEADLINE, *PARAGRAPHS, "More news"]
    article = clean(RawDocument("t", "t.txt", "\n\n".join(lines), "text", url=URL))
    assert article.paragraphs == PARAGRAPHS
