"""Histories in parentheses as real 依据 cells write them (excerpts of the Karamay workbooks and forms they do not have)."""

from __future__ import annotations

from citations.history import read_history


def _facts(content: str, title: str | None = None) -> tuple:
    history = read_history(content, title)
    assert history is not None, content
    return (history.promulgation_date, history.promulgation_order.normalized if history.promulgation_order else None,
            history.effective_date, history.amendment_dates, [o.normalized for o in history.amendment_orders])


def test_law_promulgated_by_order_and_amended_by_a_titled_decision() -> None:
    content = ("2002年6月29日第九届全国人民代表大会常务委员会第二十八次会议通过，中华人民共和国主席令第68号公布，自2003年1月1日起施行。"
               "根据2014年8月31日中华人民共和国主席令第十四号《全国人民代表大会常务委员会关于修改＜中华人民共和国保险法＞等五部法律的决定》修正")
    assert _facts(content) == ("2002-06-29", "主席令第68号", "2003-01-01", ["2014-08-31"], [])
    decision = read_history(content).amending[0]
    assert decision.title == "全国人民代表大会常务委员会关于修改＜中华人民共和国保险法＞等五部法律的决定"
    assert decision.number.normalized == "主席令第14号" and decision.date == "2014-08-31"


def test_order_in_chinese_numerals_then_a_bare_amendment() -> None:
    assert _facts("2005年12月29日主席令第四十五号，2015年4月24日予以修改") == ("2005-12-29", "主席令第45号", None, ["2015-04-24"], [])


def test_each_number_belongs_to_the_verb_after_it() -> None:
    content = "2000年6月23日农业部令，第32号公布，2017年12月1日，农业部令2017年第8号修改"
    assert _facts(content) == ("2000-06-23", "农业部令第32号", None, ["2017-12-01"], ["2017年农业部令第8号"])
    assert _facts("1997年5月8日国务院令第216号发布，2017年3月16日予以修改")[:2] == ("1997-05-08", "国务院令第216号")


def test_publication_date_wins_over_adoption_date() -> None:
    content = "国务院令第404号，经2004年3月24日国务院第45次常务会议通过，2004年4月9日公布，自2004年11月1日起施行。"
    assert _facts(content) == ("2004-04-09", "国务院令第404号", "2004-11-01", [], [])


def test_decision_number_in_parentheses_after_its_title() -> None:
    content = "1983年1月3日国务院发布；根据2017年10月7日《国务院关于修改部分行政法规的决定》（国务院令第687号）第二次修订"
    history = read_history(content)
    assert _facts(content) == ("1983-01-03", None, None, ["2017-10-07"], [])
    assert [(d.title, d.number.normalized) for d in history.amending] == [("国务院关于修改部分行政法规的决定", "国务院令第687号")]


def test_own_title_and_short_names_inside_a_history_are_not_amending_decisions() -> None:
    own = "中华人民共和国野生植物保护条例"
    content = (f"中华人民共和国国务院令 第204号 现发布《{own}》，自1997年1月1日起施行。2017年10月7日，国务院总理李克强签署"
               f"第687号中华人民共和国国务院令，对《{own}》进行了修改。")
    history = read_history(content, own)
    assert _facts(content, own) == (None, "国务院令第204号", "1997-01-01", ["2017-10-07"], ["国务院令第687号"])
    assert history.amending == []
    with_short = read_history("2017年10月，国务院总理李克强签署国务院令，公布《国务院关于修改部分行政法规的决定》（下称《决定》）")
    assert [d.title for d in with_short.amending] == ["国务院关于修改部分行政法规的决定"]


def test_dates_and_verbs_split_by_hard_line_breaks_are_read_once_joined() -> None:
    assert _facts("1996年3月17日第八届全国人民代表大会第四次会议通过，根据2021年1月22日第十三届全国人民代表大会常务委员会"
                  "第二十五次会议修订，自2021年7月15日起施行") == ("1996-03-17", None, "2021-07-15", ["2021-01-22"], [])


def test_version_is_the_latest_amendment_else_the_promulgation() -> None:
    assert read_history("2010年10月28日通过").version() == "2010-10-28"
    assert read_history("2017年9月1日第二次修正").version() == "2017-09-01"
    assert read_history("自2011年1月8日起实施").version() == "2011-01-08"
    assert read_history("于2021年5月19日国务院第136次常务会议修订通过，自2021年8月1日起施行。").amendment_dates == ["2021-05-19"]


def test_file_number_in_a_history() -> None:
    history = read_history("2000年2月16日国家科学技术部、财政部、国家税务总局制定，国科发政字【2000】063号 ，自发布之日起实施")
    assert history.file_number.normalized == "国科发政字〔2000〕63号" and history.promulgation_date == "2000-02-16"


def test_text_without_dates_or_numbers_is_not_a_history() -> None:
    assert read_history("试行") is None
