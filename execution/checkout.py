"""Identity of the project's code: equal digests on client and worker mean they run the same checkout."""

from __future__ import annotations

import hashlib
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent  # the project root this package sits in


def checkout_digest(root: Path | None = None) -> str:
    """Hash of the project's Python code (top-level scripts and packages, paths and bytes) under `root`, by default
    this checkout: equal on client and worker iff their code is. Tests, outputs and the venv are not walked."""
    root = root or CHECKOUT
    packages = [folder for folder in sorted(root.iterdir()) if (folder / "__init__.py").is_file() and folder.name != "tests"]
    paths = [*sorted(root.glob("*.py")), *(path for folder in packages for path in sorted(folder.rglob("*.py")))]
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
