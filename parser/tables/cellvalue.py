"""Spreadsheet cell values as text: whole numbers without a trailing .0, None as empty."""

from __future__ import annotations

from typing import Any


def value_text(value: Any) -> str:
    """A cell value as the sheet shows it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
