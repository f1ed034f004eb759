from __future__ import annotations

from pathlib import Path

from parser.tables.xls import read_xls
from parser.tables.xlsx import read_xlsx

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "powerlist"


def test_legacy_workbook_reads_like_the_xlsx() -> None:
    xls = read_xls((FIXTURES / "powerlist.xls").read_bytes())
    xlsx = read_xlsx((FIXTURES / "powerlist.xlsx").read_bytes())
    assert [(row.sheet, row.line, row.filled) for row in xls] == [(row.sheet, row.line, row.filled) for row in xlsx]
