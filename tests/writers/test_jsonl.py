"""JSON Lines writer: one record per line, the file replaced only when its bytes change."""

from __future__ import annotations

import json
from pathlib import Path

from schema.corpus import Corpus
from writers.jsonl import record_digest, record_line, write_jsonl, write_lines


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
