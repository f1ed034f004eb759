"""The one way a container reports a file it cannot open: a code and a message naming the cause."""

from __future__ import annotations


class ContainerError(Exception):
    """A file the container cannot open (corrupt, encrypted, no text layer, converter missing)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
