import pytest

from text.numerals import numeral_value, to_chinese, to_int


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("二十三", 23), ("23", 23), ("２３", 23), ("一百零八", 108), ("两", 2), ("四十五", 45),
     ("二○一二", 2012), ("二〇一八", 2018), ("一○八", 108)],
)
def test_to_int(numeral: str, value: int) -> None:
    assert to_int(numeral) == value


def test_to_chinese_round_trips() -> None:
    for number in (1, 10, 21, 66, 108, 473):
        assert to_int(to_chinese(number)) == number


@pytest.mark.parametrize("numeral", ["十十", "二十9", "百二千", "9" * 5000])
def test_numeral_characters_that_are_no_number(numeral: str) -> None:
    """What the numeral patterns capture from a typo or a damaged file: ValueError, and None from numeral_value."""
    with pytest.raises(ValueError):
        to_int(numeral)
    assert numeral_value(numeral) is None
    assert numeral_value("二十三") == 23
