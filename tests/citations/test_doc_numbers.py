"""发文字号: bracket styles, 號, government orders, issuer codes, near-identical numbers."""

from __future__ import annotations

import pytest

from citations.doc_numbers import find_doc_numbers, is_order, issuer_of, near_identical, normalize_doc_number, parse_doc_number


@pytest.mark.parametrize(
    "raw",
    [
        "汕府〔2008〕130号", "汕府[2008]130号", "汕府［2008］130号", "汕府﹝2008﹞130号", "汕府(2008)130号", "汕府（2008）130号",
        "汕府〔2008〕130號", "汕府【2008】130号", "汕府〔２００８〕１３０号", "汕府〔2008〕第130号", "汕府 〔2008〕 130 号",
    ],
)
def test_every_bracket_style_normalizes(raw: str) -> None:
    assert normalize_doc_number(raw) == "汕府〔2008〕130号"


def test_government_order() -> None:
    parsed = parse_doc_number("2015年汕头市人民政府令第164号")
    assert parsed is not None
    assert (parsed.normalized, parsed.year, parsed.serial, parsed.issuer) == ("2015年汕头市人民政府令第164号", 2015, 164, "汕头市人民政府")


@pytest.mark.parametrize(
    ("code", "issuer"),
    [("汕府", "汕头市人民政府"), ("汕府办", "汕头市人民政府办公室"), ("汕机编", "汕头市机构编制委员会"), ("中办发", "中共中央办公厅"),
     ("粤府办", "广东省人民政府办公厅"), ("粤办函", "广东省人民政府办公厅"), ("汕市发改", "汕头市发展和改革局"), ("国办发", "国务院办公厅"),
     ("某某", None)],
)
def test_issuer_codes(code: str, issuer: str | None) -> None:
    assert issuer_of(code) == issuer


def test_parsed_number_names_issuer_year_serial() -> None:
    parsed = parse_doc_number("中办发〔2011〕22号")
    assert parsed is not None
    assert (parsed.code, parsed.year, parsed.serial, parsed.issuer) == ("中办发", 2011, 22, "中共中央办公厅")


@pytest.mark.parametrize("raw", ["汕府〔08〕130号", "汕府2008130号", "关于加强管理的通知", ""])
def test_not_doc_numbers(raw: str) -> None:
    assert parse_doc_number(raw) is None


def test_near_identical_means_issuer_code_missing_a_character() -> None:
    assert near_identical("汕机〔2013〕82号", "汕机编〔2013〕82号")
    assert near_identical("汕机编〔2013〕82号", "汕机〔2013〕82号")
    assert not near_identical("汕府办〔2016〕19号", "粤府办〔2016〕19号")
    assert not near_identical("汕机编〔2013〕82号", "汕机编〔2014〕82号")
    assert not near_identical("汕机编〔2013〕82号", "汕机编〔2013〕82号")


@pytest.mark.parametrize(
    ("raw", "normalized", "kind"),
    [
        ("国务院令第473号", "国务院令第473号", "order"),
        ("中华人民共和国国务院令 第 473号", "国务院令第473号", "order"),
        ("国务院令第 473号", "国务院令第473号", "order"),
        ("国务院563号令", "国务院令第563号", "order"),
        ("农业部第41号令", "农业部令第41号", "order"),
        ("主席令第四十五号", "主席令第45号", "order"),
        ("中华人民共和国主席令第18号", "主席令第18号", "order"),
        ("主席令第十八号", "主席令第18号", "order"),
        ("商务部、公安部令2005年第8号", "2005年商务部、公安部令第8号", "order"),
        ("劳动和社会保障部令〔2004〕第21号", "2004年劳动和社会保障部令第21号", "order"),
        ("粤府令第197号", "粤府令第197号", "order"),
        ("财政部令2012年第69号", "2012年财政部令第69号", "order"),
        ("国务院令2015年第658号", "国务院令第658号", "order"),
        ("国务院、中华人民共和国中央军事委员会令第128号", "国务院、中央军事委员会令第128号", "order"),
        ("2015年汕头市人民政府令第164号", "2015年汕头市人民政府令第164号", "order"),
        ("国家税务总局公告2018年第31号", "国家税务总局公告2018年第31号", "notice"),
        ("新疆维吾尔自治区第十二届人民代表大会常务委员会公告第50号", "新疆维吾尔自治区第十二届人民代表大会常务委员会公告第50号", "notice"),
        ("新疆维吾尔自治区人大常委会公告99号", "新疆维吾尔自治区人大常委会公告第99号", "notice"),
        ("国科发政字【2000】063号", "国科发政字〔2000〕63号", "file"),
        ("新医保【2019】53号", "新医保〔2019〕53号", "file"),
        ("新金规﹝2021﹞1号", "新金规〔2021〕1号", "file"),
        ("〔2001〕国人防办字第211号", "国人防办字〔2001〕211号", "file"),
        ("(88)国税地字第025号", "国税地字〔1988〕25号", "file"),
        ("（1992）国发第7号", "国发〔1992〕7号", "file"),
    ],
)
def test_order_notice_and_file_number_forms(raw: str, normalized: str, kind: str) -> None:
    parsed = parse_doc_number(raw)
    assert parsed is not None, raw
    assert (parsed.normalized, parsed.kind) == (normalized, kind)


def test_written_forms_of_one_number_compare_equal() -> None:
    forms = ["国务院令第473号", "中华人民共和国国务院令第473号", "国务院令 第 473号", "国务院473号令", "国务院令第四百七十三号"]
    assert {normalize_doc_number(form) for form in forms} == {"国务院令第473号"}
    assert normalize_doc_number("国科发政字【2000】063号") == normalize_doc_number("国科发政字〔2000〕63号")


def test_numbers_in_running_text_keep_dates_out_of_the_issuer() -> None:
    found = find_doc_numbers("2006年8月23日中华人民共和国国务院令第473号公布，2000年6月23日农业部令，第32号公布")
    assert [(m.number.normalized, m.number.raw) for m in found] == [
        ("国务院令第473号", "中华人民共和国国务院令第473号"), ("农业部令第32号", "农业部令，第32号")]
    signed = find_doc_numbers("2017年10月7日，国务院总理李克强签署第687号中华人民共和国国务院令，对条例进行了修改")
    assert [m.number.normalized for m in signed] == ["国务院令第687号"]
    broken = find_doc_numbers("2017 年7\n月5 日中华人民\n共和国国家统计\n局令第21号公\n布")
    assert [m.number.normalized for m in broken] == ["国家统计局令第21号"]


def test_is_order() -> None:
    assert is_order("主席令第45号") and is_order("2012年财政部令第69号")
    assert not is_order("汕府〔2008〕130号") and not is_order("国家税务总局公告2018年第31号")
