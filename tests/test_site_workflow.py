"""The site workflow keeps OUT between CI runs, and a build restored that way into a fresh checkout rebuilds nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from pipeline.build import build
from pipeline.outputs import REPORT_FILE
from tests.conftest import ROOT, SOURCES

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def _steps() -> list[dict[str, Any]]:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]


def _position(steps: list[dict[str, Any]], action: str) -> int:
    return next(number for number, step in enumerate(steps) if step.get("uses", "").startswith(action + "@"))


def test_the_workflow_restores_the_previous_out_before_building_and_saves_it_after() -> None:
    steps = _steps()
    building = next(number for number, step in enumerate(steps) if "./quanze build" in step.get("run", ""))
    match = re.search(r"--out (\S+)", steps[building]["run"])
    assert match is not None
    restore, save = _position(steps, "actions/cache/restore"), _position(steps, "actions/cache/save")
    assert restore < building < save
    assert steps[restore]["with"]["path"] == steps[save]["with"]["path"] == match.group(1)
    assert steps[save]["with"]["key"].startswith(steps[restore]["with"]["restore-keys"])


def _fresh_checkout(target: Path) -> Path:
    """sources/ as a new clone has it: same bytes, new modification times."""
    shutil.copytree(SOURCES, target, copy_function=shutil.copy)
    return target


def test_a_build_restored_into_a_fresh_checkout_is_up_to_date(tmp_path: Path) -> None:
    first = tmp_path / "run-1"
    build(_fresh_checkout(first / "sources"), first / "build")
    archive = tmp_path / "cache.tar"
    subprocess.run(["tar", "--posix", "-cf", str(archive), "-C", str(first), "build"], check=True)  # as actions/cache does
    second = tmp_path / "run-2"
    sources = _fresh_checkout(second / "sources")
    subprocess.run(["tar", "-xf", str(archive), "-C", str(second)], check=True)
    again = build(sources, second / "build")
    assert not any(summary.cached is False for summary in again.corpus.summaries), "no source parsed again"
    assert again.site is not None and again.site.skipped, "mkdocs and Pagefind not run"
    assert again.changes.nothing_changed
    assert [name for name in again.written if name != REPORT_FILE] == [], "no output rewritten but the change report"
