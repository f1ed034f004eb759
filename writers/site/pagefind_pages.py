"""Which pages of OUT/site Pagefind indexes, and their stamps (size and modification time), from one walk of the site.

A province's site holds 106,000 pages: walking it with os.scandir and stamping each entry takes a fraction of the time
pathlib's rglob and stat take, and whether a page other than a power page is marked for Pagefind is read from its bytes
only when its stamp moved (the other pages hold 350 MB of instruments and documents at 100,000 powers). When the build
knows which pages it wrote since the site was last indexed (its journal), the 100,000 power pages are named from one
listing of their folder instead of walked and stamped (1.9 s of a one-row rebuild)."""

from __future__ import annotations

import os
from pathlib import Path

from writers.atomic import journaled_so_far
from writers.site.pagefind_stage import BODY_ATTRIBUTE
from writers.site.sync import stamp, stamps_fingerprint

POWER_PAGES = "powers/"


def site_pages(site: Path, skip: str, powers: bool = True) -> dict[str, str]:
    """Every HTML file of the site but those in top-level folders named `skip`… (the bundles, which hold tens of
    thousands of files and no pages), and but the power pages unless `powers`, by its path relative to the site, with
    its stamp."""
    found: dict[str, str] = {}
    pending = [(str(site), "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                skipped = not prefix and (entry.name.startswith(skip) or (not powers and f"{entry.name}/" == POWER_PAGES))
                if entry.is_dir() and not skipped:
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
                elif entry.name.endswith(".html") and entry.is_file():
                    found[prefix + entry.name] = stamp(entry.stat())
    return found


def power_page_names(site: Path) -> list[str]:
    """The power pages, named without a walk: the page of each folder of OUT/site/powers (mkdocs' directory URL of
    docs/powers/<id>.md, powers/<id>/index.html) and any HTML file there."""
    folder = site / POWER_PAGES
    if not folder.is_dir():
        return []
    with os.scandir(folder) as entries:
        named = [(entry.name, entry.is_dir()) for entry in entries]
    return [POWER_PAGES + (f"{name}/index.html" if is_dir else name) for name, is_dir in named if is_dir or name.endswith(".html")]


def written_pages(site: Path) -> set[str] | None:
    """The HTML files of the site this build has written so far (paths relative to it), from its journal; None when the
    build keeps none."""
    written = journaled_so_far()
    if written is None:
        return None
    root = os.path.abspath(site) + os.sep
    return {path[len(root) :] for path in written if path.startswith(root) and path.endswith(".html")}


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
