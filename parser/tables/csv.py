"""Comma- (or semicolon-) separated text; quoted cells may span lines."""

from __future__ import annotations

import csv
import io

from parser.tables.row import Row


def _delimiter(text: str) -> str:
    """The delimiter of the first non-blank line: the most frequent of , ; and tab."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    return max(",;\t", key=first.count)


def read_csv(text: str) -> list[Row]:
    """Every record as a row numbered by the line it starts on."""
    reader = csv.reader(io.StringIO(text.replace("\r\n", "\n"), newline=""), delimiter=_delimiter(text))
    rows: list[Row] = []
    start = 1
    for cells in reader:
        rows.append(Row(cells=tuple(cells), line=start))
        start = reader.line_num + 1
    return rows
