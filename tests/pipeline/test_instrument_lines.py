"""Instrument lines kept between builds: a rebuild dumps only the instruments an edit can change, and its
instruments.jsonl is byte for byte that of a build without kept state."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import instrument_lines
from pipeline.build import BuildOptions, build
from tests.conftest import editable_sources
from tests.pipeline.test_incremental import EDITS, POWER_LIST
from writers.jsonl import record_line

OPTIONS = BuildOptions(site=False, index=False)


@pytest.mark.parametrize("edit", ["add a citation", "change an instrument's number in one row", "remove a power"])
def test_a_rebuild_dumps_only_changed_instruments_and_equals_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: str
) -> None:
    sources, out, scratch = tmp_path / "sources", tmp_path / "out", tmp_path / "scratch"
    editable_sources(sources)
    build(sources, out, OPTIONS)
    EDITS[edit](sources)
    dumped: list[str] = []
    monkeypatch.setattr(instrument_lines, "record_line", lambda record: (dumped.append(record.id), record_line(record))[1])
    result = build(sources, out, OPTIONS)
    monkeypatch.undo()
    build(sources, scratch, OPTIONS)
    instruments = result.corpus.instruments
    assert (out / "data" / "instruments.jsonl").read_bytes() == (scratch / "data" / "instruments.jsonl").read_bytes()
    cited_there = [ins.id for ins in instruments if any(cited.file == POWER_LIST for cited in ins.cited_by)]
    assert 0 < len(dumped) <= len(cited_there) < len(instruments), "only the instruments the edited source cites are dumped again"
    assert set(dumped) <= set(cited_there)
