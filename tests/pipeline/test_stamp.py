"""The build stamp: a build whose inputs and outputs are as the last one left them does nothing, and says so right."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.build import BuildOptions, build
from pipeline.outputs import REPORT_FILE
from pipeline.stamp import STAMP
from tests.conftest import SOURCES

RECORDS_ONLY = BuildOptions(site=False, index=False)


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    return Path(shutil.copytree(SOURCES, tmp_path / "sources"))


def test_an_unchanged_build_does_nothing_and_reports_what_a_full_rebuild_would(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build(sources, out)
    again = build(sources, out)
    assert "read" not in again.timer.stages, "no source read, not even from the cache"
    assert again.site is not None and again.site.skipped and again.site.pages == first.site.pages
    assert again.changes.nothing_changed and again.written == [REPORT_FILE]  # the first build's report said "added"
    assert again.counts == first.counts
    assert [summary.file for summary in again.corpus.summaries] == [summary.file for summary in first.corpus.summaries]
    assert all(summary.cached for summary in again.corpus.summaries)
    assert again.corpus.diagnostics == first.corpus.diagnostics
    report = (out / REPORT_FILE).read_bytes()
    (out / STAMP).unlink()
    full = build(sources, out)
    assert "read" in full.timer.stages and full.changes.nothing_changed
    assert (out / REPORT_FILE).read_bytes() == report, "the same change report as a rebuild that compares every power"


def test_a_touched_output_or_an_edited_source_makes_a_real_build(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(sources, out, RECORDS_ONLY)
    powers = (out / "data" / "powers.jsonl").read_bytes()
    (out / "data" / "powers.jsonl").unlink()
    restored = build(sources, out, RECORDS_ONLY)
    assert "read" in restored.timer.stages and (out / "data" / "powers.jsonl").read_bytes() == powers
    assert "read" not in build(sources, out, RECORDS_ONLY).timer.stages
    edited = next(path for path in sources.glob("*.txt") if "通知责任".encode() in path.read_bytes())
    edited.write_bytes(edited.read_bytes().replace("通知责任".encode(), "告知责任".encode(), 1))
    rebuilt = build(sources, out, RECORDS_ONLY)
    assert "read" in rebuilt.timer.stages and len(rebuilt.changes.changed) == 1


def test_other_options_make_a_real_build(sources: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(sources, out, RECORDS_ONLY)
    assert "index" in build(sources, out, BuildOptions(site=False)).timer.stages
