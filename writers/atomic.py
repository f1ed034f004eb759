"""Outputs replaced whole. A file is written beside its target and renamed over it, so it is never seen half-written
and a file another folder shares by hard link is never changed in place; a folder is published as a hard-linked
generation behind a symlink that one rename swaps. A build killed at any moment leaves each output the old one or the
new one. (Nothing is fsynced: this guards against a killed build, not against a power cut.)"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PARTIAL_PREFIX = ".quanze-partial-"
GENERATIONS_SUFFIX = "-generations"


def partial_path(path: Path) -> Path:
    """The temporary sibling `path` is written to before the rename (named for this process, so writers never meet)."""
    return path.with_name(f"{PARTIAL_PREFIX}{os.getpid()}-{path.name}")


def write_bytes(path: Path | str, data: bytes) -> None:
    """`path` holds `data`, replaced in one rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(path)
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def copy_file(source: Path | str, target: Path | str) -> None:
    """`target` becomes a copy of `source`'s bytes, replaced in one rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(target)
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)


def _link_tree(source: Path, target: Path) -> None:
    """`target` as a tree of hard links to the files of `source`; leftovers of killed writers are dropped on the way."""
    for folder, folders, files in os.walk(source):
        relative = os.path.relpath(folder, source)
        os.makedirs(os.path.join(target, relative), exist_ok=True)
        folders.sort()
        for name in sorted(files):
            if name.startswith(PARTIAL_PREFIX):
                os.unlink(os.path.join(folder, name))
            else:
                os.link(os.path.join(folder, name), os.path.join(target, relative, name))


def generations_of(pointer: Path) -> Path:
    return pointer.with_name(pointer.name + GENERATIONS_SUFFIX)


def publish(tree: Path, pointer: Path) -> Path:
    """Make `pointer` (a symlink) show a complete copy of `tree` as it is now, swapped in one rename; returns the new
    generation. Files are hard links, so `tree`'s writers must replace files, never change them in place (as
    write_bytes and copy_file do). The previous generation is kept for readers still inside it; older ones go."""
    generations = generations_of(pointer)
    generations.mkdir(parents=True, exist_ok=True)
    current = os.readlink(pointer) if pointer.is_symlink() else None
    kept = {Path(current).name} if current else set()
    for stale in generations.iterdir():  # a generation a killed build left unfinished, or long replaced
        if stale.name not in kept:
            shutil.rmtree(stale)
    number = max((int(name) for name in kept), default=0) + 1
    new = generations / str(number)
    _link_tree(tree, new)
    link = pointer.with_name(f"{PARTIAL_PREFIX}{pointer.name}")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(new, pointer.parent), target_is_directory=True)
    if pointer.is_dir() and not pointer.is_symlink():
        shutil.rmtree(pointer)  # a folder from before publishing existed; replaced once, not atomically
    os.replace(link, pointer)
    return new
