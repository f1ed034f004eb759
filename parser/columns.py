"""Power-list column headers: names and their common synonyms mapped to the field they fill."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text.script import to_simplified

SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序列号"),
    "name": ("职权名称", "事项名称", "权力名称", "权责事项", "职权事项", "权力事项名称", "项目名称"),
    "subitem": ("子项名称", "子项", "子项目名称"),
    "category": ("职权类型", "权力类型", "事项类型", "职权类别", "权力类别", "事项类别"),
    "basis": ("依据", "实施依据", "设定依据", "法律依据", "职权依据", "法定依据", "设定和实施依据"),
    "duties": ("责任事项", "责任事项内容"),
    "accountability_basis": ("问责依据", "追责情形", "责任事项依据", "追责依据", "问责情形"),
    "accountability": ("问责依据及监督方式", "追责情形及监督方式", "问责依据和监督方式", "问责及监督方式"),
    "supervision": ("监督方式", "监督渠道", "监督电话"),
    "department": ("实施主体", "行使主体", "责任主体", "实施机关", "行使层级及主体", "部门名称", "职权部门"),
    "office": ("承办机构", "内设机构", "承办科室", "责任科室", "承办处室"),
    "notes": ("备注", "说明"),
}

# Fields that Power has no attribute for: their cells are kept in Power.extra under the header as written.
EXTRA_FIELDS = {"office"}

_BY_NAME = {synonym: field for field, synonyms in SYNONYMS.items() for synonym in synonyms}
_LONGEST_FIRST = sorted(_BY_NAME, key=len, reverse=True)
_NOISE = re.compile(r"[\s\u3000\xa0*＊:：()（）\[\]【】]|<[^>]+>")


def normalize_header(text: str) -> str:
    """Header text in simplified script, without spaces, markup, asterisks, colons and brackets (序號 → 序号)."""
    return to_simplified(_NOISE.sub("", text))


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


def header_columns(cells: tuple[str, ...]) -> list[Column]:
    """Columns of a row read as a header row."""
    return [Column(index, _NOISE.sub("", cell), field_of(cell)) for index, cell in enumerate(cells) if cell.strip()]


def is_header_row(cells: tuple[str, ...]) -> bool:
    """A header row names the power (职权名称 or a synonym) and at least one other known column."""
    fields = [column.field for column in header_columns(cells)]
    return "name" in fields and len({field for field in fields if field}) >= 2
