from __future__ import annotations

from pathlib import Path

import pytest

from parser.registry import load_source
from parser.tables.formats import grid_format, is_xlsx

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "powerlist"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("seed_excerpt.tsv", "tsv"),
        ("powerlist.html", "html"),
        ("powerlist.csv", "csv"),
        ("powerlist_utf16.csv", "csv"),
        ("powerlist.xlsx", "xlsx"),
        ("powerlist.xls", "xls"),
        ("powerlist_legacy.xlsx", "xls"),
    ],
)
def test_format_by_content_not_extension(name: str, expected: str) -> None:
    source, _ = load_source(FIXTURES / name, FIXTURES)
    assert grid_format(source) == expected


def test_zip_without_workbook_is_not_xlsx() -> None:
    assert not is_xlsx(b"PK\x03\x04not really a zip")
    assert is_xlsx((FIXTURES / "powerlist.xlsx").read_bytes())
