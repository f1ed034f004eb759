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


def _full(text: str) -> list[tuple]:
    found = match_reference(text)
    assert found is not None, text
    return [(r.article, r.article_suffix, r.paragraph, r.item, r.chapter, r.section) for r in found[1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第三十九至第五十条", [(n, None, None, None, None, None) for n in range(39, 51)]),
        ("第十条至第十五条", [(n, None, None, None, None, None) for n in range(10, 16)]),
        ("第二、三、四条", [(n, None, None, None, None, None) for n in (2, 3, 4)]),
        ("第三十九至第五十条、第五十九条", [(n, None, None, None, None, None) for n in [*range(39, 51), 59]]),
        ("第四十九条第一、三款", [(49, None, 1, None, None, None), (49, None, 3, None, None, None)]),
        ("第五十条第一款、第四款", [(50, None, 1, None, None, None), (50, None, 4, None, None, None)]),
        ("第二十六条第（一）、（二）项", [(26, None, None, 1, None, None), (26, None, None, 2, None, None)]),
        ("第二十六条第（一）项、第（三）项", [(26, None, None, 1, None, None), (26, None, None, 3, None, None)]),
        ("第八条第二款第（三）项", [(8, None, 2, 3, None, None)]),
        ("第22条第2款第5项", [(22, None, 2, 5, None, None)]),
        ("第十条之一", [(10, 1, None, None, None, None)]),
        ("第二十条之二第一款", [(20, 2, 1, None, None, None)]),
        ("第五章", [(None, None, None, None, 5, None)]),
        ("第五章、第六章、第七章", [(None, None, None, None, n, None) for n in (5, 6, 7)]),
        ("第五章、第\n六章、第七章", [(None, None, None, None, n, None) for n in (5, 6, 7)]),
        ("第五章第三节", [(None, None, None, None, 5, 3)]),
        ("第四十条、\n第四十一条、第\n四十二条", [(n, None, None, None, None, None) for n in (40, 41, 42)]),
        ("第六条至第八条第二款", [(6, None, None, None, None, None), (7, None, None, None, None, None), (8, None, 2, None, None, None)]),
    ],
)
def test_issue_forms(text: str, expected: list[tuple]) -> None:
    assert _full(text) == expected


def test_last_paragraph_subitem_and_annex() -> None:
    found = match_reference("第十二条末款")
    assert found and [(r.article, r.paragraph, r.last_paragraph) for r in found[1]] == [(12, None, True)]
    found = match_reference("第三十条第一款第五项第二目")
    assert found and [(r.article, r.paragraph, r.item, r.subitem) for r in found[1]] == [(30, 1, 5, 2)]
    found = match_reference("附件第3项")
    assert found and [(r.annex, r.annex_item) for r in found[1]] == [(1, 3)]
    found = match_reference("附件2第十项")
    assert found and [(r.annex, r.annex_item) for r in found[1]] == [(2, 10)]


def test_lone_paragraph_belongs_to_the_article_before() -> None:
    first = match_reference("第二条第一款")
    assert first
    found = match_reference("第四款：有财政违法行为的单位", article=first[1][-1])
    assert found and found[0] == "第四款"
    assert [(r.article, r.paragraph) for r in found[1]] == [(2, 4)]
    assert match_reference("第四款：有财政违法行为的单位") is None


def test_a_number_that_does_not_read_ends_the_reference() -> None:
    """第十十条 (a typo) or a numeral run a damaged file made is no article: the references before it are kept."""
    assert parse_article_refs("第十十条") == []
    assert [ref.article for ref in parse_article_refs("第三条、第二十9999条")] == [3]
    found = match_reference("第五条、第十十条", 0)
    assert found is not None and found[0] == "第五条" and [ref.article for ref in found[1]] == [5]
    assert match_reference("第五条第十十款", 0) is None  # the unit does not read as a whole
