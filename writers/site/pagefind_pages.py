"""Which pages of OUT/site Pagefind indexes, and their stamps (size and modification time), from one walk of the site.

A province's site holds 106,000 pages: walking it with os.scandir and stamping each entry takes a fraction of the time
pathlib's rglob and stat take, and whether a page other than a power page is marked for Pagefind is read from its bytes
only when its stamp moved (the other pages hold 350 MB of instruments and documents at 100,000 powers)."""

from __future__ import annotations

import os
from pathlib import Path

from writers.site.pagefind_stage import BODY_ATTRIBUTE
from writers.site.sync import stamp, stamps_fingerprint

POWER_PAGES = "powers/"


def site_pages(site: Path, skip: str) -> dict[str, str]:
    """Every HTML file of the site but those in top-level folders named `skip`… (the bundles, which hold tens of
    thousands of files and no pages), by its path relative to the site, with its stamp."""
    found: dict[str, str] = {}
    pending = [(str(site), "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir() and (prefix or not entry.name.startswith(skip)):
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".html") and entry.is_file():
                    found[prefix + entry.name] = stamp(entry.stat())
    return found


def marked_pages(site: Path, stamps: dict[str, str], kept: dict[str, bool]) -> dict[str, bool]:
    """Whether Pagefind indexes each page other than the power pages (which it always does): when the theme marked its
    content (the home, downloads and search pages opt out, and change with every build: they must not cost a
    re-index). `kept`: this answer by page and stamp from the last run (`page stamp` keys), as returned."""
    marked = {}
    for page, page_stamp in stamps.items():
        if not page.startswith(POWER_PAGES):
            key = f"{page} {page_stamp}"
            marked[key] = kept[key] if key in kept else BODY_ATTRIBUTE in (site / page).read_bytes()
    return marked


def signature(pages: list[str], stamps: dict[str, str]) -> str:
    """The pages' stamps_fingerprint, sorted as stamp_fingerprint sorts paths (by their parts), so a site indexed before
    keeps its signatures."""
    return stamps_fingerprint((page, stamps[page]) for page in sorted(pages, key=lambda page: page.split("/")))
