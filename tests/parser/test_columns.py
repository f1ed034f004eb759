from __future__ import annotations

import pytest

from parser.columns import field_of, header_columns, is_header_row


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
        ("追责情形", "accountability_basis"),
        ("责任事项依据", "accountability_basis"),
        ("问责依据及监督方式", "accountability"),
        ("监督方式", "supervision"),
        ("实施主体", "department"),
        ("行使主体", "department"),
        ("承办机构", "office"),
        ("备注", "notes"),
        (" 职权\n名称 ", "name"),
        ("<p>依据</p>", "basis"),
        ("办理时限", None),
    ],
)
def test_header_synonyms(header: str, field: str | None) -> None:
    assert field_of(header) == field


def test_header_row_needs_a_name_column() -> None:
    assert is_header_row(("序号", "职权名称", "依据"))
    assert not is_header_row(("序号", "依据", "备注"))
    assert not is_header_row(("1", "对电子政务项目进行审核", "<p>…</p>"))
    assert [c.index for c in header_columns(("序号", "", "事项名称"))] == [0, 2]
