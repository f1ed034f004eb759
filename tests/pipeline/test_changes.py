"""The change report, and the incremental build it belongs to: one edited row is one changed power, nothing else is touched."""

from __future__ import annotations

import contextlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

import build
from pipeline import changes as changes_module
from pipeline.changes import PowerChanges, load_power_lines
from pipeline.outputs import snapshot
from pipeline.power_lines import load_index, save_index
from schema.corpus import Corpus
from tests.conftest import editable_sources
from tests.pipeline.change_reports import diff_powers
from writers.jsonl import line_digest, record_digest, record_line, write_jsonl, write_lines

POWER_LIST = "000_cc1d1db87604fe72.txt"


def _dump(corpus: Corpus) -> dict[str, dict]:
    return {power.id: power.model_dump(mode="json") for power in corpus.powers}


def _lines(records: dict[str, dict]) -> dict[str, str]:
    """Records as a previous build's powers.jsonl lines (formatted differently from record_line: compared by content)."""
    return {power_id: json.dumps(record, ensure_ascii=False) for power_id, record in records.items()}


def test_first_build_reports_every_power_added(seed_corpus: Corpus) -> None:
    report = diff_powers(None, seed_corpus.powers)
    assert not report.previous_build
    assert [entry["id"] for entry in report.added] == sorted(power.id for power in seed_corpus.powers)
    assert report.summary() == f"first build: {len(seed_corpus.powers)} powers added"


def test_same_powers_report_nothing(seed_corpus: Corpus) -> None:
    report = diff_powers(_lines(_dump(seed_corpus)), seed_corpus.powers)
    assert report.nothing_changed
    assert report.unchanged == len(seed_corpus.powers)


def test_added_removed_changed_and_moved_are_told_apart(seed_corpus: Corpus) -> None:
    previous = _dump(seed_corpus)
    first, second, third, fourth = sorted(previous)[:4]
    previous[first]["notes"] = "an older note"
    previous[second]["source"]["line"] += 3
    del previous[third]
    previous["p-000000000000"] = {**previous[fourth], "id": "p-000000000000"}
    report = diff_powers(_lines(previous), seed_corpus.powers)
    assert [(entry["id"], entry["fields"]) for entry in report.changed] == [(first, ["notes"])]
    assert [(entry["id"], entry["fields"]) for entry in report.moved] == [(second, ["source"])]
    assert [entry["id"] for entry in report.added] == [third]
    assert [entry["id"] for entry in report.removed] == ["p-000000000000"]
    assert report.unchanged == len(seed_corpus.powers) - 3


def test_ids_shared_by_several_powers_are_reported(seed_corpus: Corpus) -> None:
    twin = seed_corpus.powers[0].model_copy(update={"name": "a second power under the same id"})
    report = diff_powers(_lines(_dump(seed_corpus)), [*seed_corpus.powers, twin])
    assert report.duplicate_ids == [twin.id]
    assert "1 ids shared by several powers" in report.summary()


@dataclass(frozen=True)
class Build:
    """The state of OUT after one build: file stamps, file bytes and what the build printed."""

    stamps: dict[str, tuple[int, int]]
    contents: dict[str, bytes]
    log: str


@dataclass(frozen=True)
class Rebuilds:
    """A first build, a rebuild after editing one row, then two rebuilds without any change."""

    sources: Path
    edited_id: str
    first: Build
    edited: Build
    unchanged: Build
    unchanged_again: Build


def _edit_one_row(power_list: Path) -> int:
    """Change the duties cell of the first data row; returns that row's line number."""
    lines = power_list.read_text(encoding="utf-8").split("\n")
    index = next(number for number, line in enumerate(lines) if re.match(r"\d+\t", line))
    cells = lines[index].split("\t")
    cells[3] = cells[3].replace("</p>", "（已修订）</p>", 1)
    lines[index] = "\t".join(cells)
    power_list.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def _build(sources: Path, out: Path) -> Build:
    log = io.StringIO()
    with contextlib.redirect_stderr(log):
        build.main(["build", "--sources", str(sources), "--out", str(out)])
    stamps = snapshot(out)
    return Build(stamps=stamps, contents={name: (out / name).read_bytes() for name in stamps}, log=log.getvalue())


@pytest.fixture(scope="module")
def rebuilds(tmp_path_factory: pytest.TempPathFactory) -> Rebuilds:
    root = tmp_path_factory.mktemp("rebuilds")
    sources, out = root / "sources", root / "out"
    editable_sources(sources)
    first = _build(sources, out)
    line = _edit_one_row(sources / POWER_LIST)
    lines = load_power_lines(out / "data" / "powers.jsonl") or {}
    edited_id = next(power_id for power_id, text in lines.items() if json.loads(text)["source"]["line"] == line)
    edited = _build(sources, out)
    return Rebuilds(sources, edited_id, first, edited, _build(sources, out), _build(sources, out))


def _rewritten_with_same_bytes(before: Build, after: Build, prefix: str = "") -> list[str]:
    """Files that kept their bytes yet were written again."""
    same_bytes = [name for name in after.stamps if name.startswith(prefix) and before.contents.get(name) == after.contents[name]]
    return [name for name in same_bytes if before.stamps[name] != after.stamps[name]]


def test_editing_one_row_reports_exactly_that_power_changed(rebuilds: Rebuilds) -> None:
    changes = json.loads(rebuilds.edited.contents["data/changes.json"])
    assert changes["counts"] == {"added": 0, "removed": 0, "changed": 1, "moved": 0, "unchanged": changes["counts"]["unchanged"]}
    assert changes["counts"]["unchanged"] > 0
    assert [entry["id"] for entry in changes["changed"]] == [rebuilds.edited_id]
    assert changes["changed"][0]["fields"] == ["duties", "duties_text"]  # the steps and the cell they are read from
    assert "1 changed" in rebuilds.edited.log


def test_editing_one_row_leaves_unrelated_data_files_untouched(rebuilds: Rebuilds) -> None:
    first, edited = rebuilds.first, rebuilds.edited
    assert edited.stamps["data/documents.jsonl"] == first.stamps["data/documents.jsonl"]
    assert edited.contents["data/powers.jsonl"] != first.contents["data/powers.jsonl"]
    assert _rewritten_with_same_bytes(first, edited, "data/") == []


def test_editing_one_row_leaves_every_unrelated_output_file_untouched(rebuilds: Rebuilds) -> None:
    first, edited = rebuilds.first, rebuilds.edited
    assert _rewritten_with_same_bytes(first, edited) == []
    rewritten = {name for name in edited.stamps if first.stamps.get(name) != edited.stamps[name]}
    assert f"site/powers/{rebuilds.edited_id}/index.html" in rewritten
    assert len([name for name in rewritten if name.startswith("site/") and name.endswith(".html")]) < 10, sorted(rewritten)


def test_rebuild_without_change_reads_everything_from_cache(rebuilds: Rebuilds) -> None:
    unchanged, again = rebuilds.unchanged, rebuilds.unchanged_again
    assert "(cached)" in unchanged.log
    assert "read as" in unchanged.log
    assert all("(cached)" in line for line in unchanged.log.splitlines() if ": read as " in line)
    assert "no power changed since the previous build" in unchanged.log
    assert json.loads(unchanged.contents["data/changes.json"])["counts"]["changed"] == 0
    assert {name: again.stamps[name] for name in again.stamps if name.startswith("data/")} == {
        name: unchanged.stamps[name] for name in unchanged.stamps if name.startswith("data/")
    }


def test_rebuild_without_change_does_no_work_and_says_so(rebuilds: Rebuilds) -> None:
    assert "mkdocs and Pagefind skipped" in rebuilds.unchanged.log  # the home page keeps showing the edit's report
    assert "nothing changed" in rebuilds.unchanged_again.log
    assert rebuilds.unchanged_again.stamps == rebuilds.unchanged.stamps


def test_same_inputs_give_byte_identical_outputs(rebuilds: Rebuilds, tmp_path: Path) -> None:
    """A fresh build of the edited sources gives the bytes the incremental rebuilds gave.

    Aside: the change report and what shows it (it describes the build, not the sources: the home page), the Whoosh
    index (random segment names) and the published copies of the site (public-generations/: hard links to site/'s
    files, numbered by how many builds published)."""
    fresh = _build(rebuilds.sources, tmp_path / "out")
    about_the_build = ("data/changes.json", "docs/index.md", "site/index.html")

    def compared(state: Build) -> dict[str, bytes]:
        return {
            name: data
            for name, data in state.contents.items()
            if name not in about_the_build and not name.startswith(("index/", "site/pagefind/", "public-generations/"))
        }

    assert compared(fresh) == compared(rebuilds.unchanged_again)


def test_previous_powers_jsonl_lines_are_compared_as_written(seed_corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "powers.jsonl"
    write_jsonl(path, seed_corpus.powers)
    lines = load_power_lines(path)
    assert lines is not None and set(lines) == {power.id for power in seed_corpus.powers}
    assert diff_powers(lines, seed_corpus.powers).nothing_changed
    edited = seed_corpus.powers[5].model_copy(update={"notes": "改过的备注"})
    report = diff_powers(lines, [*seed_corpus.powers[:5], edited, *seed_corpus.powers[6:]])
    assert [(entry["id"], entry["fields"]) for entry in report.changed] == [(edited.id, ["notes"])]
    assert load_power_lines(tmp_path / "missing.jsonl") is None


def test_powers_compared_as_their_file_is_rewritten_over_the_previous_one(seed_corpus: Corpus, tmp_path: Path) -> None:
    path = tmp_path / "powers.jsonl"
    write_jsonl(path, seed_corpus.powers)
    edited = seed_corpus.powers[5].model_copy(update={"notes": "改过的备注"})
    kept = [*seed_corpus.powers[:5], edited, *seed_corpus.powers[7:]]
    changes = PowerChanges(load_power_lines(path))
    write_lines(path, changes.lines(kept))  # replaces the file the comparison reads its previous lines from
    report = changes.report()
    assert [(entry["id"], entry["fields"]) for entry in report.changed] == [(edited.id, ["notes"])]
    assert [entry["id"] for entry in report.removed] == [seed_corpus.powers[6].id]
    assert report.unchanged == len(kept) - 1
    assert path.read_text(encoding="utf-8").splitlines()[5] == record_line(edited)


def _written_with_index(path: Path, powers: list, cache: Path) -> list[bytes]:
    """powers.jsonl written through a comparison with the previous file and its index, each power fingerprinted by its
    line (equal fingerprints, equal lines); the line digests the writer collected."""
    prints = [line_digest(record_line(power).encode("utf-8")) for power in powers]
    changes = PowerChanges(load_power_lines(path, load_index(cache, path)))
    digests: list[bytes] = []
    write_lines(path, changes.lines(powers, prints), digests)
    assert changes.index is not None
    save_index(cache, path, changes.index)
    return digests


def test_kept_lines_come_with_their_kept_digests_equal_to_a_fresh_write(
    seed_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, cache = tmp_path / "powers.jsonl", tmp_path / "cache"
    _written_with_index(path, seed_corpus.powers, cache)
    edited = [*seed_corpus.powers[:5], seed_corpus.powers[5].model_copy(update={"notes": "改过的备注"}), *seed_corpus.powers[6:]]
    dumped: list[str] = []
    monkeypatch.setattr(changes_module, "record_line", lambda power: (dumped.append(power.id), record_line(power))[1])
    digests = _written_with_index(path, edited, cache)
    assert dumped == [edited[5].id], "only the edited power is dumped again"
    assert digests == [record_digest(power) for power in edited]
    fresh = tmp_path / "fresh.jsonl"
    write_jsonl(fresh, edited)
    assert path.read_bytes() == fresh.read_bytes()
