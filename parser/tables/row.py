"""One row of a grid, whatever format it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    """Cells as written (may hold markup such as <p>), the 1-based line or sheet row, and the sheet name."""

    cells: tuple[str, ...]
    line: int
    sheet: str | None = None

    @property
    def filled(self) -> list[str]:
        """The non-blank cells."""
        return [cell for cell in self.cells if cell.strip()]
