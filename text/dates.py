"""Dates as Chinese documents write them: 2013年2月4日, 二○一二年三月五日, 2013-02-04 → ISO 8601."""

from __future__ import annotations

import re
from dataclasses import dataclass

from text.numerals import numeral_value, to_int

_NUM = r"[0-9０-９〇○◯零一二三四五六七八九十两]"
CHINESE_DATE = re.compile(rf"({_NUM}{{4}})\s*年\s*({_NUM}{{1,3}})\s*月\s*({_NUM}{{1,3}})\s*日")
ISO_DATE = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")


def iso_date(text: str) -> str | None:
    """The first date at the start of `text` as YYYY-MM-DD, or None."""
    match = CHINESE_DATE.match(text.strip()) or ISO_DATE.match(text.strip())
    return _iso(match) if match else None


def find_date(text: str) -> str | None:
    """The first date anywhere in `text` as YYYY-MM-DD, or None."""
    match = CHINESE_DATE.search(text) or ISO_DATE.search(text)
    return _iso(match) if match else None


def _iso(match: re.Match[str]) -> str | None:
    try:
        year, month, day = (to_int(group) for group in match.groups())
    except ValueError:
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


MONTH_DATE = re.compile(rf"({_NUM}{{4}})\s*年\s*({_NUM}{{1,3}})\s*月(?!\s*{_NUM}{{1,3}}\s*日)")


@dataclass(frozen=True)
class DateSpan:
    """A date found in running text: YYYY-MM-DD (or YYYY-MM when the day is not written) and where it was."""

    iso: str
    start: int
    end: int


def find_dates(text: str) -> list[DateSpan]:
    """Every Chinese date in `text`, day or month precision, in order (2017年10月7日, 2017年10月)."""
    found = [DateSpan(iso, m.start(), m.end()) for m in CHINESE_DATE.finditer(text) if (iso := _iso(m))]
    for match in MONTH_DATE.finditer(text):
        year, month = numeral_value(match.group(1)), numeral_value(match.group(2))
        if year is None or month is None:
            continue
        if 1 <= month <= 12 and not any(span.start <= match.start() < span.end for span in found):
            found.append(DateSpan(f"{year:04d}-{month:02d}", match.start(), match.end()))
    return sorted(found, key=lambda span: span.start)
