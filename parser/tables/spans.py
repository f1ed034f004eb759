"""Merged cells: a vertical span repeats its value in every row it covers, a horizontal span keeps it in its first column."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A merged block, 0-based and inclusive: rows first..last, columns first..last."""

    first_row: int
    last_row: int
    first_col: int
    last_col: int


def fill_spans(grid: list[list[str]], spans: list[Span]) -> list[list[str]]:
    """Copy each merged block's top-left value down its first column; other columns of the block stay empty."""
    for span in spans:
        value = grid[span.first_row][span.first_col]
        for row in range(span.first_row, span.last_row + 1):
            for col in range(span.first_col, span.last_col + 1):
                grid[row][col] = value if col == span.first_col else ""
    return grid
