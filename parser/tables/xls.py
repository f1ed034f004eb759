"""Legacy Excel workbooks (OLE2 compound files), read with xlrd; merged blocks resolved and marked (see Row)."""

from __future__ import annotations

import xlrd

from parser.tables.cellvalue import value_text
from parser.tables.row import Row
from parser.tables.spans import Span, merged_rows


def read_xls(data: bytes) -> list[Row]:
    """Every row of every sheet, numbered by sheet row."""
    workbook = xlrd.open_workbook(file_contents=data, formatting_info=True)
    rows: list[Row] = []
    for sheet in workbook.sheets():
        grid = [[value_text(value) for value in sheet.row_values(index)] for index in range(sheet.nrows)]
        spans = [Span(rlo, rhi - 1, clo, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells if rhi > rlo and chi > clo]
        rows.extend(merged_rows(grid, spans, sheet.name))
    return rows
