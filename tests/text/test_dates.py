import pytest

from text.dates import find_date, find_dates, iso_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2013年2月4日公布", "2013-02-04"),
        ("二○一二年三月五日", "2012-03-05"),
        ("二〇一八年六月十六日", "2018-06-16"),
        ("2018 年 6 月 16 日", "2018-06-16"),
        ("2013-02-04", "2013-02-04"),
    ],
)
def test_iso_date(text: str, iso: str) -> None:
    assert iso_date(text) == iso


def test_no_date_or_impossible_date() -> None:
    assert iso_date("第十三条") is None
    assert iso_date("2013年13月4日") is None


def test_find_date_anywhere() -> None:
    assert find_date("（2005年12月29日主席令第四十五号）") == "2005-12-29"


def test_find_dates_gives_every_date_with_its_span() -> None:
    text = "1996年3月17日通过，2017年10月，根据决定修订，2021年1月22 日修正，自二○二一年七月十五日起施行"
    spans = find_dates(text)
    assert [span.iso for span in spans] == ["1996-03-17", "2017-10", "2021-01-22", "2021-07-15"]
    assert text[spans[0].start : spans[0].end] == "1996年3月17日"


def test_find_dates_skips_impossible_months() -> None:
    assert find_dates("2013年13月") == []


def test_a_month_date_whose_numerals_do_not_read_is_no_date() -> None:
    assert [span.iso for span in find_dates("十十十十年十十月，2017年10月")] == ["2017-10"]
