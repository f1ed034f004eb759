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
from typing import TYPE_CHECKING

from parser.containers.error import ContainerError
from parser.page import Block, Cell, Page
from parser.source import RawSource
from schema.records import Residue

if TYPE_CHECKING:
    import pdfplumber

PDF_MAGIC = b"%PDF-"
PAGE_NUMBER = re.compile(r"^[-—–－\s]*(\d{1,4}|第\s*\d{1,4}\s*页(\s*[/／共]\s*\d{1,4}\s*页?)?|\d{1,4}\s*[/／]\s*\d{1,4})[-—–－\s]*$")
STRUCTURAL = re.compile(r"^(第[零〇一二三四五六七八九十百千\d]+[编章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]"
                        r"|\d{1,2}[.．、]|[㈠-㈩]|[\[【][^\]】]{1,12}[\]】])")
INDENT_CHARS = 1.5  # a line starting this many characters right of the margin opens a paragraph
SHORT_CHARS = 2.0  # a line ending this many characters short of the right edge closes one


@dataclass(frozen=True)
class VisualLine:
    """One line as printed: text, page number, left and right edge, character size, and the right edge of its column."""

    text: str
    page: int
    x0: float
    x1: float
    size: float
    edge: float = 0.0


def visual_lines(area: pdfplumber.page.Page) -> list[dict]:
    """pdfplumber's text lines of a page or a cell, with their characters."""
    return [line for line in area.extract_text_lines(strip=True, return_chars=True) if line["text"]]


def as_visual(line: dict, number: int, edge: float) -> VisualLine:
    size = max((char["size"] for char in line["chars"]), default=10.0)
    return VisualLine(text=line["text"], page=number, x0=line["x0"], x1=line["x1"], size=size, edge=edge)


def pdf_page(source: RawSource) -> Page:
    """Text lines joined into paragraph blocks, tables as table blocks, page furniture as residue."""
    import pdfplumber  # pdfplumber (and pdfminer) take most of a second to import: only when a PDF is read

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
    lines = visual_lines(printed)
    edge = max([line["x1"] for line in lines] + [box[2] for box in boxes], default=0.0)
    for line in lines:
        middle = (line["top"] + line["bottom"]) / 2
        if any(x0 <= line["x0"] <= x1 and top <= middle <= bottom for x0, top, x1, bottom in boxes):
            continue
        placed.append((line["top"], as_visual(line, number, edge)))
    return [item for _, item in sorted(placed, key=lambda entry: entry[0])]


def _table_block(printed: pdfplumber.page.Page, table: pdfplumber.table.Table, number: int) -> Block:
    """A ruled table with spans from its cell geometry (a merged cell covers several row and column boundaries)."""
    xs = sorted({round(edge, 1) for cell in table.cells for edge in (cell[0], cell[2])})
    ys = sorted({round(edge, 1) for cell in table.cells for edge in (cell[1], cell[3])})
    placed = sorted(table.cells, key=lambda cell: (round(cell[1], 1), round(cell[0], 1)))
    rows: dict[int, list[Cell]] = {}
    for x0, top, x1, bottom in placed:
        area = printed.filter(lambda obj, box=(x0, top, x1, bottom): _centred_in(obj, box))
        inside = [as_visual(line, number, x1) for line in visual_lines(area)]
        text = "\n".join(paragraph for paragraph in joined_text(inside, x0))
        row = ys.index(round(top, 1))
        cell = Cell(text=text, row_span=ys.index(round(bottom, 1)) - row, col_span=xs.index(round(x1, 1)) - xs.index(round(x0, 1)))
        rows.setdefault(row, []).append(cell)
    ordered = tuple(tuple(rows[key]) for key in sorted(rows))
    text = "\n".join("\t".join(cell.text for cell in row) for row in ordered)
    return Block(kind="table", text=text, line=number, page=number, rows=ordered, row_lines=(number,) * len(ordered))


def _centred_in(obj: dict, box: tuple[float, float, float, float]) -> bool:
    """A character belongs to the cell its centre lies in (wrapped glyphs may overhang the ruling)."""
    if obj.get("object_type") != "char":
        return True
    x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _furniture(items: list[VisualLine | Block], file: str) -> tuple[list[VisualLine | Block], list[Residue]]:
    """Page numbers, and the first or last line of a page when the same line opens or closes several pages, are residue."""
    lines = [item for item in items if isinstance(item, VisualLine)]
    pages = sorted({line.page for line in lines})
    edges = {id(own[index]) for number in pages if (own := [line for line in lines if line.page == number]) for index in (0, -1)}
    repeated = Counter(_normalized(line.text) for line in lines if id(line) in edges)
    kept, residue = [], []
    for item in items:
        if isinstance(item, VisualLine) and PAGE_NUMBER.match(item.text):
            residue.append(Residue(file=file, line=item.page, reason="page number", text=item.text))
        elif isinstance(item, VisualLine) and id(item) in edges and len(pages) > 2 \
                and repeated[_normalized(item.text)] >= max(2, len(pages) // 2):
            residue.append(Residue(file=file, line=item.page, reason="running header or footer", text=item.text))
        else:
            kept.append(item)
    return kept, residue


def _normalized(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip())


def _paragraphs(items: list[VisualLine | Block]) -> list[Block]:
    """Running text joined into paragraphs (also across page breaks), tables in between, numbered in reading order."""
    margin = min((item.x0 for item in items if isinstance(item, VisualLine)), default=0.0)
    blocks: list[Block] = []
    current: list[VisualLine] = []
    for item in [*items, None]:
        if isinstance(item, VisualLine):
            current.append(item)
            continue
        starts = [index for index in range(len(current)) if index == 0 or opens_paragraph(current[index], current[index - 1], margin)]
        for start, end in zip(starts, [*starts[1:], len(current)][: len(starts)], strict=True):
            text = "".join(line.text for line in current[start:end])
            blocks.append(Block(kind="paragraph", text=text, line=0, page=current[start].page))
        current = []
        if item is not None:
            blocks.append(item)
    return [Block(kind=block.kind, text=block.text, line=index, page=block.page, rows=block.rows, row_lines=block.row_lines)
            for index, block in enumerate(blocks, start=1)]


def joined_text(lines: list[VisualLine], margin: float) -> list[str]:
    """A cell's visual lines joined into its paragraphs."""
    paragraphs: list[str] = []
    for index, line in enumerate(lines):
        if index == 0 or opens_paragraph(line, lines[index - 1], margin):
            paragraphs.append(line.text)
        else:
            paragraphs[-1] += line.text
    return paragraphs


def opens_paragraph(line: VisualLine, previous: VisualLine, margin: float) -> bool:
    """A new paragraph: indented, numbered or labelled, or the line before stopped short of its column's right edge."""
    indented = line.x0 - margin > INDENT_CHARS * line.size
    short = previous.edge - previous.x1 > SHORT_CHARS * previous.size
    return indented or short or bool(STRUCTURAL.match(line.text))
