"""Legal-database text exports (北大法宝 and the like): 【法宝引证码】【发布部门】【发文字号】【发布日期】… header lines are
the document's fields, not body text; the rest is read like any text file."""

from __future__ import annotations

import re

from parser.boilerplate import strip_boilerplate
from parser.page import Block, Page
from parser.source import RawSource
from text.dates import find_date

HEADER_KEYS = ("法宝引证码", "发布部门", "发文字号", "发布日期", "实施日期", "时效性", "效力级别", "法规类别", "失效日期",
               "批准部门", "批准日期", "公布日期", "施行日期", "制定机关", "文号")
HEADER = re.compile(r"^\s*【(" + "|".join(HEADER_KEYS) + r")】\s*(.*?)\s*$")
MIN_HEADER_LINES = 2
FIELD_NAMES = {"发布部门": "issuer", "制定机关": "issuer", "发文字号": "doc_number", "文号": "doc_number"}


def is_export(text: str) -> bool:
    """At least two database header lines among the first lines."""
    head = text.splitlines()[:60]
    return sum(1 for line in head if HEADER.match(line)) >= MIN_HEADER_LINES


def export_page(source: RawSource) -> Page:
    """Header lines → one metadata row and the page's fields; the other lines as paragraph blocks."""
    text = source.text or ""
    header: dict[str, str] = {}
    header_lines: list[str] = []
    body: list[str] = []
    first_header = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = HEADER.match(line)
        if match and match.group(1) not in header:
            header[match.group(1)] = match.group(2)
            header_lines.append(line.strip())
            first_header = first_header or number
            body.append("")  # keeps the line numbers of the body
        else:
            body.append(line)
    clean = strip_boilerplate("\n".join(body), source.name)
    page = Page(source=source, container="export", text="\n".join(line.text for line in clean.lines),
                blocks=[Block(kind="paragraph", text=line.text, line=line.number) for line in clean.lines],
                metadata=[{"line": first_header or 1, "text": "\n".join(header_lines), "fields": header}, *clean.metadata],
                chrome=clean.residue)
    page.fields = database_fields(header)
    return page


def database_fields(header: dict[str, str]) -> dict[str, str]:
    """The header in the document's terms: issuer, doc_number, date (ISO), as the database states them."""
    fields: dict[str, str] = {}
    for key, name in FIELD_NAMES.items():
        if header.get(key):
            fields.setdefault(name, header[key])
    date = next((header[key] for key in ("发布日期", "公布日期") if header.get(key)), None)
    if date and (iso := find_date(date.replace(".", "-"))):
        fields["date"] = iso
    return fields
