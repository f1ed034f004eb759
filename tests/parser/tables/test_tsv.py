from __future__ import annotations

from pathlib import Path

from parser.tables.tsv import read_tsv

EXCERPT = Path(__file__).resolve().parents[2] / "fixtures" / "powerlist" / "seed_excerpt.tsv"


def test_lines_become_rows_numbered_from_one() -> None:
    rows = read_tsv(EXCERPT.read_text(encoding="utf-8"))
    assert rows[0].cells == ("汕头市行政服务中心管理办公室权责清单",) and rows[0].line == 1
    assert rows[4].cells[:2] == ("序号", "职权名称") and len(rows[4].cells) == 6
    assert rows[5].cells[0] == "1" and rows[5].cells[2].startswith("<p>1. [政府规章]")


def test_crlf_and_blank_lines() -> None:
    rows = read_tsv("a\tb\r\n\r\nc")
    assert [(row.cells, row.line) for row in rows] == [(("a", "b"), 1), (("",), 2), (("c",), 3)]
    assert rows[1].filled == []
