"""Reader for 权责清单 power lists in any grid format: TSV with <p> cells, HTML tables, CSV, XLSX, XLS.

The entry only gets the page's rows; how they become records is parser/powerlist/ (walk.py drives it)."""

from __future__ import annotations

import re

from parser.columns import is_header_row
from parser.page import Page
from parser.powerlist.layout import as_title
from parser.powerlist.markup import plain_text
from parser.powerlist.walk import walk_rows
from parser.source import ReadResult
from parser.tables.row import Row
from schema.records import Diagnostic

_TR = re.compile(r"<tr[\s>].*?</tr>", re.IGNORECASE | re.DOTALL)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)


def read(page: Page) -> ReadResult:
    """The page's grid rows walked into records (see parser.powerlist.walk)."""
    source = page.source
    try:
        grid_format, rows = page.grid()
    except Exception as error:  # any library failure on a broken file becomes a diagnostic
        message = f"cannot read the grid: {error}"
        return ReadResult(kind="powerlist", diagnostics=[Diagnostic(level="error", code="unreadable", message=message, file=source.name)])
    return walk_rows(source, grid_format, rows)


def header_candidates(text: str) -> list[tuple[str, ...]]:
    """Rows a text could hold: tab-, comma- or semicolon-split lines and HTML <tr> rows."""
    lines = [tuple(re.split(r"[\t,;，]", line)) for line in text.splitlines()[:2000]]
    rows = [tuple(re.sub(r"<[^>]+>", "", cell) for cell in _CELL_END.split(tr)) for tr in _TR.findall(text[:500_000])]
    return lines + rows


def sniff(page: Page) -> float:
    """High for workbooks and text with a power-list header row; lower for a list title over tabular lines; else zero.

    Text files are judged on their text; pages of other containers (web pages, Word, PDF) on their tables' rows.
    """
    if page.container == "grid":
        return 0.9
    if page.container == "text":
        candidates = header_candidates(page.text)
    else:
        candidates = [tuple(plain_text(cell) for cell in row.cells) for row in page.grid()[1]]
    if any(is_header_row(cells) for cells in candidates):
        return 0.9
    titled = any(as_title(Row(cells=(line,), line=0)) for line in page.text.splitlines()[:50] if line.strip())
    return 0.5 if titled and any(len(cells) >= 3 for cells in candidates) else 0.0
