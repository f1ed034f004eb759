"""The change report, and the incremental build it belongs to: one edited row is one changed power, nothing else is touched."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

import build
from pipeline.changes import diff_powers, load_powers
from pipeline.corpus import Corpus
from pipeline.outputs import snapshot, written
from tests.conftest import SOURCES

POWER_LIST = "000_cc1d1db87604fe72.txt"


def _dump(corpus: Corpus) -> dict[str, dict]:
    return {power.id: power.model_dump(mode="json") for power in corpus.powers}


def test_first_build_reports_every_power_added(seed_corpus: Corpus) -> None:
    report = diff_powers(None, seed_corpus.powers)
    assert not report.previous_build
    assert [entry["id"] for entry in report.added] == sorted(power.id for power in seed_corpus.powers)
    assert report.summary() == f"first build: {len(seed_corpus.powers)} powers added"


def test_same_powers_report_nothing(seed_corpus: Corpus) -> None:
    report = diff_powers(_dump(seed_corpus), seed_corpus.powers)
    assert report.nothing_changed
    assert report.unchanged == len(seed_corpus.powers)


def test_added_removed_changed_and_moved_are_told_apart(seed_corpus: Corpus) -> None:
    previous = _dump(seed_corpus)
    first, second, third, fourth = sorted(previous)[:4]
    previous[first]["notes"] = "an older note"
    previous[second]["source"]["line"] += 3
    del previous[third]
    previous["p-000000000000"] = {**previous[fourth], "id": "p-000000000000"}
    report = diff_powers(previous, seed_corpus.powers)
    assert [(entry["id"], entry["fields"]) for entry in report.changed] == [(first, ["notes"])]
    assert [(entry["id"], entry["fields"]) for entry in report.moved] == [(second, ["source"])]
    assert [entry["id"] for entry in report.added] == [third]
    assert [entry["id"] for entry in report.removed] == ["p-000000000000"]
    assert report.unchanged == len(seed_corpus.powers) - 3


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A private, writable copy of sources/."""
    copy = tmp_path / "sources"
    shutil.copytree(SOURCES, copy)
    for path in copy.rglob("*"):
        path.chmod(0o644 if path.is_file() else 0o755)
    return copy


def _edit_one_row(power_list: Path) -> int:
    """Change the duties cell of the first data row; returns that row's line number."""
    lines = power_list.read_text(encoding="utf-8").split("\n")
    index = next(number for number, line in enumerate(lines) if re.match(r"\d+\t", line))
    cells = lines[index].split("\t")
    cells[3] = cells[3].replace("</p>", "（已修订）</p>", 1)
    lines[index] = "\t".join(cells)
    power_list.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def _build(sources: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    build.main(["build", "--sources", str(sources), "--out", str(out)])
    return capsys.readouterr().err


def _contents(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in snapshot(out)}


def test_editing_one_row_reports_exactly_that_power_and_touches_nothing_else(
    sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    _build(sources, out, capsys)
    line = _edit_one_row(sources / POWER_LIST)
    edited = next(power for power in load_powers(out / "data" / "powers.jsonl").values() if power["source"]["line"] == line)
    before, before_bytes = snapshot(out), _contents(out)

    log = _build(sources, out, capsys)

    changes = json.loads((out / "data" / "changes.json").read_text(encoding="utf-8"))
    assert changes["counts"] == {"added": 0, "removed": 0, "changed": 1, "moved": 0, "unchanged": changes["counts"]["unchanged"]}
    assert [entry["id"] for entry in changes["changed"]] == [edited["id"]]
    assert changes["changed"][0]["fields"] == ["duties"]
    assert "1 changed" in log
    after = snapshot(out)
    untouched = [name for name in before if before_bytes[name] == (out / name).read_bytes()]
    assert "data/documents.jsonl" in untouched
    assert [name for name in untouched if after[name] != before[name]] == [], "files with unchanged bytes must not be rewritten"
    assert "data/powers.jsonl" not in untouched


def test_rebuild_without_change_does_no_work_and_says_so(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    _build(sources, out, capsys)
    first = snapshot(out)

    log = _build(sources, out, capsys)

    assert "nothing changed" in log
    assert "(cached)" in log
    assert written(first, snapshot(out)) == ["data/changes.json"], "only the report itself (first build → no change) is new"
    assert json.loads((out / "data" / "changes.json").read_text(encoding="utf-8"))["counts"]["changed"] == 0
    before, before_bytes = snapshot(out), _contents(out)

    log = _build(sources, out, capsys)

    assert "nothing changed" in log
    assert snapshot(out) == before
    assert _contents(out) == before_bytes


def test_same_inputs_give_byte_identical_outputs(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _build(sources, tmp_path / "one", capsys)
    _build(sources, tmp_path / "two", capsys)
    assert _contents(tmp_path / "one") == _contents(tmp_path / "two")
