"""Reader for 权责清单 power lists in any grid format: TSV with <p> cells, HTML tables, CSV, XLSX, XLS.

The entry only gets the rows; how they become records is parser/powerlist/ (walk.py drives it)."""

from __future__ import annotations

import re

from parser.columns import is_header_row
from parser.powerlist.layout import as_title
from parser.powerlist.walk import walk_rows
from parser.registry import Reader, register
from parser.source import RawSource, ReadResult
from parser.tables.formats import OLE2_MAGIC, is_xlsx, read_grid
from parser.tables.row import Row
from schema.records import Diagnostic

_TR = re.compile(r"<tr[\s>].*?</tr>", re.IGNORECASE | re.DOTALL)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)


def read(source: RawSource) -> ReadResult:
    """The grid's rows walked into records (see parser.powerlist.walk)."""
    try:
        grid_format, rows = read_grid(source)
    except Exception as error:  # any library failure on a broken file becomes a diagnostic
        message = f"cannot read the grid: {error}"
        return ReadResult(kind="powerlist", diagnostics=[Diagnostic(level="error", code="unreadable", message=message, file=source.name)])
    return walk_rows(source, grid_format, rows)


def header_candidates(text: str) -> list[tuple[str, ...]]:
    """Rows a text could hold: tab-, comma- or semicolon-split lines and HTML <tr> rows."""
    lines = [tuple(re.split(r"[\t,;，]", line)) for line in text.splitlines()[:2000]]
    rows = [tuple(re.sub(r"<[^>]+>", "", cell) for cell in _CELL_END.split(tr)) for tr in _TR.findall(text[:500_000])]
    return lines + rows


def sniff(source: RawSource) -> float:
    """High for workbooks and text with a power-list header row; lower for a list title over tabular lines; else zero."""
    if source.text is None:
        return 0.9 if is_xlsx(source.data) or source.data.startswith(OLE2_MAGIC) else 0.0
    candidates = header_candidates(source.text)
    if any(is_header_row(cells) for cells in candidates):
        return 0.9
    titled = any(as_title(Row(cells=(line,), line=0)) for line in source.text.splitlines()[:50] if line.strip())
    return 0.5 if titled and any(len(cells) >= 3 for cells in candidates) else 0.0


register(Reader(name="powerlist", sniff=sniff, read=read))
