"""Chinese and Arabic numerals: 二十三, 二○一二, ２３ → int, and int → Chinese."""

from __future__ import annotations

import unicodedata
from functools import cache

ZERO_FORMS = str.maketrans({"〇": "零", "○": "零", "◯": "零", "Ｏ": "零", "两": "二"})
DIGITS = "零一二三四五六七八九"


@cache
def to_int(numeral: str) -> int:
    """A captured numeral (二十三, 23, ２３, 一○八) as an int; cn2an only ever sees the captured numeral. ValueError for
    numeral characters that are no number (see numeral_value)."""
    numeral = unicodedata.normalize("NFKC", numeral.translate(ZERO_FORMS)).strip()
    if numeral.isdigit():
        return int(numeral)
    if numeral and all(char in DIGITS for char in numeral) and len(numeral) > 1:
        return int("".join(str(DIGITS.index(char)) for char in numeral))  # digit by digit: 二零一二, 一零八
    import cn2an  # half a second to import: only when a numeral needs it

    return int(cn2an.cn2an(numeral, "normal"))


def numeral_value(numeral: str) -> int | None:
    """to_int, or None for a run of numeral characters that is no number (十十, 二十9, 百二千: a typo or a damaged
    file), which the patterns capturing numerals cannot tell from a number."""
    try:
        return to_int(numeral)
    except ValueError:
        return None


@cache
def to_chinese(number: int) -> str:
    """21 → 二十一, as article labels write it."""
    import cn2an

    return cn2an.an2cn(number)
