"""A spy on which folders a test's code lists, for tests of what publish reads again and what it skips."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest


def folders_listed(monkeypatch: pytest.MonkeyPatch, root: Path) -> list[str]:
    """The folders this process lists (os.scandir) from now on, relative to `root`; the list grows as they are listed."""
    read: list[str] = []
    scandir = os.scandir

    def listing(path: str | int) -> Iterator[os.DirEntry[str]]:
        read.extend([os.path.relpath(path, root)] if isinstance(path, str) else [])  # rmtree lists by descriptor
        return scandir(path)

    monkeypatch.setattr(os, "scandir", listing)
    return read
