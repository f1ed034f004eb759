"""Tab-separated text, one row per line (the seed's format; cells may hold <p> fragments)."""

from __future__ import annotations

from parser.tables.row import Row


def read_tsv(text: str) -> list[Row]:
    """Every line as a row split on tabs; a line without tabs is a one-cell row."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [Row(cells=tuple(line.split("\t")), line=number) for number, line in enumerate(lines, start=1)]
