"""Which grid format a source is in (by content, never by file extension), and reading it into rows."""

from __future__ import annotations

import io
import re
import zipfile

from parser.source import RawSource
from parser.tables.csv import read_csv
from parser.tables.html import read_html
from parser.tables.row import Row
from parser.tables.tsv import read_tsv
from parser.tables.xls import read_xls
from parser.tables.xlsx import read_xlsx

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HTML_TABLE = re.compile(r"<table[\s>]", re.IGNORECASE)


def is_xlsx(data: bytes) -> bool:
    """A zip holding a workbook part (a .docx is a zip too, but not a workbook)."""
    if not data.startswith(ZIP_MAGIC):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return any(name.startswith("xl/workbook") for name in archive.namelist())
    except zipfile.BadZipFile:
        return False


def grid_format(source: RawSource) -> str:
    """One of xlsx, xls, html, tsv, csv."""
    if source.data.startswith(ZIP_MAGIC):
        return "xlsx"
    if source.data.startswith(OLE2_MAGIC):
        return "xls"
    text = source.text or ""
    if HTML_TABLE.search(text):
        return "html"
    if "\t" in text:
        return "tsv"
    return "csv"


READERS = {"html": read_html, "tsv": read_tsv, "csv": read_csv}


def read_grid(source: RawSource) -> tuple[str, list[Row]]:
    """The source's format and its rows; spreadsheet errors propagate to the caller."""
    kind = grid_format(source)
    if kind == "xlsx":
        return kind, read_xlsx(source.data)
    if kind == "xls":
        return kind, read_xls(source.data)
    return kind, READERS[kind](source.text or "")
