"""Citations found in running text, kept between builds: the same results as finding them again, as fresh objects."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from citations.find import find_citations
from pipeline import found_cache
from pipeline.found_cache import FOUND_FILE, FoundCitations

CELL = "1.依据《中华人民共和国行政许可法》第三十四条、《行政机关公务员处分条例》第二十条审查；2.《未闭合的标题第五条"
OTHER = "按《中华人民共和国统计法》第七条执行"


def _never(*args: object, **kwargs: object) -> None:
    raise AssertionError("found again instead of taken from the store")


def test_stored_results_equal_finding_them_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = FoundCitations(tmp_path)
    expected = find_citations(CELL, file="a.txt", line=3)
    assert first(CELL, "a.txt", 3) == expected and expected[0] and expected[1]  # citations and a diagnostic
    first(OTHER, "a.txt", 4)
    first.save()
    monkeypatch.setattr(found_cache, "find_citations", _never)
    again = FoundCitations(tmp_path)
    citations, problems = again(CELL, "a.txt", 3)
    assert (citations, problems) == expected
    citations[0].instrument_id = "ins-filled-by-the-passes"
    assert again(CELL, "a.txt", 3)[0][0].instrument_id is None, "each call hands out fresh objects"


def test_file_and_line_are_part_of_the_cell(tmp_path: Path) -> None:
    store = FoundCitations(tmp_path)
    store(CELL, "a.txt", 3)
    store.save()
    again = FoundCitations(tmp_path)
    fresh = find_citations(CELL, file="a.txt", line=9)[1]
    assert [problem.line for problem in again(CELL, "a.txt", 9)[1]] == [problem.line for problem in fresh] == [9]
    assert {problem.file for problem in again(CELL, "b.txt", 3)[1]} == {"b.txt"}


def test_cells_no_longer_read_are_dropped(tmp_path: Path) -> None:
    store = FoundCitations(tmp_path)
    store(CELL, "a.txt", 3)
    store(OTHER, "a.txt", 4)
    store.save()
    second = FoundCitations(tmp_path)
    second(OTHER, "a.txt", 4)
    second.save()
    _, kept = pickle.loads((tmp_path / FOUND_FILE).read_bytes())
    assert len(kept) == 1


def test_a_store_of_other_code_or_a_damaged_one_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = FoundCitations(tmp_path)
    store(CELL, "a.txt", 3)
    store.save()
    _, kept = pickle.loads((tmp_path / FOUND_FILE).read_bytes())
    (tmp_path / FOUND_FILE).write_bytes(pickle.dumps(("other code", kept)))
    calls: list[str] = []
    monkeypatch.setattr(found_cache, "find_citations", lambda text, **where: calls.append(text) or find_citations(text, **where))
    FoundCitations(tmp_path)(CELL, "a.txt", 3)
    (tmp_path / FOUND_FILE).write_bytes(b"\x80\x05damaged")
    assert FoundCitations(tmp_path)(CELL, "a.txt", 3) == find_citations(CELL, file="a.txt", line=3)
    assert calls == [CELL, CELL]
