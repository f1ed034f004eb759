"""Office Open XML workbooks (a PK zip holding xl/workbook.xml), read with openpyxl; merged blocks resolved and marked.

The values come from a read-only load, which keeps text a merged block hides (a normal load drops it), and the
merged ranges from each sheet part's <mergeCells>, which read-only worksheets do not expose.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from parser.tables.cellvalue import value_text
from parser.tables.row import Row
from parser.tables.spans import Span, merged_rows

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def read_xlsx(data: bytes) -> list[Row]:
    """Every row of every sheet, numbered by sheet row."""
    from openpyxl import load_workbook  # half a second to import: only when a workbook is read

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    rows: list[Row] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for sheet in workbook.worksheets:
            grid = [[value_text(value) for value in values] for values in sheet.iter_rows(values_only=True)]
            rows.extend(merged_rows(grid, sheet_spans(archive, sheet._worksheet_path), sheet.title))
    workbook.close()
    return rows


def sheet_spans(archive: zipfile.ZipFile, part: str) -> list[Span]:
    """The merged ranges a sheet part declares."""
    from openpyxl.utils.cell import range_boundaries

    root = etree.fromstring(archive.read(part.lstrip("/")))
    spans = []
    for merge in root.iter(f"{_MAIN}mergeCell"):
        min_col, min_row, max_col, max_row = range_boundaries(merge.get("ref", ""))
        if None not in (min_col, min_row, max_col, max_row):
            spans.append(Span(min_row - 1, max_row - 1, min_col - 1, max_col - 1))
    return spans
