"""发文字号 and order numbers: every written form → one normalized form, with issuer, year and serial.

Three families, each normalized so that the forms real lists write compare equal:
- file numbers 汕府[2004]135号, 国科发政字【2000】063号, 〔2001〕国人防办字第211号, (88)国税地字第025号 → 汕府〔2004〕135号
  (〔〕 brackets, 号, no 第, no leading zeros; the year-first and two-digit old forms turned code-first);
- orders 国务院令第473号, 中华人民共和国国务院令 第 473号, 国务院563号令, 主席令第四十五号, 财政部令2012年第69号,
  劳动和社会保障部令〔2004〕第21号, 2015年汕头市人民政府令第164号 → 国务院令第473号, 主席令第45号, 2012年财政部令第69号
  (issuer without 中华人民共和国, Arabic serial, the year kept when written except for 国务院令, numbered continuously);
- 公告 numbers 国家税务总局公告2018年第31号 → the same, in Arabic numerals.
The written form is always kept by the caller (Citation.doc_number_raw).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from text.dates import find_dates
from text.numerals import numeral_value

OPEN = "〔［﹝（【[("
CLOSE = "〕］﹞）】])"
_O, _C = f"[{re.escape(OPEN)}]", f"[{re.escape(CLOSE)}]"
_CODE = r"[\u4e00-\u9fff]{1,10}?"
_SERIAL = r"[0-9０-９]+"
_CN_SERIAL = r"[0-9０-９零〇○一二三四五六七八九十百千两]+"
_YEAR = r"[0-9０-９]{4}"
_ISSUER = r"[\u4e00-\u9fff](?:[\u4e00-\u9fff、]|\s*\n\s*(?=[\u4e00-\u9fff])){0,40}?"  # a hard line break may split it
_SIGN = r"[号號]"
STATE = "中华人民共和国"
CONTINUOUS_ORDERS = {"国务院"}  # their order numbers run on across years: a written year adds nothing

FILE_NUMBER_RE = re.compile(rf"(?P<code>{_CODE})\s*{_O}\s*(?P<year>{_YEAR})\s*{_C}\s*第?\s*(?P<serial>{_SERIAL})\s*{_SIGN}")
YEAR_FIRST_RE = re.compile(rf"{_O}\s*(?P<year>{_YEAR}|[0-9０-９]{{2}})\s*{_C}\s*(?P<code>{_CODE})\s*第?\s*(?P<serial>{_SERIAL})\s*{_SIGN}")
ORDER_RE = re.compile(
    rf"(?P<year>{_YEAR})\s*年\s*(?P<issuer>{_ISSUER})令\s*第\s*(?P<serial>{_CN_SERIAL})\s*{_SIGN}"
    rf"|(?P<issuer2>{_ISSUER})\s*令\s*[，,]?\s*(?:(?P<year2>{_YEAR})\s*年\s*|{_O}\s*(?P<year3>{_YEAR})\s*{_C}\s*)?第?\s*(?P<serial2>{_CN_SERIAL})\s*{_SIGN}"
    rf"|(?P<issuer3>{_ISSUER})\s*第?\s*(?P<serial3>{_CN_SERIAL})\s*{_SIGN}\s*令"
    rf"|第\s*(?P<serial4>{_CN_SERIAL})\s*{_SIGN}\s*(?P<issuer4>{_ISSUER})令"
)
NOTICE_RE = re.compile(
    rf"(?:(?P<year2>{_YEAR})\s*年\s*)?(?P<issuer>{_ISSUER})公告\s*(?:(?P<year>{_YEAR})\s*年\s*)?第?\s*(?P<serial>{_CN_SERIAL})\s*{_SIGN}"
)
ISSUER_LEAD = re.compile(r"^(?:根据|依据|经|由|并以|现以|以|现)")

# Issuer codes: a place prefix, then an organ code. Central codes stand alone.
CENTRAL_CODES = {
    "中办发": "中共中央办公厅",
    "中发": "中共中央",
    "国发": "国务院",
    "国办发": "国务院办公厅",
    "国办函": "国务院办公厅",
    "国函": "国务院",
}
PLACES = {"汕": "汕头市", "汕市": "汕头市", "粤": "广东省", "穗": "广州市", "江": "江门市", "深": "深圳市", "珠": "珠海市", "佛": "佛山市"}
ORGANS = {
    "府": "人民政府",
    "府函": "人民政府",
    "府办": "人民政府办公室",
    "府办函": "人民政府办公室",
    "机编": "机构编制委员会",
    "机编办": "机构编制委员会办公室",
    "办函": "人民政府办公室",
    "办": "人民政府办公室",
    "发改": "发展和改革局",
}
PROVINCIAL_ORGANS = {
    "府办": "人民政府办公厅",
    "府办函": "人民政府办公厅",
    "办函": "人民政府办公厅",
    "办": "人民政府办公厅",
    "发改": "发展和改革委员会",
}

NumberKind = Literal["file", "order", "notice"]


@dataclass(frozen=True)
class DocNumber:
    """A parsed 发文字号, order or 公告 number."""

    raw: str
    normalized: str
    code: str | None
    year: int | None
    serial: int
    issuer: str | None
    kind: NumberKind = "file"


@dataclass(frozen=True)
class DocNumberMatch:
    """A number found in running text, with its offsets."""

    start: int
    end: int
    number: DocNumber


def _digits(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def issuer_of(code: str) -> str | None:
    """Issuer name for an issuer code such as 汕府 or 中办发; None when the code is unknown."""
    if code in CENTRAL_CODES:
        return CENTRAL_CODES[code]
    for place in sorted(PLACES, key=len, reverse=True):
        organ = code[len(place):]
        if code.startswith(place) and organ in ORGANS:
            organs = PROVINCIAL_ORGANS if PLACES[place].endswith("省") else {}
            return PLACES[place] + organs.get(organ, ORGANS[organ])
    return None


def _file_number(raw: str, match: re.Match[str]) -> DocNumber:
    code, year, serial = match["code"], int(_digits(match["year"])), int(_digits(match["serial"]))
    if year < 100:  # old forms: (88)国税地字第025号
        year += 1900
    return DocNumber(raw, f"{code}〔{year}〕{serial}号", code, year, serial, issuer_of(code))


def _issuer(text: str) -> str:
    """The issuer as normalized: no whitespace, no 中华人民共和国 (国务院、中华人民共和国中央军事委员会 → 国务院、中央军事委员会)."""
    return ISSUER_LEAD.sub("", re.sub(r"\s+", "", text)).replace(STATE, "") or text


def _order(raw: str, match: re.Match[str]) -> DocNumber | None:
    groups = match.groupdict()
    issuer = next(groups[name] for name in ("issuer", "issuer2", "issuer3", "issuer4") if groups[name])
    serial = numeral_value(next(groups[name] for name in ("serial", "serial2", "serial3", "serial4") if groups[name]))
    written = next((groups[name] for name in ("year", "year2", "year3") if groups[name]), None)
    issuer = _issuer(issuer)
    if not issuer or issuer.endswith("、") or serial is None:
        return None
    year = int(_digits(written)) if written else None
    if year is None or issuer in CONTINUOUS_ORDERS:
        return DocNumber(raw, f"{issuer}令第{serial}号", None, year, serial, issuer, "order")
    return DocNumber(raw, f"{year}年{issuer}令第{serial}号", None, year, serial, issuer, "order")


def _notice(raw: str, match: re.Match[str]) -> DocNumber | None:
    issuer, serial = _issuer(match["issuer"]), numeral_value(match["serial"])
    if serial is None:
        return None
    written = match["year"] or match["year2"]
    year = int(_digits(written)) if written else None
    normalized = f"{issuer}公告{year}年第{serial}号" if year else f"{issuer}公告第{serial}号"
    return DocNumber(raw, normalized, None, year, serial, issuer, "notice")


def _parse_match(raw: str, pattern: re.Pattern[str], match: re.Match[str]) -> DocNumber | None:
    if pattern is ORDER_RE:
        return _order(raw, match)
    if pattern is NOTICE_RE:
        return _notice(raw, match)
    return _file_number(raw, match)


PATTERNS = (ORDER_RE, FILE_NUMBER_RE, YEAR_FIRST_RE, NOTICE_RE)


@lru_cache(maxsize=1 << 17)
def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a whole string as a 发文字号 (汕府[2004]135号), an order (国务院令第473号) or a 公告 number (cached: the
    registry, lint and index ask for the same few thousand numbers once per citation)."""
    text = text.strip()
    for pattern in PATTERNS:
        match = pattern.fullmatch(text)
        if match and (parsed := _parse_match(text, pattern, match)):
            return parsed
    return None


def find_doc_numbers(text: str) -> list[DocNumberMatch]:
    """Every number in running text (a history such as 1997年5月8日国务院令第216号发布，…), left to right.

    An issuer written in front of 令 or 公告 starts after the last character that cannot be part of one
    (a digit, punctuation, the 日 of a date), so dates and clauses are never taken into it.
    """
    return list(_found(text)) if "号" in text or "號" in text else []


@cache
def _found(text: str) -> tuple[DocNumberMatch, ...]:
    masked = _mask_dates(text)
    found: list[DocNumberMatch] = []
    for pattern in PATTERNS:
        for match in pattern.finditer(masked):
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            raw = text[match.start() : match.end()]
            if parsed := _parse_match(raw.strip(), pattern, match):
                found.append(DocNumberMatch(match.start(), match.end(), parsed))
    return tuple(sorted(found, key=lambda m: m.start))


def _mask_dates(text: str) -> str:
    """Dates replaced by spaces of the same length (offsets kept), so 8月23日 never joins an issuer."""
    for span in find_dates(text):
        text = text[: span.start] + " " * (span.end - span.start) + text[span.end :]
    return text


def normalize_doc_number(text: str) -> str | None:
    """The normalized form of a document or order number, or None when it is not one."""
    parsed = parse_doc_number(text)
    return parsed.normalized if parsed else None


def one_deletion_apart(longer: str, shorter: str) -> bool:
    """True when shorter is longer with exactly one character removed (汕机 vs 汕机编)."""
    return len(longer) == len(shorter) + 1 and any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def near_identical(first: str, second: str) -> bool:
    """Two different normalized doc numbers with the same year and serial whose issuer codes differ by one missing character."""
    a, b = parse_doc_number(first), parse_doc_number(second)
    if not a or not b or a.code is None or b.code is None or a.normalized == b.normalized:
        return False
    if (a.year, a.serial) != (b.year, b.serial):
        return False
    return one_deletion_apart(a.code, b.code) or one_deletion_apart(b.code, a.code)


def is_order(number: str) -> bool:
    """True for an order number (国务院令第473号, 2012年财政部令第69号): it names a version of a law or regulation."""
    parsed = parse_doc_number(number)
    return parsed is not None and parsed.kind == "order"
