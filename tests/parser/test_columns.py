from __future__ import annotations

import pytest

from parser.columns import field_of, header_columns, is_header_row, is_nameless_header


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("序号", "seq"),
        ("职权名称", "name"),
        ("事项名称", "name"),
        ("权力名称", "name"),
        ("子项名称", "subitem"),
        ("职权类型", "category"),
        ("权力类型", "category"),
        ("依据", "basis"),
        ("实施依据", "basis"),
        ("设定依据", "basis"),
        ("法律依据", "basis"),
        ("责任事项", "duties"),
        ("问责依据", "accountability_basis"),
        ("追责情形", "circumstances"),
        ("责任事项依据", "duty_basis"),
        ("追责对象\n范围", "targets"),
        ("职权编码", "code"),
        ("实施层级及权限", "level"),
        ("部门职责", "department_duty"),
        ("救助渠道", "remedy"),
        ("问责依据及监督方式", "accountability"),
        ("监督方式", "supervision"),
        ("实施主体", "executing_body"),
        ("行使\n主体", "executing_body"),
        ("部门名称", "department"),
        ("承办机构", "office"),
        ("备注", "notes"),
        (" 职权\n名称 ", "name"),
        ("<p>依据</p>", "basis"),
        ("办理时限", "time_limit"),
        ("受理地点", None),
    ],
)
def test_header_synonyms(header: str, field: str | None) -> None:
    assert field_of(header) == field


def test_header_row_needs_a_name_column() -> None:
    assert is_header_row(("序号", "职权名称", "依据"))
    assert not is_header_row(("序号", "依据", "备注"))
    assert not is_header_row(("1", "对电子政务项目进行审核", "<p>…</p>"))
    assert [c.index for c in header_columns(("序号", "", "事项名称"))] == [0, 2]


def test_a_header_spanning_two_columns_names_level_and_scope() -> None:
    columns = header_columns(("序号", "事项名称", "实施层级及权限", "", "部门职责"), joined=frozenset({3}))
    assert [(c.index, c.field) for c in columns] == [(0, "seq"), (1, "name"), (2, "level"), (3, "scope"), (4, "department_duty")]
    unmerged = header_columns(("序号", "事项名称", "实施层级及权限", "", "部门职责"))
    assert [c.field for c in unmerged] == ["seq", "name", "level", "scope", "department_duty"]


def test_a_header_without_a_name_column() -> None:
    assert is_nameless_header(("序号", "权力类型", "实施依据", "备注"))
    assert not is_nameless_header(("序号", "事项名称", "实施依据"))
