"""What a build says it wrote is every output file whose time moved during the build: the writers' journal and the
top of OUT give what a walk of every file of OUT gives, for a first build (site included) and a one-row rebuild."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from pipeline.build import build
from pipeline.outputs import CLOCK_SLACK_NS, REPORT_FILE, snapshot, written_files
from tests.conftest import SOURCES
from writers.atomic import journal, journaled, write_bytes

POWER_LIST = "000_cc1d1db87604fe72.txt"


def _walked(out: Path, started: int) -> list[str]:
    return sorted(name for name, (mtime, _) in snapshot(out).items() if mtime >= started - CLOCK_SLACK_NS)


def test_the_files_a_build_says_it_wrote_are_those_a_walk_of_out_finds(tmp_path: Path) -> None:
    sources, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(SOURCES, sources)
    started = time.time_ns()
    first = build(sources, out)
    assert first.written == _walked(out, started)
    assert any(name.startswith("site/powers/") for name in first.written) and any(name.startswith("index/") for name in first.written)
    path = sources / POWER_LIST
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</p>", "（已修订）</p>", 1), encoding="utf-8")
    time.sleep(0.1)  # past the clock slack: the first build's files are older
    started = time.time_ns()
    again = build(sources, out)
    assert again.written == _walked(out, started)
    assert REPORT_FILE in again.written and "data/powers.jsonl" in again.written
    assert any(name.startswith("site/powers/") for name in again.written) and len(again.written) < len(first.written)


def test_a_file_written_deep_down_is_journaled_and_a_removed_one_is_not_reported(tmp_path: Path) -> None:
    started = time.time_ns()
    with journal(tmp_path / "cache" / "written.log") as log:
        write_bytes(tmp_path / "site" / "a" / "b" / "c.html", b"c")
        write_bytes(tmp_path / "site" / "a" / "b" / "gone.html", b"g")
        write_bytes(tmp_path / "cache" / "kept.pickle", b"k")
    (tmp_path / "site" / "a" / "b" / "gone.html").unlink()
    write_bytes(tmp_path / "site" / "a" / "b" / "after.html", b"a")  # after the journal closed: not the build's
    assert written_files(tmp_path, started, journaled(log)) == ["site/a/b/c.html"]
