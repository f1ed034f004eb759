"""Reader for reports and yearbook material: 【heading】 sections with their paragraphs; figures stay in the text."""

from __future__ import annotations

import re

from parser.boilerplate import Line
from parser.document import document_title, make_document, scan_citations
from parser.outline import OutlineStack
from parser.page import Page
from parser.source import ReadResult
from schema.records import Section

BRACKETED = re.compile(r"^【([^】]{1,40})】\s*")
PART = re.compile(r"(材料|报告|年鉴)之[一二三四五六七八九十\d]+$|^第[一二三四五六七八九十\d]+部分")
HEADING_MAX_LENGTH = 30
MIN_SECTIONS = 2
RANKS = {"part": 0, "heading": 1, "topic": 2}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def sniff(page: Page) -> float:
    """Several paragraphs opening with a 【heading】 that is followed by text."""
    lines = page.text.splitlines()
    count = sum(1 for line in lines if (match := BRACKETED.match(line.strip())) and line.strip()[match.end():])
    return min(0.4 + 0.05 * count, 0.7) if count >= MIN_SECTIONS else 0.0


def is_heading(line: Line) -> bool:
    """A short line without sentence punctuation (e.g. 政务服务工作情况)."""
    return len(line.text) <= HEADING_MAX_LENGTH and not re.search(r"[。，,；;：:]", line.text) and not BRACKETED.match(line.text)


def outline(lines: list[Line]) -> list[Section]:
    """Parts (…材料之一) > headings > 【】 sections > paragraphs."""
    headings = OutlineStack()
    for line in lines:
        bracket = BRACKETED.match(line.text)
        open_topic = headings.innermost() is not None and headings.innermost().level == "topic"
        if bracket:
            headings.open(Section(level="topic", title=bracket.group(1), label=f"【{bracket.group(1)}】", anchor=f"t-{line.number}",
                                  text=line.text[bracket.end():], line=line.number), RANKS["topic"])
        elif PART.search(line.text):
            headings.open(Section(level="part", title=line.text, anchor=f"p-{line.number}", line=line.number), RANKS["part"])
        elif is_heading(line) and not open_topic:
            headings.open(Section(level="heading", title=line.text, anchor=f"h-{line.number}", line=line.number), RANKS["heading"])
        else:
            headings.add(Section(level="paragraph", text=line.text, line=line.number))
    return headings.body


def publication_date(page: Page) -> str | None:
    fields = page.metadata_fields()
    value = fields.get("日期") or fields.get("发布日期") or fields.get("发布时间") or ""
    return match.group(0) if (match := ISO_DATE.match(value)) else None


def read(page: Page) -> ReadResult:
    content = page.lines()
    first_topic = next((index for index, line in enumerate(content) if BRACKETED.match(line.text)), len(content))
    title_line = content[0] if content and first_topic > 0 else None
    lines = content[1:] if title_line else content
    citations, diagnostics = scan_citations(lines, page.name)
    title, untitled = document_title(page, title_line.text if title_line else None, lines[0].number if lines else 1)
    fields = page.metadata_fields()
    document = make_document(
        page,
        kind="report",
        title=title,
        line=title_line.number if title_line else 1,
        issuer=fields.get("发布机构") or fields.get("来源") or None,
        date=publication_date(page),
        body=outline(lines),
        citations=citations,
        meta={"page": page.metadata} if page.metadata else {},
    )
    return ReadResult(kind="report", documents=[document], diagnostics=diagnostics + untitled, residue=list(page.chrome))
