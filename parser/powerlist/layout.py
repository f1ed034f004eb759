"""What a grid row is: blank, list title, 部门名称 banner, table heading, header row, or data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from parser.powerlist.categories import read_category
from parser.powerlist.markup import plain_text
from parser.tables.row import Row
from text.layout import one_line
from text.script import to_simplified

_LIST_WORDS = "权责清单|权力清单|责任清单|权力和责任清单|权责事项清单|权力事项清单"
# What follows the list word in a title: 指导目录, 汇总表, (2016年版), （行政检查类）.
_AFTER = r"(?:指导目录|目录|汇总表|一览表|总表|明细表|表)?(?:\s*[（(].*[)）])?"
_TITLE = re.compile(rf"^(?P<department>[^<>|/\\]*?)\s*(?:{_LIST_WORDS}){_AFTER}$")
_YEAR = re.compile(r"^\s*[（(]?\d{4}\s*年度?(?:版)?[)）]?\s*|\s*[（(]?\d{4}\s*年度?(?:版)?[)）]?\s*$")
_BANNER = re.compile(r"^(?:附件\s*\d*\s*[:：]?\s*)")
_DEPARTMENT_BANNER = re.compile(r"^\s*(?:部门名称|单位名称|填报单位|部门)\s*[:：]\s*(?P<department>\S.*?)\s*$")
_NUMERAL = "一二三四五六七八九十百零〇两\\d"
_TABLE_HEADING = re.compile(rf"^(?P<table>表\s*[{_NUMERAL}]+)\s*[、.．:：\s]\s*(?P<category>\S.*)$")


@dataclass(frozen=True)
class Title:
    department: str
    text: str


@dataclass(frozen=True)
class Heading:
    table: str | None
    category: str
    written: str
    count: int | None
    text: str


def one_cell_text(row: Row) -> str | None:
    """The text of a row with one distinct non-blank cell (a title repeated across every cell of a row counts as one)."""
    filled = {cell.strip() for cell in row.filled}
    return plain_text(row.filled[0]) if len(filled) == 1 else None


def department_of(text: str) -> str:
    """A title's department part without a leading 附件 and the year (克拉玛依市财政局2025年 → 克拉玛依市财政局)."""
    return _YEAR.sub("", _BANNER.sub("", text)).strip()


def as_title(row: Row) -> Title | None:
    """A one-cell row naming a 权责清单 (the department is the title without the list word), or a 部门名称：… banner."""
    text = one_cell_text(row)
    if not text or len(text) > 80:
        return None
    line = one_line(text)
    banner = _DEPARTMENT_BANNER.match(line)
    if banner:
        return Title(department=banner.group("department"), text=text)
    match = _TITLE.match(to_simplified(line))
    if not match:
        return None
    department = line[: match.end("department")] if len(to_simplified(line)) == len(line) else match.group("department")
    return Title(department=department_of(department), text=text)


def title_of_file(name: str) -> Title | None:
    """The department named by a workbook's file name (克拉玛依市医疗保障局2024年权责清单.xls), if it follows the pattern."""
    stem = re.sub(r"\s*[（(]\d+[)）]\s*$", "", PurePosixPath(name).stem)
    title = as_title(Row(cells=(stem,), line=0))
    return title if title and title.department else None


def as_heading(row: Row) -> Heading | None:
    """A one-cell row heading a table: 表六、行政检查, or a bare category such as 三、行政检查 or 行政处罚（254项）."""
    text = one_cell_text(row)
    if not text or len(one_line(text)) > 40:
        return None
    line = one_line(text)
    table = _TABLE_HEADING.match(to_simplified(line))
    if table:
        category = read_category(line[table.start("category") :])
        assert category is not None  # the pattern requires a non-blank category part
        return Heading(re.sub(r"\s", "", table.group("table")), category.name, category.written, category.count, text)
    category = read_category(line)
    return Heading(None, category.name, category.written, category.count, text) if category and category.known else None
