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
