from __future__ import annotations

from parser.powerlist.markup import cell_paragraphs, markup_of, plain_text


def test_paragraph_tags_become_lines() -> None:
    cell = "<p>1. 甲：一</p> <p>2. 乙&amp;二</p>"
    assert cell_paragraphs(cell) == ["1. 甲：一", "2. 乙&二"]
    assert plain_text(cell) == "1. 甲：一\n2. 乙&二"
    assert markup_of(cell) == ["<p>", "</p>", "<p>", "</p>"]
    assert plain_text("  ") == ""
