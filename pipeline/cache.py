"""Content-hash cache of reader results under OUT/cache/: an unchanged source is not parsed again.

An entry is the reader's result pickled (records, not JSON: unpickling 10,000 cached powers takes 0.85 s of CPU
against 1.9 s for validating their JSON back through pydantic, benchmarks/README.md). Pickles are only ever read from the build's own
OUT/cache, which the build wrote; the key names the Python and pydantic versions besides the code, so an entry is never
read by code that did not write it, and an entry that does not load is parsed again, with a notice."""

from __future__ import annotations

import hashlib
import json
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import Any

import pydantic

from parser.source import ReadResult
from pipeline.compact import FieldSets
from writers.atomic import write_bytes

ROOT = Path(__file__).resolve().parent.parent
CODE_PACKAGES = ("parser", "schema", "text", "citations")
CODE_FILES = ("pipeline/read.py", "pipeline/cache.py")
# What else decides OUT/data: the passes, the pipeline's stages and the JSON Lines writer.
RECORD_CODE_PACKAGES = (*CODE_PACKAGES, "passes", "pipeline")
RECORD_CODE_FILES = ("writers/jsonl.py",)

# What an entry's bytes depend on besides the code: the pickle protocol, the interpreter and pydantic's model state.
STORED_FORMAT = f"pickle {pickle.HIGHEST_PROTOCOL} python {sys.version_info[0]}.{sys.version_info[1]} pydantic {pydantic.VERSION}"
SUFFIX = ".pickle"


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
    digest.update(code_version().encode("ascii") + STORED_FORMAT.encode("ascii"))
    digest.update(name.encode("utf-8") + b"\0")
    digest.update(json.dumps(override, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8") + b"\0")
    digest.update(data)
    return digest.hexdigest()


def stored_form(result: ReadResult) -> bytes:
    """`result` as the cache stores it: pickled, its records sharing their fields-sets (pipeline/compact.py), which
    the pickle keeps shared when it is loaded."""
    sets = FieldSets()
    for records in (result.powers, result.documents, result.diagnostics, result.residue):
        sets.share(records)
    return pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


class ReadCache:
    """Reader results stored as pickles, one file per cache key, under `folder`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.used: set[str] = set()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}{SUFFIX}"

    def get(self, key: str, name: str = "") -> ReadResult | None:
        """The stored result for `key` (the read of source `name`), or None when absent or damaged (then the source is
        parsed again; a notice on stderr says so, since a damaged cache is worth knowing about and changes no output)."""
        path = self._path(key)
        if not path.exists():
            return None
        try:
            stored = pickle.loads(path.read_bytes())
            if not isinstance(stored, ReadResult):
                raise TypeError(f"holds a {type(stored).__name__}")
        except Exception as error:  # any damage (truncated, foreign bytes) must fall back to parsing, never stop the build
            cause = f"{type(error).__name__}: {error}"
            sys.stderr.write(f"read cache: the entry of {name or key} is damaged ({cause}); parsing the source again\n")
            return None
        self.used.add(key)
        return stored

    def put(self, key: str, result: ReadResult) -> None:
        """Store `result` under `key`."""
        self.put_stored(key, stored_form(result))

    def put_stored(self, key: str, stored: bytes) -> None:
        """Store a result already in its stored form (`stored_form`, made where it was read) under `key`, atomically."""
        write_bytes(self._path(key), stored)
        self.used.add(key)

    def prune(self) -> int:
        """Delete entries this build did not use (sources edited or removed, older code); returns how many."""
        if not self.folder.exists():
            return 0
        stale = [path for path in self.folder.iterdir() if path.stem not in self.used]
        for path in stale:
            path.unlink()
        return len(stale)
