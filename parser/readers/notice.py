"""Reader for 三定 notices (主要职责、内设机构和人员编制规定): header, 一、/(一) sections, duties, units, staffing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from citations.doc_numbers import normalize_doc_number
from parser.boilerplate import Line
from parser.document import document_title, make_document, scan_citations
from parser.front import find_title, is_date_line, squeeze, title_text
from parser.outline import OutlineStack
from parser.page import Page
from parser.source import ReadResult
from schema.records import Diagnostic, Residue, Section
from text.dates import iso_date
from text.numerals import numeral_value
from text.script import to_simplified

DOC_NUMBER = re.compile(r"^\S{1,12}[〔\[［﹝(（]\d{4}[〕\]］﹞)）]\d+号$")
DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
PRINTED = re.compile(r"^(\S+?)\s*(\d{4})年(\d{1,2})月(\d{1,2})日印发$")
ISSUER = re.compile(r"(政府|办公厅|办公室|委员会|厅|局|部|院|委|署)$")
TOP = re.compile(r"^([一二三四五六七八九十]+)、\s*(.*)$")
ITEM = re.compile(r"^([（(]([一二三四五六七八九十]+)[）)])\s*(.*)$")
STAFF = re.compile(r"([\u4e00-\u9fff]+?)(\d+)名")
DECLARED_UNITS = re.compile(r"设(\d+|[一二三四五六七八九十]+)个内设机构")
SECTION_MARKERS = ("主要职责", "内设机构", "人员编制")
NOTICE_TYPES = re.compile(r"(通知|通报|决定|意见|批复|函|公告|通告|纪要)$")
ADDRESSEES = re.compile(r"^[^。]{2,80}[:：]$")
GENERAL_SCORE = 0.3
HEADER_WINDOW = 12
SIGNER_MAX_LENGTH = 30


def sniff(page: Page) -> float:
    """A 三定 notice (sections 主要职责, 内设机构, 人员编制), or any notice: a title such as …的通知 at the top over a
    document number or an addressee line."""
    text = to_simplified(page.text)
    headings = [match.group(2) for match in (TOP.match(line.strip()) for line in text.splitlines()) if match]
    found = sum(any(marker in heading for heading in headings) for marker in SECTION_MARKERS)
    if found >= 2:
        return 0.3 * found
    head = page.lines()[:HEADER_WINDOW]
    title_lines, _ = find_title(head)
    title = to_simplified(title_text(title_lines) or "")
    marked = any(DOC_NUMBER.match(to_simplified(squeeze(line.text))) or ADDRESSEES.match(to_simplified(line.text)) for line in head)
    return GENERAL_SCORE if NOTICE_TYPES.search(title) and marked else 0.0


def iso(year: str, month: str, day: str) -> str:
    return f"{year}-{int(month):02d}-{int(day):02d}"


def read_header(lines: list[Line], file: str) -> tuple[dict[str, Any], list[Line], list[Residue]]:
    """Classify the lines before the first 一、 section: header fields as written, preamble lines, and separators dropped.

    A title printed over several lines (关于…的 / 通      知) is found first and joined; no other line is then the title.
    """
    fields: dict[str, Any] = {}
    preamble: list[Line] = []
    residue: list[Residue] = []
    title_lines, _ = find_title(lines[:HEADER_WINDOW])
    for line in lines:
        if line in title_lines:
            if line is title_lines[0]:
                fields["title"] = line.text if len(title_lines) == 1 else title_text(title_lines)
            continue
        name, value = classify_header_line(line.text, to_simplified(line.text), {**fields, "title": True} if title_lines else fields)
        if name is None:
            preamble.append(line)
        elif name == "addressees":
            addressees, separator, message = re.split(r"([:：])", line.text, maxsplit=1)
            fields["addressees"], fields["message"] = addressees, message
            residue.append(Residue(file=file, line=line.number, reason="header separator", text=separator))
        else:
            fields[name] = value
    return fields, preamble, residue


def classify_header_line(text: str, simplified: str, known: dict[str, Any]) -> tuple[str | None, Any]:
    """Which header field a line is (None for preamble text)."""
    if DOC_NUMBER.match(simplified) and "doc_number" not in known:
        return "doc_number", text
    if DATE.match(simplified):
        return "date", text
    if "title" not in known and len(text) <= 100 and not re.search(r"[。:：]", text):
        return "title", text
    if "addressees" not in known and re.match(r"^[^。]{2,80}[:：]", simplified):
        return "addressees", text
    if "issuer" not in known and len(text) <= 30 and ISSUER.search(simplified):
        return "issuer", text
    if "regulation_title" not in known and len(text) <= 100 and not re.search(r"[。，,:：]", text) and simplified.endswith("规定"):
        return "regulation_title", text
    return None, None


@dataclass
class Outline:
    """The 一、 sections with their (一) items and paragraphs."""

    sections: list[Section] = field(default_factory=list)
    footer: list[Line] = field(default_factory=list)
    separators: list[Residue] = field(default_factory=list)


def read_outline(lines: list[Line], file: str) -> Outline:
    """一、 sections (a run-in heading ends at its first 。, the rest of the paragraph is its text), (一) items, paragraphs."""
    outline = Outline()
    headings = OutlineStack(body=outline.sections)
    for line in lines:
        top = TOP.match(line.text)
        item = ITEM.match(line.text)
        current = headings.stack[0][1] if headings.stack else None
        if top:
            head, body = run_in(top.group(2))
            if body:
                outline.separators.append(Residue(file=file, line=line.number, reason="run-in heading separator", text="。"))
            section = Section(level="heading", label=line.text[: top.start(2)], title=head, anchor=f"s-{len(outline.sections) + 1}",
                              line=line.number)
            headings.open(section, 0)
            if body:
                headings.add(Section(level="paragraph", text=body, line=line.number))
        elif PRINTED.match(to_simplified(line.text)):
            outline.footer.append(line)
        elif current is not None and item:
            anchor = f"{current.anchor}-{len(current.children) + 1}"
            headings.open(Section(level="item", label=item.group(1), text=item.group(3), anchor=anchor, line=line.number), 1)
        elif current is not None:
            headings.add(Section(level="paragraph", text=line.text, line=line.number))
    return outline


def notice_date(text: str | None) -> str | None:
    """A header or signature date as ISO (二○一八年六月十六日 too)."""
    return iso_date(squeeze(text)) if text else None


def run_in(text: str) -> tuple[str, str]:
    """A heading and the body run into its paragraph (一、召开座谈会。"七一"前夕……), split at the first 。."""
    head, separator, body = text.partition("。")
    return (head, body.strip()) if separator and body.strip() else (text, "")


def signature(lines: list[Line]) -> tuple[list[Line], dict[str, Any] | None]:
    """The closing signature (issuer line and date line) at the end of the body, before any 印发 line."""
    end = len(lines)
    while end and PRINTED.match(to_simplified(lines[end - 1].text)):
        end -= 1
    if not end or not is_date_line(lines[end - 1].text):
        return lines, None
    date_line = lines[end - 1]
    signer = lines[end - 2] if end >= 2 and len(lines[end - 2].text) <= SIGNER_MAX_LENGTH \
        and ISSUER.search(to_simplified(lines[end - 2].text)) else None
    start = end - 2 if signer else end - 1
    closing = {"issuer": signer.text if signer else None, "date": date_line.text, "line": (signer or date_line).number}
    return lines[:start] + lines[end:], closing


def printing_note(line: Line) -> dict[str, Any]:
    """The closing 印发 line: who printed the notice and when (ISO), with the line as written."""
    match = PRINTED.match(to_simplified(line.text))
    by = line.text[: match.end(1)] if match else None
    return {"text": line.text, "by": by, "date": iso(*match.groups()[1:]) if match else None, "line": line.number}


def section_named(outline: Outline, marker: str) -> Section | None:
    return next((section for section in outline.sections if marker in to_simplified(section.title or "")), None)


def main_duties(outline: Outline) -> list[str]:
    section = section_named(outline, "主要职责")
    return [item.text or "" for item in section.children if item.level == "item"] if section else []


def internal_units(outline: Outline) -> list[dict[str, Any]]:
    """Each (一)X处。 item: the unit's name and its duties (the following paragraphs split at ；)."""
    section = section_named(outline, "内设机构")
    units = []
    for item in section.children if section else []:
        if item.level != "item":
            continue
        body = "".join(paragraph.text or "" for paragraph in item.children)
        duties = [duty.strip() for duty in re.split(r"[；;]", body.rstrip("。")) if duty.strip()]
        units.append({"label": item.label, "name": (item.text or "").rstrip("。. "), "duties": duties, "line": item.line})
    return units


def declared_unit_count(outline: Outline) -> int | None:
    section = section_named(outline, "内设机构")
    for paragraph in section.children if section else []:
        if paragraph.level == "paragraph" and (match := DECLARED_UNITS.search(to_simplified(paragraph.text or ""))):
            return numeral_value(match.group(1))
    return None


def staffing(outline: Outline) -> dict[str, Any]:
    """Every 'X N名' in 人员编制 as a post with a count; the total is the first 编制 figure."""
    section = section_named(outline, "人员编制")
    text = "".join(child.text or "" for child in section.children) if section else ""
    posts = [{"post": re.sub(r"^(其中|含)", "", match.group(1)), "count": int(match.group(2))} for match in STAFF.finditer(text)]
    total = next((post["count"] for post in posts if "编制" in to_simplified(post["post"])), None)
    return {"total": total, "posts": posts}


def unit_diagnostics(units: list[dict[str, Any]], declared: int | None, file: str, line: int | None) -> list[Diagnostic]:
    if declared is None or declared == len(units):
        return []
    message = f"text declares {declared} internal units, {len(units)} found"
    return [Diagnostic(level="warning", code="unit-count", message=message, file=file, line=line)]


def read(page: Page) -> ReadResult:
    lines = page.lines()
    first_section = next((index for index, line in enumerate(lines) if TOP.match(line.text)), len(lines))
    fields, preamble, separators = read_header(lines[:first_section], page.name)
    body, closing = signature(lines[first_section:])
    outline = read_outline(body, page.name)
    units = internal_units(outline)
    citations, diagnostics = scan_citations(lines, page.name)
    units_section = section_named(outline, "内设机构")
    diagnostics += unit_diagnostics(units, declared_unit_count(outline), page.name, units_section.line if units_section else None)
    title, untitled = document_title(page, fields.get("title"), lines[0].number if lines else 1)
    diagnostics += untitled
    meta: dict[str, Any] = {
        "header": fields,
        "main_duties": main_duties(outline),
        "internal_units": units,
        "staffing": staffing(outline),
        "printed": [printing_note(line) for line in outline.footer],
    }
    if closing:
        meta["signature"] = closing
    if page.metadata:
        meta["page"] = page.metadata
    doc_number = fields.get("doc_number")
    document = make_document(
        page,
        kind="notice",
        title=title,
        line=lines[0].number if lines else 1,
        issuer=fields.get("issuer") or (closing or {}).get("issuer"),
        date=notice_date(fields.get("date") or (closing or {}).get("date")),
        doc_number=normalize_doc_number(to_simplified(doc_number)) if doc_number else None,
        preamble="\n".join(line.text for line in preamble) or None,
        body=outline.sections,
        citations=citations,
        meta=meta,
    )
    return ReadResult(kind="notice", documents=[document], diagnostics=diagnostics, residue=page.chrome + separators + outline.separators)
