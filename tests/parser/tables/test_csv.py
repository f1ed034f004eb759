from __future__ import annotations

from pathlib import Path

from parser.decode import decode
from parser.tables.csv import read_csv

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "powerlist"


def test_multiline_cells_keep_start_line() -> None:
    rows = read_csv('序号,职权名称,依据\n1,"甲","第一段\n第二段"\n2,乙,丙\n')
    assert [row.line for row in rows] == [1, 2, 4]
    assert rows[1].cells[2] == "第一段\n第二段"


def test_semicolon_delimiter() -> None:
    assert read_csv("序号;职权名称\n1;甲\n")[1].cells == ("1", "甲")


def test_three_encodings_give_the_same_rows() -> None:
    texts = [decode((FIXTURES / name).read_bytes(), name)[0] for name in ("powerlist.csv", "powerlist_gb18030.csv", "powerlist_utf16.csv")]
    rows = [read_csv(text) for text in texts]
    assert rows[0] == rows[1] == rows[2]
    assert rows[0][2].cells[1] == "职权名称"
