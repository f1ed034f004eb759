"""Test factory: the change report of a list of powers against previous powers.jsonl lines, through the same
PowerChanges the build feeds line by line as writers.jsonl writes powers.jsonl."""

from __future__ import annotations

from collections.abc import Mapping

from pipeline.changes import PowerChanges
from schema.changes import ChangeReport
from schema.records import Power


def diff_powers(previous: Mapping[str, str] | None, powers: list[Power]) -> ChangeReport:
    """Compare `powers` with the previous build's powers.jsonl lines by id (None: there was none)."""
    changes = PowerChanges(previous)
    for _ in changes.lines(powers):
        pass
    return changes.report()
