"""Merged cells: a vertical span repeats its value in every row it covers, a horizontal span keeps it in its first column."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parser.tables.row import Row


@dataclass(frozen=True)
class Span:
    """A merged block, 0-based and inclusive: rows first..last, columns first..last."""

    first_row: int
    last_row: int
    first_col: int
    last_col: int


def clamped_spans(rows: Sequence[Sequence[tuple[int, int]]]) -> list[list[tuple[int, int]]]:
    """Each cell's declared (row span, column span) cut to the table's real extent, as browsers cut them: a row span to
    the rows left, a column span to the table's width (the widest row, its spans counted no wider than the row with
    the most cells). So `<td rowspan=999999 colspan=99999>` covers what the table has, not 10¹¹ cells."""
    most = max((len(cells) for cells in rows), default=0)
    width = max((sum(min(col_span, most) for _, col_span in cells) for cells in rows), default=0)
    return [
        [(max(1, min(row_span, len(rows) - index)), max(1, min(col_span, width))) for row_span, col_span in cells]
        for index, cells in enumerate(rows)
    ]


def fill_spans(grid: list[list[str]], spans: list[Span]) -> list[list[str]]:
    """Copy each merged block's top-left value down its first column; other columns of the block stay empty."""
    for span in spans:
        value = grid[span.first_row][span.first_col]
        for row in range(span.first_row, span.last_row + 1):
            for col in range(span.first_col, span.last_col + 1):
                grid[row][col] = value if col == span.first_col else ""
    return grid


def merged_rows(grid: list[list[str]], spans: list[Span], sheet: str | None = None, lines: list[int] | None = None) -> list[Row]:
    """Rows of a grid with its merged blocks resolved and marked (see Row); `lines` numbers them (default 1, 2, …)."""
    width = max((len(cells) for cells in grid), default=0)
    grid = [cells + [""] * (width - len(cells)) for cells in grid]
    continued: list[set[int]] = [set() for _ in grid]
    joined: list[set[int]] = [set() for _ in grid]
    hidden: list[list[tuple[int, str]]] = [[] for _ in grid]
    spans = [span for span in spans if span.last_row < len(grid) and span.last_col < width]
    for span in spans:
        for row in range(span.first_row, span.last_row + 1):
            for col in range(span.first_col, span.last_col + 1):
                if (row, col) != (span.first_row, span.first_col) and grid[row][col].strip():
                    hidden[row].append((col, grid[row][col]))
                if row > span.first_row:
                    continued[row].add(col)
                if col > span.first_col:
                    joined[row].add(col)
    fill_spans(grid, spans)
    numbers = lines or list(range(1, len(grid) + 1))
    return [
        Row(tuple(cells), number, sheet, frozenset(continued[index]), frozenset(joined[index]), tuple(sorted(hidden[index])))
        for index, (cells, number) in enumerate(zip(grid, numbers, strict=True))
    ]
