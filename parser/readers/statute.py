"""Reader for statutes in the LawRefBook/Laws markdown layout: `# title`, history lines, `<!-- INFO END -->`, `## 第X章`."""

from __future__ import annotations

import re

from parser.boilerplate import Line
from parser.document import make_document, scan_citations
from parser.page import Page
from parser.readers.regulation import parse_provisions
from parser.source import ReadResult
from schema.records import Diagnostic, Residue
from text.dates import iso_date

INFO_END = "<!-- INFO END -->"
TITLE = re.compile(r"^#\s+(\S.*)$")
MARKDOWN_HEADING = re.compile(r"^(#{2,6})\s+")
VERSION_IN_NAME = re.compile(r"[（(](\d{4}-\d{2}-\d{2})[）)]")
DOC_NUMBER = re.compile(r"((?:中华人民共和国)?(?:国务院|主席)令第\d+号)")


def sniff(page: Page) -> float:
    """A markdown title line and the LawRefBook header terminator."""
    text = page.text
    first = text.lstrip().split("\n", 1)[0]
    return 0.95 if INFO_END in text and TITLE.match(first) else 0.0


def history_entry(line: Line) -> dict[str, object]:
    """One history line (通过/修正/修订/公布/施行) with its date as ISO when it starts with one."""
    return {"line": line.number, "text": line.text, "date": iso_date(line.text)}


def body_lines(lines: list[Line], file: str) -> tuple[list[Line], list[Residue]]:
    """Content lines with markdown heading markers removed (each reported as markup residue)."""
    content: list[Line] = []
    residue: list[Residue] = []
    for line in lines:
        marker = MARKDOWN_HEADING.match(line.text)
        if marker:
            residue.append(Residue(file=file, line=line.number, reason="markdown markup", text=marker.group(1)))
        content.append(Line(line.number, line.text[marker.end():] if marker else line.text))
    return content, residue


def version_of(page: Page, history: list[dict[str, object]]) -> str | None:
    """The version date: manifest, then the file name's (YYYY-MM-DD), then the last dated history line."""
    if page.meta.get("version"):
        return str(page.meta["version"])
    if match := VERSION_IN_NAME.search(page.source.path.name):
        return match.group(1)
    dated = [entry["date"] for entry in history if entry["date"]]
    return str(dated[-1]) if dated else None


def read(page: Page) -> ReadResult:
    """Markdown statutes are read line by line from the text as written (their markup is residue, not chrome)."""
    text = page.text
    lines = [Line(number, raw.strip()) for number, raw in enumerate(text.splitlines(), start=1) if raw.strip()]
    end = next((index for index, line in enumerate(lines) if line.text == INFO_END), None)
    title_line = lines[0]
    heading = TITLE.match(title_line.text)
    title = heading.group(1).strip() if heading else title_line.text
    residue = [Residue(file=page.name, line=title_line.number, reason="markdown markup", text="#")] if heading else []
    diagnostics: list[Diagnostic] = []
    if end is None:
        end = 0
        diagnostics.append(Diagnostic(level="warning", code="statute-header", message=f"no {INFO_END} line: no history read",
                                      file=page.name, line=title_line.number, text=title_line.text))
    else:
        residue.append(Residue(file=page.name, line=lines[end].number, reason="markdown markup", text=INFO_END))
    history = [history_entry(line) for line in lines[1:end]]
    content, markup = body_lines(lines[end + 1 :], page.name)
    provisions = parse_provisions(content, page.name)
    citations, citation_problems = scan_citations(content, page.name)
    diagnostics += provisions.diagnostics + citation_problems
    if provisions.preamble:
        diagnostics.append(Diagnostic(level="info", code="statute-preamble", message="text before the first heading kept as preamble",
                                      file=page.name, line=provisions.preamble[0].number, text=provisions.preamble[0].text))
    version = version_of(page, history)
    numbers = [match.group(1) for entry in history if (match := DOC_NUMBER.search(str(entry["text"])))]
    document = make_document(
        page,
        kind="statute",
        title=title,
        line=title_line.number,
        id_key=f"{title}@{version}",
        date=version,
        version=version,
        doc_number=numbers[-1] if numbers else None,
        preamble="\n".join(line.text for line in provisions.preamble) or None,
        body=provisions.body,
        articles=provisions.articles,
        citations=citations,
        meta={"history": history},
    )
    return ReadResult(kind="statute", documents=[document], diagnostics=diagnostics, residue=residue + markup)

