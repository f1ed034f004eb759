"""Real seed cells (tests/fixtures/citations/seed_cells.txt) looked up by line and column name."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import FIXTURES


def _cells() -> dict[tuple[int, str], str]:
    cells: dict[tuple[int, str], list[str]] = {}
    key: tuple[int, str] | None = None
    for row in (FIXTURES / "citations" / "seed_cells.txt").read_text(encoding="utf-8").splitlines():
        if row.startswith("=== line "):
            _, _, number, name = row.split(" ", 3)
            key = (int(number), name)
            cells[key] = []
        elif key is not None:
            cells[key].append(row)
    return {key: "\n".join(rows) for key, rows in cells.items()}


@pytest.fixture(scope="session")
def seed_cell() -> Callable[[int, str], str]:
    """seed_cell(line, column) → that cell of the seed power list, tags stripped, paragraphs joined by newlines."""
    cells = _cells()
    return lambda line, column: cells[(line, column)]
