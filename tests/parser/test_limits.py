"""Bounds on one source: a span bomb is cut to its table with a warning naming the cell, a zip bomb, an oversized file,
deep HTML, an overlong cell and a source past its time or memory budget get an error naming the file; the build goes on."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from parser.limits import LimitExceeded, Limits, budget, remaining_seconds
from parser.registry import read_source
from parser.tables.spans import clamped_spans

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
PORTAL = FIXTURES / "containers" / "powerlist_portal.html"
WORKBOOK = FIXTURES / "powerlist" / "excerpt_subitems.xlsx"
BIG_SOURCE = ROOT / "sources" / "000_cc1d1db87604fe72.txt"


def span_bomb(folder: Path) -> Path:
    """The real portal page with its first table cell made `<td rowspan=999999 colspan=99999>`."""
    html = PORTAL.read_text(encoding="utf-8")
    path = folder / "span_bomb.html"
    path.write_text(re.sub(r"<td(?=[\s>])", '<td rowspan="999999" colspan="99999"', html, count=1), encoding="utf-8")
    return path


def zip_bomb(folder: Path, megabytes: int = 1024) -> Path:
    """The real workbook with its first sheet padded with `megabytes` of whitespace (about 1 MB on disk)."""
    path = folder / "zip_bomb.xlsx"
    with zipfile.ZipFile(WORKBOOK) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as bomb:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "xl/worksheets/sheet1.xml":
                cut = data.index(b"<sheetData>")
                with bomb.open(member.filename, "w", force_zip64=True) as stream:
                    stream.write(data[:cut])
                    for _ in range(megabytes):
                        stream.write(b" " * 2**20)
                    stream.write(data[cut:])
            else:
                bomb.writestr(member, data)
    return path


def _read(path: Path, **limits: float) -> tuple[list, list]:
    """(records, diagnostics) of one source read with these manifest limits."""
    result = read_source(path, path.parent, {"limits": limits} if limits else {})
    return [*result.powers, *result.documents], result.diagnostics


def _error(diagnostics: list, code: str):
    return next(diagnostic for diagnostic in diagnostics if diagnostic.code == code)


def test_clamped_spans_cut_to_the_real_extent() -> None:
    rows = [[(999999, 99999), (1, 1)], [(1, 1), (1, 1), (1, 1)], [(1, 3)]]
    # rows left: 3; width: the first row's spans, each at most 3 (the row with the most cells), 3 + 1
    assert clamped_spans(rows) == [[(3, 4), (1, 1)], [(1, 1), (1, 1), (1, 1)], [(1, 3)]]
    assert clamped_spans([[(1, 2), (1, 2)], [(1, 4)]]) == [[(1, 2), (1, 2)], [(1, 4)]]  # a legitimate wide cell stays


def test_span_bomb_is_read_with_a_warning_naming_the_cell(tmp_path: Path) -> None:
    records, diagnostics = _read(span_bomb(tmp_path), seconds=60)
    warning = _error(diagnostics, "span-clamped")
    assert warning.level == "warning" and warning.file == "span_bomb.html" and warning.line
    assert "999999 rows × 99999 columns" in warning.message
    assert records and not [d for d in diagnostics if d.code.startswith("source-too")]


def test_zip_bomb_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = zip_bomb(tmp_path)
    assert bomb.stat().st_size < 4 * 2**20
    records, diagnostics = _read(bomb)
    error = _error(diagnostics, "zip-too-large")
    assert not records and error.level == "error" and error.file == "zip_bomb.xlsx"
    assert "xl/worksheets/sheet1.xml: 1024 MB" in error.message and "unpacked_mb" in error.message


def test_zip_with_too_many_entries(tmp_path: Path) -> None:
    _, diagnostics = _read(zip_bomb(tmp_path, megabytes=1), zip_entries=3)
    assert "at most 3" in _error(diagnostics, "zip-too-many-entries").message


def test_source_size_cell_length_and_nesting(tmp_path: Path) -> None:
    assert "source_mb" in _error(_read(span_bomb(tmp_path), source_mb=0.01)[1], "source-too-large").message
    assert "characters; at most 20" in _error(_read(PORTAL, cell_chars=20)[1], "cell-too-long").message
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 300 + "第一条 深" + "</div>" * 300 + "</body></html>", encoding="utf-8")
    assert "nested deeper than 200" in _error(_read(deep)[1], "html-too-deep").message


def test_time_and_memory_budgets() -> None:
    with pytest.raises(LimitExceeded, match=r"longer than 0\.2 s"), budget(Limits(seconds=0.2)):
        time.sleep(5)
    # In a fresh process: memory this one freed and kept would be reused without growing it.
    hog = "hog = [b'x' * 2**20 for _ in range(64)]; time.sleep(5)"  # pages written, so resident
    code = f"import time\nfrom parser.limits import Limits, budget\nwith budget(Limits(memory_mb=8)):\n    {hog}"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode != 0 and "LimitExceeded: reading needed more than 8 MB" in run.stderr


def test_time_budget_on_a_worker_thread() -> None:
    """Off the main thread (a Dask worker's task thread) no signal lands: the watchdog raises the error in the thread."""
    outcome: list[str] = []

    def read() -> None:
        try:
            with budget(Limits(seconds=0.2)):
                assert 0 < remaining_seconds() <= 0.2
                while True:
                    time.sleep(0.01)
        except LimitExceeded as error:
            outcome.append(error.code)
        outcome.append("after")  # the thread goes on past the budget, nothing pending

    worker = threading.Thread(target=read)
    worker.start()
    worker.join(timeout=30)
    assert outcome == ["source-too-slow", "after"] and remaining_seconds() is None


def test_read_source_on_a_worker_thread_is_stopped_by_its_budget(tmp_path: Path) -> None:
    """The reader kit's budget holds on a thread: a source that reads too long gets its error there too (the real
    power list ten times over reads for about two seconds)."""
    long_list = tmp_path / "long_list.txt"
    long_list.write_text(BIG_SOURCE.read_text(encoding="utf-8") * 10, encoding="utf-8")
    results = []
    worker = threading.Thread(target=lambda: results.append(_read(long_list, seconds=0.2)))
    worker.start()
    worker.join(timeout=120)
    assert _error(results[0][1], "source-too-slow").message.endswith("(limits: seconds)")


def test_bad_limits_in_the_manifest() -> None:
    with pytest.raises(ValueError, match="unknown limit 'pages'"):
        Limits.from_manifest({"pages": 3})
    assert "positive number" in _error(_read(PORTAL, seconds=-1)[1], "bad-limits").message
    assert Limits.from_manifest({"cell_chars": 10.0, "seconds": 5}) == Limits(cell_chars=10, seconds=5.0)


def test_build_goes_on_past_bombs_with_manifest_limits(tmp_path: Path) -> None:
    """A build over a span bomb, a zip bomb and a real source: the bombs cost an error each, the rest is built."""
    sources = tmp_path / "sources"
    sources.mkdir()
    span_bomb(sources)
    zip_bomb(sources)
    shutil.copy(BIG_SOURCE, sources)
    manifest = "limits:\n  seconds: 60\nsources:\n  zip_bomb.xlsx:\n    limits: {unpacked_mb: 100}\n"
    (sources / "sources.yml").write_text(manifest, encoding="utf-8")
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--sources", str(sources), "--out", str(tmp_path / "out")],
                         capture_output=True, text=True, cwd=ROOT, timeout=900)  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    diagnostics = (tmp_path / "out" / "data" / "diagnostics.jsonl").read_text(encoding="utf-8")
    assert '"code":"zip-too-large"' in diagnostics and "at most 100 MB" in diagnostics and '"code":"span-clamped"' in diagnostics
    strict = subprocess.run([sys.executable, str(ROOT / "build.py"), "--strict", "--sources", str(sources), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=ROOT, timeout=900)  # fmt: skip
    assert strict.returncode != 0


def test_a_budget_error_ignored_where_it_lands_still_ends_the_read() -> None:
    """On a thread the watchdog's error can land where it is ignored (inside a gc callback, a __del__, or code that
    catches it): the budget raises it again when its block ends."""
    outcome: list[str] = []

    def read() -> None:
        try:
            with budget(Limits(seconds=0.1)):
                try:
                    deadline = time.monotonic() + 1.0
                    while time.monotonic() < deadline:
                        pass
                except LimitExceeded:
                    pass  # what a gc callback does with an exception raised in it
        except LimitExceeded as error:
            outcome.append(error.code)

    worker = threading.Thread(target=read)
    worker.start()
    worker.join(timeout=60)
    assert outcome == ["source-too-slow"]
