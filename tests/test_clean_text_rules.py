"""Rules for pages flattened to plain text: teaser cards, comment threads without a header,
the article's own lists, and the speed-ups that must not change what is kept."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from storyfuse.clean import clean, reasons
from storyfuse.clean.lineshapes import (
    is_comment_header,
    is_comment_stamp,
    is_glued_teaser,
    is_title_case,
)
from storyfuse.clean.patterns import prompt_reason
from storyfuse.models import RawDocument

HEADLINE = "Harbour reopens after week-long storm"
PARAGRAPHS = [
    "The harbour of the coastal town reopened on Tuesday after a storm kept ships at anchor for a week.",
    "Port officials said the first container ship had docked at dawn and more would follow by the evening.",
    "Fishermen, who lost seven days of work, asked the regional council for emergency help with fuel costs.",
    "The council said it would decide on the request at its next meeting, scheduled for Friday morning.",
    "Forecasters expect calm weather for the rest of the month, which should let traffic return to normal.",
]


def _clean(lines: list[str]) -> list[str]:
    return clean(RawDocument("t", "t.txt", "\n\n".join(lines), "text")).paragraphs


def test_glued_teaser_needs_a_title_case_headline_run_into_an_excerpt() -> None:
    assert is_glued_teaser(
        "Farmers Brace For Early FrostGrowers in the valley covered their vines overnight."
    )
    assert is_glued_teaser("Bridge Closed (Update)Crews will inspect the cables before traffic resumes.")
    # a brand written in camel case inside a sentence is not a glue point
    assert not is_glued_teaser("The new PhotoBook app lets users print albums from their phones.")
    assert not is_glued_teaser("One of VidTok's strengths is how quickly it surfaces new clips to viewers.")
    assert not is_glued_teaser("Port Reopens")


def test_a_run_of_glued_teaser_cards_is_removed_but_a_lone_glued_line_is_kept() -> None:
    cards = [
        "Farmers Brace For Early FrostGrowers in the valley covered their vines overnight.",
        "School Roof Repairs Finish EarlyPupils will return to their classrooms on Monday morning.",
        "Library Extends Opening HoursThe town library will stay open until nine on weekdays.",
    ]
    kept = _clean(["Latest News", *cards, HEADLINE, *PARAGRAPHS])
    assert kept == PARAGRAPHS
    lone = "Council Votes On Budget TonightMembers will debate the spending plan after six."
    kept = _clean([HEADLINE, *PARAGRAPHS[:3], lone, *PARAGRAPHS[3:]])
    assert lone in kept


def test_comment_headers_in_brackets_or_with_a_qualifier_open_the_thread() -> None:
    assert is_comment_header("[ 48 comments ]")
    assert is_comment_header("Top Rated Comments")
    assert is_comment_header("View comments (12)")
    # a sidebar box of recent comments is not this page's thread
    assert not is_comment_header("Recent comments")
    assert not is_comment_header("The minister did not answer comments from reporters.")


def test_comment_stamp_is_a_short_line_with_a_clock_time_or_an_age() -> None:
    assert is_comment_stamp("2 days ago at 07:52 am")
    assert is_comment_stamp("Posted 5 hours ago")
    assert not is_comment_stamp("The meeting will start at 10:30 on Friday, officials said.")
    assert not is_comment_stamp("Harbour reopens")


def test_a_regular_run_of_timestamps_after_the_body_is_a_thread_without_header() -> None:
    thread = [
        "harbourfan",
        "3 hours ago at 08:15 am",
        "About time they reopened it, the whole town depends on those ships arriving.",
        "sailor_joe",
        "2 hours ago at 09:02 am",
        "The fuel help should have been decided weeks ago, not after the storm ended.",
        "old_salt",
        "1 hour ago at 10:40 am",
        "Good news for the fishermen, let us hope the calm weather really lasts this time.",
    ]
    assert _clean([HEADLINE, *PARAGRAPHS, *thread]) == PARAGRAPHS


def test_timestamps_before_most_of_the_prose_are_a_sidebar_not_the_thread() -> None:
    sidebar = [
        "Recent comments",
        "Ana 3 weeks ago",
        "Thanks for the update, very useful to read about the port.",
        "Ben 1 month ago",
        "Great article about the storm.",
        "Cleo 1 month ago",
        "Very informative piece on the harbour.",
    ]
    kept = _clean([*sidebar, HEADLINE, *PARAGRAPHS])
    assert all(p in kept for p in PARAGRAPHS)


def test_title_case_tells_headlines_from_list_entries() -> None:
    assert is_title_case("Ten Things to Pack for a Winter Hike")
    assert not is_title_case("A warm hat and two pairs of wool socks")
    assert not is_title_case("")


def test_plain_text_list_entries_in_sentence_case_stay_in_the_body() -> None:
    entries = [
        "A warm hat and two pairs of wool socks",
        "A head torch with spare batteries for the descent",
        "Enough water for the whole day on the trail",
    ]
    lines = [HEADLINE, *PARAGRAPHS[:2], "Pack these before you leave:", *entries, *PARAGRAPHS[2:]]
    kept = _clean(lines)
    assert all(entry in kept for entry in entries)
    # one sentence-case line alone between paragraphs is a teaser of another article
    teaser = "Fishermen count their losses after a week of storms on the coast"
    kept = _clean([HEADLINE, *PARAGRAPHS[:2], teaser, *PARAGRAPHS[2:]])
    assert teaser not in kept


def test_echoed_paragraphs_do_not_split_the_body_into_runs() -> None:
    lines = [HEADLINE, *PARAGRAPHS[:4], *PARAGRAPHS[:4], PARAGRAPHS[4]]
    assert _clean(lines) == PARAGRAPHS


def test_near_duplicates_differing_in_quotes_and_case_are_kept_once() -> None:
    quote = "\u201cWe lost a whole week of work,\u201d one of the fishermen said on Tuesday morning."
    echo = '"We lost a whole WEEK of work," one of the fishermen said on Tuesday morning.'
    kept = _clean([HEADLINE, PARAGRAPHS[0], quote, PARAGRAPHS[1], echo, *PARAGRAPHS[2:]])
    assert kept.count(quote) == 1 and echo not in kept


def test_prompt_reason_still_needs_two_cues_in_a_long_appeal() -> None:
    one_cue = " ".join(["Our reporters covered the storm from the harbour every day of the week."] * 3)
    appeal = one_cue + " Please donate to support our journalism and subscribe to our newsletter."
    assert prompt_reason(one_cue + " We thank you.") is None
    assert prompt_reason(appeal) in {reasons.DONATION, reasons.SUBSCRIPTION, reasons.NEWSLETTER}


@given(st.lists(st.sampled_from(PARAGRAPHS), min_size=1, max_size=12))
def test_body_paragraphs_are_never_duplicated_in_the_output(lines: list[str]) -> None:
    kept = _clean([HEADLINE, *lines])
    assert len(kept) == len(set(kept))
    assert set(kept) <= set(PARAGRAPHS)


def test_url_slug_finds_the_headline_below_a_teaser_card() -> None:
    teaser = [
        "Markets slide as oil prices jump",
        "Shares fell across Asia on Monday as crude rose, traders said.",
    ]
    page = "\n\n".join(["Home", "World", *teaser, HEADLINE, *PARAGRAPHS])
    plain = clean(RawDocument("t", "t.txt", page, "text"))
    assert plain.title == teaser[0]
    url = "https://news.example.com/2024/03/harbour-reopens-after-week-long-storm/"
    slugged = clean(RawDocument("t", "t.txt", page, "text", url=url))
    assert slugged.title == HEADLINE
    assert slugged.paragraphs[-len(PARAGRAPHS) :] == PARAGRAPHS
    assert {r.text: r.reason for r in slugged.removed}["Home"] == reasons.NAVIGATION
    # a share line that quotes the address is not the headline
    shared = clean(RawDocument("t", "t.txt", f"{page}\nShare {url}", "text", url=url))
    assert shared.title == HEADLINE


def test_a_lede_that_echoes_the_url_slug_stays_in_the_body() -> None:
    lede = "Harbour officials said on Friday the port reopens after a week-long storm closed it."
    page = "\n\n".join([lede, *PARAGRAPHS])
    url = "https://news.example.com/2024/03/harbour-reopens-after-week-long-storm/"
    for title in (None, "Port back in business"):
        article = clean(RawDocument("t", "t.txt", page, "text", url=url, title=title))
        assert article.paragraphs[0] == lede, title


def test_a_short_closing_sentence_stays_but_a_teaser_excerpt_after_the_body_goes() -> None:
    closing = "No one was hurt."
    teaser = [
        "More from the coast",
        "Weather",
        "Ferries",
        "Markets",
        "Lighthouse keeper retires after forty years on the cliffs of the bay.",
    ]
    page = "\n\n".join([HEADLINE, *PARAGRAPHS, closing, *teaser])
    article = clean(RawDocument("t", "t.txt", page, "text"))
    assert article.paragraphs == [*PARAGRAPHS, closing]
    assert teaser[-1] in {r.text for r in article.removed}
