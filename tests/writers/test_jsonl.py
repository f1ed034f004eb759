"""JSON Lines writer: one record per line, the file replaced only when its bytes change."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from schema.corpus import Corpus
from writers import runs
from writers.jsonl import KeptLine, line_digest, record_digest, record_line, write_jsonl, write_lines


def test_records_are_written_one_per_line_and_an_unchanged_file_is_left_alone(seed_corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "powers.jsonl"
    assert write_jsonl(path, seed_corpus.powers) == len(seed_corpus.powers)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [power.id for power in seed_corpus.powers]
    assert lines[0] == record_line(seed_corpus.powers[0]) and "\\u" not in lines[0]  # UTF-8 text, not escaped
    stamp = path.stat().st_mtime_ns
    write_jsonl(path, seed_corpus.powers)
    assert path.stat().st_mtime_ns == stamp
    write_jsonl(path, seed_corpus.powers[1:])
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(seed_corpus.powers) - 1
    assert write_jsonl(path, []) == 0 and path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["powers.jsonl"]  # no temporary file left behind


def test_a_record_digest_is_the_digest_write_lines_takes_of_its_line(seed_corpus: Corpus, tmp_path: Path) -> None:
    """The site keys pages by record_digest when the data writer did not run: it must equal what write_lines collected."""
    taken: list[bytes] = []
    write_lines(tmp_path / "powers.jsonl", (record_line(power) for power in seed_corpus.powers), taken)
    assert taken == [record_digest(power) for power in seed_corpus.powers]
    assert len(set(taken)) == len(seed_corpus.powers)


@pytest.mark.parametrize("kernel_copy", [True, False], ids=["copy_file_range", "read and written"])
def test_kept_lines_of_an_earlier_file_are_copied_in_runs_between_new_lines(
    seed_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel_copy: bool
) -> None:
    """Lines kept from the previous file, in runs that follow each other there and runs that do not, mixed with new
    lines: the file is the lines in the order given, and each kept line's digest is the one it came with."""
    if not kernel_copy:
        monkeypatch.delattr(os, "copy_file_range", raising=False)
    monkeypatch.setattr(runs, "BUFFER_BYTES", 64)  # new lines flushed between and inside runs
    before = [record_line(power).encode("utf-8") for power in seed_corpus.powers[:6]]
    earlier = tmp_path / "earlier.jsonl"
    write_lines(earlier, before)
    places, offset = [], 0
    for data in before:
        places.append((offset, len(data)))
        offset += len(data) + 1
    fd = os.open(earlier, os.O_RDONLY)
    try:
        def kept(index: int) -> KeptLine:
            return KeptLine(fd, *places[index], line_digest(before[index] + b"\n"))

        new = record_line(seed_corpus.powers[-1])
        order = [kept(0), kept(1), new, kept(2), kept(4), kept(5), kept(3), new, kept(3)]
        expected = [before[0], before[1], new.encode(), before[2], before[4], before[5], before[3], new.encode(), before[3]]
        digests: list[bytes] = []
        assert write_lines(tmp_path / "now.jsonl", order, digests) == len(order)
    finally:
        os.close(fd)
    assert (tmp_path / "now.jsonl").read_bytes() == b"".join(line + b"\n" for line in expected)
    assert digests == [line_digest(line + b"\n") for line in expected]
