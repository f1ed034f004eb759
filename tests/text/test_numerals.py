import pytest

from text.numerals import to_chinese, to_int


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
