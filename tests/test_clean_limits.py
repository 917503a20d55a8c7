"""Bounded cleaning: time budget, size cap, nesting the parser refuses, mixed encodings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyfuse.clean import Budget, CleanOptions, clean, clean_or_problem, clean_with_template, reasons
from storyfuse.clean.limits import cap_markup, cap_text, markup_to_lines
from storyfuse.cli import main
from storyfuse.errors import OptionsError, TimeLimitError
from storyfuse.ingest import decode
from storyfuse.models import Problem, RawDocument
from storyfuse.pipeline import PipelineOptions, clean_documents
from storyfuse.text import normalized

LEDE = "Officials shut the port of Setubal on Monday as the storm reached the coast, the agency said."
BODY = "Harbour pilots said at least 14 cargo ships were waiting offshore, and more were due by Wednesday."
NO_LIMIT = CleanOptions(time_limit=None)


def _raw(content: str, fmt: str = "text", doc_id: str = "a") -> RawDocument:
    return RawDocument(doc_id, f"{doc_id}.{fmt}", content, fmt)  # type: ignore[arg-type]


def _clock(*ticks: float) -> object:
    values = iter(ticks)
    return lambda: next(values)


def test_budget_raises_only_once_spent_and_names_the_stage() -> None:
    budget = Budget(2.0, clock=_clock(10.0, 11.0, 12.5))  # type: ignore[arg-type]
    budget.check("parse")  # 1.0 s spent
    with pytest.raises(TimeLimitError, match=r"SF400.*after 2\.5 s \(limit 2 s\) at score"):
        budget.check("score")


def test_budget_without_seconds_never_runs_out() -> None:
    budget = Budget(None, clock=_clock(0.0, 1e9))  # type: ignore[arg-type]
    budget.check("anything")


def test_spent_budget_stops_text_and_html_cleaning_with_a_typed_error() -> None:
    tiny = CleanOptions(time_limit=1e-9)
    with pytest.raises(TimeLimitError):
        clean(_raw(f"{LEDE}\n{BODY}\n" * 50), tiny)
    with pytest.raises(TimeLimitError):
        clean(_raw(f"<html><body><p>{LEDE}</p><p>{BODY}</p></body></html>", "html"), tiny)


def test_time_limit_option_is_checked() -> None:
    for bad in (0.0, -1.0, float("nan")):
        with pytest.raises(OptionsError, match="time_limit"):
            CleanOptions(time_limit=bad)
    with pytest.raises(OptionsError, match="max_chars"):
        CleanOptions(max_chars=0)


def test_batch_cleaning_turns_a_spent_budget_into_a_problem_and_keeps_going() -> None:
    problem = clean_or_problem(_raw(f"{LEDE}\n{BODY}"), CleanOptions(time_limit=1e-9))
    assert isinstance(problem, Problem)
    assert problem.path == "a.text" and "[SF400]" in problem.message
    articles, problems = clean_documents(
        [_raw(f"{LEDE}\n{BODY}", doc_id="one"), _raw(f"{BODY}\n{LEDE}", doc_id="two")],
        PipelineOptions(clean=CleanOptions(time_limit=1e-9)),
    )
    assert articles == [] and [p.path for p in problems] == ["one.text", "two.text"]


def test_cli_time_limit_skips_the_slow_page_with_a_clear_line(tmp_path: Path) -> None:
    page = tmp_path / "slow.txt"
    page.write_text(f"{LEDE}\n{BODY}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["clean", str(page), "-q", "--clean-time-limit", "1e-9"])
    assert result.exit_code == 1
    assert "[SF400]" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(main, ["clean", str(page), "-q", "--clean-time-limit", "30"])
    assert result.exit_code == 0
    assert json.loads(result.output)["body"] == f"{LEDE}\n\n{BODY}"


def test_text_over_the_size_cap_is_cut_at_a_line_with_the_cut_recorded() -> None:
    page = f"{LEDE}\n{BODY}\n" + "Filler line of a very long page, the archive said.\n" * 100
    article = clean(_raw(page), CleanOptions(max_chars=len(LEDE) + len(BODY) + 10, time_limit=None))
    assert article.paragraphs == [LEDE, BODY]
    unread = [r.text for r in article.removed if r.reason == reasons.UNREAD]
    assert unread == [
        f"{len(page) - len(LEDE) - len(BODY) - 1:,} characters after the first "
        f"{len(LEDE) + len(BODY) + 1:,} were not read (page over the size cap)"
    ]


def test_html_over_the_cap_loses_scripts_first_and_keeps_json_ld() -> None:
    json_ld = json.dumps({"@type": "NewsArticle", "headline": "Storm shuts the port"})
    page = (
        f'<html><head><script type="application/ld+json">{json_ld}</script>'
        f"<script>var x = '{'y' * 5000}';</script><style>{'p{}' * 2000}</style></head>"
        f"<body><!-- {'c' * 3000} --><article><p>{LEDE}</p><p>{BODY}</p></article></body></html>"
    )
    capped, note = cap_markup(page, 1000)
    assert note is None and "var x" not in capped and "application/ld+json" in capped
    article = clean(_raw(page, "html"), CleanOptions(max_chars=1000, time_limit=None))
    assert article.paragraphs == [LEDE, BODY] and article.title == "Storm shuts the port"
    assert all(r.reason != reasons.UNREAD for r in article.removed)


def test_html_still_over_the_cap_is_cut_before_a_tag() -> None:
    page = "<html><body>" + f"<p>{LEDE}</p><p>{BODY}</p>" * 40 + "</body></html>"
    capped, note = cap_markup(page, 500)
    assert capped.endswith("</p>") and len(capped) <= 500
    assert note is not None and note.startswith(f"{len(page) - len(capped):,} characters")
    assert cap_text("short", 500) == ("short", None)


def test_ten_megabyte_page_gives_a_result_within_the_default_limits() -> None:
    chunk = "\n".join([LEDE, BODY, "Home", "World", "Sign in", "Also read: more storms"]) + "\n"
    page = chunk * (10_000_000 // len(chunk))
    article = clean(_raw(page))
    assert article.paragraphs == [LEDE, BODY]
    assert [r.reason for r in article.removed].count(reasons.UNREAD) == 1


def test_nesting_deeper_than_the_parser_allows_is_read_as_text() -> None:
    depth = 100_000
    page = f"<html><head><title>Port shut</title></head><body>{'<div>' * depth}<p>{LEDE}</p>"
    page += f"{'</div>' * depth}<p>{BODY}</p></body></html>"
    article = clean(_raw(page, "html"), NO_LIMIT)
    assert article.paragraphs == [LEDE, BODY]
    assert article.title == "Port shut"
    unclosed = f"<html><body>{'<div><span>' * depth}<p>{LEDE}</p><p>{BODY}</p></body></html>"
    assert clean(_raw(unclosed, "html"), NO_LIMIT).paragraphs == [LEDE, BODY]


def test_markup_to_lines_keeps_visible_text_one_block_per_line() -> None:
    markup = "<div><p>One &amp; <b>two</b></p><script>x()</script><!-- c --><li>Three</li></div>"
    assert [line for line in markup_to_lines(markup).split("\n") if line] == ["One & two", "Three"]


def test_mixed_encodings_in_one_page_give_the_readable_paragraphs() -> None:
    utf8 = f"<html><body><p>{LEDE} Caf\u00e9 owners agreed.</p>".encode()
    latin1 = f"<p>{BODY} Na\u00efve hopes faded.</p></body></html>".encode("latin-1")
    text = decode(utf8 + latin1, html=True)
    article = clean(_raw(text, "html"))
    assert article.paragraphs and article.paragraphs[0].startswith(LEDE)
    assert any(BODY in p for p in article.paragraphs)
    windows = f"{LEDE}\n{BODY} \u201cNo more,\u201d he said.\n".encode("cp1252")
    assert clean(_raw(decode(windows))).paragraphs[0] == LEDE


def test_a_template_pass_that_fails_keeps_the_first_cleaning() -> None:
    page = _raw(f"{LEDE}\n{BODY}\nSupport the Setubal Courier today.")
    first = clean(page, NO_LIMIT)
    assert clean_with_template(page, first, (), NO_LIMIT) is first
    template = [normalized("Support the Setubal Courier today.")]
    assert clean_with_template(page, first, template, NO_LIMIT).paragraphs == [LEDE, BODY]
    spent = CleanOptions(time_limit=1e-9)
    assert clean_with_template(page, first, template, spent) is first
