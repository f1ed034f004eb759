"""The neutral page: table blocks as grids (spans resolved as the grid readers resolve them) and as grid rows."""

from __future__ import annotations

from parser.page import Block, Cell, block_rows, table_grid


def test_row_and_column_spans_fill_the_grid_like_merged_cells() -> None:
    """A vertical span repeats its value in the rows it covers; a horizontal one keeps it in its first column."""
    table = Block(kind="table", text="", line=3, rows=(
        (Cell("序号"), Cell("名称"), Cell("备注", col_span=2)),
        (Cell("1"), Cell("甲", row_span=2), Cell("x"), Cell("y")),
        (Cell("2"), Cell("z"), Cell("w")),
    ), row_lines=(3, 4, 5))
    assert table_grid(table) == [["序号", "名称", "备注", ""], ["1", "甲", "x", "y"], ["2", "甲", "z", "w"]]


def test_grid_rows_of_text_and_tables_keep_their_lines() -> None:
    blocks = [Block(kind="paragraph", text="某局权责清单", line=1),
              Block(kind="table", text="", line=2, rows=((Cell("a"), Cell("b")),), row_lines=(7,))]
    rows = block_rows(blocks)
    assert [(row.cells, row.line) for row in rows] == [(("某局权责清单",), 1), (("a", "b"), 7)]
