"""The reader kit: load a file, open its container, choose the reader by content from an explicit table, run it.

Any failure inside a container or a reader becomes an error diagnostic naming the file and the cause; the build goes on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parser import limits
from parser.containers.choose import open_page
from parser.containers.error import ContainerError
from parser.decode import decode
from parser.page import Page
from parser.readers import document, entry, notice, powerlist, regulation, report, statute
from parser.source import RawSource, ReadResult
from parser.tables.spans import clamped_spans
from schema.records import Diagnostic

BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-")


@dataclass(frozen=True)
class Reader:
    """A reader: `sniff` scores how well a page fits (0 = not at all), `read` turns it into records.

    `priority` decides between equal scores: the more specific reader has the higher priority.
    """

    name: str
    priority: int
    sniff: Callable[[Page], float]
    read: Callable[[Page], ReadResult]


READERS: tuple[Reader, ...] = (
    Reader("entry", 60, entry.sniff, entry.read),
    Reader("notice", 50, notice.sniff, notice.read),
    Reader("powerlist", 40, powerlist.sniff, powerlist.read),
    Reader("regulation", 30, regulation.sniff, regulation.read),
    Reader("report", 20, report.sniff, report.read),
    Reader("statute", 10, statute.sniff, statute.read),
    Reader("document", 0, document.sniff, document.read),
)


def load_source(
    path: Path, root: Path, meta: dict[str, Any] | None = None, data: bytes | None = None
) -> tuple[RawSource, list[Diagnostic]]:
    """A file's bytes (read from `path` unless given) decoded unless they are a binary container; `meta` is its manifest entry."""
    data = path.read_bytes() if data is None else data
    name = path.relative_to(root).as_posix()
    if data.startswith(BINARY_MAGIC):
        return RawSource(path=path, name=name, data=data, text=None, encoding=None, meta=meta or {}), []
    text, encoding, diagnostics = decode(data, name)
    return RawSource(path=path, name=name, data=data, text=text, encoding=encoding, meta=meta or {}), diagnostics


def open_source(path: Path, root: Path, meta: dict[str, Any] | None = None) -> Page:
    """A file's neutral page (decoding problems in its diagnostics); ContainerError when it cannot be opened."""
    source, diagnostics = load_source(path, root, meta)
    page = open_page(source)
    page.diagnostics[:0] = diagnostics
    return page


def choose_reader(page: Page, override: str | None = None) -> Reader | None:
    """The named reader if the manifest says so, else the best-scoring one (priority breaks ties)."""
    if override:
        return next((reader for reader in READERS if reader.name == override), None)
    score, _, best = max(((reader.sniff(page), reader.priority, reader) for reader in READERS), key=lambda entry: entry[:2])
    return best if score > 0 else None


def read_source(path: Path, root: Path, meta: dict[str, Any] | None = None, data: bytes | None = None) -> ReadResult:
    """One file's records, residue and diagnostics (its bytes from `path` unless given); never raises for what is in the file.
    Within the source's limits (parser.limits; the manifest's `limits:`), past which it gets an error and no records."""
    meta = dict(meta or {})
    name = path.relative_to(root).as_posix()
    try:
        bounds = limits.Limits.from_manifest(meta.pop("limits", None))
    except ValueError as error:
        return _failed("unreadable", [], name, "bad-limits", str(error))
    try:
        limits.check_size(len(data) if data is not None else path.stat().st_size, bounds)
        with limits.applied(bounds), limits.budget(bounds):
            return _read_bounded(path, root, meta, data, bounds)
    except limits.LimitExceeded as error:
        return _failed("unreadable", [], name, error.code, error.message)


def _read_bounded(path: Path, root: Path, meta: dict[str, Any], data: bytes | None, bounds: limits.Limits) -> ReadResult:
    source, diagnostics = load_source(path, root, meta, data)
    if not source.data.strip():
        return _failed("empty", diagnostics, source.name, "empty-file", "the file is empty")
    if source.data.startswith(b"PK\x03\x04"):
        limits.check_zip(source.data, bounds)
    try:
        page = open_page(source)
    except ContainerError as error:
        return _failed("unreadable", diagnostics, source.name, error.code, error.message)
    except Exception as error:  # a library failing on a broken file must not stop the build
        return _failed("unreadable", diagnostics, source.name, "unreadable", f"cannot open the file: {error!r}")
    page.diagnostics[:0] = diagnostics
    page.diagnostics.extend(clamped_span_warnings(page))
    check_cells(page, bounds)
    result = read_page(page, meta.get("kind"))
    result.diagnostics[:0] = page.diagnostics
    result.residue[:0] = page.residue
    return result


def read_page(page: Page, override: str | None = None) -> ReadResult:
    """Run the chosen reader over a page; a page no reader claims is an error (with no record)."""
    try:
        reader = choose_reader(page, override)
    except Exception as error:  # a sniffer failing is a reader failure like any other
        return _failed("unreadable", [], page.name, "reader-failed", f"choosing a reader failed: {error!r}")
    if reader is None:
        if not page.blocks and page.container != "grid":
            return _failed("unknown", [], page.name, "no-text", "no document text found")
        line = page.blocks[0].line if page.blocks else 1
        text = page.text[:80] or None
        message = "no reader recognises this source"
        unknown = Diagnostic(level="error", code="unknown-kind", message=message, file=page.name, line=line, text=text)
        return ReadResult(kind="unknown", diagnostics=[unknown])
    try:
        return reader.read(page)
    except Exception as error:  # one reader's bug costs one file, not the build
        return _failed(reader.name, [], page.name, "reader-failed", f"the {reader.name} reader failed: {error!r}")


def clamped_span_warnings(page: Page) -> list[Diagnostic]:
    """A warning for each table cell whose declared span reaches past its table (the grid views cut it there)."""
    warnings = []
    for block in page.blocks:
        if block.kind != "table":
            continue
        declared = [[(cell.row_span, cell.col_span) for cell in cells] for cells in block.rows]
        lines = block.row_lines or (block.line,) * len(block.rows)
        for cells, wanted, bounded, line in zip(block.rows, declared, clamped_spans(declared), lines, strict=True):
            for cell, span, kept in zip(cells, wanted, bounded, strict=True):
                if span != kept:
                    message = f"a cell spans {span[0]} rows × {span[1]} columns; cut to the table's {kept[0]} × {kept[1]}"
                    warnings.append(Diagnostic(level="warning", code="span-clamped", message=message, file=page.name, line=line,
                                               text=cell.text[:80] or None))  # fmt: skip
    return warnings


def check_cells(page: Page, bounds: limits.Limits) -> None:
    """LimitExceeded for a table cell or a text block longer than the limit."""
    for block in page.blocks:
        if block.kind != "table":
            limits.check_cell(block.text, bounds, f"the text at line {block.line}")
        for cells, line in zip(block.rows, block.row_lines or (block.line,) * len(block.rows), strict=True):
            for cell in cells:
                limits.check_cell(cell.text, bounds, f"a cell at line {line}")


def _failed(kind: str, diagnostics: list[Diagnostic], file: str, code: str, message: str) -> ReadResult:
    return ReadResult(kind=kind, diagnostics=[*diagnostics, Diagnostic(level="error", code=code, message=message, file=file)])
