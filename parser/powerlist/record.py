"""The cells of a block of rows, gathered by field, as a Power (id assigned later)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from citations.find import find_citations
from parser.columns import Column
from parser.powerlist.accountability import accountability_of, split_accountability
from parser.powerlist.categories import read_category
from parser.powerlist.duties import split_duties
from parser.powerlist.entries import numbered_entries
from parser.tables.row import Row
from schema.records import Accountability, Citation, Diagnostic, Entry, Power, SourceRef
from text.layout import one_line

# Fields that name the item: a block's first value stands (a row repeated per level repeats them).
IDENTITY = ("seq", "name", "code", "category", "department")
# Free-text fields: every row of a block adds its cell, in order, one line each.
TEXT_FIELDS = ("level", "scope", "executing_body", "office", "department_duty", "remedy", "time_limit", "fees", "notes")


@dataclass(frozen=True)
class ListContext:
    """Where a row sits: file, and the department/table/category in force from titles, headings and sheets."""

    file: str
    department: str | None
    table: str | None
    category: str | None
    category_text: str | None = None


@dataclass
class RowCells:
    """A data row's cell texts by field (a merged cell's text in every row it covers), which of them start in this row,
    and the cells of columns without a field (or a second column for a field), by header."""

    fields: dict[str, str] = field(default_factory=dict)
    new: set[str] = field(default_factory=set)
    extra: dict[str, str] = field(default_factory=dict)
    new_extra: set[str] = field(default_factory=set)


def row_cells(row: Row, columns: list[Column], text_of: Callable[[str], str]) -> RowCells:
    """The row's cells through the header's columns (cells beyond them are the caller's: see Walk)."""
    result = RowCells()
    for column in columns:
        text = text_of(row.cells[column.index]) if column.index < len(row.cells) else ""
        is_new = row.is_new(column.index)
        if column.field and column.field not in result.fields:
            result.fields[column.field] = text
            if is_new:
                result.new.add(column.field)
        elif column.field and column.index in row.joined:
            continue  # the merged header cell's right part, empty under a merged data cell
        elif column.field and text and column.field in (*TEXT_FIELDS, "basis", "duties"):
            result.fields[column.field] = "\n".join(part for part in (result.fields[column.field], text) if part)
        elif text:
            key = column.header or f"第{column.index + 1}列"
            result.extra[key] = text
            if is_new:
                result.new_extra.add(key)
    return result


@dataclass
class Values:
    """The texts a record gathers per field, in row order (one per row whose cell starts there)."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)

    def first(self, name: str) -> str | None:
        return next(iter(self.fields.get(name, [])), None)

    def joined(self, name: str) -> str | None:
        return "\n".join(self.fields.get(name, [])) or None


def _one(text: str | None) -> str | None:
    return one_line(text) if text else None


def build_power(values: Values, place: ListContext, row: Row, subitem: tuple[str | None, str | None]) -> tuple[Power, list[Diagnostic]]:
    """The Power of a block's (or a 子项's) gathered cells; `row` is its first row, `subitem` (子项 number, name)."""
    diagnostics: list[Diagnostic] = []

    def citations(name: str) -> tuple[list[Citation], str | None]:
        text = values.joined(name)
        found, problems = find_citations(text, file=place.file, line=row.line) if text else ([], [])
        diagnostics.extend(problems)
        return found, text

    basis, basis_text = citations("basis")
    duty_basis, duty_basis_text = citations("duty_basis")
    accountability, more = _accountability(values, place.file, row.line)
    diagnostics.extend(more)
    written = values.first("category")
    category = read_category(written) if written else None
    power = Power(
        id="",
        department=_one(values.first("department")) or place.department,
        category=category.name if category else place.category,
        category_text=category.written if category else place.category_text,
        table=place.table,
        seq=_one(values.first("seq")),
        name=one_line(values.first("name") or ""),
        subitem=subitem[1],
        subitem_seq=subitem[0],
        code=_one(values.first("code")),
        basis=basis,
        basis_text=basis_text,
        duties=[duty for text in values.fields.get("duties", []) for duty in split_duties(text)],
        duties_text=values.joined("duties"),
        duty_basis=duty_basis,
        duty_basis_text=duty_basis_text,
        accountability=accountability,
        extra={key: "\n".join(texts) for key, texts in values.extra.items()},
        source=SourceRef(file=place.file, line=row.line, sheet=row.sheet),
        **{name: values.joined(name) for name in TEXT_FIELDS},
    )
    return power, diagnostics


def _entries(texts: list[str]) -> tuple[str | None, list[Entry]]:
    """Numbered entries of every row's cell in order; the lead-in of the first."""
    intro: str | None = None
    entries: list[Entry] = []
    for index, text in enumerate(texts):
        lead, found = numbered_entries(text)
        if index == 0:
            intro = lead
        elif lead:
            entries.append(Entry(text=lead))
        entries.extend(found)
    return intro, entries


def _accountability(values: Values, file: str, line: int) -> tuple[Accountability, list[Diagnostic]]:
    """From a combined 问责依据及监督方式 cell or separate 问责依据 and 监督方式 cells; 追责情形 and 追责对象范围 beside them."""
    combined = values.joined("accountability")
    basis, supervision = values.joined("accountability_basis") or "", values.joined("supervision") or ""
    if combined:
        accountability, diagnostics = split_accountability(combined, file=file, line=line)
    elif basis or supervision:
        text = "\n".join(part for part in (basis, supervision) if part)
        accountability, diagnostics = accountability_of(basis, supervision, text=text, file=file, line=line)
    else:
        accountability, diagnostics = Accountability(), []
    intro, circumstances = _entries(values.fields.get("circumstances", []))
    _, targets = _entries(values.fields.get("targets", []))
    accountability.circumstances, accountability.circumstances_intro = circumstances, intro
    accountability.circumstances_text = values.joined("circumstances")
    accountability.targets, accountability.targets_text = targets, values.joined("targets")
    return accountability, diagnostics
