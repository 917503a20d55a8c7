"""Read articles from files, folders and JSON Lines corpora into :class:`RawDocument` records.

Reading streams: folders are walked lazily and JSONL corpora are read a line at a time, so a
corpus of millions of rows never sits in memory. An input that cannot be used becomes a
:class:`Problem` naming the file (and line) and what is wrong; it never stops the run.

>>> from storyfuse.ingest import read_inputs
>>> items = list(read_inputs(["examples/corpus"]))  # doctest: +SKIP
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from storyfuse.models import Problem, RawDocument, SourceFormat

FORMAT_BY_SUFFIX: dict[str, SourceFormat] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CONTROL = frozenset(range(0, 32)) - {9, 10, 12, 13}


@dataclass(slots=True)
class IngestOptions:
    """Limits that keep one hostile input from exhausting the machine."""

    max_file_bytes: int = 50_000_000
    max_row_chars: int = 20_000_000


def read_inputs(
    paths: Iterable[str | os.PathLike[str]], options: IngestOptions | None = None
) -> Iterator[RawDocument | Problem]:
    """Yield a document or a problem for every article found under ``paths``, in a stable order.

    Ids are file names without their extensions (or the JSONL ``id``); a repeated id gets a
    ``~2``, ``~3`` suffix so that every document of a run stays addressable.
    """
    options = options or IngestOptions()
    seen: dict[str, int] = {}
    for path in _walk(paths):
        if isinstance(path, Problem):
            yield path
            continue
        for item in _read_path(path, options):
            if isinstance(item, RawDocument):
                count = seen.get(item.id, 0) + 1
                seen[item.id] = count
                if count > 1:
                    item.id = f"{item.id}~{count}"
            yield item


def _walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | Problem]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root, name)
                    if not name.startswith(".") and _kind(child) is not None:
                        yield child
        elif path.exists():
            yield path
        else:
            yield Problem(str(path), "no such file or folder")


def _kind(path: Path) -> str | None:
    """``"jsonl"``, a :data:`SourceFormat`, or ``None`` for files we do not read."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if not suffixes:
        return None
    last = suffixes[-1]
    if last in JSONL_SUFFIXES:
        return "jsonl"
    return FORMAT_BY_SUFFIX.get(last)


def document_id(path: Path) -> str:
    """The file name without its extensions: ``a/b/004_x.html.gz`` -> ``004_x``."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem, dot, _ = name.rpartition(".")
    return stem if dot and stem else name


def _read_path(path: Path, options: IngestOptions) -> Iterator[RawDocument | Problem]:
    kind = _kind(path)
    if kind == "jsonl":
        yield from _read_jsonl(path, options)
        return
    try:
        size = path.stat().st_size
        if size > options.max_file_bytes:
            yield Problem(
                str(path), f"file is {size:,} bytes, over the {options.max_file_bytes:,} byte limit"
            )
            return
        data = _read_bytes(path)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Problem(str(path), f"cannot read file: {_reason(exc)}")
        return
    fmt: SourceFormat = kind if kind in ("text", "markdown", "html") else _sniff(data)  # type: ignore[assignment]
    try:
        content = decode(data, html=fmt == "html")
    except ValueError as exc:
        yield Problem(str(path), str(exc))
        return
    if not content.strip():
        yield Problem(str(path), "file is empty")
        return
    yield RawDocument(id=document_id(path), path=str(path), content=content, format=fmt)


def _read_bytes(path: Path) -> bytes:
    if path.name.lower().endswith(".gz"):
        with gzip.open(path, "rb") as fh:
            return fh.read()
    return path.read_bytes()


def _sniff(data: bytes) -> SourceFormat:
    head = data[:2048].lstrip().lower()
    return "html" if head.startswith((b"<!doctype html", b"<html", b"<?xml")) else "text"


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__


def decode(data: bytes, *, html: bool = False) -> str:
    """Decode bytes of unknown encoding, refusing binary data.

    UTF-8 (with or without BOM) first, then a charset declared in an HTML ``<meta>``, then
    charset-normalizer's best guess. Raises ``ValueError`` with a user-facing reason.
    """
    if not data.strip():
        return ""
    sample = data[:8192]
    if b"\x00" in sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary file (contains NUL bytes), not text")
    try:
        return _check_text(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        pass
    if html and (match := _META_CHARSET.search(data[:4096])):
        try:
            return _check_text(data.decode(match.group(1).decode("ascii")))
        except (LookupError, UnicodeDecodeError):
            pass
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("cannot decode: not text in any known encoding")
    return _check_text(str(best))


def _check_text(text: str) -> str:
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if sample and controls / len(sample) > 0.01:
        raise ValueError("binary file (control characters), not text")
    return text


def _read_jsonl(path: Path, options: IngestOptions) -> Iterator[RawDocument | Problem]:
    stem = document_id(path)
    try:
        opener = gzip.open if path.name.lower().endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8", errors="strict") as fh:
            line_no = 0
            while True:
                try:
                    line = fh.readline()
                except UnicodeDecodeError as exc:
                    yield Problem(
                        str(path), f"not UTF-8 text ({exc.reason}); rest of file skipped", line_no + 1
                    )
                    return
                if not line:
                    return
                line_no += 1
                if line.strip():
                    yield _row(path, stem, line_no, line, options)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Problem(str(path), f"cannot read file: {_reason(exc)}")


def _row(path: Path, stem: str, line_no: int, line: str, options: IngestOptions) -> RawDocument | Problem:
    where = str(path)
    if len(line) > options.max_row_chars:
        return Problem(where, f"row is {len(line):,} characters, over the limit", line_no)
    try:
        row: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return Problem(where, f"invalid JSON: {exc.msg} at column {exc.colno}", line_no)
    if not isinstance(row, dict):
        return Problem(where, f"expected a JSON object, got {type(row).__name__}", line_no)
    html, text = row.get("html"), row.get("text")
    content = html if isinstance(html, str) and html.strip() else text
    if not isinstance(content, str) or not content.strip():
        return Problem(where, "row has no 'text' or 'html' content", line_no)
    fmt: SourceFormat = "html" if content is html else "text"
    raw_id = row.get("id")
    doc_id = str(raw_id) if raw_id not in (None, "") else f"{stem}-{line_no}"
    return RawDocument(
        id=doc_id,
        path=f"{path}:{line_no}",
        content=content,
        format=fmt,
        title=_text_field(row, "title"),
        published=_text_field(row, "date"),
        url=_text_field(row, "url"),
        outlet=_text_field(row, "outlet"),
    )


def _text_field(row: dict[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None:
        return None
    value = str(value).strip()
    return value or None
