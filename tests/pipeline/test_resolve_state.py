"""A rebuild that puts back the resolve pass's kept outcome writes what a build without kept state writes: edit by
edit (some keep every citation as it was, some change what the pass reads), the data files and the site's Markdown of
a rebuild equal those of a rebuild whose OUT/cache was deleted first (the change report and the home page name the
changes since the last build: a build into an empty OUT has none), byte for byte; and the pass runs exactly when an
edit changed what it reads."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import pipeline.resolve_state
from pipeline.build import BuildOptions, build
from tests.conftest import editable_sources
from tests.pipeline.test_incremental import POWER_LIST, STATUTE, _drop_article, _edit_row, _renumber

COPY = "005_copy_of_the_list.txt"


def _duties(edit: Callable[[str], str]) -> Callable[[list[str]], list[str]]:
    def edited(cells: list[str]) -> list[str]:
        cells[3] = edit(cells[3])
        return cells

    return edited


def _revise_duty(text: str) -> str:
    """A duty's wording changes after the notice it names (《关于开展…》): the citation found in it stays as it was."""
    assert "《" in text and text.endswith("</p>")
    return text[: -len("</p>")] + "（已修订）</p>"


def _retitle_duty_citation(text: str) -> str:
    assert "《关于开展" in text
    return text.replace("《关于开展", "《关于组织开展", 1)


def _rename(sources: Path, old: str, new: str) -> None:
    (sources / old).rename(sources / new)


@dataclass(frozen=True)
class Edit:
    change: Callable[[Path], None]
    kept: bool  # the edit leaves what the pass reads as it was: the rebuild puts its outcome back
    site: bool = False  # compare the site's Markdown too (a site build costs seconds)


# In this order, each on top of the ones before it.
EDITS: dict[str, Edit] = {
    "reword a duty that cites a notice": Edit(lambda sources: _edit_row(sources / POWER_LIST, 1, _duties(_revise_duty)), True, site=True),
    "change an instrument's number in one row": Edit(lambda sources: _edit_row(sources / POWER_LIST, 1, _renumber), False, site=True),
    "change the title a duty cites": Edit(lambda sources: _edit_row(sources / POWER_LIST, 1, _duties(_retitle_duty_citation)), False),
    "reword a duty of the copy": Edit(lambda sources: _edit_row(sources / COPY, 1, _duties(_revise_duty)), True),
    "change a cited instrument's text": Edit(lambda sources: _drop_article(sources / STATUTE), False),
    "add a source": Edit(lambda sources: shutil.copy(sources / COPY, sources / "006_another_copy.txt"), False),
    "rename a source": Edit(lambda sources: _rename(sources, "006_another_copy.txt", "007_another_copy.txt"), False),
    "reword a duty of the added source": Edit(lambda sources: _edit_row(sources / "007_another_copy.txt", 1, _duties(_revise_duty)), True),
    "remove a source": Edit(lambda sources: (sources / "007_another_copy.txt").unlink(), False),
}


def _outputs(out: Path, site: bool) -> dict[str, bytes]:
    files = [*(out / "data").iterdir(), *((out / "docs").rglob("*") if site else [])]
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(files) if path.is_file()}


@dataclass(frozen=True)
class Step:
    passes: int  # how many times the rebuild ran the pass
    rebuilt: dict[str, bytes]
    scratch: dict[str, bytes]


@pytest.fixture(scope="module")
def steps(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Step]:
    """Each edit in turn, rebuilt in one OUT (with the state the builds before kept) and in another without it."""
    root = tmp_path_factory.mktemp("resolve-state")
    sources, rebuilt, scratch = root / "sources", root / "rebuilt", root / "scratch"
    editable_sources(sources)
    shutil.copy(sources / POWER_LIST, sources / COPY)
    build(sources, rebuilt, BuildOptions(index=False))
    build(sources, scratch, BuildOptions(index=False))
    runs: list[int] = []
    run_pass = pipeline.resolve_state.resolve_cells

    def counted(*arguments: object) -> object:
        runs.append(1)
        return run_pass(*arguments)  # type: ignore[arg-type]

    done = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.resolve_state, "resolve_cells", counted)
        for name, edit in EDITS.items():
            edit.change(sources)
            options = BuildOptions(site=edit.site, index=False)
            before = len(runs)
            build(sources, rebuilt, options)
            passes = len(runs) - before
            shutil.rmtree(scratch / "cache")
            build(sources, scratch, options)
            done[name] = Step(passes, _outputs(rebuilt, edit.site), _outputs(scratch, edit.site))
    return done


@pytest.mark.parametrize("name", list(EDITS))
def test_rebuild_equals_a_rebuild_without_kept_state(steps: dict[str, Step], name: str) -> None:
    step = steps[name]
    assert sorted(step.rebuilt) == sorted(step.scratch) and "data/instruments.jsonl" in step.rebuilt
    assert not EDITS[name].site or any(file.startswith("docs/instruments/") for file in step.rebuilt)
    assert [file for file in step.rebuilt if step.rebuilt[file] != step.scratch[file]] == []


@pytest.mark.parametrize("name", list(EDITS))
def test_the_pass_runs_only_when_an_edit_changed_what_it_reads(steps: dict[str, Step], name: str) -> None:
    assert steps[name].passes == (0 if EDITS[name].kept else 1)
