"""The cyclic garbage collector paused while a stage makes many objects it keeps (records, a site's page state, an
index's listing): every collection would rescan all of them in vain, which took longer than making them."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic collector for the block; with `freeze`, then move every object that exists out of its reach for
    good (objects that live until the process ends)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()
