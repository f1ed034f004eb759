"""Keep a generated folder in step with what the writer produced: rewrite a file only when its bytes differ, drop what is no longer made."""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Iterable
from pathlib import Path

from writers.atomic import write_bytes


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` (replaced in one rename) unless the file already holds exactly those bytes; True when it wrote."""
    if path.is_file() and path.read_bytes() == data:
        return False
    write_bytes(path, data)
    return True


def files_under(folder: Path) -> set[str]:
    """Every file below `folder`, by its path relative to it (os.scandir: a province's docs hold 100,000 pages)."""
    found: set[str] = set()
    pending = [(str(folder), "")]
    while pending:
        path, prefix = pending.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.is_file(follow_symlinks=False):
                    found.add(prefix + entry.name)
    return found


def prune_listed(folder: Path, files: set[str], keep: set[str]) -> list[str]:
    """Delete the files of `files` (paths under `folder`, as files_under lists them) not in `keep`, then the folders
    they leave empty; returns the deleted files."""
    stale = sorted(files - keep)
    for name in stale:
        (folder / name).unlink()
    for directory in sorted({posixpath.dirname(name) for name in stale} - {""}, key=lambda name: name.count("/"), reverse=True):
        while directory and (folder / directory).is_dir() and not any((folder / directory).iterdir()):
            (folder / directory).rmdir()
            directory = posixpath.dirname(directory)
    return stale


def prune(folder: Path, keep: set[Path]) -> list[Path]:
    """Delete every file under `folder` not in `keep`, then the folders left empty; returns the deleted files."""
    stale = sorted(path for path in folder.rglob("*") if path.is_file() and path not in keep)
    for path in stale:
        path.unlink()
    for directory in sorted((path for path in folder.rglob("*") if path.is_dir()), key=lambda path: len(path.parts), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()
    return stale


def fingerprint(root: Path, paths: Iterable[Path]) -> str:
    """SHA-256 over the names (relative to `root`) and bytes of `paths`, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def stamp(stat: os.stat_result) -> str:
    """A file's stamp: its size and modification time."""
    return f"{stat.st_size} {stat.st_mtime_ns}"


def stamps_fingerprint(stamps: Iterable[tuple[str, str]]) -> str:
    """SHA-256 over files' names and stamps, in the order given."""
    return hashlib.sha256("\n".join(f"{name} {value}" for name, value in stamps).encode()).hexdigest()


def stamp_fingerprint(root: Path, paths: Iterable[Path]) -> str:
    """SHA-256 over the names (relative to `root`) and stamps of `paths`, in sorted order.

    Enough for files written by write_if_changed (or alike): their timestamps move only when their bytes do."""
    return stamps_fingerprint((path.relative_to(root).as_posix(), stamp(path.stat())) for path in sorted(paths))
