"""The change report: powers added, removed and changed since the previous build, by stable Power.id."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CHANGES_NAME = "changes.json"  # under OUT/data/


@dataclass
class ChangeReport:
    """What differs between the previous build's powers and this build's; every list is sorted by id."""

    previous_build: bool
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    moved: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0
    duplicate_ids: list[str] = field(default_factory=list)

    @property
    def nothing_changed(self) -> bool:
        return self.previous_build and not (self.added or self.removed or self.changed or self.moved)

    def summary(self) -> str:
        """The one line the build prints about it."""
        duplicates = f"; {len(self.duplicate_ids)} ids shared by several powers (compared once)" if self.duplicate_ids else ""
        if not self.previous_build:
            return f"first build: {len(self.added)} powers added{duplicates}"
        if self.nothing_changed:
            return f"no power changed since the previous build ({self.unchanged} unchanged){duplicates}"
        return (
            f"since the previous build: {len(self.added)} powers added, {len(self.removed)} removed, {len(self.changed)} changed, "
            f"{len(self.moved)} moved within their source, {self.unchanged} unchanged{duplicates}"
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "previous_build": self.previous_build,
            "counts": {
                "added": len(self.added),
                "removed": len(self.removed),
                "changed": len(self.changed),
                "moved": len(self.moved),
                "unchanged": self.unchanged,
            },
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "moved": self.moved,
            "duplicate_ids": self.duplicate_ids,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ChangeReport:
        """The report as `to_json` wrote it (OUT/data/changes.json)."""
        lists = {name: list(data.get(name, [])) for name in ("added", "removed", "changed", "moved")}
        unchanged = int(data.get("counts", {}).get("unchanged", 0))
        duplicates = list(data.get("duplicate_ids", []))
        return cls(previous_build=bool(data.get("previous_build")), unchanged=unchanged, duplicate_ids=duplicates, **lists)
