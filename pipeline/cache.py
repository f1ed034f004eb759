"""Content-hash cache of reader results under OUT/cache/: an unchanged source is not parsed again."""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from parser.source import ReadResult
from schema.records import Diagnostic, Document, Power, Residue

ROOT = Path(__file__).resolve().parent.parent
CODE_PACKAGES = ("parser", "schema", "text", "citations")
CODE_FILES = ("pipeline/read.py",)
# What else decides OUT/data: the passes, the pipeline's stages and the JSON Lines writer.
RECORD_CODE_PACKAGES = (*CODE_PACKAGES, "passes", "pipeline")
RECORD_CODE_FILES = ("writers/jsonl.py",)


class CachedRead(BaseModel):
    """A ReadResult as stored on disk."""

    kind: str
    powers: list[Power]
    documents: list[Document]
    diagnostics: list[Diagnostic]
    residue: list[Residue]


@cache
def code_version(packages: tuple[str, ...] = CODE_PACKAGES, files: tuple[str, ...] = CODE_FILES) -> str:
    """Hash of the code that turns bytes into records (readers, schema, text, citations, dispatch): changing it invalidates
    the cache. With RECORD_CODE_PACKAGES and RECORD_CODE_FILES: of all the code that decides OUT/data."""
    paths = sorted({*(path for package in packages for path in (ROOT / package).rglob("*.py")), *(ROOT / name for name in files)})
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(ROOT).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def cache_key(name: str, data: bytes, override: dict[str, Any]) -> str:
    """Identity of one read: the file's name and bytes, its manifest entry and the code version."""
    digest = hashlib.sha256()
    digest.update(code_version().encode("ascii"))
    digest.update(name.encode("utf-8") + b"\0")
    digest.update(json.dumps(override, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def stored_form(result: ReadResult) -> str:
    """`result` as the cache stores it (JSON)."""
    return CachedRead(**{name: getattr(result, name) for name in CachedRead.model_fields}).model_dump_json()


class ReadCache:
    """Reader results stored as JSON, one file per cache key, under `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> ReadResult | None:
        """The stored result for `key`, or None when absent or unreadable."""
        path = self._path(key)
        if not path.exists():
            return None
        try:
            stored = CachedRead.model_validate_json(path.read_bytes())
        except ValueError:
            return None
        self.used.add(key)
        return ReadResult(**{name: getattr(stored, name) for name in CachedRead.model_fields})

    def put(self, key: str, result: ReadResult) -> None:
        """Store `result` under `key`."""
        self.put_stored(key, stored_form(result))

    def put_stored(self, key: str, stored: str) -> None:
        """Store a result already in its stored form (`stored_form`, made where it was read) under `key`, atomically."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(key)
        partial = path.with_suffix(".tmp")
        partial.write_text(stored, encoding="utf-8")
        partial.replace(path)
        self.used.add(key)

    def prune(self) -> int:
        """Delete entries this build did not use (sources edited or removed, older code); returns how many."""
        if not self.folder.exists():
            return 0
        stale = [path for path in self.folder.iterdir() if path.stem not in self.used]
        for path in stale:
            path.unlink()
        return len(stale)
