"""A build SIGKILLed in its index stage, then in its site stage, leaves every output the old or the new one (the
published site, the data files, the index's answers), and the next build repairs everything."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from search.index import INDEX_DIR, engine_of
from search.query import SearchRequest
from tests.test_reproducible import outputs
from writers.atomic import PARTIAL_PREFIX

ROOT = Path(__file__).resolve().parents[2]
DROPPED = "004_c86c78b8268190ff.txt"  # the second version of the sources lacks the encyclopedia entry
CHANGES = "data/changes.json"  # this build's change report, relative to the build before it
QUERIES = ["电子政务", "行政许可", "石狮市", "政务服务 kind:power", "行政服务中心"]


def _command(sources: Path, out: Path) -> list[str]:
    return [sys.executable, str(ROOT / "build.py"), "--sources", str(sources), "--out", str(out)]


def _build(sources: Path, out: Path) -> None:
    run = subprocess.run(_command(sources, out), capture_output=True, text=True, cwd=ROOT, timeout=900)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]


def _killed(sources: Path, out: Path, started: Callable[[float], bool]) -> bool:
    """Run a build and SIGKILL it as soon as `started(start time)` holds; False when it finished first."""
    start = time.time()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    process = subprocess.Popen(_command(sources, out), cwd=ROOT, start_new_session=True, **quiet)
    while process.poll() is None:
        if started(start):
            os.killpg(process.pid, signal.SIGKILL)  # the build and its mkdocs processes, as a cancelled CI job is
            process.wait()
            return True
        time.sleep(0.002)
    return False


def _site_written(out: Path, start: float) -> bool:
    """Some page of OUT/site was written since `start`: mkdocs is at work."""
    for folder, _, files in os.walk(out / "site"):
        for name in files:
            try:
                if os.stat(os.path.join(folder, name)).st_mtime > start:
                    return True
            except FileNotFoundError:
                continue
    return False


def _answers(out: Path) -> list[list[str]]:
    engine = engine_of(out / INDEX_DIR)
    return [[hit.id for hit in engine.search(SearchRequest(query, limit=20), out / INDEX_DIR).hits] for query in QUERIES]


def _only(found: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    return {name: data for name, data in found.items() if name.startswith(prefix)}


@pytest.fixture(scope="module")
def versions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two versions of the sources."""
    tmp = tmp_path_factory.mktemp("killed")
    old, new = tmp / "sources-old", tmp / "sources-new"
    shutil.copytree(ROOT / "sources", old)
    shutil.copytree(ROOT / "sources", new)
    (new / DROPPED).unlink()
    return {"old": old, "new": new, "tmp": tmp}


@pytest.fixture(scope="module")
def reference(versions: dict[str, Path]) -> dict[str, tuple[dict[str, bytes], list[list[str]]]]:
    """Outputs and answers of an uninterrupted build of the old sources, then of the new ones in the same OUT."""
    out, found = versions["tmp"] / "reference", {}
    for version in ("old", "new"):
        _build(versions[version], out)
        found[version] = {name: data for name, data in outputs(out).items() if name != CHANGES}, _answers(out)
    return found


def test_killed_builds_leave_old_or_new_outputs_and_the_next_build_repairs(versions: dict[str, Path], reference) -> None:
    out = versions["tmp"] / "out"
    _build(versions["old"], out)
    (old, old_answers), (new, new_answers) = reference["old"], reference["new"]
    assert old_answers != new_answers and _only(old, "public/") != _only(new, "public/")

    # Killed while the index is written (beside the site stage in a rebuild of few changes, else after it): the site
    # published is the old or the new one, the index answers as the old or the new.
    index_files = set(os.listdir(out / INDEX_DIR))
    assert _killed(versions["new"], out, lambda start: bool(set(os.listdir(out / INDEX_DIR)) - index_files))
    now = outputs(out)
    assert _only(now, "public/") in (_only(old, "public/"), _only(new, "public/"))
    assert _answers(out) in (old_answers, new_answers)

    # Killed while mkdocs renders (after the old sources are built again): the published site is the old one, whole;
    # each data file old or new; the index old or new.
    _build(versions["old"], out)
    assert _killed(versions["new"], out, lambda start: _site_written(out, start))
    now = outputs(out)
    assert _only(now, "public/") == _only(old, "public/")
    for name in _only(now, "data/"):
        assert name == CHANGES or now[name] in (old.get(name), new.get(name)), name
    assert _answers(out) in (old_answers, new_answers)

    # The next build repairs everything: byte for byte the uninterrupted build (but the change report, which says
    # what this build changed: nothing), no temporary file left.
    _build(versions["new"], out)
    assert {name: data for name, data in outputs(out).items() if name != CHANGES} == new and _answers(out) == new_answers
    assert not [path for path in out.rglob(f"{PARTIAL_PREFIX}*") if "cache" not in path.parts]


def test_published_files_are_never_changed_in_place(versions: dict[str, Path]) -> None:
    """The published generation shares OUT/site's files by hard link: a rebuild that changes pages leaves its bytes."""
    out = versions["tmp"] / "in-place"
    _build(versions["old"], out)
    generation = (out / "public").resolve()
    before = {path: path.read_bytes() for path in generation.rglob("*") if path.is_file()}
    _build(versions["new"], out)
    assert (out / "public").resolve() != generation
    assert {path: path.read_bytes() for path in generation.rglob("*") if path.is_file()} == before
