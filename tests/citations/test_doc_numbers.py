"""发文字号: bracket styles, 號, government orders, issuer codes, near-identical numbers."""

from __future__ import annotations

import pytest

from citations.doc_numbers import issuer_of, near_identical, normalize_doc_number, parse_doc_number


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
