"""What one source may cost: its size, a workbook's or Word file's unpacked size and entry count, a cell's length,
HTML nesting, and a time and memory budget. Past a limit the source gets an error naming the file and the limit and the
build goes on. Defaults here; `limits:` in sources/sources.yml overrides them for every source, and a source's own
`limits:` entry for that source."""

from __future__ import annotations

import ctypes
import io
import os
import signal
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace
from typing import Any

MB = 2**20


@dataclass(frozen=True)
class Limits:
    """The bounds of one source read (names as in the manifest's `limits:`)."""

    source_mb: float = 64  # the file itself
    unpacked_mb: float = 512  # xlsx/docx: the zip's members, unpacked, together
    zip_entries: int = 10_000  # xlsx/docx: members of the zip
    cell_chars: int = 200_000  # one table cell or spreadsheet cell
    html_depth: int = 200  # element nesting of a web page (libxml2 stops at 255, attaching deeper elements there)
    seconds: float = 120  # reading the source, wall time
    memory_mb: float = 2048  # growth of the reading process while it reads the source

    @classmethod
    def from_manifest(cls, entry: dict[str, Any] | None) -> Limits:
        """Limits from a manifest `limits:` mapping; an unknown name or a value that is not a positive number is an error."""
        names = {field.name: field.type for field in fields(cls)}
        chosen: dict[str, float] = {}
        for name, value in (entry or {}).items():
            if name not in names:
                raise ValueError(f"unknown limit {name!r} in sources.yml; known: {', '.join(names)}")
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise ValueError(f"limit {name} must be a positive number, not {value!r}")
            chosen[name] = int(value) if names[name] == "int" else float(value)
        return replace(cls(), **chosen)


class LimitExceeded(BaseException):
    """A source past one of its limits: `code` names the limit, the message says by how much. A BaseException, so
    that the readers' and containers' own handlers let it pass up to the reader kit, which reports it."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code, self.message = code, message


_current: ContextVar[Limits | None] = ContextVar("limits", default=None)


def current() -> Limits:
    """The limits of the source being read (set by the reader kit; the defaults elsewhere)."""
    return _current.get() or Limits()


@contextmanager
def applied(limits: Limits) -> Iterator[None]:
    token = _current.set(limits)
    try:
        yield
    finally:
        _current.reset(token)


def check_size(size: int, limits: Limits) -> None:
    if size > limits.source_mb * MB:
        message = f"the file is {size / MB:.1f} MB; at most {limits.source_mb:g} MB are read (limits: source_mb)"
        raise LimitExceeded("source-too-large", message)


def check_zip(data: bytes, limits: Limits) -> None:
    """A zip container (xlsx, docx) whose members would unpack past the limits, judged from its directory before any
    member is inflated (zipfile never inflates a member past its declared size)."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except Exception:  # not a readable zip (bad header, a zip version zipfile lacks, …): the container reports that
        return
    if len(members) > limits.zip_entries:
        message = f"the zip holds {len(members)} entries; at most {limits.zip_entries} are read (limits: zip_entries)"
        raise LimitExceeded("zip-too-many-entries", message)
    unpacked = sum(member.file_size for member in members)
    if unpacked > limits.unpacked_mb * MB:
        biggest = max(members, key=lambda member: member.file_size)
        raise LimitExceeded(
            "zip-too-large", f"the zip unpacks to {unpacked / MB:.0f} MB ({biggest.filename}: {biggest.file_size / MB:.0f} MB from "
            f"{biggest.compress_size / MB:.2f} MB); at most {limits.unpacked_mb:g} MB are read (limits: unpacked_mb)",
        )  # fmt: skip


def check_depth(root: Any, limits: Limits) -> None:
    """An lxml tree nested deeper than the limit (counted without recursion)."""
    depth, deepest = 0, 0
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limits.html_depth:
            where = f"line {getattr(element, 'sourceline', None)}"
            message = f"elements are nested deeper than {limits.html_depth} levels ({where}; limits: html_depth)"
            raise LimitExceeded("html-too-deep", message)
        stack.extend((child, depth + 1) for child in element)


def check_cell(text: str, limits: Limits, where: str) -> None:
    if len(text) > limits.cell_chars:
        raise LimitExceeded("cell-too-long", f"{where} holds {len(text)} characters; at most {limits.cell_chars} (limits: cell_chars)")


def _resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


@dataclass
class _Budget:
    """One running budget: its deadline, the resident size it started from, the thread it bounds."""

    limits: Limits
    deadline: float
    baseline: int
    thread: int
    fired: LimitExceeded | None = None  # the error the watchdog raised in the thread

    def exceeded(self) -> LimitExceeded | None:
        if time.monotonic() > self.deadline:
            return LimitExceeded("source-too-slow", f"reading took longer than {self.limits.seconds:g} s (limits: seconds)")
        if _resident_bytes() - self.baseline > self.limits.memory_mb * MB:
            return LimitExceeded("source-too-big", f"reading needed more than {self.limits.memory_mb:g} MB (limits: memory_mb)")
        return None


_budgets: ContextVar[_Budget | None] = ContextVar("budget", default=None)
_watched: dict[int, _Budget] = {}  # budgets of threads other than the main one, by thread id
_watched_lock = threading.Lock()
_watchdog: threading.Thread | None = None


def remaining_seconds() -> float | None:
    """Time left in the budget of the source being read (for a wait on a converter), None outside one."""
    running = _budgets.get()
    return None if running is None else max(0.0, running.deadline - time.monotonic())


def _raise_in(thread: int, error: LimitExceeded) -> None:
    """Make `thread` raise `error` at its next Python step (CPython's asynchronous exception, which takes a class)."""
    def init(self: LimitExceeded) -> None:
        LimitExceeded.__init__(self, error.code, error.message)

    raised = type(LimitExceeded.__name__, (LimitExceeded,), {"__init__": init})
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(raised))


def _watch(tick: float) -> None:
    """The watchdog of the budgets on other threads (a Dask worker runs its tasks on threads, where no signal lands)."""
    while True:
        time.sleep(tick)
        with _watched_lock:
            for running in _watched.values():
                if not running.fired and (error := running.exceeded()):
                    running.fired = error
                    _raise_in(running.thread, error)


def _watched_thread(running: _Budget, tick: float) -> None:
    global _watchdog
    with _watched_lock:
        _watched[running.thread] = running
        if _watchdog is None or not _watchdog.is_alive():
            _watchdog = threading.Thread(target=_watch, args=(tick,), name="quanze-limits", daemon=True)
            _watchdog.start()


@contextmanager
def budget(limits: Limits, tick: float = 0.05) -> Iterator[None]:
    """Raise LimitExceeded inside the block once it has run `limits.seconds` or the process has grown by
    `limits.memory_mb`, checked every `tick` seconds: on the main thread by a timer signal (which also cuts short a
    wait, for LibreOffice say), on any other thread by a watchdog thread that raises the error in it. Either way the
    error comes between Python steps: a long call into a C library is stopped when it returns (the size limits keep
    those calls short, and waits on a converter are given the time left)."""
    if not os.path.exists("/proc/self/statm"):
        yield
        return
    running = _Budget(limits, time.monotonic() + limits.seconds, _resident_bytes(), threading.get_ident())
    token = _budgets.set(running)
    try:
        if threading.current_thread() is threading.main_thread():
            with _signalled(running, tick):
                yield
        else:
            _watched_thread(running, tick)
            try:
                yield
            finally:
                with _watched_lock:  # the watchdog fires under the lock: once out, no error can come any more
                    _watched.pop(running.thread, None)
            if running.fired:  # the error landed where it is ignored (a gc callback, a __del__) or has not landed yet
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(running.thread), None)
                raise running.fired
    finally:
        _budgets.reset(token)


@contextmanager
def _signalled(running: _Budget, tick: float) -> Iterator[None]:
    def check(signum: int, frame: object) -> None:
        if error := running.exceeded():
            raise error

    previous = signal.signal(signal.SIGALRM, check)
    signal.setitimer(signal.ITIMER_REAL, tick, tick)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
