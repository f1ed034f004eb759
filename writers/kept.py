"""A value kept between builds under OUT/cache/, tagged with the version of what made it: a later build takes it back
only when it was made by the same version, and an absent, damaged or foreign file gives nothing (it only costs
making the value again). Pickles are only ever read from the build's own OUT/cache, which the build wrote."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import TypeVar

from writers.atomic import write_bytes

T = TypeVar("T")


def load(path: Path | None, version: object, kind: type[T]) -> T | None:
    """The `kind` value kept at `path` by `version`; None when there is none, it is damaged, or another version made it."""
    if path is None or not path.is_file():
        return None
    try:
        kept_version, value = pickle.loads(path.read_bytes())
    except Exception:  # damaged or of another shape: made again
        return None
    return value if kept_version == version and isinstance(value, kind) else None


def save(path: Path, version: object, value: object) -> None:
    """Keep `value` at `path`, tagged with `version`, replaced in one rename."""
    write_bytes(path, pickle.dumps((version, value), protocol=pickle.HIGHEST_PROTOCOL))
