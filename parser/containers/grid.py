"""Spreadsheets (XLSX, legacy XLS): the grid readers of parser.tables give the rows; there is no running text."""

from __future__ import annotations

from parser.page import Page
from parser.source import RawSource
from parser.tables.formats import read_grid


def grid_page(source: RawSource) -> Page:
    """A workbook as a page whose grid view is its sheets' rows (read on first use)."""
    return Page(source=source, container="grid", text="", grid_reader=lambda: read_grid(source))
