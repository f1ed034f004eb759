"""The spare generation: a copy of the published generation that a child process links beside the build, from its
start, for publish (writers.atomic) to turn into the next generation. Publish recycles the generation before last;
after a first build there is none, and linking a province's 300,000 entries from nothing took 6.5 s of the one-row
rebuild that follows (the one a CI run restoring a one-generation OUT pays too) on a process that has a core to spare
meanwhile. The copy is complete only once it bears its name (writers.atomic.spare_of), given by the build once the
child has said it linked every entry and exited cleanly: a child killed midway leaves a partial folder, which publish
compares whole, never trusts."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from writers.atomic import generations_of, link_tree, partial_path, spare_of

PROJECT = Path(__file__).resolve().parents[1]  # the child runs this checkout's module
PR_SET_PDEATHSIG = 1  # linux/prctl.h
LINKED = b"linked\n"  # what the child says once its copy is whole: a clean exit alone would not tell (a reaped child reads as 0)


@dataclass
class Spare:
    """A child linking `partial` as a copy of a published generation, to be named `complete` once it is one."""

    process: subprocess.Popen[bytes]
    partial: Path
    complete: Path


_running: dict[str, Spare] = {}  # by the pointer's absolute path: what publish waits for


def _key(pointer: Path) -> str:
    return os.path.abspath(pointer)


def start(pointer: Path) -> Spare | None:
    """A child making the spare copy of the generation `pointer` shows; None when none is wanted: nothing is published
    yet, or a generation to recycle or a complete spare is there already (at most one spare: a generation's folders
    are inodes). A leftover (a killed child's partial folder, an older generation's spare) is completed by comparison,
    cheaper than removing it and linking anew."""
    if not pointer.is_symlink() or not pointer.is_dir():
        return None
    pointer, current = pointer.absolute(), pointer.resolve()  # the child runs in the project's folder
    others = [path for path in generations_of(pointer).iterdir() if path.name != current.name and path.is_dir()]
    if len(others) > 1 or any(path.name.isdigit() or path == spare_of(pointer, current.name) for path in others):
        return None
    partial = partial_path(generations_of(pointer) / "spare")
    for leftover in others:
        leftover.rename(partial)
    command = [sys.executable, "-m", "writers.spare", str(current), str(partial), str(os.getpid())]
    process = subprocess.Popen(command, cwd=PROJECT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    return Spare(process, partial, spare_of(pointer, current.name))


def settle(pointer: Path) -> None:
    """Wait for the child making `pointer`'s spare, if one runs, and name its copy complete when it exited cleanly."""
    spare = _running.pop(_key(pointer), None)
    if spare is not None and spare.process.communicate()[0] == LINKED and spare.process.returncode == 0:
        spare.partial.rename(spare.complete)


@contextmanager
def spare_generation(pointer: Path) -> Iterator[Spare | None]:
    """While the block runs, a child makes the spare copy of `pointer`'s generation when it is wanted (start), settled
    by publish or when the block ends; killed when the block fails (its partial folder is completed next time)."""
    spare = start(pointer)
    if spare is None:
        yield None
        return
    _running[_key(pointer)] = spare
    try:
        yield spare
    except BaseException:
        if _running.pop(_key(pointer), None) is spare:  # not settled yet
            spare.process.kill()
            spare.process.communicate()
        raise
    settle(pointer)


def _die_with_parent(parent: int) -> None:
    """End this process when the build that started it ends (Linux): a killed build leaves no one writing in OUT."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        sys.exit(1)


def main(argv: list[str]) -> int:
    """The child: `argv` is the generation, the folder to make its copy in, and the build's process id."""
    generation, partial, parent = argv
    _die_with_parent(int(parent))
    link_tree(Path(generation), Path(partial))
    sys.stdout.buffer.write(LINKED)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
