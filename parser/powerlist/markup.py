"""Cell markup (<p> fragments, <br>, entities) to plain paragraphs."""

from __future__ import annotations

import html
import re

_BREAK = re.compile(r"</p\s*>|<br\s*/?>|</div\s*>|</li\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")


def cell_paragraphs(cell: str) -> list[str]:
    """The non-blank paragraphs of a cell, tags removed and entities decoded, each stripped."""
    broken = _BREAK.sub("\n", cell)
    text = html.unescape(_TAG.sub("", broken))
    return [paragraph.strip() for paragraph in text.split("\n") if paragraph.strip()]


def plain_text(cell: str) -> str:
    """The cell's paragraphs joined with newlines ("" for a blank cell)."""
    return "\n".join(cell_paragraphs(cell))


def markup_of(cell: str) -> list[str]:
    """The tags of a cell (what plain_text drops as markup)."""
    return _TAG.findall(cell)
