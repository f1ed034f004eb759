"""An HTML page: each <table> row becomes a row (rowspan/colspan resolved), text blocks outside tables one-cell rows."""

from __future__ import annotations

import lxml.html
from lxml.etree import _Element, tostring

from parser.tables.row import Row
from parser.tables.spans import Span, clamped_spans, merged_rows

TEXT_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "caption", "li", "title", "span", "strong"}
SKIPPED = {"script", "style", "head"}


def read_html(text: str) -> list[Row]:
    """Rows in document order; cells keep their inner markup (e.g. <p> paragraphs)."""
    return html_rows(lxml.html.document_fromstring(text))


def html_rows(root: _Element) -> list[Row]:
    """The rows of an already parsed page (the HTML container hands over its tree with hidden copies removed)."""
    rows: list[Row] = []
    _walk(root, rows)
    return rows


def _walk(element: _Element, rows: list[Row]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIPPED:
        return
    if tag == "table":
        rows.extend(_table_rows(element))
        return
    if tag in TEXT_BLOCKS and not any(_is_block(child) for child in element.iterdescendants()):
        text = element.text_content().strip()
        if text:
            rows.append(Row(cells=(text,), line=element.sourceline or 0))
        return
    if (element.text or "").strip() and tag not in {"html", "body"}:
        rows.append(Row(cells=(element.text.strip(),), line=element.sourceline or 0))
    for child in element:
        _walk(child, rows)
        if (child.tail or "").strip():
            rows.append(Row(cells=(child.tail.strip(),), line=child.sourceline or 0))


def _is_block(element: _Element) -> bool:
    return isinstance(element.tag, str) and element.tag in TEXT_BLOCKS | {"table"}


def inner_html(cell: _Element) -> str:
    """The cell's content as markup, without the cell's own tag."""
    return (cell.text or "") + "".join(tostring(child, encoding="unicode") for child in cell)


def _table_rows(table: _Element) -> list[Row]:
    """The table's rows with spans resolved (vertical spans repeat, horizontal spans keep the first column)."""
    caption = [Row(cells=(node.text_content().strip(),), line=node.sourceline or 0) for node in table.findall("caption")]
    trs = [tr for tr in table.iter("tr") if _owning_table(tr) is table]
    grid: list[list[str]] = []
    spans: list[Span] = []
    occupied: set[tuple[int, int]] = set()
    cells_of = [[cell for cell in tr if cell.tag in {"td", "th"}] for tr in trs]
    bounded = clamped_spans([[(_span(cell, "rowspan"), _span(cell, "colspan")) for cell in cells] for cells in cells_of])
    for r, cells in enumerate(cells_of):
        grid.append([])
        c = 0
        for cell, (rowspan, colspan) in zip(cells, bounded[r], strict=True):
            while (r, c) in occupied:
                c += 1
            spans.append(Span(r, r + rowspan - 1, c, c + colspan - 1))
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied.add((r + dr, c + dc))
            _put(grid, r, c, inner_html(cell))
            c += colspan
    width = max((c for _, c in occupied), default=-1) + 1
    grid = [row + [""] * (width - len(row)) for row in grid]
    merged = [span for span in spans if span.last_row > span.first_row or span.last_col > span.first_col]
    return caption + merged_rows(grid, merged, lines=[tr.sourceline or 0 for tr in trs])


def _put(grid: list[list[str]], r: int, c: int, value: str) -> None:
    row = grid[r]
    row.extend([""] * (c + 1 - len(row)))
    row[c] = value


def _span(cell: _Element, attribute: str) -> int:
    value = (cell.get(attribute) or "1").strip()
    return max(1, int(value)) if value.isdigit() else 1


def _owning_table(tr: _Element) -> _Element | None:
    return next(tr.iterancestors("table"), None)
