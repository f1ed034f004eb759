"""Reader for encyclopedia-style entries: rows `词条 | title |`, `释义 | body |`, … (label | value)."""

from __future__ import annotations

import re

from parser.boilerplate import Line
from parser.document import document_title, make_document, scan_citations
from parser.page import Page
from parser.source import ReadResult
from schema.records import Residue, Section
from text.script import to_simplified

ROW = re.compile(r"^([^|｜]{1,12}?)\s*[|｜]\s*(.*?)\s*([|｜])?\s*$")
TITLE_LABELS = ("词条", "詞條", "条目", "名称")


def sniff(page: Page) -> float:
    """A first content line `词条 | … |`."""
    first = next((line.strip() for line in page.text.splitlines() if line.strip()), "")
    match = ROW.match(first)
    return 0.8 if match and to_simplified(match.group(1).strip()) in {to_simplified(label) for label in TITLE_LABELS} else 0.0


def split_row(line: Line, file: str) -> tuple[Section, list[Residue]]:
    """A `label | value |` row as a field section; its separators are reported as markup residue."""
    match = ROW.match(line.text)
    if not match:
        return Section(level="paragraph", text=line.text, line=line.number), []
    separators = "|" + (match.group(3) or "")
    residue = [Residue(file=file, line=line.number, reason="table markup", text=separators)]
    return Section(level="field", label=match.group(1).strip(), text=match.group(2), anchor=f"f-{line.number}", line=line.number), residue


def read(page: Page) -> ReadResult:
    residue = list(page.chrome)
    fields: list[Section] = []
    for line in page.lines():
        section, markup = split_row(line, page.name)
        fields.append(section)
        residue.extend(markup)
    title_field = next((field for field in fields if field.level == "field" and field.label in TITLE_LABELS), None)
    body = [field for field in fields if field is not title_field]
    title, diagnostics = document_title(page, title_field.text if title_field else None, 1)
    meta: dict[str, object] = {"title_label": title_field.label} if title_field else {}
    if page.metadata:
        meta["page"] = page.metadata
    citations, problems = scan_citations([Line(field.line or 0, field.text or "") for field in body], page.name)
    line = (title_field.line if title_field else None) or 1
    document = make_document(page, kind="entry", title=title, line=line, body=body, citations=citations, meta=meta)
    return ReadResult(kind="entry", documents=[document], diagnostics=diagnostics + problems, residue=residue)

