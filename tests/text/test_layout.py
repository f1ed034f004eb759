from __future__ import annotations

from text.layout import normalize_spaces, one_line, reflow


def test_breaks_inside_words_go_breaks_before_entries_stay() -> None:
    cell = "直接实施责\n任：\n1.执行上级统\n计部门制定的\n标准\n。\n2.依法依规实\n施。\n指导监督责\n任：\n3.加强指导。"
    assert reflow(cell) == "直接实施责任：\n1.执行上级统计部门制定的标准。\n2.依法依规实施。\n指导监督责任：\n3.加强指导。"


def test_tags_citations_and_articles_start_new_lines() -> None:
    cell = "【法律】《中华人民共和国统计法》\n第四十四条：作为统计调查对象\n的国家机关\n【法规】《全国农业普查条例》"
    assert reflow(cell).split("\n") == [
        "【法律】《中华人民共和国统计法》",
        "第四十四条：作为统计调查对象的国家机关",
        "【法规】《全国农业普查条例》",
    ]


def test_layout_spaces_inside_words_titles_and_numbers() -> None:
    assert reflow("（1983年12月8 日 由第六届") == "（1983年12月8日由第六届"
    assert reflow("政策法\n规科 、\n社会经\n济统计\n科") == "政策法规科、社会经济统计科"
    assert reflow("【法律】《 中华\n人民共和国行政\n处罚法》\n（1996 年3月\n17日") == "【法律】《中华人民共和国行政处罚法》（1996年3月17日"
    assert reflow("《国务院关于修改<全国经济普查条例> 的决定》") == "《国务院关于修改<全国经济普查条例>的决定》"


def test_separating_spaces_stay() -> None:
    """After a sentence end, an article label or between Latin words the space is the author's."""
    assert reflow("申报制度。 第十条 市电子政务主管部门") == "申报制度。 第十条 市电子政务主管部门"
    assert reflow("第五条\u2002自治区科技厅") == "第五条 自治区科技厅"
    assert reflow("市效能办, 123456、地址") == "市效能办, 123456、地址"
    assert reflow("see www.\ngov.cn today") == "see www.gov.cn today"


def test_width_spaces_and_names() -> None:
    assert normalize_spaces("a\u3000b\u00a0c\u2003d\r\ne") == "a b c d\ne"
    assert one_line("对拒绝\n配合统\n计调查\n、农业\n普查") == "对拒绝配合统计调查、农业普查"
    assert one_line("行政\n处罚") == "行政处罚"
    assert reflow(" \n\n ") == ""
