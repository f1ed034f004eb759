"""Document readers are chosen by content: the right reader wins on every seed, whatever the file is called."""

from __future__ import annotations

from pathlib import Path

import pytest

from parser.registry import READERS, choose_reader, open_source
from tests.conftest import FIXTURES, SOURCES

EXPECTED = {
    "001_90ab5478764d6aa0.txt": "notice",
    "002_48a076c1b87035bb.txt": "report",
    "003_39746930e8c49978.txt": "regulation",
    "004_c86c78b8268190ff.txt": "entry",
    "corpus/行政许可法(2019-04-23).md": "statute",
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reader_chosen_by_content_not_name(name: str, tmp_path: Path) -> None:
    renamed = tmp_path / "source.txt"
    renamed.write_bytes((SOURCES / name).read_bytes())
    source = open_source(renamed, tmp_path)
    reader = choose_reader(source)
    assert reader is not None and reader.name == EXPECTED[name]
    runner_up = max(other.sniff(source) for other in READERS if other is not reader)
    assert runner_up < reader.sniff(source)


def test_document_readers_leave_power_lists_and_cell_dumps_alone() -> None:
    document_readers = [reader for reader in READERS if reader.name in set(EXPECTED.values())]
    for path in (SOURCES / "000_cc1d1db87604fe72.txt", FIXTURES / "linking" / "powerlist.tsv", FIXTURES / "citations" / "seed_cells.txt"):
        source = open_source(path, path.parent)
        assert [reader.name for reader in document_readers if reader.sniff(source) > 0] == [], path.name
