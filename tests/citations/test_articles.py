"""Article references: numerals, lists, 款/项/目, 之一, ranges, informal points."""

from __future__ import annotations

import pytest

from citations.articles import match_reference, parse_article_refs
from text.numerals import to_int


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("九", 9), ("二十一", 21), ("一百零三", 103), ("八十一", 81), ("11", 11), ("２２", 22), ("两百", 200), ("十", 10)],
)
def test_captured_numerals(numeral: str, value: int) -> None:
    assert to_int(numeral) == value


def _tuples(text: str) -> list[tuple]:
    return [(r.article, r.article_suffix, r.paragraph, r.item, r.subitem) for r in parse_article_refs(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第九条", [(9, None, None, None, None)]),
        ("第11条", [(11, None, None, None, None)]),
        ("第二十二條", [(22, None, None, None, None)]),
        ("第二十一、二十三条", [(21, None, None, None, None), (23, None, None, None, None)]),
        ("第二十二条第二款", [(22, None, 2, None, None)]),
        ("第二十二條 第二款", [(22, None, 2, None, None)]),
        ("第十条之一", [(10, 1, None, None, None)]),
        ("第三十条第一款第（五）项", [(30, None, 1, 5, None)]),
        ("第三十条第一款第五项第二目", [(30, None, 1, 5, 2)]),
        ("第三十九条和第四十条第一项、第二项", [(39, None, None, None, None), (40, None, None, 1, None), (40, None, None, 2, None)]),
        ("第六条至第八条", [(6, None, None, None, None), (7, None, None, None, None), (8, None, None, None, None)]),
    ],
)
def test_formal_forms(text: str, expected: list[tuple]) -> None:
    assert _tuples(text) == expected
    assert all(not ref.informal for ref in parse_article_refs(text))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("第四点（二）工作窗口", "第四点（二）"),
        ("第四大点中(五)工作事项的督办", "第四大点中(五)"),
        ("第二点主要任务中（六）协调中央", "第二点主要任务中（六）"),
        ("第二点主要任务第八小点 负责受理", "第二点主要任务第八小点"),
        ("二、主要任务（四）承担", "二、主要任务（四）"),
        ("二、主要任务 （三）负责", "二、主要任务 （三）"),
        ("第四点 六、建立健全", "第四点"),
        ("第二章第三节 监督检查", "第二章第三节"),
        ("第三部分 保障措施", "第三部分"),
    ],
)
def test_informal_forms_are_kept_as_written(text: str, written: str) -> None:
    found = match_reference(text)
    assert found is not None
    assert found[0] == written
    assert [(ref.informal, ref.article, ref.text) for ref in found[1]] == [(True, None, written)]


def test_free_text_is_not_a_reference() -> None:
    assert match_reference("一律按照规定办理") is None
    assert match_reference("十分重要") is None
