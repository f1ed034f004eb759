"""Reader for encyclopedia-style entries: rows `词条 | title |`, `释义 | body |`, … (label | value)."""

from __future__ import annotations

import re

from parser.boilerplate import Line, strip_boilerplate
from parser.document import make_document, scan_citations
from parser.registry import Reader, register
from parser.source import RawSource, ReadResult
from schema.records import Diagnostic, Residue, Section
from text.script import to_simplified

ROW = re.compile(r"^([^|｜]{1,12}?)\s*[|｜]\s*(.*?)\s*([|｜])?\s*$")
TITLE_LABELS = ("词条", "詞條", "条目", "名称")


def sniff(source: RawSource) -> float:
    """A first content line `词条 | … |`."""
    first = next((line.strip() for line in (source.text or "").splitlines() if line.strip()), "")
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


def read(source: RawSource) -> ReadResult:
    page = strip_boilerplate(source.text or "", source.name)
    residue = list(page.residue)
    fields: list[Section] = []
    for line in page.lines:
        section, markup = split_row(line, source.name)
        fields.append(section)
        residue.extend(markup)
    title_field = next((field for field in fields if field.level == "field" and field.label in TITLE_LABELS), None)
    body = [field for field in fields if field is not title_field]
    diagnostics: list[Diagnostic] = []
    if title_field is None:
        diagnostics.append(
            Diagnostic(level="warning", code="no-title", message="no 词条 row; using the file name", file=source.name, line=1)
        )
    title = title_field.text if title_field and title_field.text else source.path.stem
    meta: dict[str, object] = {"title_label": title_field.label} if title_field else {}
    if page.metadata:
        meta["page"] = page.metadata
    citations, problems = scan_citations([Line(field.line or 0, field.text or "") for field in body], source.name)
    line = (title_field.line if title_field else None) or 1
    document = make_document(source, kind="entry", title=title, line=line, body=body, citations=citations, meta=meta)
    return ReadResult(kind="entry", documents=[document], diagnostics=diagnostics + problems, residue=residue)


register(Reader(name="entry", sniff=sniff, read=read))
