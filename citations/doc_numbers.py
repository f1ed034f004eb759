"""发文字号 (document numbers): parse every bracket style and 號, normalize to 〔〕/号, name the issuer."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

OPEN = "〔［﹝（【[("
CLOSE = "〕］﹞）】])"
_CODE = r"[\u4e00-\u9fff]{1,10}?"
DOC_NUMBER_RE = re.compile(
    rf"(?P<code>{_CODE})\s*[{re.escape(OPEN)}]\s*(?P<year>[0-9０-９]{{4}})\s*[{re.escape(CLOSE)}]\s*第?\s*(?P<serial>[0-9０-９]+)\s*[号號]"
)
ORDER_RE = re.compile(r"(?P<year>[0-9０-９]{4})\s*年\s*(?P<issuer>[\u4e00-\u9fff]{2,30}?)令\s*第\s*(?P<serial>[0-9０-９]+)\s*[号號]")

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


@dataclass(frozen=True)
class DocNumber:
    """A parsed 发文字号 or government order number."""

    raw: str
    normalized: str
    code: str | None
    year: int
    serial: int
    issuer: str | None


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


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a whole string as a 发文字号 (汕府[2004]135号) or an order (2015年汕头市人民政府令第164号)."""
    text = text.strip()
    order = ORDER_RE.fullmatch(text)
    if order:
        year, serial, issuer = int(_digits(order["year"])), int(_digits(order["serial"])), order["issuer"]
        return DocNumber(text, f"{year}年{issuer}令第{serial}号", None, year, serial, issuer)
    match = DOC_NUMBER_RE.fullmatch(text)
    if match:
        code, year, serial = match["code"], int(_digits(match["year"])), int(_digits(match["serial"]))
        return DocNumber(text, f"{code}〔{year}〕{serial}号", code, year, serial, issuer_of(code))
    return None


def normalize_doc_number(text: str) -> str | None:
    """The normalized form (〔〕 brackets, 号) of a document number, or None when it is not one."""
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
