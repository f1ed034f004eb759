"""Power-list column headers: names and their common synonyms (the national template's and older lists') mapped to fields."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from text.script import to_simplified

SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序列号"),
    "code": ("职权编码", "事项编码", "权力编码", "基本编码", "事项代码", "权力事项编码", "实施编码"),
    "name": ("职权名称", "事项名称", "权力名称", "权责事项", "职权事项", "权力事项名称", "项目名称", "主项名称", "职权事项名称"),
    "subitem": ("子项名称", "子项", "子项目名称", "子项事项名称"),
    "category": ("职权类型", "权力类型", "事项类型", "职权类别", "权力类别", "事项类别"),
    "basis": ("依据", "实施依据", "设定依据", "法律依据", "职权依据", "法定依据", "设定和实施依据"),
    "duties": ("责任事项", "责任事项内容"),
    "duty_basis": ("责任事项依据",),
    "accountability_basis": ("问责依据", "追责依据"),
    "circumstances": ("追责情形", "问责情形", "追责情形及依据"),
    "targets": ("追责对象范围", "追责对象", "问责对象", "责任对象范围"),
    "accountability": ("问责依据及监督方式", "追责情形及监督方式", "问责依据和监督方式", "问责及监督方式"),
    "supervision": ("监督方式", "监督渠道", "监督电话"),
    "executing_body": ("实施主体", "行使主体", "责任主体", "实施机关", "行使层级及主体", "执法主体"),
    "department": ("部门名称", "职权部门", "实施部门", "责任部门"),
    "office": ("承办机构", "内设机构", "承办科室", "责任科室", "承办处室"),
    "level": ("实施层级", "行使层级", "实施层级及权限", "层级", "行使层级及权限"),
    "department_duty": ("部门职责", "职责"),
    "remedy": ("救济渠道", "救助渠道", "救济途径", "救济方式", "权利救济"),
    "time_limit": ("办理时限", "法定时限", "承诺时限", "办结时限", "法定办结时限", "承诺办结时限"),
    "fees": ("收费标准", "收费依据", "是否收费", "收费标准及依据"),
    "notes": ("备注", "说明"),
}

# A header spanning two columns (merged, or over an empty header cell) names two fields: 实施层级及权限 holds
# the level, then the 权限 (scope) text.
SECOND_COLUMN = {"level": "scope"}

_BY_NAME = {synonym: field for field, synonyms in SYNONYMS.items() for synonym in synonyms}
_LONGEST_FIRST = sorted(_BY_NAME, key=len, reverse=True)
_NOISE = re.compile(r"[\s\u3000\xa0*＊:：()（）\[\]【】]|<[^>]+>")


@lru_cache(maxsize=65_536)  # every row is tried as a header: its cells' texts repeat down the list
def field_of(header: str) -> str | None:
    """The field a header names: exact synonym first, else the longest synonym it contains (None if unknown)."""
    bare = _NOISE.sub("", header)
    if not bare or len(bare) > 12:
        return _BY_NAME.get(bare)
    key = to_simplified(bare)
    if key in _BY_NAME:
        return _BY_NAME[key]
    return next((_BY_NAME[synonym] for synonym in _LONGEST_FIRST if synonym in key), None)


@dataclass(frozen=True)
class Column:
    """A header cell: its position, text as written and the field it fills (None: kept in Power.extra)."""

    index: int
    header: str
    field: str | None


def header_columns(cells: tuple[str, ...], joined: frozenset[int] = frozenset()) -> list[Column]:
    """Columns of a row read as a header row; a column `joined` to a merged header cell on its left continues it."""
    columns: list[Column] = []
    for index, cell in enumerate(cells):
        if cell.strip():
            columns.append(Column(index, _NOISE.sub("", cell), field_of(cell)))
        elif columns and columns[-1].index == index - 1 and (index in joined or columns[-1].field in SECOND_COLUMN):
            left = columns[-1]
            columns.append(Column(index, f"{left.header}（{index - left.index + 1}）", SECOND_COLUMN.get(left.field or "", left.field)))
    return columns


@lru_cache(maxsize=1024)  # every row is asked whether it is a header, then whether it is a nameless one
def header_fields(cells: tuple[str, ...]) -> frozenset[str]:
    """The distinct known fields a row's cells name: header_columns' fields, without building the columns."""
    fields: set[str] = set()
    left: str | None = None  # the field of the column just left of this cell
    for cell in cells:
        left = field_of(cell) if cell.strip() else SECOND_COLUMN.get(left or "")
        if left:
            fields.add(left)
    return frozenset(fields)


def is_header_row(cells: tuple[str, ...]) -> bool:
    """A header row names the power (职权名称 or a synonym) and at least one other known column."""
    fields = header_fields(cells)
    return "name" in fields and len(fields) >= 2


def is_nameless_header(cells: tuple[str, ...]) -> bool:
    """A row that reads as a header (three or more known columns, each cell short) but names no item column."""
    fields = header_fields(cells)
    return len(fields) >= 3 and "name" not in fields and all(len(_NOISE.sub("", cell)) <= 12 for cell in cells if cell.strip())
