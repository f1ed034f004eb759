"""Word .docx: paragraphs and tables in body order, automatic numbering rendered, field codes and deleted text left out.

The package is opened with python-docx; paragraphs are read from the XML directly so that only what Word displays is
text: w:t runs (also inside hyperlinks, insertions and content controls), tabs and breaks, never w:instrText (field
codes such as PAGE or HYPERLINK "mailto:…") or w:delText. Document properties (a template's leftover title) are not
read at all: the text decides. Page headers and footers are reported as residue.
"""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from lxml.etree import LxmlError, _Element

from parser.containers.error import ContainerError
from parser.containers.numbering import Numbering, W
from parser.page import Block, Cell, Page
from parser.source import RawSource
from schema.records import Residue

if TYPE_CHECKING:
    import docx

MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
HEADER_FOOTER = ("/header", "/footer")
HEADING_STYLES = ("heading", "标题", "title")


def docx_page(source: RawSource, data: bytes | None = None, container: str = "docx") -> Page:
    """A .docx (or the .docx a converter made of `source`) as a page."""
    document = open_document(data if data is not None else source.data)
    numbering = Numbering.of(_part_element(document, "numbering_part"), _part_element(document, "styles"))
    page = Page(source=source, container=container, text="")
    index = 0
    for element in body_elements(document.element.body):
        index += 1
        if element.tag == f"{W}tbl":
            page.blocks.append(table_block(element, index))
            continue
        page.blocks.extend(paragraph_blocks(element, index, numbering))
    page.residue = header_footer_residue(document, source.name)
    page.text = "\n".join(block.text for block in page.blocks)
    return page


def open_document(data: bytes) -> docx.document.Document:
    """The python-docx document; a broken archive, a missing main part or a malformed package part (python-docx reads
    [Content_Types].xml and the relationship parts without checking their shape: a relationship without its Target is
    a TypeError) is a ContainerError naming the cause."""
    import docx  # python-docx takes half a second to import: only when a Word document is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, AttributeError, TypeError, LxmlError) as error:
        raise ContainerError("unreadable", f"not a readable Word document (corrupt .docx?): {error}") from error


def _part_element(document: docx.document.Document, name: str) -> _Element | None:
    try:
        part = document.part.numbering_part if name == "numbering_part" else document.styles
    except (KeyError, NotImplementedError):
        return None
    return part.element


def body_elements(body: _Element) -> list[_Element]:
    """Paragraphs and tables of the body in order, content controls (w:sdt) unwrapped."""
    out: list[_Element] = []
    for child in body:
        if child.tag in {f"{W}p", f"{W}tbl"}:
            out.append(child)
        elif child.tag == f"{W}sdt" and (content := child.find(f"{W}sdtContent")) is not None:
            out.extend(body_elements(content))
    return out


def run_text(paragraph: _Element) -> str:
    """What Word displays of a paragraph: text, tabs and breaks; no field codes, deleted text or VML fallbacks."""
    parts: list[str] = []
    _collect(paragraph, parts)
    return "".join(parts)


def _collect(element: _Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag in {f"{W}instrText", f"{W}delText", f"{W}del", MC_FALLBACK, f"{W}tbl"}:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in {f"{W}br", f"{W}cr"}:
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        else:
            _collect(child, parts)


def paragraph_blocks(paragraph: _Element, index: int, numbering: Numbering) -> list[Block]:
    """A paragraph as blocks (one per line a manual break starts), its numbering label in front of the first."""
    text = run_text(paragraph)
    numbered = numbering.label(paragraph)
    label = None
    if numbered and text.strip():
        label, separator = numbered
        text = f"{label}{separator}{text.lstrip()}"
    kind = "heading" if _is_heading(paragraph) else "paragraph"
    lines = [line.strip() for line in text.split("\n")]
    return [Block(kind=kind, text=line, line=index, label=label if number == 0 else None)
            for number, line in enumerate(lines) if line]


def _is_heading(paragraph: _Element) -> bool:
    style = (paragraph.find(f"{W}pPr/{W}pStyle") is not None and paragraph.find(f"{W}pPr/{W}pStyle").get(f"{W}val")) or ""
    return paragraph.find(f"{W}pPr/{W}outlineLvl") is not None or style.lower().startswith(HEADING_STYLES)


def table_block(table: _Element, index: int) -> Block:
    """A w:tbl as a table block: horizontal merges from gridSpan, vertical ones from vMerge (continued cells omitted)."""
    grid: list[list[tuple[int, int, str, str]]] = []  # per row: (column, colspan, vMerge state, text)
    for tr in table.findall(f"{W}tr"):
        row, column = [], 0
        for tc in tr.findall(f"{W}tc"):
            props = tc.find(f"{W}tcPr")
            grid_span = props.find(f"{W}gridSpan") if props is not None else None
            span = int(grid_span.get(f"{W}val", "1")) if grid_span is not None else 1
            merge = props.find(f"{W}vMerge") if props is not None else None
            state = "" if merge is None else merge.get(f"{W}val", "continue")
            text = "\n".join(line for p in tc.iter(f"{W}p") if (line := run_text(p).strip()))
            row.append((column, span, state, text))
            column += span
        grid.append(row)
    rows = []
    for r, row in enumerate(grid):
        cells = []
        for column, span, state, text in row:
            if state == "continue":
                continue
            below = 1
            if state == "restart":
                while r + below < len(grid) and any(c == column and s == "continue" for c, _, s, _ in grid[r + below]):
                    below += 1
            cells.append(Cell(text=text, row_span=below, col_span=span))
        rows.append(tuple(cells))
    text = "\n".join("\t".join(cell.text for cell in row) for row in rows)
    return Block(kind="table", text=text, line=index, rows=tuple(rows), row_lines=(index,) * len(rows))


def header_footer_residue(document: docx.document.Document, file: str) -> list[Residue]:
    """Text of every page header and footer part: running heads and page numbers, not the document."""
    parts = {rel.target_part.partname: rel.target_part for rel in document.part.rels.values()
             if not rel.is_external and (rel.reltype or "").endswith(HEADER_FOOTER)}  # a damaged part may lack its Type
    return [Residue(file=file, line=0, reason="page header or footer", text=text)
            for _, part in sorted(parts.items()) for paragraph in part.element.iter(f"{W}p") if (text := run_text(paragraph).strip())]
