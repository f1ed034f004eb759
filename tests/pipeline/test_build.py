"""The pipeline's order of stages on the seeds: lint findings are diagnostics and fail --strict; commands reuse current records."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from build import main
from pipeline.build import current_records
from pipeline.compile import compile_corpus
from tests.conftest import SOURCES

POWER_LIST = "000_cc1d1db87604fe72.txt"


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, int]:
    """The seeds copied and built once with --strict: (sources, out, exit code)."""
    sources = tmp_path_factory.mktemp("seeds") / "sources"
    shutil.copytree(SOURCES, sources)
    out = tmp_path_factory.mktemp("out")
    return sources, out, main(["--strict", "--sources", str(sources), "--out", str(out)])


def test_strict_build_fails_on_the_seed_lint_error(seed_build: tuple[Path, Path, int]) -> None:
    """The seed's 汕机〔2013〕82号 (issuer code missing a character) is an error the build itself reports."""
    sources, out, code = seed_build
    assert code == 1
    diagnostics = [json.loads(line) for line in (out / "data" / "diagnostics.jsonl").read_text(encoding="utf-8").splitlines()]
    conflict = [d for d in diagnostics if d["code"] == "doc-number-conflict"]
    assert [(d["level"], d["file"], d["line"], d["text"]) for d in conflict] == [("error", POWER_LIST, 97, "汕机〔2013〕82号")]
    assert main(["check", "--strict", "--sources", str(sources), "--out", str(out)]) == 1


def test_build_without_strict_succeeds(seed_build: tuple[Path, Path, int]) -> None:
    sources, out, _ = seed_build
    assert main(["--sources", str(sources), "--out", str(out)]) == 0


def test_check_reports_what_the_build_wrote(seed_build: tuple[Path, Path, int], capsys: pytest.CaptureFixture[str]) -> None:
    sources, out, _ = seed_build
    capsys.readouterr()
    assert main(["check", "--json", "--sources", str(sources), "--out", str(out)]) == 0
    reported = json.loads(capsys.readouterr().out)["findings"]
    written = [json.loads(line) for line in (out / "data" / "diagnostics.jsonl").read_text(encoding="utf-8").splitlines()]
    assert reported == written


def test_current_records_are_the_compiled_ones_until_a_source_changes(seed_build: tuple[Path, Path, int], tmp_path: Path) -> None:
    sources, out, _ = seed_build
    current = current_records(sources, out)
    assert current is not None
    compiled = compile_corpus(sources)
    for name, records in compiled.collections().items():
        assert current.collections()[name] == records, name
    edited = tmp_path / "sources"
    shutil.copytree(sources, edited)
    path = edited / POWER_LIST
    path.write_text(path.read_text(encoding="utf-8").replace("88179829", "88179828", 1), encoding="utf-8")
    assert current_records(edited, out) is None
