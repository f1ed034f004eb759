from __future__ import annotations

from parser.powerlist.layout import as_heading, as_title
from parser.tables.row import Row


def row(*cells: str) -> Row:
    return Row(cells=cells, line=1)


def test_title_gives_department() -> None:
    title = as_title(row("汕头市行政服务中心管理办公室权责清单"))
    assert title and title.department == "汕头市行政服务中心管理办公室"
    assert as_title(row("", "汕头市财政局权责清单（2016年版）", "")).department == "汕头市财政局"
    assert as_title(row("首页 > 权责清单")) is None
    assert as_title(row("汕头市财政局权责清单", "另一格")) is None


def test_table_headings() -> None:
    heading = as_heading(row("表六、行政检查"))
    assert heading and (heading.table, heading.category) == ("表六", "行政检查")
    bare = as_heading(row("三、行政许可"))
    assert bare and (bare.table, bare.category) == (None, "行政许可")
    assert as_heading(row("对电子政务项目进行审核")) is None
