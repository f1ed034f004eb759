"""Incremental rebuilds give what a build without any kept state gives: edit by edit, the data files, the change report
and the index documents of a rebuild from OUT/cache (read cache, citations found in text, the powers' line index,
index digests) equal those of a rebuild whose OUT/cache was deleted first, byte for byte."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import tantivy

from pipeline.build import BuildOptions, BuildResult, build
from search.index import INDEX_DIR
from tests.conftest import editable_sources

POWER_LIST = "000_cc1d1db87604fe72.txt"
COPY = "005_copy_of_the_list.txt"  # a second list citing the same instruments: unchanged by every edit below
STATUTE = "corpus/行政许可法(2019-04-23).md"
OPTIONS = BuildOptions(site=False)


def _rows(path: Path) -> tuple[list[str], list[int]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return lines, [number for number, line in enumerate(lines) if re.match(r"\d+\t", line)]


def _edit_row(path: Path, row: int, edit: Callable[[list[str]], list[str] | None]) -> None:
    """Apply `edit` to the cells of the row-th data row (None removes the row)."""
    lines, rows = _rows(path)
    cells = edit(lines[rows[row]].split("\t"))
    if cells is None:
        del lines[rows[row]]
    else:
        lines[rows[row]] = "\t".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")


def _add_citation(cells: list[str]) -> list[str]:
    cells[2] += " <p>9. [法律]《中华人民共和国统计法》 第七条 国家机关、企业事业单位和其他组织应当依法提供统计资料。</p>"
    return cells


def _drop_last_citation(cells: list[str]) -> list[str]:
    paragraphs = cells[2].split("</p>")
    assert len([part for part in paragraphs if part.strip()]) > 1, "the row should cite more than one instrument"
    cells[2] = "</p>".join([*paragraphs[:-2], ""])
    return cells


def _new_power(cells: list[str]) -> list[str]:
    return ["99", "对新增事项的监督检查", *cells[2:]]


def _renumber(cells: list[str]) -> list[str]:
    cells[2] = re.sub(r"〔(\d{4})〕(\d+)号", lambda match: f"〔{match[1]}〕{int(match[2]) + 1}号", cells[2], count=1)
    return cells


def _add_row(path: Path) -> None:
    lines, rows = _rows(path)
    cells = _new_power(lines[rows[0]].split("\t"))
    lines.insert(rows[1], "\t".join(cells))  # between the first two rows of the first table
    path.write_text("\n".join(lines), encoding="utf-8")


def _drop_article(path: Path) -> None:
    """The statute's text loses an article the lists cite (第七十三条): their citations of it are no longer linked."""
    text = path.read_text(encoding="utf-8")
    assert "\n第七十三条 " in text
    path.write_text(text.replace("\n第七十三条 ", "\n"), encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "add a citation": lambda sources: _edit_row(sources / POWER_LIST, 3, _add_citation),
    "remove a citation": lambda sources: _edit_row(sources / POWER_LIST, 0, _drop_last_citation),
    "change an instrument's number in one row": lambda sources: _edit_row(sources / POWER_LIST, 1, _renumber),
    "change a cited instrument's text": lambda sources: _drop_article(sources / STATUTE),
    "add a power": lambda sources: _add_row(sources / POWER_LIST),
    "remove a power": lambda sources: _edit_row(sources / POWER_LIST, 5, lambda cells: None),
}


def _outputs(out: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((out / "data").iterdir())}


def _index_documents(out: Path) -> list[tuple[str, str]]:
    """Every document the index holds, by id and content digest."""
    index = tantivy.Index.open(str(out / INDEX_DIR))
    searcher = index.searcher()
    hits = searcher.search(tantivy.Query.all_query(), limit=max(searcher.num_docs, 1)).hits
    return sorted((doc.get_first("id"), doc.get_first("digest")) for doc in (searcher.doc(address) for _, address in hits))


@dataclass(frozen=True)
class Step:
    """One edit: the incremental rebuild's result, and both OUTs' data files and index documents after it."""

    result: BuildResult
    data: dict[str, bytes]
    scratch_data: dict[str, bytes]
    documents: list[tuple[str, str]]
    scratch_documents: list[tuple[str, str]]


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Step]:
    """Each edit in turn, rebuilt incrementally in one OUT and without kept state (OUT/cache deleted) in another."""
    root = tmp_path_factory.mktemp("incremental")
    sources, incremental, scratch = root / "sources", root / "incremental", root / "scratch"
    editable_sources(sources)
    original = (sources / POWER_LIST).read_text(encoding="utf-8")
    (sources / COPY).write_text(original.replace("汕头市行政服务中心管理办公室", "汕头市政务服务数据管理局"), encoding="utf-8")
    build(sources, incremental, OPTIONS)
    build(sources, scratch, OPTIONS)
    done = {}
    for name, edit in EDITS.items():
        edit(sources)
        result = build(sources, incremental, OPTIONS)
        shutil.rmtree(scratch / "cache")
        build(sources, scratch, OPTIONS)
        done[name] = Step(result, _outputs(incremental), _outputs(scratch), _index_documents(incremental), _index_documents(scratch))
    return done


@pytest.mark.parametrize("name", list(EDITS))
def test_incremental_rebuild_equals_a_rebuild_without_kept_state(steps: dict[str, Step], name: str) -> None:
    step = steps[name]
    assert sorted(step.data) == sorted(step.scratch_data) and "changes.json" in step.data
    assert [file for file in step.data if step.data[file] != step.scratch_data[file]] == []
    assert step.documents == step.scratch_documents and len(step.documents) > 100
    summaries = step.result.corpus.summaries
    assert sum(summary.cached for summary in summaries) == len(summaries) - 1, "only the edited source is parsed again"


def test_each_edit_changed_what_it_should(steps: dict[str, Step]) -> None:
    """The edits are real ones: the change report of each names the powers it touched."""
    reports = {name: json.loads(step.data["changes.json"]) for name, step in steps.items()}
    counts = {name: {key: n for key, n in report["counts"].items() if n and key != "unchanged"} for name, report in reports.items()}
    assert counts["add a citation"] == {"changed": 1}
    assert counts["remove a citation"] == {"changed": 1}
    assert counts["change an instrument's number in one row"] == {"changed": 1}
    assert counts["add a power"].keys() == {"added", "moved"} and counts["add a power"]["added"] == 1  # the rows below moved a line
    assert counts["remove a power"].keys() == {"removed", "moved"} and counts["remove a power"]["removed"] == 1
    # the statute lost an article: rows of both lists that cite it are no longer linked to it, though the copy is unchanged
    unlinked = reports["change a cited instrument's text"]["changed"]
    assert {entry["file"] for entry in unlinked} == {POWER_LIST, COPY}
    assert all(set(entry["fields"]) & {"basis", "accountability", "duty_basis"} for entry in unlinked)

