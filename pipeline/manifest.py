"""The optional sources manifest (sources/sources.yml): per-file overrides of kind and metadata."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

MANIFEST_NAME = "sources.yml"


def load_manifest(sources: Path) -> dict[str, dict[str, Any]]:
    """Map of file name (relative to sources/) to its overrides, e.g. {kind: regulation, title: …}."""
    path = sources / MANIFEST_NAME
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(name): dict(entry or {}) for name, entry in (data.get("sources") or {}).items()}


def manifest_limits(sources: Path) -> dict[str, Any]:
    """The manifest's top-level `limits:` (parser.limits.Limits by name, for every source); {} without one."""
    path = sources / MANIFEST_NAME
    data = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}) if path.exists() else {}
    return dict(data.get("limits") or {})


def with_limits(entry: dict[str, Any], limits: dict[str, Any]) -> dict[str, Any]:
    """A source's manifest entry with the manifest-wide limits under its own `limits:` (its own values win)."""
    if not limits:
        return entry
    return {**entry, "limits": {**limits, **(entry.get("limits") or {})}}
