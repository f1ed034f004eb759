"""The change report's computation: this build's powers against the previous build's powers.jsonl."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from schema.changes import CHANGES_NAME, ChangeReport
from schema.records import Power
from writers.atomic import write_bytes
from writers.jsonl import record_line

POWERS_NAME = "powers.jsonl"
LOCATION_FIELDS = frozenset({"source"})
LEADING_ID_RE = re.compile(r'\{"id":"((?:[^"\\]|\\.)*)"')  # how writers/jsonl.record_line starts a power's line


def load_power_lines(path: Path) -> dict[str, str] | None:
    """The previous build's powers.jsonl as raw lines by id (parsed only where a power changed), None when absent."""
    if not path.exists():
        return None
    lines: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            match = LEADING_ID_RE.match(line)
            lines[json.loads(f'"{match[1]}"') if match else json.loads(line)["id"]] = line
    return lines


def _entry(record: dict[str, Any]) -> dict[str, Any]:
    """How a power is named in the report."""
    source = record.get("source") or {}
    return {"id": record["id"], "name": record.get("name"), "department": record.get("department"), "file": source.get("file")}


def diff_powers(previous: Mapping[str, str] | None, powers: list[Power]) -> ChangeReport:
    """Compare this build's powers with the previous build's powers.jsonl lines by id (None: there was none).

    A line equal to this build's is not parsed; powers are dumped one at a time to bound memory."""
    shared = sorted(power_id for power_id, count in Counter(power.id for power in powers).items() if count > 1)
    report = ChangeReport(previous_build=previous is not None, duplicate_ids=shared)
    before = previous or {}
    seen: set[str] = set()
    for power in sorted(powers, key=lambda power: power.id):
        if power.id in seen:
            continue
        seen.add(power.id)
        line = before.get(power.id)
        if line == record_line(power):
            report.unchanged += 1
            continue
        new, old = power.model_dump(mode="json"), json.loads(line) if line is not None else None
        if old is None:
            report.added.append(_entry(new))
        elif new == old:
            report.unchanged += 1
        else:
            fields = sorted(key for key in new.keys() | old.keys() if new.get(key) != old.get(key))
            target = report.moved if LOCATION_FIELDS.issuperset(fields) else report.changed
            target.append({**_entry(new), "fields": fields})
    report.removed = [_entry(json.loads(before[power_id])) for power_id in sorted(before.keys() - seen)]
    return report


def write_report(report: ChangeReport, path: Path) -> bool:
    """Write the report as JSON (sorted keys, no timestamp); rewrites only when the bytes change. True if written."""
    payload = (json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
    if path.exists() and path.read_bytes() == payload:
        return False
    write_bytes(path, payload)
    return True


def report_changes(powers: list[Power], data_dir: Path) -> ChangeReport:
    """Diff `powers` against the previous build's data_dir/powers.jsonl, write data_dir/changes.json; call before writing the data."""
    report = diff_powers(load_power_lines(data_dir / POWERS_NAME), powers)
    write_report(report, data_dir / CHANGES_NAME)
    return report
