"""PDF with a text layer (pdfplumber): visual lines re-joined into paragraphs across line and page breaks, tables kept.

Page numbers ("- 3 -", "第3页", "3/10") and running headers or footers (the same line at the top or bottom of several
pages) are residue. Text inside a ruled table is a table block, never running text. A PDF whose pages hold no
characters at all is a scan: the container refuses it ("no text layer; OCR is not supported").
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass

import pdfplumber

from parser.containers.error import ContainerError
from parser.page import Block, Cell, Page
from parser.source import RawSource
from schema.records import Residue

PDF_MAGIC = b"%PDF-"
PAGE_NUMBER = re.compile(r"^[-—–－\s]*(\d{1,4}|第\s*\d{1,4}\s*页(\s*[/／共]\s*\d{1,4}\s*页?)?|\d{1,4}\s*[/／]\s*\d{1,4})[-—–－\s]*$")
SENTENCE_END = tuple("。！？；：”」）)")
STRUCTURAL = re.compile(r"^(第[零〇一二三四五六七八九十百千\d]+[编章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
                        r"|\d{1,2}[.．、]|[㈠-㈩])")
INDENT_CHARS = 1.5  # a line starting this many characters right of the margin opens a paragraph
SHORT_CHARS = 2.0  # a line ending this many characters short of the right edge closes one


@dataclass(frozen=True)
class VisualLine:
    """One line as printed: text, page number, left and right edge, character size."""

    text: str
    page: int
    x0: float
    x1: float
    size: float


def pdf_page(source: RawSource) -> Page:
    """Text lines joined into paragraph blocks, tables as table blocks, page furniture as residue."""
    page = Page(source=source, container="pdf", text="")
    try:
        with pdfplumber.open(io.BytesIO(source.data)) as pdf:
            items = [item for number, printed in enumerate(pdf.pages, start=1) for item in _page_items(printed, number)]
    except ContainerError:
        raise
    except Exception as error:  # pdfminer raises many types for broken or encrypted files
        cause = "the file is password-protected (encrypted)" if "password" in repr(error).lower() else f"not a readable PDF: {error!r}"
        raise ContainerError("unreadable", cause) from error
    if not any(isinstance(item, VisualLine) or item.rows for item in items):
        raise ContainerError("no-text-layer", "no text layer; OCR is not supported")
    lines, page.residue = _furniture(items, source.name)
    page.blocks = _paragraphs(lines)
    page.text = "\n".join(block.text for block in page.blocks)
    return page


def _page_items(printed: pdfplumber.page.Page, number: int) -> list[VisualLine | Block]:
    """A page's tables and the lines outside them, top to bottom."""
    tables = printed.find_tables()
    boxes = [table.bbox for table in tables]
    placed: list[tuple[float, VisualLine | Block]] = [(table.bbox[1], _table_block(printed, table, number)) for table in tables]
    for line in printed.extract_text_lines(strip=True, return_chars=True):
        middle = (line["top"] + line["bottom"]) / 2
        if not line["text"] or any(x0 <= line["x0"] <= x1 and top <= middle <= bottom for x0, top, x1, bottom in boxes):
            continue
        size = max((char["size"] for char in line["chars"]), default=10.0)
        placed.append((line["top"], VisualLine(text=line["text"], page=number, x0=line["x0"], x1=line["x1"], size=size)))
    return [item for _, item in sorted(placed, key=lambda entry: entry[0])]


def _table_block(printed: pdfplumber.page.Page, table: pdfplumber.table.Table, number: int) -> Block:
    """A ruled table with spans from its cell geometry (a merged cell covers several row and column boundaries)."""
    xs = sorted({round(edge, 1) for cell in table.cells for edge in (cell[0], cell[2])})
    ys = sorted({round(edge, 1) for cell in table.cells for edge in (cell[1], cell[3])})
    placed = sorted(table.cells, key=lambda cell: (round(cell[1], 1), round(cell[0], 1)))
    rows: dict[int, list[Cell]] = {}
    for x0, top, x1, bottom in placed:
        text = (printed.crop((x0, top, x1, bottom)).extract_text() or "").strip()
        row = ys.index(round(top, 1))
        cell = Cell(text=text, row_span=ys.index(round(bottom, 1)) - row, col_span=xs.index(round(x1, 1)) - xs.index(round(x0, 1)))
        rows.setdefault(row, []).append(cell)
    ordered = tuple(tuple(rows[key]) for key in sorted(rows))
    text = "\n".join("\t".join(cell.text for cell in row) for row in ordered)
    return Block(kind="table", text=text, line=number, page=number, rows=ordered, row_lines=(number,) * len(ordered))


def _furniture(items: list[VisualLine | Block], file: str) -> tuple[list[VisualLine | Block], list[Residue]]:
    """Page numbers and lines repeated at the top or bottom of several pages become residue."""
    edges: Counter[str] = Counter()
    pages = sorted({item.page for item in items if isinstance(item, VisualLine)})
    for number in pages:
        own = [item for item in items if isinstance(item, VisualLine) and item.page == number]
        edges.update({_normalized(own[0].text), _normalized(own[-1].text)} if own else set())
    kept, residue = [], []
    for item in items:
        if isinstance(item, VisualLine) and PAGE_NUMBER.match(item.text):
            residue.append(Residue(file=file, line=item.page, reason="page number", text=item.text))
        elif isinstance(item, VisualLine) and len(pages) > 2 and edges[_normalized(item.text)] >= max(2, len(pages) // 2):
            residue.append(Residue(file=file, line=item.page, reason="running header or footer", text=item.text))
        else:
            kept.append(item)
    return kept, residue


def _normalized(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def _paragraphs(items: list[VisualLine | Block]) -> list[Block]:
    """Visual lines joined while a paragraph goes on: no indent, no label, the line before ran to the right edge."""
    text_lines = [item for item in items if isinstance(item, VisualLine)]
    margin = min((line.x0 for line in text_lines), default=0.0)
    right = max((line.x1 for line in text_lines), default=0.0)
    blocks: list[Block] = []
    current: list[VisualLine] = []
    for item in items:
        if isinstance(item, Block):
            blocks.extend(_joined(current))
            current = []
            blocks.append(item)
            continue
        if current and _opens_paragraph(item, current[-1], margin, right):
            blocks.extend(_joined(current))
            current = []
        current.append(item)
    blocks.extend(_joined(current))
    return [Block(kind=block.kind, text=block.text, line=index, page=block.page, rows=block.rows, row_lines=block.row_lines)
            for index, block in enumerate(blocks, start=1)]


def _opens_paragraph(line: VisualLine, previous: VisualLine, margin: float, right: float) -> bool:
    indented = line.x0 - margin > INDENT_CHARS * line.size
    short = right - previous.x1 > SHORT_CHARS * previous.size
    return indented or short or bool(STRUCTURAL.match(line.text)) or (previous.text.endswith(SENTENCE_END) and short)


def _joined(lines: list[VisualLine]) -> list[Block]:
    if not lines:
        return []
    return [Block(kind="paragraph", text="".join(line.text for line in lines), line=0, page=lines[0].page)]
