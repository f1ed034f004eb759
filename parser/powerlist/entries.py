"""Numbered entries of a cell (追责情形, 追责对象范围): a lead-in, then 1. … 2. … (or 一、 （一） ①) in order."""

from __future__ import annotations

import re

from schema.records import Entry
from text.numerals import numeral_value

_MARKS = (
    re.compile(r"(?:^|(?<=[\s;；。：:，,]))(?P<seq>\d{1,2})\s*[.．、](?!\d)\s*"),
    re.compile(r"(?:^|(?<=[\s;；。：:，,]))(?P<seq>[一二三四五六七八九十]{1,3})\s*[.．、]\s*"),
    re.compile(r"[（(]\s*(?P<seq>[一二三四五六七八九十\d]{1,3})\s*[)）]\s*"),
    re.compile(r"(?P<seq>[①-⑳])\s*"),
)
_TRAILING = "；;，,、 \n"


def _number(seq: str) -> int | None:
    return ord(seq) - ord("①") + 1 if "①" <= seq <= "⑳" else numeral_value(seq)


def _sequence(text: str, mark: re.Pattern[str]) -> list[re.Match[str]]:
    accepted: list[re.Match[str]] = []
    for match in mark.finditer(text):
        if _number(match.group("seq")) == len(accepted) + 1:
            accepted.append(match)
    return accepted


def numbered_entries(text: str) -> tuple[str | None, list[Entry]]:
    """The lead-in (None if the text opens with an entry) and the entries of the first numbering style that counts 1, 2 …"""
    if not text.strip():
        return None, []
    found = [(marks[0].start(), marks) for mark in _MARKS if (marks := _sequence(text, mark))]
    if not found:
        return None, [Entry(text=text.strip().rstrip(_TRAILING))]
    _, marks = min(found, key=lambda entry: entry[0])
    intro = text[: marks[0].start()].strip() or None
    entries = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        body = text[mark.end() : end].strip().rstrip(_TRAILING)
        entries.append(Entry(seq=mark.group("seq"), text=body))
    return intro, entries
