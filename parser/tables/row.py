"""One row of a grid, whatever format it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """Cells as written (may hold markup such as <p>), the 1-based line or sheet row, and the sheet name.

    Merged blocks (workbook merges, HTML rowspan/colspan) are resolved: a block's value stands in every row of its
    first column, `continued` names the columns whose cell continues a vertical merge from the row above (the same
    cell, not new text), `joined` the columns a horizontal merge joins to the cell on their left, and `hidden` holds
    text a workbook keeps under a merged block (not shown by spreadsheet programs) as (column, text).
    """

    cells: tuple[str, ...]
    line: int
    sheet: str | None = None
    continued: frozenset[int] = frozenset()
    joined: frozenset[int] = frozenset()
    hidden: tuple[tuple[int, str], ...] = ()

    @property
    def filled(self) -> list[str]:
        """The non-blank cells."""
        return [cell for cell in self.cells if cell.strip()]

    def is_new(self, column: int) -> bool:
        """The cell at `column` starts here (not a continuation of a merged cell above)."""
        return column not in self.continued
