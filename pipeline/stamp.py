"""The build stamp: OUT is exactly what a build of these sources, with this code and these options, makes.

Written after a build that succeeded; a later build with the same inputs whose outputs nobody touched since does
nothing but rewrite the change report ("nothing changed"), without reading a record. Inputs are compared by
content (every source's read key, every file of the project's code, templates, config and pins), outputs by the
names, sizes and modification times the build left (as OUT's outline holds them); the sources are hashed only when
their files' stats differ from those the stamp keeps."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from execution.checkout import CHECKOUT, checkout_digest
from pipeline.outputs import CACHE_DIR, REPORT_FILE, Snapshot
from schema.corpus import FileSummary

STAMP = f"{CACHE_DIR}/build.json"
CODE_INPUTS = ("site", "mkdocs.yml", "requirements.txt")  # besides the Python code: theme overrides and assets, the editors' config, pins
ENVIRONMENT = ("QUANZE_SEARCH_ENGINE",)  # variables that change what a build writes


@dataclass
class BuildStamp:
    """What a finished build was made from and what it left, with what its report needs when nothing changed."""

    inputs: str
    outputs: str
    summaries: list[FileSummary]
    counts: dict[str, int]
    distinct_powers: int  # power ids, each once: a rebuild without change reports them all unchanged
    pages: int
    sources: str = ""  # the sources' fingerprint (pipeline.read.sources_fingerprint)
    source_stats: str = ""  # and their files' stats then (source_stats): equal stats, equal files

    def save(self, out: Path) -> None:
        path = out / STAMP
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, out: Path) -> BuildStamp | None:
        path = out / STAMP
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{**data, "summaries": [FileSummary(**summary) for summary in data["summaries"]]})
        except (OSError, ValueError, TypeError, KeyError):
            return None


@cache
def code_fingerprint() -> str:
    """Every file of the project that decides what a build writes, besides the sources."""
    digest = hashlib.sha256(checkout_digest().encode("ascii"))
    for name in CODE_INPUTS:
        root = CHECKOUT / name
        for path in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if path.is_file():
                digest.update(path.relative_to(CHECKOUT).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def inputs_fingerprint(sources: str, options: object) -> str:
    """The sources (their `sources_fingerprint`), the code, the build options and the environment variables that matter."""
    environment = {name: os.environ.get(name) for name in ENVIRONMENT}
    settings = json.dumps([repr(options), environment], sort_keys=True)
    return hashlib.sha256(f"{sources}\n{code_fingerprint()}\n{settings}".encode()).hexdigest()


def source_stats(paths: list[Path]) -> str:
    """Digest of the files' names, sizes, modification and change times and inodes: a file whose stats are as they
    were holds the bytes it held (its change time moves with any write, and no program can set it back)."""
    lines = []
    for path in paths:
        stat = path.stat()
        lines.append(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}")
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def outputs_fingerprint(files: Snapshot) -> str:
    """OUT's files as the build left them (the change report aside: every build rewrites it)."""
    lines = (f"{name} {size} {mtime}" for name, (mtime, size) in sorted(files.items()) if name != REPORT_FILE)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
