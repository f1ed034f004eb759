"""Per-stage timing of a build, and progress bars for stages that take more than a moment."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from time import perf_counter
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

T = TypeVar("T")
PROGRESS_MIN_ITEMS = 50
_ACTIVE: ContextVar[BuildTimer | None] = ContextVar("quanze_build_timer", default=None)
_CONSOLE = Console(stderr=True, highlight=False)


@dataclass
class BuildTimer:
    """Wall time of every stage of one build, in the order the stages ran."""

    stages: dict[str, float] = field(default_factory=dict)
    started: float = field(default_factory=perf_counter)

    def add(self, name: str, seconds: float) -> None:
        self.stages[name] = self.stages.get(name, 0.0) + seconds

    @property
    def total(self) -> float:
        """Wall time since the timer started: less than the sum of the stages when some ran alongside others."""
        return perf_counter() - self.started

    def table(self) -> Table:
        """The per-stage summary printed at the end of a build."""
        table = Table(title="time per stage", title_justify="left", show_edge=False)
        table.add_column("stage")
        table.add_column("seconds", justify="right")
        table.add_column("share", justify="right")
        for name, seconds in self.stages.items():
            table.add_row(name, f"{seconds:.2f}", f"{seconds / self.total:.0%}" if self.total else "–")
        table.add_row("total (wall)", f"{self.total:.2f}", "", style="bold")
        return table


@contextmanager
def measure() -> Iterator[BuildTimer]:
    """Make a fresh timer the active one: `stage()` blocks inside record into it."""
    timer = BuildTimer()
    token = _ACTIVE.set(timer)
    try:
        yield timer
    finally:
        _ACTIVE.reset(token)


@contextmanager
def stage(name: str) -> Iterator[None]:
    """Time a stage into the active timer (a no-op when no build is being measured, e.g. in tests)."""
    start = perf_counter()
    try:
        yield
    finally:
        timer = _ACTIVE.get()
        if timer is not None:
            timer.add(name, perf_counter() - start)


def progress(items: Iterable[T], total: int, description: str) -> Iterator[T]:
    """Yield `items`, with a transient progress bar on stderr when there are enough of them to take a while."""
    if total < PROGRESS_MIN_ITEMS or _ACTIVE.get() is None:
        yield from items
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=_CONSOLE, transient=True) as bar:
        yield from bar.track(items, total=total, description=description)
