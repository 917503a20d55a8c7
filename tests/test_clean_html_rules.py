"""Recall rules of the HTML cleaner: bodies that hide, split or take the shape of lists.

The pages are invented for the test; their outlets, people and events are fictional.
"""

from __future__ import annotations

from storyfuse.clean import clean, parse_html
from storyfuse.models import RawDocument

SECTIONS = [
    [
        "Engineers at the Vellmar water works began replacing the main intake pipe on Monday, a job "
        "that the utility says will take about six weeks, weather permitting.",
        "The old pipe, laid in 1962, cracked twice last winter and left parts of the east bank without "
        "running water for several days, according to the city council.",
    ],
    [
        "During the works, water will be drawn from the reserve basin north of town, which holds enough "
        "for roughly ten days of normal use, the utility said in a statement.",
        "Residents were asked to limit garden watering and car washing, and the council said it would "
        "publish daily reservoir levels on its noticeboards until the job is done.",
    ],
    [
        "The project costs 4.2 million, of which the regional government pays about half, and a further "
        "phase to renew the filters is planned for next spring, officials said.",
        "Local businesses said they were relieved that the works were scheduled outside the tourist "
        "season, when demand for water roughly doubles along the waterfront.",
    ],
]
ALL_PARAGRAPHS = [p for section in SECTIONS for p in section]
MENU = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"


def _paragraphs(page: str) -> list[str]:
    return clean(RawDocument("t1", "t1.html", page, "html")).paragraphs


def test_hidden_streaming_container_holding_the_article_is_kept() -> None:
    body = "".join(f"<p>{p}</p>" for p in ALL_PARAGRAPHS)
    page = (
        f"<html><body>{MENU}<main><div class='skeleton'>Loading</div></main>"
        f"<div hidden id='S:0'><article>{body}</article></div>"
        "<div hidden class='drawer'><p>A short hidden teaser that is not the article at all.</p></div>"
        "</body></html>"
    )
    assert _paragraphs(page) == ALL_PARAGRAPHS
    assert "hidden teaser" not in " ".join(b.text for b in parse_html(page).blocks)


def test_small_hidden_elements_are_still_dropped() -> None:
    body = "".join(f"<p>{p}</p>" for p in ALL_PARAGRAPHS)
    hidden = (
        "<div style='display:none'><p>Hidden promotional text that readers never see on the page.</p></div>"
    )
    page = f"<html><body><article>{body}{hidden}</article></body></html>"
    assert _paragraphs(page) == ALL_PARAGRAPHS


def test_body_split_across_sibling_sections_is_kept_whole() -> None:
    sections = "".join(
        f"<div class='sect{i + 1}'><h2>Part {i + 1}</h2><div class='sectionbody'>"
        + "".join(f"<div class='wrap'><div class='paragraph'><p>{p}</p></div></div>" for p in section)
        + "</div></div>"
        for i, section in enumerate(SECTIONS[:2])
    )
    page = (
        f"<html><body>{MENU}<div class='layout'><div class='post'>{sections}</div>"
        "<div class='widget'><a href='/a'>Another story</a></div></div></body></html>"
    )
    kept = _paragraphs(page)
    assert all(p in kept for p in SECTIONS[0] + SECTIONS[1])


def test_alike_sections_that_are_short_teasers_do_not_join() -> None:
    article = "".join(f"<p>{p}</p>" for p in ALL_PARAGRAPHS)
    teasers = "".join(
        f"<div class='card'><p><a href='/s{i}'>A linked teaser headline number {i} for the reader</a></p></div>"
        for i in range(4)
    )
    page = f"<html><body><div class='card'>{article}</div>{teasers}</body></html>"
    kept = _paragraphs(page)
    assert kept == ALL_PARAGRAPHS


def test_unnamed_sections_around_the_winner_join_through_their_common_core() -> None:
    sections = "".join(
        f"<div><h2>Part {i + 1}</h2>"
        + "".join(f"<div><div><div><p>{p}</p></div></div></div>" for p in section)
        + "</div>"
        for i, section in enumerate(SECTIONS)
    )
    page = f"<html><body>{MENU}<div class='col'>{sections}</div></body></html>"
    kept = _paragraphs(page)
    assert all(p in kept for p in ALL_PARAGRAPHS)


def test_linkless_list_and_table_that_are_the_body_are_kept() -> None:
    lede = SECTIONS[0][0]
    schedule = "".join(
        f"<li>Stage {i}: {day} March, northern circuit</li>" for i, day in enumerate((3, 10, 17), 1)
    )
    rows = "".join(
        f"<tr><td>{name}</td><td>{points}</td></tr>" for name, points in (("Ana Ruiz", 41), ("Tom Berg", 37))
    )
    page = (
        f"<html><body>{MENU}<article><p>{lede}</p><ul>{schedule}</ul><table>{rows}</table>"
        "<ul><li><a href='/a'>Home</a></li><li><a href='/b'>Sport</a></li><li><a href='/c'>Weather</a></li></ul>"
        "</article></body></html>"
    )
    kept = _paragraphs(page)
    assert "Stage 2: 10 March, northern circuit" in kept
    assert "Ana Ruiz 41" in kept
    assert "Sport" not in kept


def test_comment_thread_larger_than_the_article_is_dropped() -> None:
    article = "".join(f"<p>{p}</p>" for p in SECTIONS[0])
    comments = "".join(
        f"<li class='comment'><p>Reader {i} wrote a long reply about the pipe works, saying that the "
        f"utility should have warned people much earlier, and that the reserve basin is too small.</p></li>"
        for i in range(8)
    )
    page = f"<html><body><main><article>{article}</article><ol class='comment-list'>{comments}</ol></main></body></html>"
    kept = _paragraphs(page)
    assert kept == SECTIONS[0]


def test_crossheads_followed_by_prose_are_kept_and_teaser_headings_are_not() -> None:
    body = (
        f"<p>{SECTIONS[0][0]}</p><h2>Reserve basin in use</h2><p>{SECTIONS[1][0]}</p><p>{SECTIONS[1][1]}</p>"
        "<h3>More from the city</h3><ul><li><a href='/x'>Bridge repairs to start in May as traffic grows</a></li>"
        "<li><a href='/y'>School roof fixed before term after storm damage</a></li></ul>"
    )
    kept = _paragraphs(f"<html><body><article>{body}</article></body></html>")
    assert "Reserve basin in use" in kept
    assert "More from the city" not in kept


def test_comment_header_ends_the_body_in_plain_text() -> None:
    lines = [
        "Water works begin in Vellmar",
        *SECTIONS[0],
        "3 responses to this story",
        "Greta Holm on March 4, 2024 at 9:12 pm said:",
        "I live on the east bank and we were without water for four days last winter, which was awful.",
    ]
    article = clean(RawDocument("t2", "t2.txt", "\n".join(lines), "text"))
    assert article.paragraphs == SECTIONS[0]


def test_comment_header_needs_body_before_it_and_a_signature_needs_a_date() -> None:
    lines = [SECTIONS[0][0], "The mayor said:", SECTIONS[0][1]]
    article = clean(RawDocument("t3", "t3.txt", "\n".join(lines), "text"))
    assert SECTIONS[0][1] in article.paragraphs


def test_linkless_short_lines_closing_an_html_body_are_kept_but_not_in_plain_text() -> None:
    dates = [
        "June 9 - Riverside Arena, Vellmar",
        "June 12 - Old Harbour Hall, Osterby",
        "June 15 - City Park",
    ]
    page = (
        f"<html><body><article><p>{SECTIONS[0][0]}</p><p>{SECTIONS[0][1]}</p>"
        f"<p>{'<br>'.join(dates)}</p></article></body></html>"
    )
    assert all(line in _paragraphs(page) for line in dates)
    text = "\n".join([*SECTIONS[0], *dates])
    assert not any(line in clean(RawDocument("t4", "t4.txt", text, "text")).paragraphs for line in dates)


def test_heading_over_a_linkless_list_is_kept_and_its_repeated_lines_stay() -> None:
    page = (
        f"<html><body><article><p>{SECTIONS[0][0]}</p>"
        "<h3>Breakfast</h3><ul><li>Oat porridge with apple</li><li>One cup of tea</li></ul>"
        "<h3>Lunch</h3><ul><li>Lentil soup with bread</li><li>One cup of tea</li></ul>"
        f"<p>{SECTIONS[0][1]}</p></article></body></html>"
    )
    kept = _paragraphs(page)
    assert "Breakfast" in kept and "Lunch" in kept
    assert kept.count("One cup of tea") == 2


def test_teaser_excerpts_after_the_body_are_cut_in_plain_text() -> None:
    teasers = []
    for i in range(3):
        teasers += [
            f"Harbour plan number {i} wins backing",
            f"Councillors backed plan number {i} for the harbour on Tuesday, officials said.",
            "Read more",
            "Share",
            "Local news",
            "2 hours ago",
            "Weather",
        ]
    text = "\n".join(
        [*ALL_PARAGRAPHS, "More stories", "Sport", "Business", "Culture", "Opinion", "Most read", *teasers]
    )
    kept = clean(RawDocument("t5", "t5.txt", text, "text")).paragraphs
    assert kept == ALL_PARAGRAPHS
