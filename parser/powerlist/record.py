"""A data row of a power list, mapped through its header columns, as a Power (id assigned later)."""

from __future__ import annotations

from dataclasses import dataclass, field

from citations.find import find_citations
from parser.columns import EXTRA_FIELDS, Column
from parser.powerlist.accountability import accountability_of, split_accountability
from parser.powerlist.duties import split_duties
from parser.powerlist.markup import cell_text
from parser.tables.row import Row
from schema.records import Accountability, Diagnostic, Power, SourceRef


@dataclass(frozen=True)
class Place:
    """Where a row sits: file, and the department/table/category in force from titles, headings and sheets."""

    file: str
    department: str | None
    table: str | None
    category: str | None


@dataclass
class RowCells:
    """A data row's cell texts by field; columns without a field (or a second column for a field) go to extra."""

    fields: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)


def row_cells(row: Row, columns: list[Column]) -> RowCells:
    result = RowCells()
    width = max((column.index for column in columns), default=-1) + 1
    for column in columns:
        text = cell_text(row.cells[column.index]) if column.index < len(row.cells) else ""
        if column.field and column.field not in EXTRA_FIELDS and column.field not in result.fields:
            result.fields[column.field] = text
        elif text:
            result.extra[column.header or f"第{column.index + 1}列"] = text
    for index in range(width, len(row.cells)):
        text = cell_text(row.cells[index])
        if text:
            result.extra[f"第{index + 1}列"] = text
    return result


def build_power(row: Row, cells: RowCells, place: Place) -> tuple[Power, list[Diagnostic]]:
    """The Power of a data row whose name cell is filled."""
    values = cells.fields
    basis_text = values.get("basis") or None
    basis, diagnostics = find_citations(basis_text, file=place.file, line=row.line) if basis_text else ([], [])
    accountability, more = _accountability(values, place.file, row.line)
    power = Power(
        id="",
        department=values.get("department") or place.department,
        category=values.get("category") or place.category,
        table=place.table,
        seq=values.get("seq") or None,
        name=values["name"],
        subitem=values.get("subitem") or None,
        basis=basis,
        basis_text=basis_text,
        duties=split_duties(values.get("duties", "")),
        accountability=accountability,
        notes=values.get("notes") or None,
        extra=cells.extra,
        source=SourceRef(file=place.file, line=row.line, sheet=row.sheet),
    )
    return power, diagnostics + more


def _accountability(values: dict[str, str], file: str, line: int) -> tuple[Accountability, list[Diagnostic]]:
    """From a combined 问责依据及监督方式 cell, or from separate 问责依据 and 监督方式 cells."""
    if values.get("accountability"):
        return split_accountability(values["accountability"], file=file, line=line)
    basis, supervision = values.get("accountability_basis", ""), values.get("supervision", "")
    if not (basis or supervision):
        return Accountability(), []
    text = "\n".join(part for part in (basis, supervision) if part)
    return accountability_of(basis, supervision, text=text, file=file, line=line)
