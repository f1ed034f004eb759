"""The CLI end to end on a small sources folder with good and bad input: the build goes on, names file and line, --strict fails."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

import build
from schema.records import Diagnostic
from tests.conftest import FIXTURES, ROOT


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=600)


@pytest.fixture(scope="module")
def mixed_sources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real power-list excerpt, a real regulation excerpt, an empty file, an unknown text, bytes that do not decode."""
    sources = tmp_path_factory.mktemp("sources")
    shutil.copy(FIXTURES / "powerlist" / "seed_excerpt.tsv", sources / "a_powers.tsv")
    shutil.copy(FIXTURES / "documents" / "regulation_portal.txt", sources / "b_regulation.txt")
    (sources / "c_empty.txt").write_bytes(b"")
    (sources / "d_unknown.txt").write_text("shopping list: apples, pears\n", encoding="utf-8")
    return sources


@pytest.fixture(scope="module")
def built(mixed_sources: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = tmp_path_factory.mktemp("out")
    return out, _run("--sources", str(mixed_sources), "--out", str(out))


def test_build_goes_on_past_bad_files(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, run = built
    assert run.returncode == 0, run.stderr
    powers = (out / "data" / "powers.jsonl").read_text(encoding="utf-8").splitlines()
    assert powers and all(json.loads(line)["name"] for line in powers)
    assert "\\u" not in powers[0] and "汕头" in powers[0], "records must be UTF-8, not ASCII-escaped"
    documents = [json.loads(line) for line in (out / "data" / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [document["kind"] for document in documents] == ["regulation"]


def test_summary_line_per_source_file(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    _, run = built
    expected = [("a_powers.tsv", "powerlist"), ("b_regulation.txt", "regulation"), ("c_empty.txt", "empty"), ("d_unknown.txt", "unknown")]
    for name, kind in expected:
        assert any(line.startswith(f"{name}: read as {kind},") for line in run.stderr.splitlines()), name


def test_bad_files_are_reported_with_file_line_and_text(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    out, run = built
    diagnostics = [json.loads(line) for line in (out / "data" / "diagnostics.jsonl").read_text(encoding="utf-8").splitlines()]
    codes = {(d["file"], d["code"]) for d in diagnostics}
    assert ("c_empty.txt", "empty-file") in codes
    unknown = next(d for d in diagnostics if d["code"] == "unknown-kind")
    assert unknown["file"] == "d_unknown.txt" and unknown["line"] == 1 and "apples" in unknown["text"]
    assert "d_unknown.txt:1: error[unknown-kind]" in run.stderr


def test_strict_fails_on_bad_input(mixed_sources: Path, tmp_path: Path) -> None:
    run = _run("--sources", str(mixed_sources), "--out", str(tmp_path), "check", "--strict")
    assert run.returncode == 1
    strict_build = _run("--strict", "--sources", str(mixed_sources), "--out", str(tmp_path))
    assert strict_build.returncode == 1


def test_options_after_the_subcommand(tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(FIXTURES / "powerlist" / "seed_excerpt.tsv", sources / "p.tsv")
    run = _run("check", "--json", "--sources", str(sources), "--out", str(tmp_path / "out"))
    assert run.returncode == 0, run.stderr
    assert isinstance(json.loads(run.stdout), list | dict)


@pytest.mark.parametrize("terminal", [True, False])
def test_diagnostics_listed_as_written(monkeypatch: pytest.MonkeyPatch, terminal: bool) -> None:
    """One line per diagnostic, on a terminal (coloured) or not; a file:100: location is printed as such, not as rich's
    :100: emoji."""
    stream = io.StringIO()
    monkeypatch.setattr(build, "console", Console(file=stream, force_terminal=terminal, color_system=None, soft_wrap=True))
    diagnostics = [
        Diagnostic(level="error", code="duplicate-power", message="power listed twice", file="lists/a.tsv", line=100, text="发放"),
        Diagnostic(level="info", code="name-variant", message="[法律] differs", file="lists/b.tsv", line=7),
    ]
    build._print_diagnostics(diagnostics)
    assert stream.getvalue().splitlines() == [diagnostic.render() for diagnostic in diagnostics]
