"""Two clean builds of the seeds (sources and OUT in different folders, different hash seeds) give the same bytes in
every output file but the engine's own index files, and the same search answers, ties included."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from search.engine import SIGNATURE_FILE
from search.index import INDEX_DIR, engine_of
from search.query import SearchRequest
from writers.atomic import GENERATIONS_SUFFIX

ROOT = Path(__file__).resolve().parent.parent
RELEVANCE = ROOT / "tests" / "search" / "relevance.yml"
# OUT/cache holds build state (fingerprints of file times, paths of the running build), not outputs.
NOT_COMPARED = ("cache",)


def _build(tmp: Path, name: str, hash_seed: str) -> Path:
    sources, out = tmp / name / "sources", tmp / name / "out"
    shutil.copytree(ROOT / "sources", sources)
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "--sources", str(sources), "--out", str(out)], env=env,
                         capture_output=True, text=True, cwd=ROOT, timeout=900)  # fmt: skip
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    return out


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("reproducible")
    return _build(tmp, "first", "1"), _build(tmp, "second", "2")


def outputs(out: Path) -> dict[str, bytes]:
    """Every output file under OUT by relative path: OUT/public as the site it links to (its generation folders,
    numbered by how many builds published, aside); of the index folder only the engine signature (the rest is the
    engine's own segment files, named at random)."""
    found = {}
    for folder, folders, files in os.walk(out, followlinks=False):
        relative = Path(folder).relative_to(out)
        if relative.parts and (relative.parts[0] in NOT_COMPARED or relative.parts[0].endswith(GENERATIONS_SUFFIX)):
            continue
        for name in folders:
            if (Path(folder) / name).is_symlink():
                found |= {f"{(relative / name).as_posix()}/{key}": data for key, data in outputs(Path(folder) / name).items()}
        for name in files:
            if relative.parts and relative.parts[0] == INDEX_DIR and name != SIGNATURE_FILE:
                continue
            found[(relative / name).as_posix()] = (Path(folder) / name).read_bytes()
    return dict(sorted(found.items()))


def test_two_clean_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (outputs(out) for out in two_builds)
    assert len(first) > 100 and "data/powers.jsonl" in first and "site/index.html" in first and "public/index.html" in first
    assert sorted(first) == sorted(second)
    assert [name for name in first if first[name] != second[name]] == []


def test_two_clean_builds_answer_alike(two_builds: tuple[Path, Path]) -> None:
    """Same hits in the same order, also where many hits tie on score (an article lookup, a cites: filter)."""
    queries = [case["q"] for case in yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))["queries"]]
    queries += ["《行政机关公务员处分条例》第二十三条", "cites:汕府办[2007]392号", "投诉", "监督"]
    answers = []
    for out in two_builds:
        engine = engine_of(out / INDEX_DIR)
        requests = [SearchRequest(query, limit=limit) for query in queries for limit in (3, 10, 20)]
        answers.append([[hit.id for hit in engine.search(request, out / INDEX_DIR).hits] for request in requests])
    assert answers[0] == answers[1]
