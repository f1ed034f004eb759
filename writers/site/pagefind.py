"""Pagefind: a chunked static full-text index over OUT/site (OUT/site/pagefind/), so a query fetches only the chunks it needs."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BUNDLE = "pagefind"
NOTES = ("Note: Pagefind doesn't support stemming", "Search will still work")  # expected for zh: jieba-rs segments, nothing stems


@dataclass
class PagefindRun:
    """Outcome of one Pagefind run: exit code, what it reported, and the bundle's size."""

    returncode: int
    problems: list[str]
    files: int
    bytes: int

    def render(self) -> str:
        return f"pagefind: {self.files} files, {self.bytes / 1024:.0f} KB in {BUNDLE}/" + ("" if self.returncode == 0 else " FAILED")


def index_site(site: Path) -> PagefindRun:
    """`python -m pagefind --site OUT/site`: indexes the main content of every page (the theme marks it data-pagefind-body)."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", BUNDLE, "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = (result.stdout + result.stderr).splitlines()
    problems = [line for line in lines if line.strip() and not line.startswith(NOTES)]
    bundle = [path for path in (site / BUNDLE).rglob("*") if path.is_file()] if (site / BUNDLE).is_dir() else []
    return PagefindRun(result.returncode, problems, len(bundle), sum(path.stat().st_size for path in bundle))
