"""问责依据及监督方式 cells: accountability citations, then supervision channels (org, phones, urls, address)."""

from __future__ import annotations

import itertools
import re

from citations.find import find_citations
from schema.records import Accountability, Diagnostic, Supervision

_SUPERVISION = re.compile(r"(?:\d{1,2}\s*[.．、]\s*)?监督(?:方式|渠道)\s*[:：]?")
_BASIS_LABEL = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]\s*)?(?:问责依据|追责情形|追责依据|责任事项依据)\s*[:：]?\s*")
_ENTRY = re.compile(r"[①②③④⑤⑥⑦⑧⑨⑩⑪⑫]|[（(]\s*\d{1,2}\s*[)）]")
_URL = re.compile(r"(?:https?://|www\.)[\w\-.~:/?#@!$&'*+,;=%]*[\w/]", re.IGNORECASE)
_PHONE = re.compile(r"^(?:\d{3,4}[-－—])?\d{5,8}(?:[-－—]\d{1,5})?$")
_PART = re.compile(r"[、；;，,]")
_FIELD_LABEL = re.compile(r"^\s*(?:电话|联系电话|监督电话|热线|网址|网站|地址|通讯地址|邮编)\s*[:：]\s*")
_ORG_END = re.compile(r"[，,。；;:：]|电话|网址|地址|\d{5,}|https?://")


def split_accountability(text: str, *, file: str, line: int) -> tuple[Accountability, list[Diagnostic]]:
    """Accountability of one cell: citations of the 问责依据 part, supervision channels of the 监督方式 part."""
    marker = _SUPERVISION.search(text)
    basis_part = text[: marker.start()] if marker else text
    supervision_part = text[marker.end() :] if marker else ""
    return accountability_of(basis_part, supervision_part, text=text, file=file, line=line)


def accountability_of(
    basis_part: str, supervision_part: str, *, text: str, file: str, line: int
) -> tuple[Accountability, list[Diagnostic]]:
    """Accountability from separate 问责依据 and 监督方式 texts (separate columns, or the two parts of one cell)."""
    basis, diagnostics = find_citations(_BASIS_LABEL.sub("", basis_part), file=file, line=line) if basis_part.strip() else ([], [])
    return Accountability(basis=basis, supervision=split_supervision(supervision_part), text=text or None), diagnostics


def split_supervision(text: str) -> list[Supervision]:
    """One channel per ①/（1） entry (the whole text when unnumbered)."""
    marks = list(_ENTRY.finditer(text))
    if not marks:
        return [supervision(text.strip())] if text.strip() else []
    bounds = [*(mark.start() for mark in marks), len(text)]
    entries = [text[start:end] for start, end in itertools.pairwise(bounds)]
    return [supervision(entry.strip()) for entry in entries if _ENTRY.sub("", entry).strip()]


def supervision(entry: str) -> Supervision:
    """Org (up to the first separator), phones, urls and the remaining text as address."""
    body = _ENTRY.sub("", entry, count=1).strip()
    org_end = _ORG_END.search(body)
    org = body[: org_end.start()].strip() if org_end else body
    rest = body[len(org) :]
    urls = _URL.findall(rest)
    phones: list[str] = []
    address: list[str] = []
    for part in _PART.split(_URL.sub("、", rest)):
        value = _FIELD_LABEL.sub("", part.strip(" 。.")).strip(" 。.:：")
        if not value:
            continue
        if _PHONE.match(value):
            phones.append(value)
        else:
            address.append(value)
    return Supervision(org=org.strip(" 。.，,") or body, phones=phones, urls=urls, address="、".join(address) or None, text=entry)
