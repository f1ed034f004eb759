"""The pipeline on the seeds: lint findings fail --strict; commands reuse current records; every search URL is a page,
also with two copies of a list; an instrument page counts the registry's cited-by."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import pipeline.build as pipeline_build
from build import main
from pipeline.build import BuildOptions, BuildResult, build, current_records
from pipeline.changes import POWERS_NAME
from pipeline.compile import compile_corpus
from pipeline.outputs import CACHE_DIR
from pipeline.power_lines import load_index
from search.digests import DIGESTS_FILE
from search.digests import version as digests_version
from search.documents import index_documents
from search.engine import MAX_LIMIT
from search.index import INDEX_DIR, engine_of
from search.query import SearchRequest
from tests.conftest import SOURCES
from writers import kept, runs, spare
from writers.background import BackgroundWriter

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


def test_the_build_keeps_its_index_digests_and_line_index(seed_build: tuple[Path, Path, int]) -> None:
    """What the next build takes back from OUT/cache: a digest for every power's index document, the line index of
    the powers.jsonl just written (without them a rebuild is right but makes everything again)."""
    _, out, _ = seed_build
    powers = (out / "data" / POWERS_NAME).read_text(encoding="utf-8").splitlines()
    digests = kept.load(out / CACHE_DIR / DIGESTS_FILE, digests_version(), dict)
    assert digests is not None and len(digests) == len(powers) > 0
    lines = load_index(out / CACHE_DIR, out / "data" / POWERS_NAME)
    assert lines is not None and lines.ids == [json.loads(line)["id"] for line in powers]


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


def test_a_rebuild_publishes_the_generation_made_beside_it(
    seed_build: tuple[Path, Path, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a first build there is no generation before last to recycle: a rebuild prepares the next generation
    beside it from its start (writers.spare), publishes that one, equal to OUT/site; a build with nothing to do
    prepares none."""
    sources, out = tmp_path / "sources", tmp_path / "out"
    shutil.copytree(seed_build[0], sources)
    subprocess.run(["cp", "-a", str(seed_build[1]), str(out)], check=True)  # -a keeps OUT/public's hard links to OUT/site
    made: list[spare.Spare | None] = []
    start = spare.start
    monkeypatch.setattr(spare, "start", lambda pointer: made.append(start(pointer)) or made[-1])
    path = sources / POWER_LIST
    path.write_text(path.read_text(encoding="utf-8").replace("88179829", "88179828", 1), encoding="utf-8")
    first = (out / "public").resolve()
    assert build(sources, out).changes.changed
    assert len(made) == 1 and made[0] is not None and not made[0].partial.exists() and not made[0].complete.exists()
    published = (out / "public").resolve()
    assert sorted((out / "public-generations").iterdir()) == sorted([first, published]), "the spare became the new one"
    site = {path.relative_to(out / "site"): path.stat().st_ino for path in (out / "site").rglob("*") if path.is_file()}
    assert {path.relative_to(published): path.stat().st_ino for path in published.rglob("*") if path.is_file()} == site
    assert len(site) > 100
    build(sources, out)
    assert len(made) == 1, "nothing to do: no spare"


def _site_page(out: Path, url: str) -> Path:
    return out / "site" / url.partition("#")[0] / "index.html"


@pytest.fixture(scope="module")
def two_copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The seed power list in two source files (two copies of one list: the same power ids twice) and the statutes."""
    sources = tmp_path_factory.mktemp("copies") / "sources"
    sources.mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(SOURCES / POWER_LIST, sources / name)
    shutil.copytree(SOURCES / "corpus", sources / "corpus")
    out = tmp_path_factory.mktemp("out")
    return out, build(sources, out, BuildOptions(engine="tantivy"))


def test_two_copies_of_a_list_get_a_page_per_power(two_copies: tuple[Path, BuildResult]) -> None:
    out, result = two_copies
    powers = result.corpus.powers
    assert len({power.id for power in powers}) * 2 == len(powers)
    assert len(list((out / "site" / "powers").glob("*/index.html"))) == len(powers)


@pytest.mark.parametrize("query", ["行政", "电子政务", "监督检查"])
def test_every_url_a_search_returns_is_a_page_of_the_site(two_copies: tuple[Path, BuildResult], query: str) -> None:
    out, _ = two_copies
    index = out / INDEX_DIR
    results = engine_of(index).search(SearchRequest(query, limit=MAX_LIMIT), index)
    assert results.hits
    assert [hit.url for hit in results.hits if not _site_page(out, hit.url).is_file()] == []
    powers = [hit for hit in results.hits if hit.kind == "power"]
    assert len({hit.url for hit in powers}) == len(powers), "each copy of a power has its own page"


def test_every_index_entry_is_a_page_of_the_site(two_copies: tuple[Path, BuildResult]) -> None:
    out, result = two_copies
    entries = list(index_documents(result.corpus))
    assert [entry["url"] for entry in entries if not _site_page(out, entry["url"]).is_file()] == []


def test_instrument_page_cited_by_count_is_the_registry_count(seed_build: tuple[Path, Path, int]) -> None:
    _, out, _ = seed_build
    instruments = [json.loads(line) for line in (out / "data" / "instruments.jsonl").read_text(encoding="utf-8").splitlines()]
    powers = {json.loads(line)["id"] for line in (out / "data" / "powers.jsonl").read_text(encoding="utf-8").splitlines()}
    assert any(cited["field"] in ("duties", "notes") for instrument in instruments for cited in instrument["cited_by"])
    for instrument in instruments:
        page = _site_page(out, f"instruments/{instrument['id']}/").read_text(encoding="utf-8")
        assert f"共 {len(instrument['cited_by'])} 处引用。" in page, instrument["id"]
        cited_powers = {cited["record_id"] for cited in instrument["cited_by"] if cited["record_kind"] == "power"} & powers
        lists = sorted((out / "site" / "instruments" / instrument["id"]).glob("cited-by-*/index.html"))  # beyond the first rows
        pages = [page, *(path.read_text(encoding="utf-8") for path in lists)]
        linked = {power for text in pages for power in re.findall(r'href="(?:\.\./)+powers/([^/]+)/"', text)}
        assert cited_powers == linked, instrument["id"]


def test_search_rewrites_a_missing_index_from_current_records(
    seed_build: tuple[Path, Path, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sources, out, _ = seed_build
    copy = tmp_path / "out"
    shutil.copytree(out / "data", copy / "data")
    shutil.copytree(out / "cache", copy / "cache")
    capsys.readouterr()
    assert main(["search", "电子政务", "--json", "--sources", str(sources), "--out", str(copy)]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits and all(hit["url"] for hit in hits)
    assert (copy / INDEX_DIR).is_dir()
    shutil.rmtree(copy / INDEX_DIR)
    (sources / "new.txt").write_text("shopping list: apples\n", encoding="utf-8")  # the records are stale now
    try:
        assert main(["search", "电子政务", "--sources", str(sources), "--out", str(copy)]) == 2
    finally:
        (sources / "new.txt").unlink()


def _edit_one_row(sources: Path) -> None:
    """The first data row's power name edited: a rebuild where one power is replaced by another (its id is its name's)."""
    path = sources / POWER_LIST
    lines = path.read_text(encoding="utf-8").split("\n")
    row = next(number for number, line in enumerate(lines) if re.match(r"\d+\t", line))
    cells = lines[row].split("\t")
    cells[1] += "（改）"
    lines[row] = "\t".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


def _copies(seed_build: tuple[Path, Path, int], tmp_path: Path, names: tuple[str, ...]) -> tuple[Path, list[Path]]:
    """The seed build's sources, one row edited, and copies of its OUT under `names`: hard links, so the line index
    of its powers.jsonl (kept for that inode) holds and the rebuild copies the unchanged lines from it."""
    sources, out, _ = seed_build
    edited = tmp_path / "sources"
    shutil.copytree(sources, edited)
    _edit_one_row(edited)
    return edited, [shutil.copytree(out, tmp_path / name, symlinks=True, copy_function=os.link) for name in names]


def _hits(out: Path) -> list[list[str]]:
    engine = engine_of(out / INDEX_DIR)
    queries = ["行政", "电子政务", "监督检查", "（改）", "投诉"]
    return [[hit.id for hit in engine.search(SearchRequest(query, limit=20), out / INDEX_DIR).hits] for query in queries]


def _files(out: Path) -> dict[str, bytes]:
    """OUT's data, docs and site files (the index's segment files are named at random: compared by their hits)."""
    return {
        path.relative_to(out).as_posix(): path.read_bytes()
        for folder in ("data", "docs", "site")
        for path in sorted((out / folder).rglob("*"))
        if path.is_file()
    }


def test_a_one_row_rebuild_writes_data_and_index_beside_the_site_as_a_build_in_order_does(
    seed_build: tuple[Path, Path, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data files written by a thread (read by the downloads page once complete) and the index by a forked child
    during the site stage: the same files, the same hits and the same written-file list as a build doing each in turn."""
    sources, (beside, in_order) = _copies(seed_build, tmp_path, ("beside", "in-order"))
    there = build(sources, beside)
    with monkeypatch.context() as serial:
        serial.setattr(pipeline_build, "BESIDE_CHANGES", -1)
        serial.setattr(pipeline_build, "BackgroundWriter", lambda: BackgroundWriter(threaded=False))
        here = build(sources, in_order)
    assert "index (waited for)" in there.timer.stages and there.timer.stages["index"] > 0
    assert "index (waited for)" not in here.timer.stages
    assert there.changes.to_json() == here.changes.to_json() and len(there.changes.added) == len(there.changes.removed) == 1
    assert there.index == here.index and there.index is not None and there.index.added == there.index.deleted == 1
    assert _files(beside) == _files(in_order)
    assert _hits(beside) == _hits(in_order) and _hits(beside)[3]  # the edited name is found
    def split(written: list[str]) -> tuple[list[str], int]:  # the index's segment files are named at random
        others = [name for name in written if not name.startswith(f"{INDEX_DIR}/")]
        return others, len(written) - len(others)

    assert split(there.written) == split(here.written) and split(there.written)[1] > 0
    assert "data/powers.jsonl" in there.written and f"{INDEX_DIR}/meta.json" in there.written
    assert current_records(sources, beside) is not None  # the data stamp written once the files were


def test_an_error_in_the_background_copy_fails_the_build_with_its_message(
    seed_build: tuple[Path, Path, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sources, (out,) = _copies(seed_build, tmp_path, ("out",))

    def fails(source: int, target: int, offset: int, length: int) -> None:
        raise OSError(f"copy_file_range: no space left on device (at {offset})")

    monkeypatch.setattr(runs, "copy_range", fails)
    with pytest.raises(OSError, match=r"no space left on device \(at \d+\)"):
        build(sources, out)
    assert current_records(sources, out) is None  # OUT/data is not claimed current
