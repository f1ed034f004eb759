"""Reader for 权责清单 power lists in any grid format: TSV with <p> cells, HTML tables, CSV, XLSX, XLS."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from parser.columns import Column, header_columns, is_header_row
from parser.page import Page
from parser.powerlist.ids import assign_ids
from parser.powerlist.layout import as_heading, as_title, is_header
from parser.powerlist.markup import cell_text
from parser.powerlist.record import Place, build_power, row_cells
from parser.source import RawSource, ReadResult
from parser.tables.row import Row
from schema.records import Diagnostic, Power, Residue

PAGE_BREAK = "page-break header"
TEXT_FORMATS = {"tsv", "csv"}
_TR = re.compile(r"<tr[\s>].*?</tr>", re.IGNORECASE | re.DOTALL)
_CELL_END = re.compile(r"</t[dh]\s*>", re.IGNORECASE)


@dataclass
class Walk:
    """State while walking a grid's rows: the place in force, the header in force, what has been produced."""

    source: RawSource
    grid_format: str
    place: Place
    sheet: str | None = None
    columns: list[Column] | None = None
    width: int = 0
    headers_seen: set[tuple[str, ...]] = field(default_factory=set)
    titles_seen: set[str] = field(default_factory=set)
    headings_seen: set[str] = field(default_factory=set)
    unknown_reported: set[str] = field(default_factory=set)
    previous: Power | None = None
    result: ReadResult = field(default_factory=lambda: ReadResult(kind="powerlist"))

    def residue(self, row: Row, reason: str) -> None:
        text = "\t".join(cell for cell in row.cells if cell.strip())
        self.result.residue.append(Residue(file=self.source.name, line=row.line, reason=reason, text=text))

    def diagnose(self, row: Row, level: str, code: str, message: str) -> None:
        text = "\t".join(cell_text(cell) for cell in row.cells if cell.strip())
        self.result.diagnostics.append(Diagnostic(level=level, code=code, message=message, file=self.source.name, line=row.line, text=text))

    def enter_sheet(self, row: Row) -> None:
        """A new sheet starts a new table: its name is the category until a heading or column says otherwise."""
        self.sheet = row.sheet
        self.columns, self.width, self.previous = None, 0, None
        self.place = replace(self.place, table=None, category=row.sheet)

    def take(self, row: Row) -> None:
        if row.sheet != self.sheet:
            self.enter_sheet(row)
        if not row.filled:
            return
        title, heading = as_title(row), as_heading(row)
        if title:
            self.take_title(row, title.department, title.text)
        elif heading:
            self.take_heading(row, heading.table, heading.category, heading.text)
        elif is_header(row):
            self.take_header(row)
        elif self.columns is None or not self.is_data(row):
            self.take_stray(row)
        else:
            self.take_data(row)

    def is_data(self, row: Row) -> bool:
        """Two or more filled cells, or a filled name cell (a lone cell elsewhere is stray text such as a footer)."""
        name = next((column.index for column in self.columns or [] if column.field == "name"), None)
        return len(row.filled) > 1 or (name is not None and name < len(row.cells) and bool(row.cells[name].strip()))

    def take_title(self, row: Row, department: str, text: str) -> None:
        key = f"{row.sheet}\x1f{text}"
        if key in self.titles_seen:
            self.residue(row, PAGE_BREAK)
        self.titles_seen.add(key)
        self.place = replace(self.place, department=department or self.place.department)

    def take_heading(self, row: Row, table: str | None, category: str, text: str) -> None:
        key = f"{row.sheet}\x1f{text}"
        if key in self.headings_seen and (table, category) == (self.place.table, self.place.category):
            self.residue(row, PAGE_BREAK)
            return
        self.headings_seen.add(key)
        self.place = replace(self.place, table=table, category=category)
        self.columns, self.width, self.previous = None, 0, None

    def take_header(self, row: Row) -> None:
        key = tuple(cell.strip() for cell in row.cells)
        self.residue(row, PAGE_BREAK if key in self.headers_seen and self.columns is not None else "header row")
        self.headers_seen.add(key)
        self.columns, self.width = header_columns(row.cells), len(row.cells)
        for column in self.columns:
            if column.field is None and column.header not in self.unknown_reported:
                self.unknown_reported.add(column.header)
                self.diagnose(row, "warning", "unknown-column", f"column {column.header!r} has no field in the schema; kept in Power.extra")

    def take_stray(self, row: Row) -> None:
        """A row outside any table (before a header row, or a lone non-name cell): kept as residue."""
        if len(row.filled) > 1:
            self.diagnose(row, "warning", "no-header", "row before any header row (unknown table); kept as residue")
            self.residue(row, "row before any header row")
        else:
            self.residue(row, "text outside the tables")

    def take_data(self, row: Row) -> None:
        assert self.columns is not None
        if self.grid_format in TEXT_FORMATS and len(row.cells) != self.width:
            self.diagnose(row, "warning", "cell-count", f"row has {len(row.cells)} cells, the header has {self.width}")
        cells = row_cells(row, self.columns)
        if not cells.fields.get("name") and cells.fields.get("subitem") and self.previous:
            cells.fields["name"] = self.previous.name  # a 子项 row under its power: name (and seq) carry down
            cells.fields["seq"] = cells.fields.get("seq") or self.previous.seq or ""
        if not cells.fields.get("name"):
            self.diagnose(row, "error", "empty-name", "职权名称 is empty; the row is kept as residue")
            self.residue(row, "row without 职权名称")
            return
        power, diagnostics = build_power(row, cells, self.place)
        self.previous = power
        self.result.powers.append(power)
        self.result.diagnostics.extend(diagnostics)


def read(page: Page) -> ReadResult:
    """Walk the grid's rows: titles set the department, headings the table and category, header rows the columns."""
    source = page.source
    place = Place(file=source.name, department=source.meta.get("department"), table=None, category=source.meta.get("category"))
    try:
        grid_format, rows = page.grid()
    except Exception as error:  # any library failure on a broken file becomes a diagnostic
        message = f"cannot read the grid: {error}"
        return ReadResult(kind="powerlist", diagnostics=[Diagnostic(level="error", code="unreadable", message=message, file=source.name)])
    walk = Walk(source=source, grid_format=grid_format, place=place)
    for row in rows:
        walk.take(row)
    if not walk.result.powers and not any(d.code == "no-header" for d in walk.result.diagnostics):
        message = "no power rows found (no header row naming 职权名称?)"
        walk.result.diagnostics.append(Diagnostic(level="error", code="no-powers", message=message, file=source.name))
    assign_ids(walk.result.powers)
    return walk.result


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
        candidates = [tuple(cell_text(cell) for cell in row.cells) for row in page.grid()[1]]
    if any(is_header_row(cells) for cells in candidates):
        return 0.9
    titled = any(as_title(Row(cells=(line,), line=0)) for line in page.text.splitlines()[:50] if line.strip())
    return 0.5 if titled and any(len(cells) >= 3 for cells in candidates) else 0.0
