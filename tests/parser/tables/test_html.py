from __future__ import annotations

from pathlib import Path

from parser.tables.html import read_html

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "powerlist"


def test_rowspan_repeats_and_colspan_keeps_first_column() -> None:
    page = """<html><body><table>
<tr><td colspan="3">标题</td></tr>
<tr><th>序号</th><th>职权名称</th><th>备注</th></tr>
<tr><td>1</td><td>甲</td><td rowspan="2"><p>中心</p></td></tr>
<tr><td>2</td><td>乙</td></tr>
</table></body></html>"""
    rows = read_html(page)
    assert [row.cells for row in rows] == [
        ("标题", "", ""),
        ("序号", "职权名称", "备注"),
        ("1", "甲", "<p>中心</p>"),
        ("2", "乙", "<p>中心</p>"),
    ]
    assert [row.line for row in rows] == [2, 3, 4, 5]


def test_fixture_page_blocks_caption_and_merged_notes() -> None:
    rows = read_html((FIXTURES / "powerlist.html").read_text(encoding="utf-8"))
    texts = [row.cells[0] for row in rows if len(row.cells) == 1]
    assert texts[:2] == ["首页 > 权责清单", "表六、行政检查"]
    notes = [row.cells[-1] for row in rows if row.cells[0] in {"<p>2</p>", "<p>3</p>"} and len(row.cells) == 7]
    assert notes == ["<p>汕头市公共资源交易中心</p>"] * 2
