"""The change report's computation: this build's powers against the previous build's powers.jsonl."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from schema.changes import ChangeReport
from schema.records import Power
from writers.atomic import write_bytes
from writers.jsonl import record_line

POWERS = "powers"  # the collection compared (its data file, OUT/data/powers.jsonl)
POWERS_NAME = f"{POWERS}.jsonl"
LOCATION_FIELDS = frozenset({"source"})
LEADING_ID_RE = re.compile(r'\{"id":"((?:[^"\\]|\\.)*)"')  # how writers/jsonl.record_line starts a power's line


def load_power_lines(path: Path) -> dict[str, str] | None:
    """The previous build's powers.jsonl as raw lines by id (parsed only where a power changed), None when absent."""
    if not path.exists():
        return None
    lines: dict[str, str] = {}
    with path.open(encoding="utf-8") as stream:  # line by line: the whole file (~300 MB at 100,000 powers) is never one string
        for line in stream:
            line = line.rstrip("\n")
            if line.strip():
                match = LEADING_ID_RE.match(line)
                lines[json.loads(f'"{match[1]}"') if match else json.loads(line)["id"]] = line
    return lines


def _entry(record: dict[str, Any]) -> dict[str, Any]:
    """How a power is named in the report."""
    source = record.get("source") or {}
    return {"id": record["id"], "name": record.get("name"), "department": record.get("department"), "file": source.get("file")}


class PowerChanges:
    """This build's powers against the previous build's powers.jsonl lines by id (None: there was none), taken one power
    at a time as the data writer makes its line, so each power is dumped once for both. A line equal to the previous
    one is not parsed; the first power of an id (in corpus order) stands for it."""

    def __init__(self, previous: Mapping[str, str] | None) -> None:
        self._report = ChangeReport(previous_build=previous is not None)
        self._before = previous or {}
        self._seen: set[str] = set()
        self._shared: set[str] = set()

    def lines(self, powers: Iterable[Power]) -> Iterator[str]:
        """Each power's record line (writers.jsonl.record_line), compared on the way."""
        for power in powers:
            line = record_line(power)
            self._take(power, line)
            yield line

    def _take(self, power: Power, line: str) -> None:
        if power.id in self._seen:
            self._shared.add(power.id)
            return
        self._seen.add(power.id)
        old_line = self._before.get(power.id)
        if old_line == line:
            self._report.unchanged += 1
            return
        new, old = json.loads(line), json.loads(old_line) if old_line is not None else None
        if old is None:
            self._report.added.append(_entry(new))
        elif new == old:
            self._report.unchanged += 1
        else:
            fields = sorted(key for key in new.keys() | old.keys() if new.get(key) != old.get(key))
            target = self._report.moved if LOCATION_FIELDS.issuperset(fields) else self._report.changed
            target.append({**_entry(new), "fields": fields})

    def report(self) -> ChangeReport:
        """The report, once every power has been taken: entries by id."""
        report = self._report
        for entries in (report.added, report.changed, report.moved):
            entries.sort(key=lambda entry: entry["id"])
        report.removed = [_entry(json.loads(self._before[power_id])) for power_id in sorted(self._before.keys() - self._seen)]
        report.duplicate_ids = sorted(self._shared)
        return report


def diff_powers(previous: Mapping[str, str] | None, powers: list[Power]) -> ChangeReport:
    """Compare this build's powers with the previous build's powers.jsonl lines by id (None: there was none)."""
    changes = PowerChanges(previous)
    for _ in changes.lines(powers):
        pass
    return changes.report()


def write_report(report: ChangeReport, path: Path) -> bool:
    """Write the report as JSON (sorted keys, no timestamp); rewrites only when the bytes change. True if written."""
    payload = (json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
    if path.exists() and path.read_bytes() == payload:
        return False
    write_bytes(path, payload)
    return True


def previous_changes(data_dir: Path) -> PowerChanges:
    """A comparison with the previous build's data_dir/powers.jsonl, to take this build's powers as they are written."""
    return PowerChanges(load_power_lines(data_dir / POWERS_NAME))
