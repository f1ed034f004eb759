"""Office Open XML workbooks (a PK zip holding xl/workbook.xml), read with openpyxl; merged cells are filled."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from parser.tables.cellvalue import cell_text
from parser.tables.row import Row
from parser.tables.spans import Span, fill_spans


def read_xlsx(data: bytes) -> list[Row]:
    """Every row of every sheet, numbered by sheet row."""
    workbook = load_workbook(io.BytesIO(data), data_only=True)
    rows: list[Row] = []
    for sheet in workbook.worksheets:
        grid = [[cell_text(value) for value in values] for values in sheet.iter_rows(values_only=True)]
        spans = [
            Span(merged.min_row - 1, merged.max_row - 1, merged.min_col - 1, merged.max_col - 1)
            for merged in sheet.merged_cells.ranges
            if merged.max_row <= len(grid)
        ]
        for index, cells in enumerate(fill_spans(grid, spans), start=1):
            rows.append(Row(cells=tuple(cells), line=index, sheet=sheet.title))
    return rows
