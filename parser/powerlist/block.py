"""An item as a block of rows, and its 子项: which rows make which record, and the cells each record gathers.

An item starts at a row whose name cell starts there (not a continuation of a merged name above) and runs on
through rows whose name cell continues it or is empty, and through a row that repeats its 序号 and name (a row
written once per 实施层级). A 子项 starts where a row's 子项 cell starts with text other than 无, / or —. Each row
adds the cells that start in it; a merged cell counts once, in the row where it starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parser.powerlist.entries import numbered_entries
from parser.powerlist.record import IDENTITY, RowCells, Values
from parser.tables.row import Row
from text.layout import one_line

_NUMBERED = re.compile(r"^\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[.．、]\s*(?!\d)")
NO_SUBITEM = re.compile(r"^(?:无|无子项|没有|/|／|—+|-+|－+|──|\\)$")


@dataclass
class Part:
    """The rows of one record in the making: an item without 子项, or one 子项 of an item."""

    rows: list[tuple[Row, RowCells]] = field(default_factory=list)
    subitem: str | None = None


@dataclass
class Block:
    """An item's rows: those before its first 子项 (cells every 子项 inherits) and its 子项 parts."""

    head: list[tuple[Row, RowCells]] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)

    @property
    def first(self) -> tuple[Row, RowCells]:
        return self.head[0] if self.head else self.parts[0].rows[0]

    @property
    def rows(self) -> list[tuple[Row, RowCells]]:
        return self.head + [entry for part in self.parts for entry in part.rows]

    def add(self, row: Row, cells: RowCells) -> None:
        """A row of this item: it starts a 子项 if its 子项 cell starts here with a 子项 name."""
        subitem = subitem_of(cells)
        if subitem is not None:
            self.parts.append(Part(rows=[(row, cells)], subitem=subitem))
        elif self.parts:
            self.parts[-1].rows.append((row, cells))
        else:
            self.head.append((row, cells))

    def same_item(self, cells: RowCells) -> bool:
        """A row repeating this item's 序号 and name (written once per level) belongs to it."""
        first = self.first[1].fields
        seq, name = first.get("seq", ""), first.get("name", "")
        same_seq = one_line(cells.fields.get("seq", "")) == one_line(seq)
        return bool(seq.strip()) and same_seq and one_line(cells.fields.get("name", "")) == one_line(name)


def subitem_of(cells: RowCells) -> str | None:
    """The 子项 name a row's 子项 cell starts with (None when it continues, is empty or says there is none)."""
    text = cells.fields.get("subitem", "").strip() if "subitem" in cells.new else ""
    return text if text and not NO_SUBITEM.match(one_line(text)) else None


def gather(rows: list[tuple[Row, RowCells]], values: Values | None = None) -> Values:
    """Each field's texts over the rows, in order: the cells that start in each row (and, in the first row, also
    the merged cells it continues — a 子项 row under a merged name takes that name)."""
    values = values or Values()
    for index, (_, cells) in enumerate(rows):
        for name, text in cells.fields.items():
            if text and (name in cells.new or index == 0) and name != "subitem":
                if name in IDENTITY and values.fields.get(name):
                    continue
                values.fields.setdefault(name, []).append(text)
        for key, text in cells.extra.items():
            if key in cells.new_extra or index == 0:
                values.extra.setdefault(key, []).append(text)
    return values


def inherit(own: Values, *parents: Values) -> Values:
    """A 子项's cells: its own, and for every field it leaves empty the item's."""
    for parent in parents:
        for name, texts in parent.fields.items():
            own.fields.setdefault(name, list(texts))
        for key, texts in parent.extra.items():
            own.extra.setdefault(key, list(texts))
    return own


def subitem_names(text: str) -> list[tuple[str | None, str]]:
    """(number, name) of each 子项 a cell names: several numbered ones packed in one cell, or one (numbered or not)."""
    intro, entries = numbered_entries(text)
    if not intro and len(entries) > 1:
        return [(entry.seq, one_line(entry.text)) for entry in entries]
    numbered = _NUMBERED.match(text)
    if numbered and numbered.end() < len(text):
        return [(numbered.group(1), one_line(text[numbered.end() :]))]
    return [(None, one_line(text))]


def records(block: Block) -> list[tuple[Values, Row, tuple[str | None, str | None]]]:
    """(gathered cells, first row, (子项 number, 子项 name)) of each record the block gives."""
    if not block.parts:
        return [(gather(block.head), block.first[0], (None, None))]
    head = gather(block.head)
    item = gather([block.first])
    out = []
    for part in block.parts:
        own = gather(part.rows)
        for number, name in subitem_names(part.subitem or ""):
            values = inherit(Values({k: list(v) for k, v in own.fields.items()}, dict(own.extra)), head, item)
            out.append((values, part.rows[0][0], (number, name)))
    return out
