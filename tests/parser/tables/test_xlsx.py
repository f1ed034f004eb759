from __future__ import annotations

from pathlib import Path

from parser.tables.xlsx import read_xlsx

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "powerlist"


def test_sheets_title_row_and_merged_cells() -> None:
    rows = read_xlsx((FIXTURES / "powerlist.xlsx").read_bytes())
    assert {row.sheet for row in rows} == {"行政检查", "其他"}
    title = rows[0]
    assert title.filled == ["汕头市行政服务中心管理办公室权责清单"] and title.line == 1
    other = [row for row in rows if row.sheet == "其他"]
    assert [row.cells[0] for row in other[2:]] == ["1", "2", "3", "5"]  # whole numbers without .0
    assert other[3].cells[-1] == other[4].cells[-1] == "汕头市公共资源交易中心"  # vertical merge repeated
