"""Title identity keys: 中华人民共和国 prefix, office alias names, script, nested 《》, short names."""

from __future__ import annotations

from text.titles import is_short_name, title_key

ESTABLISHMENT_WITH_ALIASES = (
    "印发汕头市行政服务中心管理办公室（汕头市电子政务管理办公室、汕头市企业投资管理服务中心、汕头市企业投诉受理中心）机构编制方案的通知"
)
ESTABLISHMENT_SHORT = "印发汕头市行政服务中心管理办公室机构编制方案的通知"


def test_law_short_title_is_full_title() -> None:
    assert title_key("行政许可法") == title_key("中华人民共和国行政许可法")


def test_alias_names_of_the_office_are_dropped() -> None:
    assert title_key(ESTABLISHMENT_WITH_ALIASES) == title_key(ESTABLISHMENT_SHORT)
    half_width = ESTABLISHMENT_WITH_ALIASES.replace("（", "(").replace("）", ")")
    assert title_key(half_width) == title_key(ESTABLISHMENT_SHORT)


def test_other_parentheses_stay() -> None:
    assert title_key("企业设立并联审批工作方案（试行）") != title_key("企业设立并联审批工作方案")


def test_traditional_and_simplified_share_a_key() -> None:
    assert title_key("台山市行政服務中心管理辦法") == title_key("台山市行政服务中心管理办法")


def test_inner_title_marks_do_not_matter() -> None:
    nested = "关于印发《汕头市推进一门式一网式政府服务模式改革工作方案》的通知"
    assert title_key(nested) == title_key(nested.replace("《", "").replace("》", ""))


def test_short_names() -> None:
    assert is_short_name("管理办法", "汕头市12345政府服务热线管理办法")
    assert not is_short_name("管理办法", "管理办法")
    assert not is_short_name("热线", "汕头市12345政府服务热线管理办法")


def test_search_key_is_the_identity_key() -> None:
    """Search, the registry and linking share this key: a cites: filter in any case or script finds the instrument."""
    assert title_key("《中华人民共和国行政许可法》") == "行政许可法"
    assert title_key("廣州市人民政府辦公廳") == "广州市人民政府办公厅"
    assert title_key("ＩＳＯ 9001 质量管理体系") == title_key("ISO9001质量管理体系")
    assert title_key("《中华人民共和国》") == "中华人民共和国"
