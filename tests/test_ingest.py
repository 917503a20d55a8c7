from __future__ import annotations

import gzip
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storyfuse.ingest import IngestOptions, decode, document_id, read_inputs
from storyfuse.models import Problem, RawDocument

ARTICLE = "Harbour pilots walked out on Tuesday, halting ferry traffic for a second day.\n"


def _split(items: list[RawDocument | Problem]) -> tuple[list[RawDocument], list[Problem]]:
    docs = [i for i in items if isinstance(i, RawDocument)]
    problems = [i for i in items if isinstance(i, Problem)]
    return docs, problems


def test_reads_each_format_and_names_ids_after_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.md").write_text("# Strike\n\n" + ARTICLE, encoding="utf-8")
    (tmp_path / "c.html").write_text(f"<html><body><p>{ARTICLE}</p></body></html>", encoding="utf-8")
    with gzip.open(tmp_path / "d.html.gz", "wt", encoding="utf-8") as fh:
        fh.write(f"<html><body><p>{ARTICLE}</p></body></html>")
    (tmp_path / "notes.csv").write_text("ignored,file\n", encoding="utf-8")
    docs, problems = _split(list(read_inputs([tmp_path])))
    assert problems == []
    assert [(d.id, d.format) for d in docs] == [
        ("a", "text"),
        ("b", "markdown"),
        ("c", "html"),
        ("d", "html"),
    ]
    assert "ferry traffic" in docs[3].content


def test_walks_folders_recursively_in_stable_order(tmp_path: Path) -> None:
    (tmp_path / "z").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "z" / "one.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a" / "two.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "three.txt").write_text(ARTICLE, encoding="utf-8")
    docs, _ = _split(list(read_inputs([tmp_path])))
    assert [d.id for d in docs] == ["two", "one"]


def test_repeated_ids_stay_distinct(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    (tmp_path / "x" / "story.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "y" / "story.txt").write_text(ARTICLE, encoding="utf-8")
    docs, _ = _split(list(read_inputs([tmp_path])))
    assert [d.id for d in docs] == ["story", "story~2"]


def test_jsonl_rows_with_hints_and_bad_lines_named(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = [
        json.dumps(
            {"id": "r1", "text": ARTICLE, "title": "Pilots strike", "date": "2026-03-02", "outlet": "Ledger"}
        ),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": "r4", "title": "no body"}),
        "",
        json.dumps({"html": f"<p>{ARTICLE}</p>", "url": "https://example.org/a"}),
    ]
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    docs, problems = _split(list(read_inputs([corpus])))
    assert [(d.id, d.format, d.title, d.published, d.outlet) for d in docs] == [
        ("r1", "text", "Pilots strike", "2026-03-02", "Ledger"),
        ("corpus-6", "html", None, None, None),
    ]
    assert docs[1].url == "https://example.org/a"
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [
        (2, "invalid JSON"),
        (3, "expected a JSON object, got list"),
        (4, "row has no 'text' or 'html' content"),
    ]
    assert all(p.path == str(corpus) for p in problems)
    assert str(problems[0]).startswith(f"{corpus}:2: invalid JSON")


def test_bad_files_become_problems_and_others_still_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    docs, problems = _split(list(read_inputs([tmp_path, tmp_path / "missing.txt"])))
    assert [d.id for d in docs] == ["good"]
    reasons = {Path(p.path).name: p.message for p in problems}
    assert reasons["empty.txt"] == "file is empty"
    assert reasons["binary.html"].startswith("binary file")
    assert reasons["broken.html.gz"].startswith("cannot read file")
    assert reasons["missing.txt"] == "no such file or folder"


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(ARTICLE * 100, encoding="utf-8")
    _, problems = _split(list(read_inputs([tmp_path], IngestOptions(max_file_bytes=1000))))
    assert "over the 1,000 byte limit" in problems[0].message


def test_legacy_encodings_are_decoded() -> None:
    latin = "Le ministre a déclaré que la grève était terminée à Besançon.".encode("cp1252")
    assert "Besançon" in decode(latin)
    declared = b'<html><head><meta charset="windows-1251"></head><body>' + "Москва".encode("cp1251")
    assert "Москва" in decode(declared, html=True)
    assert decode("\ufeffBOM text".encode()) == "BOM text"


def test_document_id_strips_all_extensions() -> None:
    assert document_id(Path("a/b/004_x.html.gz")) == "004_x"
    assert document_id(Path("plain")) == "plain"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decode_never_crashes_on_arbitrary_bytes(data: bytes) -> None:
    try:
        text = decode(data)
    except ValueError as exc:
        assert str(exc)
    else:
        assert isinstance(text, str)
