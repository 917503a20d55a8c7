from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyfuse.cli import main

WIRE = """Ferry operators suspend crossings as pilots strike

LISBON (AFP) - Ferry crossings across the Tagus estuary were suspended on Tuesday after 240 harbour pilots walked out over pay, stranding thousands of commuters.

The pilots' union said the strike would last at least 48 hours unless the port authority reopened talks.

"We have asked for a fair deal for two years and nobody has listened," union leader Marta Sousa told reporters at the Cais do Sodre terminal.

Port authority chief Rui Almeida said contingency crews would restore a reduced service by Thursday.

Commuters queued for buses along the riverfront as road traffic into the capital slowed to a crawl.
"""

OTHER = """Regulator fines chipmaker over delayed recall

BRUSSELS (Reuters) - European regulators fined chipmaker Nortek 1.2 billion euros on Monday for delaying the recall of faulty power modules used in electric buses.

The commission said Nortek knew of the overheating fault for eleven months before warning transport operators.

Nortek said it would appeal the decision, calling the fine disproportionate.

Three city bus fleets had to withdraw vehicles last winter after modules caught fire during charging.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    copy = WIRE.replace("slowed to a crawl", "slowed to a standstill")
    (folder / "copy.md").write_text(
        copy + "\nSubscribe to our newsletter for daily updates.\n", encoding="utf-8"
    )
    (folder / "other.txt").write_text(OTHER, encoding="utf-8")
    return folder


def test_fuse_writes_three_reports_and_a_summary(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["fuse", str(corpus), "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    assert "2 stories" in result.output and "3 articles" in result.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {d["id"] for d in report["documents"]} == {"wire", "copy", "other"}
    assert sorted(sorted(s["documents"]) for s in report["stories"]) == [["copy", "wire"], ["other"]]
    pair = next(d for d in report["duplicates"] if {d["a"], d["b"]} == {"wire", "copy"})
    assert pair["kind"] in {"near", "containment"}
    story = next(s for s in report["stories"] if len(s["documents"]) == 2)
    for key in ("lineage", "claims", "conflicts", "fused"):
        assert key in story
    assert all(s["sources"] for s in story["fused"])
    assert (out / "report.md").read_text(encoding="utf-8").startswith("#")
    assert "<html" in (out / "report.html").read_text(encoding="utf-8").lower()


def test_fuse_names_skipped_files_and_exits_1(corpus: Path, tmp_path: Path) -> None:
    (corpus / "bad.html").write_bytes(b"\x00\x01\x02binary")
    (corpus / "rows.jsonl").write_text('{"id": "j1", "text": "short"}\n{oops\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["fuse", str(corpus), "--out", str(tmp_path / "o"), "--quiet"])
    assert result.exit_code == 1
    assert f"skipped {corpus / 'bad.html'}: binary file" in result.output
    assert f"skipped {corpus / 'rows.jsonl'}:2: invalid JSON" in result.output
    assert "Traceback" not in result.output
    assert (tmp_path / "o" / "report.json").exists()


def test_fuse_with_nothing_usable_fails_cleanly(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["fuse", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert "error: no usable article" in result.output


def test_clean_prints_one_json_object_per_article(corpus: Path) -> None:
    result = CliRunner().invoke(main, ["clean", str(corpus / "copy.md"), str(corpus / "wire.txt"), "-q"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["id"] for r in rows] == ["copy", "wire"]
    for key in ("id", "body", "title", "published", "outlet", "byline", "url", "agency", "removed"):
        assert key in rows[0]
    assert "newsletter" not in rows[0]["body"]
    assert any("newsletter" in r["text"] for r in rows[0]["removed"])
    assert rows[1]["agency"] == "AFP"


def test_dedup_writes_pairs_as_json_lines(corpus: Path, tmp_path: Path) -> None:
    (corpus / "exact.txt").write_text(WIRE, encoding="utf-8")
    out = tmp_path / "pairs.jsonl"
    result = CliRunner().invoke(main, ["dedup", str(corpus), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.output
    pairs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert all(set(p) == {"a", "b", "kind", "similarity"} for p in pairs)
    exact = [p for p in pairs if p["kind"] == "exact"]
    assert [{p["a"], p["b"]} for p in exact] == [{"exact", "wire"}]
    assert not any("other" in (p["a"], p["b"]) for p in pairs)


def test_dedup_fast_finds_the_copies_without_the_paraphrase_search(corpus: Path, tmp_path: Path) -> None:
    (corpus / "exact.txt").write_text(WIRE, encoding="utf-8")
    full, fast = tmp_path / "full.jsonl", tmp_path / "fast.jsonl"
    for args in (["--out", str(full)], ["--out", str(fast), "--fast"]):
        result = CliRunner().invoke(main, ["dedup", str(corpus), *args, "-q"])
        assert result.exit_code == 0, result.output

    def pairs(path: Path) -> dict[frozenset[str], str]:
        rows = map(json.loads, path.read_text(encoding="utf-8").splitlines())
        return {frozenset((row["a"], row["b"])): row["kind"] for row in rows}

    copies = {pair: kind for pair, kind in pairs(full).items() if kind != "paraphrase"}
    assert pairs(fast) == copies
    assert copies[frozenset({"exact", "wire"})] == "exact"


def test_dedup_from_a_store_streams_the_pairs_found_at_ingest(corpus: Path, tmp_path: Path) -> None:
    (corpus / "exact.txt").write_text(WIRE, encoding="utf-8")
    db, stored, direct = tmp_path / "corpus.db", tmp_path / "stored.jsonl", tmp_path / "direct.jsonl"
    runner = CliRunner()
    result = runner.invoke(main, ["dedup", str(corpus), "--db", str(db), "--out", str(stored), "-q"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["dedup", str(corpus), "--out", str(direct), "-q"]).exit_code == 0

    def pairs(path: Path) -> dict[frozenset[str], str]:
        rows = map(json.loads, path.read_text(encoding="utf-8").splitlines())
        return {frozenset((row["a"], row["b"])): row["kind"] for row in rows}

    assert pairs(stored)[frozenset({"exact", "wire"})] == "exact"
    assert pairs(stored).keys() >= {p for p, kind in pairs(direct).items() if kind != "paraphrase"}
    # The store alone, with nothing to ingest, gives the same pairs again.
    again = runner.invoke(main, ["dedup", "--db", str(db), "--out", "-", "-q"])
    assert again.exit_code == 0, again.output
    rows = [json.loads(line) for line in again.output.splitlines()]
    assert {frozenset((r["a"], r["b"])): r["kind"] for r in rows} == pairs(stored)


def test_dedup_needs_inputs_or_a_store_and_no_fast_with_a_store(tmp_path: Path) -> None:
    runner = CliRunner()
    nothing = runner.invoke(main, ["dedup", "--out", str(tmp_path / "p.jsonl")])
    assert nothing.exit_code == 2 and "INPUTS" in nothing.output
    both = runner.invoke(main, ["dedup", "--db", str(tmp_path / "c.db"), "--fast", "--out", "-"])
    assert both.exit_code == 2 and "--fast" in both.output
    assert not (tmp_path / "c.db").exists()


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for command in main.commands:
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.output and len(result.output) > 200, command


def test_module_entry_point_runs() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "storyfuse", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "storyfuse" in result.stdout


def test_ingest_is_idempotent_and_stories_and_fuse_read_the_store(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "corpus.db"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(corpus), "--db", str(db), "-q"])
    assert first.exit_code == 0, first.output
    assert "3 added, 0 updated, 0 unchanged" in first.output
    again = runner.invoke(main, ["ingest", str(corpus), "--db", str(db), "-q"])
    assert "0 added, 0 updated, 3 unchanged" in again.output
    listed = runner.invoke(main, ["stories", "--db", str(db)])
    assert listed.exit_code == 0
    rows = listed.output.strip().splitlines()
    assert len(rows) == 2 and any("2 articles" in row and "Ferry" in row for row in rows)
    as_json = runner.invoke(main, ["stories", "--db", str(db), "--json"])
    assert sorted(json.loads(line)["articles"] for line in as_json.output.splitlines()) == [1, 2]
    out = tmp_path / "from-store"
    rendered = runner.invoke(main, ["fuse", "--db", str(db), "--out", str(out), "-q"])
    assert rendered.exit_code == 0, rendered.output
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(sorted(s["documents"]) for s in report["stories"]) == [["copy", "wire"], ["other"]]


def test_store_commands_refuse_bad_stores(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["stories", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 2 and "does not exist" in missing.output
    text = tmp_path / "notes.txt"
    text.write_text("not a database\n", encoding="utf-8")
    wrong = runner.invoke(main, ["stories", "--db", str(text)])
    assert wrong.exit_code == 2
    assert wrong.output.startswith("error: [SF300]") and "Traceback" not in wrong.output
    nothing = runner.invoke(main, ["fuse", "--out", str(tmp_path / "o")])
    assert nothing.exit_code == 2 and "PATHS" in nothing.output
