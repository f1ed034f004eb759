"""Outputs replaced whole. A file is written beside its target and renamed over it, so it is never seen half-written
and a file another folder shares by hard link is never changed in place; a folder is published as a hard-linked
generation behind a symlink that one rename swaps. A build killed at any moment leaves each output the old one or the
new one. (Nothing is fsynced: this guards against a killed build, not against a power cut.)"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PARTIAL_PREFIX = ".quanze-partial-"
GENERATIONS_SUFFIX = "-generations"
SPARE_PREFIX = "spare-"  # spare-N: a complete copy of generation N (writers.spare), linked while N was published
CLOCK_SLACK_NS = 50_000_000  # file times come from the kernel's coarse clock, a tick or so behind time.time_ns()
JOURNAL_VARIABLE = "QUANZE_WRITTEN_JOURNAL"  # a file every process of the build appends the paths it writes to

_journal: tuple[int, str, int] | None = None  # (process id, journal path, descriptor) this process appends to


def _note(path: Path) -> None:
    """Append the written path to the build's journal, if one is kept (in whichever process of the build writes)."""
    global _journal
    name = os.environ.get(JOURNAL_VARIABLE)
    if not name:
        return
    if _journal is None or _journal[:2] != (os.getpid(), name):  # a forked process opens its own descriptor
        _journal = (os.getpid(), name, os.open(name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644))
    os.write(_journal[2], os.fsencode(os.path.abspath(path)) + b"\n")  # one appended line: never interleaved


def note_written(path: Path) -> None:
    """Journal a file written by a writer of its own (one that replaced it by rename, as this module does)."""
    _note(path)


def _note_tree(folder: Path) -> None:
    """Append every file under `folder` to the build's journal, in one write."""
    name = os.environ.get(JOURNAL_VARIABLE)
    if not name:
        return
    lines = [os.fsencode(os.path.abspath(os.path.join(top, file))) for top, _, files in os.walk(folder) for file in files]
    descriptor = os.open(name, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(descriptor, b"".join(line + b"\n" for line in lines))  # one appended block: never interleaved
    finally:
        os.close(descriptor)


def _close_journal() -> None:
    global _journal
    if _journal is not None and _journal[0] == os.getpid():
        os.close(_journal[2])
    _journal = None


@contextmanager
def journal(path: Path) -> Iterator[Path]:
    """Keep the journal `path` of every file written through this module while the block runs, by this process and
    the processes it starts (they inherit the variable): what a build wrote, without a walk of OUT's 300,000 files."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    before = os.environ.get(JOURNAL_VARIABLE)
    os.environ[JOURNAL_VARIABLE] = str(path)
    try:
        yield path
    finally:
        _close_journal()
        if before is None:
            os.environ.pop(JOURNAL_VARIABLE, None)
        else:
            os.environ[JOURNAL_VARIABLE] = before


def journaled(path: Path) -> set[str]:
    """The absolute paths a journal holds."""
    return set(os.fsdecode(line) for line in path.read_bytes().splitlines()) if path.is_file() else set()


def journaled_so_far() -> set[str] | None:
    """The absolute paths this build's journal holds so far (in every process of it), or None when none is kept."""
    name = os.environ.get(JOURNAL_VARIABLE)
    return journaled(Path(name)) if name else None


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
        _note(path)
    finally:
        partial.unlink(missing_ok=True)


def file_version(path: Path) -> tuple[int, int, int] | None:
    """Which version of a file this is (None when it is absent): files here are replaced, never changed in place, so
    each version has its own inode, and its size and modification time tell it from a file edited in place elsewhere."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_size, stat.st_mtime_ns


def copy_file(source: Path | str, target: Path | str) -> None:
    """`target` becomes a copy of `source`'s bytes, replaced in one rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(target)
    try:
        shutil.copyfile(source, partial)
        os.replace(partial, target)
        _note(target)
    finally:
        partial.unlink(missing_ok=True)


def copy_folder(source: Path, target: Path) -> None:
    """`target`, absent, becomes a copy of the folder `source`: copied beside it, then renamed into place in one
    rename, and its files journaled in one append. The files are new, so there is nothing to compare and no file to
    replace one by one (a province's 107,000 search-bundle files, copied so from memory, take a third of the CPU
    write_bytes each does)."""
    partial = partial_path(target)
    shutil.rmtree(partial, ignore_errors=True)
    try:
        for top, _, files in os.walk(source):
            there = os.path.join(partial, os.path.relpath(top, source))
            os.makedirs(there, exist_ok=True)
            for name in files:
                shutil.copyfile(os.path.join(top, name), os.path.join(there, name))
        os.rename(partial, target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    _note_tree(target)


def link_file(source: Path | str, target: Path | str) -> None:
    """`target` becomes a hard link to `source` (a file that is itself only ever replaced), in one rename."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(target)
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
        os.replace(partial, target)
        _note(target)
    finally:
        partial.unlink(missing_ok=True)


def _remove(entry: os.DirEntry[str]) -> None:
    if entry.is_dir(follow_symlinks=False):
        shutil.rmtree(entry.path)
    else:
        os.unlink(entry.path)


def _same_file(one: os.DirEntry[str], other: os.DirEntry[str]) -> bool:
    """Whether two directory entries are links to one inode (from the entries themselves, without a stat, where the
    file system gives their inode numbers)."""
    if one.inode() and other.inode():
        return one.inode() == other.inode()
    return one.stat(follow_symlinks=False).st_ino == other.stat(follow_symlinks=False).st_ino


def _untouched_leaf(entry: os.DirEntry[str], since: int) -> bool:
    """A folder without subfolders (two links: its entry and its own ".", on file systems that count them) whose
    entries have not changed since `since` (its time moves with every file created, renamed in or removed)."""
    stat = entry.stat(follow_symlinks=False)
    return stat.st_nlink == 2 and stat.st_mtime_ns < since


def _link_tree(source: str, target: str, since: int = 0) -> None:
    """`target` made a tree of hard links to the files of `source`, changing only what differs from what it holds (a
    recycled generation holds the site of two builds ago: at 100,000 pages, relinking and dropping every file cost more
    than the rest of a one-row rebuild's site). A file is kept when it is the same inode, so the same bytes: the inode
    cannot be reused while `target` links it. `since`: a time before which `target` matched `source`; a folder of
    `source` without subfolders whose entries have not changed since is skipped unread (files are only ever replaced
    by a rename, which moves the folder's time). Leftovers of killed writers are dropped from `source` on the way."""
    with os.scandir(target) as entries:
        held = {entry.name: entry for entry in entries}
    with os.scandir(source) as entries:
        for entry in entries:
            there = held.pop(entry.name, None)
            if entry.is_dir(follow_symlinks=False):
                if there is not None and not there.is_dir(follow_symlinks=False):
                    _remove(there)
                    there = None
                elif there is not None and since and _untouched_leaf(entry, since):
                    continue
                if there is None:
                    _new_tree(entry.path, os.path.join(target, entry.name))
                else:
                    _link_tree(entry.path, os.path.join(target, entry.name), since)
            elif entry.name.startswith(PARTIAL_PREFIX):
                os.unlink(entry.path)
            elif there is None or there.is_dir(follow_symlinks=False) or not _same_file(there, entry):
                if there is not None:
                    _remove(there)
                os.link(entry.path, os.path.join(target, entry.name))
    for there in held.values():
        _remove(there)


def _new_tree(source: str, target: str) -> None:
    """`target`, absent, made a tree of hard links to the files of `source`: nothing there to read or compare (a
    generation linked from nothing holds a province's 300,000 entries; each folder's listing of the target was a
    third of the system calls)."""
    os.makedirs(target)
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                _new_tree(entry.path, os.path.join(target, entry.name))
            elif entry.name.startswith(PARTIAL_PREFIX):
                os.unlink(entry.path)
            else:
                os.link(entry.path, os.path.join(target, entry.name))


def link_tree(source: Path, target: Path, since: int = 0) -> None:
    """`target` made a tree of hard links to the files of `source`: linked from nothing when absent, else changing
    only what differs from what it holds (`since`: a time before which it matched `source`, see _link_tree)."""
    if target.is_dir():
        _link_tree(str(source), str(target), since)
    else:
        _new_tree(str(source), str(target))


def generations_of(pointer: Path) -> Path:
    return pointer.with_name(pointer.name + GENERATIONS_SUFFIX)


def spare_of(pointer: Path, generation: str) -> Path:
    """Where the complete spare copy of `pointer`'s generation `generation` lies."""
    return generations_of(pointer) / f"{SPARE_PREFIX}{generation}"


def _synced(path: Path | None) -> dict[str, int]:
    """When each generation's linking began (time.time_ns()), as publish noted it in `path`; empty when unknown."""
    if path is None:
        return {}
    try:
        times = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {name: value for name, value in times.items() if isinstance(value, int)} if isinstance(times, dict) else {}


def _linked_at(folder: Path, synced: dict[str, int]) -> int:
    """When the folder of a generation matched the published tree: a spare holds what its generation held."""
    return synced.get(folder.name.removeprefix(SPARE_PREFIX), 0)


def publish(tree: Path, pointer: Path, times: Path | None = None) -> Path:
    """Make `pointer` (a symlink) show a complete copy of `tree` as it is now, swapped in one rename; returns the new
    generation. Files are hard links, so `tree`'s writers must replace files, never change them in place (as
    write_bytes and copy_file do). The previous generation is kept for readers still inside it; the one before becomes
    the new one, or the spare copy of the previous one when there is one (writers.spare: after a first build, there is
    no generation before last). `times`: where publish keeps when each generation was linked (build state), so that
    only the folders of `tree` changed since the recycled one was linked are read again; without it, every folder is
    compared."""
    generations = generations_of(pointer)
    generations.mkdir(parents=True, exist_ok=True)
    current = os.readlink(pointer) if pointer.is_symlink() else None
    kept = {Path(current).name} if current else set()
    number = max((int(name) for name in kept), default=0) + 1
    new = generations / str(number)
    synced = _synced(times)
    others = (path for path in generations.iterdir() if path.name not in kept)
    stale = sorted(others, key=lambda path: (-_linked_at(path, synced), path != new))  # the least to relink first
    since = _linked_at(stale[0], synced) if stale else 0
    for old in stale[1:]:  # a generation a killed build left unfinished, or long replaced
        shutil.rmtree(old)
    if stale and stale[0] != new:
        stale[0].rename(new)  # recycled: only what changed since it was linked is relinked (a leftover: all compared)
    started = time.time_ns()
    link_tree(tree, new, since - CLOCK_SLACK_NS if since else 0)
    if times is not None:
        linked = {name: value for name, value in synced.items() if name in kept} | {new.name: started}
        write_bytes(times, json.dumps(linked, sort_keys=True).encode("utf-8"))
    link = pointer.with_name(f"{PARTIAL_PREFIX}{pointer.name}")
    link.unlink(missing_ok=True)
    link.symlink_to(os.path.relpath(new, pointer.parent), target_is_directory=True)
    if pointer.is_dir() and not pointer.is_symlink():
        shutil.rmtree(pointer)  # a folder from before publishing existed; replaced once, not atomically
    os.replace(link, pointer)
    return new
