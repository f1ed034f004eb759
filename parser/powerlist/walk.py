"""Walking a power list's rows: titles set the department, sheets and headings the table and category, header rows
the columns; data rows gather into item blocks (see block.py), each giving its records when the next item starts."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from parser.columns import Column, header_columns, is_header_row, is_nameless_header
from parser.powerlist.block import Block, records, subitem_of
from parser.powerlist.categories import category_in, vocabulary_form
from parser.powerlist.department import resolve_departments
from parser.powerlist.ids import assign_ids
from parser.powerlist.layout import Heading, as_heading, as_title
from parser.powerlist.markup import plain_text
from parser.powerlist.record import IDENTITY, ListContext, RowCells, build_power, row_cells
from parser.source import RawSource, ReadResult
from parser.tables.row import Row
from schema.records import Diagnostic, Residue
from text.layout import one_line, reflow

PAGE_BREAK = "page-break header"
TEXT_FORMATS = {"tsv", "csv"}
WORKBOOKS = {"xls", "xlsx"}


@dataclass
class Tally:
    """A count of items written in a sheet name or heading ("行政处罚（254项）"), and the items read under it."""

    label: str
    expected: int
    row: Row
    read: int = 0


def items_in(seq: str | None) -> int:
    """How many items one 序号 cell numbers: "2,3" numbers two, anything else one."""
    numbers = re.fullmatch(r"\s*\d+(?:\s*[,，、]\s*\d+)+\s*", seq or "")
    return len(re.findall(r"\d+", seq or "")) if numbers else 1


def where(row: Row) -> str:
    """'sheet X, row N: ' for workbook rows, '' for text lines (the diagnostic's line says it)."""
    return f"sheet {row.sheet!r}, row {row.line}: " if row.sheet is not None else ""


@dataclass
class Walk:
    """State while walking a grid's rows: the place and header in force, the open item block, what has been produced."""

    source: RawSource
    grid_format: str
    place: ListContext
    sheet: str | None = None
    columns: list[Column] | None = None
    width: int = 0
    block: Block | None = None
    tally: Tally | None = None
    headers_seen: set[tuple[str, ...]] = field(default_factory=set)
    titles_seen: set[str] = field(default_factory=set)
    headings_seen: set[str] = field(default_factory=set)
    reported: set[str] = field(default_factory=set)
    result: ReadResult = field(default_factory=lambda: ReadResult(kind="powerlist"))

    @property
    def text_of(self) -> Callable[[str], str]:
        """Cell text as a reader sees it: workbook cells reflowed (layout breaks and spaces gone), markup cells as paragraphs."""
        return reflow if self.grid_format in WORKBOOKS else plain_text

    def residue(self, row: Row, reason: str, text: str | None = None) -> None:
        text = text if text is not None else "\t".join(cell for cell in row.cells if cell.strip())
        self.result.residue.append(Residue(file=self.source.name, line=row.line, reason=reason, text=text))

    def diagnose(self, row: Row, level: str, code: str, message: str, text: str | None = None) -> None:
        text = text if text is not None else "\t".join(plain_text(cell) for cell in dict.fromkeys(row.cells) if cell.strip())
        self.result.diagnostics.append(
            Diagnostic(level=level, code=code, message=where(row) + message, file=self.source.name, line=row.line, text=text)
        )

    def once(self, key: str) -> bool:
        """True the first time a key is seen (one warning per column, not per row)."""
        first = key not in self.reported
        self.reported.add(key)
        return first

    # --- structure -------------------------------------------------------------------------------

    def enter_sheet(self, row: Row) -> None:
        """A new sheet starts a new table: a sheet name naming a category is the category until a heading or cell says otherwise."""
        self.close_table()
        self.sheet = row.sheet
        self.columns, self.width = None, 0
        category = category_in(row.sheet) if row.sheet else None
        base = self.source.meta.get("category")
        self.place = replace(
            self.place,
            table=None,
            category=category.name if category else base,
            category_text=category.written if category else base,
        )
        if category and category.count is not None:
            self.tally = Tally(label=row.sheet or "", expected=category.count, row=row)

    def close_table(self) -> None:
        """End of a table: the open item gives its records, and a written count is checked against the items read."""
        self.flush()
        tally, self.tally = self.tally, None
        if tally and tally.read != tally.expected:
            named = tally.row.sheet is not None and tally.label == tally.row.sheet
            message = f"{'sheet' if named else 'heading'} {tally.label!r} says {tally.expected} items but {tally.read} were read"
            file, line = self.source.name, tally.row.line
            self.result.diagnostics.append(
                Diagnostic(level="warning", code="count-mismatch", message=message, file=file, line=line, text=tally.label)
            )

    def take(self, row: Row) -> None:
        if row.sheet != self.sheet:
            self.enter_sheet(row)
        for column, text in row.hidden:
            self.residue(row, "text hidden under a merged cell", text)
            message = f"column {column + 1} holds text hidden under a merged cell (spreadsheet programs do not show it); kept as residue"
            self.diagnose(row, "warning", "hidden-text", message, text)
        if not row.filled:
            return
        title, heading = as_title(row), as_heading(row)
        cells = tuple(one_line(cell) for cell in row.cells)
        if title:
            self.take_title(row, title.department, title.text)
        elif heading:
            self.take_heading(row, heading)
        elif is_header_row(cells):
            self.take_header(row, cells)
        elif is_nameless_header(cells):
            self.flush()
            self.columns = None
            self.residue(row, "header row")
            message = "a header row without a name column (事项名称/职权名称): its table cannot be read"
            self.diagnose(row, "warning", "header-without-name", message)
        elif self.columns is None or not self.is_data(row):
            self.take_stray(row)
        else:
            self.take_data(row)

    def column_of(self, name: str) -> int | None:
        return next((column.index for column in self.columns or [] if column.field == name), None)

    def is_data(self, row: Row) -> bool:
        """Two or more filled cells, a filled name cell, or (inside an item) a lone cell under a column of the item."""
        filled = [index for index, cell in enumerate(row.cells) if cell.strip()]
        name = self.column_of("name")
        if len(set(row.filled)) > 1 or (name is not None and name in filled):
            return True
        fields = {column.index: column.field for column in self.columns or []}
        return bool(self.block) and not row.joined and fields.get(filled[0]) not in (None, "seq", "name")

    def take_title(self, row: Row, department: str, text: str) -> None:
        key = f"{row.sheet}\x1f{text}"
        self.residue(row, PAGE_BREAK if key in self.titles_seen else "list title", text)
        self.titles_seen.add(key)
        self.place = replace(self.place, department=department or self.place.department)

    def take_heading(self, row: Row, heading: Heading) -> None:
        key = f"{row.sheet}\x1f{heading.text}"
        if key in self.headings_seen and (heading.table, heading.category) == (self.place.table, self.place.category):
            self.residue(row, PAGE_BREAK)
            return
        self.close_table()
        self.headings_seen.add(key)
        self.place = replace(self.place, table=heading.table, category=heading.category, category_text=heading.written)
        self.columns, self.width = None, 0
        if heading.count is not None:
            self.tally = Tally(label=one_line(heading.text), expected=heading.count, row=row)

    def take_header(self, row: Row, cells: tuple[str, ...]) -> None:
        """A header row (`cells`: its cells as one line each) sets the columns of the rows below."""
        self.flush()
        key = tuple(cell.strip() for cell in row.cells)
        text = "\t".join(cell for cell in row.cells if cell.strip() and not vocabulary_form(cell))
        self.residue(row, PAGE_BREAK if key in self.headers_seen and self.columns is not None else "header row", text)
        self.headers_seen.add(key)
        columns = header_columns(cells, row.joined)
        strays = [column for column in columns if column.field is None and vocabulary_form(column.header)]
        for column in strays:  # a category name where a header belongs: a left-over cell, its column has no header
            self.residue(row, "category cell in the header row", row.cells[column.index])
        self.columns = [column for column in columns if column not in strays]
        self.width = len(row.cells)
        for column in self.columns:
            if column.field is None and self.once(f"unknown\x1f{column.header}"):
                self.diagnose(row, "warning", "unknown-column", f"column {column.header!r} has no field in the schema; kept in Power.extra")

    def take_stray(self, row: Row) -> None:
        """A row outside any table (before a header row, or a lone non-item cell): kept as residue."""
        self.flush()
        if len(set(row.filled)) > 1:
            self.diagnose(row, "warning", "no-header", "row before any header row (unknown table); kept as residue")
            self.residue(row, "row before any header row")
        else:
            self.residue(row, "text outside the tables")

    # --- items -----------------------------------------------------------------------------------

    def take_data(self, row: Row) -> None:
        assert self.columns is not None
        if self.grid_format in TEXT_FORMATS and len(row.cells) != self.width:
            self.diagnose(row, "warning", "cell-count", f"row has {len(row.cells)} cells, the header has {self.width}")
        self.take_headerless(row)
        cells = row_cells(row, self.columns, self.text_of)
        if self.block and self.continues(cells):
            self.block.add(row, cells)
        elif cells.fields.get("name") and "name" in cells.new:
            self.start_item(row, cells)
        elif subitem_of(cells):
            self.diagnose(row, "warning", "subitem-before-item", "a 子项 row before any item (no 事项名称 above it); kept as residue")
            self.residue(row, "子项 row before any item")
        else:
            self.diagnose(row, "error", "empty-name", "职权名称 is empty; the row is kept as residue")
            self.residue(row, "row without 职权名称")

    def continues(self, cells: RowCells) -> bool:
        """A row belongs to the open item when its name cell continues it (or is empty, without a 序号 of its own,
        or with a 子项), or when it repeats the item's 序号 and name."""
        assert self.block is not None
        if cells.fields.get("name") and "name" in cells.new:
            return self.block.same_item(cells)
        own_seq = bool(cells.fields.get("seq", "").strip()) and "seq" in cells.new
        return bool(cells.fields.get("name")) or not own_seq or subitem_of(cells) is not None

    def start_item(self, row: Row, cells: RowCells) -> None:
        seq = self.column_of("seq")
        if self.block and seq is not None and not row.is_new(seq):
            names = one_line(self.block.first[1].fields.get("name", "")), one_line(cells.fields["name"])
            message = f"a merged 序号 cell spans two different names ({names[0]!r} and {names[1]!r}); read as two items"
            self.diagnose(row, "warning", "merged-names", message)
        self.flush()
        self.block = Block()
        self.block.add(row, cells)
        if "subitem" in cells.new and cells.fields.get("subitem") and not subitem_of(cells):
            self.residue(row, "子项 cell saying there is no 子项", cells.fields["subitem"])

    def take_headerless(self, row: Row) -> None:
        """Cells in columns without a header (a lookup list beside the table, a stray value): residue, one warning per column."""
        named = {column.index for column in self.columns or []}
        for index, cell in enumerate(row.cells):
            if cell.strip() and index not in named and row.is_new(index):
                self.residue(row, "cell in a column without a header", cell)
                if self.once(f"headerless\x1f{row.sheet}\x1f{index}"):
                    self.diagnose(
                        row, "warning", "headerless-cell", f"column {index + 1} has no header; its cells are kept as residue", cell
                    )

    def flush(self) -> None:
        """The open item block gives its records."""
        block, self.block = self.block, None
        if block is None:
            return
        for values, row, subitem in records(block):
            power, diagnostics = build_power(values, self.place, row, subitem)
            self.result.powers.append(power)
            self.result.diagnostics.extend(diagnostics)
        if self.tally:
            self.tally.read += items_in(block.first[1].fields.get("seq"))
        first = block.first[1].fields
        for row, cells in block.rows[1:]:
            if "subitem" in cells.new and cells.fields.get("subitem") and not subitem_of(cells):
                self.residue(row, "子项 cell saying there is no 子项", cells.fields["subitem"])
            for name in IDENTITY:
                if name in cells.new and cells.fields.get(name) and one_line(cells.fields[name]) == one_line(first.get(name, "")):
                    self.residue(row, f"cell repeating its item's {name}", cells.fields[name])


def walk_rows(source: RawSource, grid_format: str, rows: list[Row]) -> ReadResult:
    """The records, diagnostics and residue of a power list's rows."""
    place = ListContext(file=source.name, department=source.meta.get("department"), table=None, category=source.meta.get("category"))
    walk = Walk(source=source, grid_format=grid_format, place=place)
    for row in rows:
        walk.take(row)
    walk.close_table()
    result = walk.result
    resolve_departments(result.powers, source.name)
    if not result.powers and not any(d.code in {"no-header", "header-without-name"} for d in result.diagnostics):
        message = "no power rows found (no header row naming 职权名称?)"
        result.diagnostics.append(Diagnostic(level="error", code="no-powers", message=message, file=source.name))
    assign_ids(result.powers)
    return result
