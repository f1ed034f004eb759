"""The change report's computation: this build's powers against the previous build's powers.jsonl."""

from __future__ import annotations

import json
import os
import re
import weakref
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from pipeline.power_lines import LineIndex, Place, load_index, read_place
from schema.changes import ChangeReport
from schema.records import Power
from writers.atomic import write_bytes
from writers.jsonl import KeptLine, line_digest, record_line

POWERS = "powers"  # the collection compared (its data file, OUT/data/powers.jsonl)
POWERS_NAME = f"{POWERS}.jsonl"
LOCATION_FIELDS = frozenset({"source"})
LEADING_ID_RE = re.compile(rb'\{"id":"((?:[^"\\]|\\.)*)"')  # how writers/jsonl.record_line starts a power's line


class StoredLines(Mapping[str, str]):
    """The previous build's powers.jsonl by power id, held as each line's place in the file (at 100,000 powers the
    lines themselves took 800 MB); a line is read again when compared or asked for, from the file as it was opened
    (it stays readable after this build replaces the file)."""

    def __init__(self, path: Path, index: LineIndex | None = None) -> None:
        """`index`: the file's line index as the build that wrote it left it (pipeline/power_lines.py), else the
        file is scanned for its ids."""
        self._fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self._fd)
        self.index = index
        self._places: dict[str, Place] = index.by_id() if index is not None else self._scan(path)

    @staticmethod
    def _scan(path: Path) -> dict[str, Place]:
        places: dict[str, Place] = {}
        offset = 0
        with path.open("rb") as stream:
            for raw in stream:
                line = raw.rstrip(b"\n")
                if line.strip():
                    match = LEADING_ID_RE.match(line)
                    power_id = json.loads(b'"' + match[1] + b'"') if match else json.loads(line)["id"]
                    places[power_id] = (offset, len(line))
                offset += len(raw)
        return places

    def place(self, power_id: str) -> Place | None:
        return self._places.get(power_id)

    def read(self, place: Place) -> bytes:
        """The bytes of the line at `place` (without its newline)."""
        return read_place(self._fd, place)

    def kept(self, place: Place, digest: bytes) -> KeptLine:
        """The line at `place` (of line_digest `digest`) as the data writer copies it from the file."""
        return KeptLine(self._fd, place[0], place[1], digest)

    def holds(self, power_id: str, line: str) -> bool:
        """Whether the previous line of `power_id` is exactly `line`."""
        place, data = self._places.get(power_id), line.encode("utf-8")
        return place is not None and place[1] == len(data) and self.read(place) == data

    def __getitem__(self, power_id: str) -> str:
        return self.read(self._places[power_id]).decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._places)

    def __len__(self) -> int:
        return len(self._places)


def load_power_lines(path: Path, index: LineIndex | None = None) -> StoredLines | None:
    """The previous build's powers.jsonl as raw lines by id (parsed only where a power changed), None when absent.
    `index`: its line index, when the build that wrote it left one."""
    return StoredLines(path, index) if path.exists() else None


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
        self.index: LineIndex | None = None  # of the lines as they are written, when `lines` was given fingerprints

    def lines(self, powers: Iterable[Power], prints: Iterable[bytes] | None = None) -> Iterator[tuple[bytes, bytes] | KeptLine]:
        """Each power's record line (writers.jsonl.record_line) as UTF-8 with its line digest, compared on the way.
        With the powers' fingerprints (pipeline/power_lines.py), a power whose fingerprint the previous file's index
        holds gets that line, copied from the file without being dumped or read (writers.jsonl.KeptLine); this
        build's index (`self.index`) is kept only then."""
        stored = self._before if isinstance(self._before, StoredLines) else None
        reused = stored.index.by_fingerprint() if stored is not None and stored.index is not None else {}
        self.index = LineIndex() if prints is not None else None
        offset = 0
        pairs = zip(powers, prints, strict=True) if prints is not None else ((power, None) for power in powers)
        for power, fingerprint in pairs:
            kept = reused.get(fingerprint) if fingerprint is not None else None
            if stored is not None and kept is not None:
                place, digest = kept
                self._take_kept(stored, power, place)
                line: tuple[bytes, bytes] | KeptLine = stored.kept(place, digest)
                length = place[1]
            else:
                text = record_line(power)
                data = text.encode("utf-8")
                digest = line_digest(data + b"\n")
                self._take(power, text)
                line, length = (data, digest), len(data)
            if self.index is not None and fingerprint is not None:
                self.index.add(power.id, (offset, length), fingerprint, digest)
            offset += length + 1
            yield line

    def _first(self, power: Power) -> bool:
        """Whether `power` is the first of its id (the one that stands for it); later ones are noted as sharing it."""
        if power.id in self._seen:
            self._shared.add(power.id)
            return False
        self._seen.add(power.id)
        return True

    def _take_kept(self, before: StoredLines, power: Power, place: Place) -> None:
        """A power whose line is the previous file's line at `place`."""
        if not self._first(power):
            return
        if before.place(power.id) == place:
            self._report.unchanged += 1
        else:  # the id's line in the previous file is another one (ids shared by two copies of a list)
            self._compare(power, before.read(place).decode("utf-8"))

    def _take(self, power: Power, line: str) -> None:
        if not self._first(power):
            return
        before = self._before
        if before.holds(power.id, line) if isinstance(before, StoredLines) else before.get(power.id) == line:
            self._report.unchanged += 1
            return
        self._compare(power, line)

    def _compare(self, power: Power, line: str) -> None:
        before = self._before
        old_line = before.get(power.id)
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


def write_report(report: ChangeReport, path: Path) -> bool:
    """Write the report as JSON (sorted keys, no timestamp); rewrites only when the bytes change. True if written."""
    payload = (json.dumps(report.to_json(), ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
    if path.exists() and path.read_bytes() == payload:
        return False
    write_bytes(path, payload)
    return True


def previous_changes(data_dir: Path, cache_dir: Path | None = None) -> PowerChanges:
    """A comparison with the previous build's data_dir/powers.jsonl, to take this build's powers as they are written
    (with the file's line index from `cache_dir` when the build that wrote it left one there)."""
    path = data_dir / POWERS_NAME
    return PowerChanges(load_power_lines(path, load_index(cache_dir, path) if cache_dir is not None else None))
