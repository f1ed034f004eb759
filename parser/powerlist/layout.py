"""What a grid row is: blank, list title, table heading, header row, or data."""

from __future__ import annotations

import re
from dataclasses import dataclass

from parser.columns import is_header_row
from parser.powerlist.markup import cell_text
from parser.tables.row import Row
from text.script import to_simplified

_LIST_WORDS = "权责清单|权力清单|责任清单|权力和责任清单|权责事项清单|权力事项清单"
_TITLE = re.compile(rf"^(?P<department>[^<>|/\\]*?)\s*(?:{_LIST_WORDS})(?:\s*[（(].*[)）])?$")
_NUMERAL = "一二三四五六七八九十百零〇两\\d"
_TABLE_HEADING = re.compile(rf"^(?P<table>表\s*[{_NUMERAL}]+)\s*[、.．:：\s]\s*(?P<category>\S.*)$")
_CATEGORIES = r"行政(?:许可|处罚|强制|征收|征用|给付|检查|确认|奖励|裁决)|其他(?:行政)?(?:职权|权力)?"
_CATEGORY_HEADING = re.compile(rf"^(?:[{_NUMERAL}]+\s*[、.．]\s*)?(?P<category>{_CATEGORIES})(?:\s*[（(].*[)）])?$")


@dataclass(frozen=True)
class Title:
    department: str
    text: str


@dataclass(frozen=True)
class Heading:
    table: str | None
    category: str
    text: str


def one_cell_text(row: Row) -> str | None:
    """The text of a row that has exactly one non-blank cell."""
    filled = row.filled
    return cell_text(filled[0]) if len(filled) == 1 else None


def as_title(row: Row) -> Title | None:
    """A one-cell row naming a 权责清单 (the department is the title without the list word)."""
    text = one_cell_text(row)
    match = _TITLE.match(to_simplified(text)) if text and len(text) <= 80 else None
    if not match or not text:
        return None
    department = text[: match.end("department")] if len(to_simplified(text)) == len(text) else match.group("department")
    return Title(department=department.strip(), text=text)


def as_heading(row: Row) -> Heading | None:
    """A one-cell row heading a table: 表六、行政检查, or a bare category such as 三、行政检查."""
    text = one_cell_text(row)
    if not text or len(text) > 40:
        return None
    table = _TABLE_HEADING.match(to_simplified(text))
    if table:
        return Heading(table=re.sub(r"\s", "", table.group("table")), category=table.group("category").strip(), text=text)
    category = _CATEGORY_HEADING.match(to_simplified(text))
    return Heading(table=None, category=category.group("category"), text=text) if category else None


def is_header(row: Row) -> bool:
    return is_header_row(row.cells)
