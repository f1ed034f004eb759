"""The neutral page every container produces and every reader reads: ordered blocks with provenance, metadata, residue."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from parser.boilerplate import Line, merged_fields
from parser.source import RawSource
from parser.tables.row import Row
from parser.tables.spans import Span, clamped_spans, fill_spans, merged_rows
from schema.records import Diagnostic, Residue

BlockKind = Literal["heading", "paragraph", "item", "table"]


@dataclass(frozen=True)
class Cell:
    """A table cell: its text (markup kept for HTML cells, paragraphs joined by newlines otherwise) and its spans."""

    text: str
    row_span: int = 1
    col_span: int = 1


@dataclass(frozen=True)
class Block:
    """One block in reading order; `line` is where it starts: line of a text or HTML file, paragraph of a Word file, line of a PDF.

    `label` is numbering the container rendered (Word's automatic 第%1章), already included at the start of `text`.
    A table holds rows of cells, each row with its own line; cells a span covers are absent, as in HTML.
    """

    kind: BlockKind
    text: str
    line: int
    page: int | None = None
    label: str | None = None
    rows: tuple[tuple[Cell, ...], ...] = ()
    row_lines: tuple[int, ...] = ()


@dataclass
class Page:
    """A source as a container decoded it.

    `blocks` is the document view (page chrome already removed into `chrome`); `grid()` the grid view a power list is
    read from (every row of a spreadsheet, or a page's tables and text lines in order, hidden copies left out),
    read on first use so that a broken workbook fails inside the reader that needed it.
    `residue` applies to both views (hidden print copies, PDF page numbers, field codes); `metadata` holds the page's
    metadata rows (发布机构: …), `fields` what the container states about the document in the document's own terms
    (issuer, date as ISO, doc_number: from a 政府信息公开 box or a database header); readers let the text win over them.
    """

    source: RawSource
    container: str
    text: str
    blocks: list[Block] = field(default_factory=list)
    grid_reader: Callable[[], tuple[str, list[Row]]] | None = None
    metadata: list[dict[str, Any]] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    residue: list[Residue] = field(default_factory=list)
    chrome: list[Residue] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    _grid: tuple[str, list[Row]] | None = field(default=None, init=False, repr=False)

    def grid(self) -> tuple[str, list[Row]]:
        """The grid format (tsv, csv, html, xlsx, xls, docx, pdf) and its rows; errors of the grid readers propagate."""
        if self._grid is None:
            self._grid = self.grid_reader() if self.grid_reader else (self.container, block_rows(self.blocks))
        return self._grid

    @property
    def name(self) -> str:
        return self.source.name

    @property
    def meta(self) -> dict[str, Any]:
        """The source's manifest entry."""
        return self.source.meta

    def lines(self) -> list[Line]:
        """Text blocks as content lines (tables left out: their cells are not running text)."""
        return [Line(block.line, block.text) for block in self.blocks if block.kind != "table"]

    def metadata_fields(self) -> dict[str, str]:
        """Metadata rows merged into one key → value map (first occurrence wins)."""
        return merged_fields(self.metadata)


def table_grid(block: Block) -> list[list[str]]:
    """A table block as a rectangular grid with spans resolved the way the grid readers resolve them."""
    grid, spans = _grid_and_spans(block)
    return fill_spans(grid, spans)


def _grid_and_spans(block: Block) -> tuple[list[list[str]], list[Span]]:
    """A table block's cells placed on a rectangular grid, and its merged blocks."""
    grid: list[list[str]] = []
    spans: list[Span] = []
    occupied: set[tuple[int, int]] = set()
    bounded = clamped_spans([[(cell.row_span, cell.col_span) for cell in cells] for cells in block.rows])
    for r, cells in enumerate(block.rows):
        grid.append([])
        c = 0
        for cell, (row_span, col_span) in zip(cells, bounded[r], strict=True):
            while (r, c) in occupied:
                c += 1
            spans.append(Span(r, r + row_span - 1, c, c + col_span - 1))
            occupied.update((r + dr, c + dc) for dr in range(row_span) for dc in range(col_span))
            grid[r].extend([""] * (c + 1 - len(grid[r])))
            grid[r][c] = cell.text
            c += col_span
    width = max((c for _, c in occupied), default=-1) + 1
    grid = [row + [""] * (width - len(row)) for row in grid]
    return grid, [span for span in spans if span.last_row > span.first_row or span.last_col > span.first_col]


def block_rows(blocks: list[Block]) -> list[Row]:
    """The grid view of text blocks and tables: a table's rows, and each text block as a one-cell row."""
    rows: list[Row] = []
    for block in blocks:
        if block.kind != "table":
            rows.append(Row(cells=(block.text,), line=block.line))
            continue
        lines = block.row_lines or (block.line,) * len(block.rows)
        rows.extend(merged_rows(*_grid_and_spans(block), lines=list(lines)))  # merges marked, as the grid readers mark them
    return rows
