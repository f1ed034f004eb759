from __future__ import annotations

from parser.tables.spans import Span, fill_spans


def test_vertical_spans_repeat_horizontal_spans_do_not() -> None:
    grid = [["a", "", "x"], ["", "", "y"]]
    assert fill_spans(grid, [Span(0, 1, 0, 1)]) == [["a", "", "x"], ["a", "", "y"]]
