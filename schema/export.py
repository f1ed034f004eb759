"""Exports the JSON Schema of each record type to schema/<name>.schema.json (checked in; a test keeps them current)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from schema.corpus import RECORD_TYPES

EXPORTED: dict[str, type[BaseModel]] = {kind.name: kind.model for kind in RECORD_TYPES}
SCHEMA_DIR = Path(__file__).resolve().parent


def schema_text(model: type[BaseModel]) -> str:
    """The model's JSON Schema, serialized deterministically."""
    return json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def export(directory: Path = SCHEMA_DIR) -> list[Path]:
    written = []
    for name, model in EXPORTED.items():
        path = directory / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for path in export():
        print(path)
