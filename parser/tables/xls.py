"""Legacy Excel workbooks (OLE2 compound files), read with xlrd; merged cells are filled."""

from __future__ import annotations

import xlrd

from parser.tables.cellvalue import cell_text
from parser.tables.row import Row
from parser.tables.spans import Span, fill_spans


def read_xls(data: bytes) -> list[Row]:
    """Every row of every sheet, numbered by sheet row."""
    workbook = xlrd.open_workbook(file_contents=data, formatting_info=True)
    rows: list[Row] = []
    for sheet in workbook.sheets():
        grid = [[cell_text(value) for value in sheet.row_values(index)] for index in range(sheet.nrows)]
        spans = [Span(rlo, rhi - 1, clo, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells]
        for index, cells in enumerate(fill_spans(grid, spans), start=1):
            rows.append(Row(cells=tuple(cells), line=index, sheet=sheet.name))
    return rows
