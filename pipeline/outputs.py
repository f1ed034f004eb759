"""Which output files a build wrote: snapshots of OUT before and after, compared."""

from __future__ import annotations

import os
from pathlib import Path

from schema.changes import CHANGES_NAME, ChangeReport
from schema.corpus import FileSummary
from writers.atomic import CLOCK_SLACK_NS, GENERATIONS_SUFFIX

CACHE_DIR = "cache"
REPORT_FILE = f"data/{CHANGES_NAME}"

Snapshot = dict[str, tuple[int, int]]


def _walk(folder: str, prefix: str, found: Snapshot) -> None:
    """os.scandir rather than Path.rglob: a site holds tens of thousands of files, taken twice per build."""
    with os.scandir(folder) as entries:
        for entry in entries:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                _walk(entry.path, name + "/", found)
            elif entry.is_file(follow_symlinks=False):
                stat = entry.stat(follow_symlinks=False)
                found[name] = (stat.st_mtime_ns, stat.st_size)


def snapshot(out: Path) -> Snapshot:
    """Modification time and size of every output file under `out` (the cache and the published generations
    excluded: those are hard links to OUT/site's files, not outputs of their own)."""
    found: Snapshot = {}
    if out.is_dir():
        _walk(str(out), "", found)
    return {name: stamp for name, stamp in found.items() if not name.startswith(CACHE_DIR + "/") and not _generation(name)}


def _generation(name: str) -> bool:
    return name.partition("/")[0].endswith(GENERATIONS_SUFFIX)


def outline(out: Path) -> Snapshot:
    """Modification time and size of OUT's files two levels down (OUT/mkdocs.yml, OUT/data/powers.jsonl, OUT/site/index.html)
    and of the folders there (OUT/site/powers, whose time moves when a page is added or removed): what a build with
    nothing to do checks instead of every file of a province's site. A file deeper down that was damaged or removed
    is not noticed (the next real build rewrites it)."""
    found: Snapshot = {}
    if not out.is_dir():
        return found
    with os.scandir(out) as entries:
        top = sorted((entry for entry in entries if entry.name != CACHE_DIR), key=lambda entry: entry.name)
    for entry in top:
        if entry.is_dir(follow_symlinks=False):  # its own time moves with every file renamed into it (the change report)
            with os.scandir(entry.path) as inner:
                for item in inner:
                    stat = item.stat(follow_symlinks=False)
                    found[f"{entry.name}/{item.name}"] = (stat.st_mtime_ns, stat.st_size)
        else:
            stat = entry.stat(follow_symlinks=False)  # a file, or OUT/public (a symlink replaced at each publication)
            found[entry.name] = (stat.st_mtime_ns, stat.st_size)
    return found


def written_files(out: Path, started_ns: int, journaled: set[str]) -> list[str]:
    """Output files written since `started_ns`, sorted, without a walk of every file: the files
    the writers journaled (writers.atomic.journal) that are still there, and OUT's files two levels down whose time
    says so (the data files, the index's and mkdocs' sitemap, written by code that does not journal)."""
    root, since = os.path.abspath(out) + os.sep, started_ns - CLOCK_SLACK_NS
    found = {path[len(root) :] for path in journaled if path.startswith(root) and os.path.isfile(path)}
    found |= {name for name, (mtime, _) in outline(out).items() if mtime >= since and os.path.isfile(os.path.join(out, name))}
    return sorted(name for name in found if not name.startswith(CACHE_DIR + "/") and not _generation(name))


def work_line(summaries: list[FileSummary], written_files: list[str], report: ChangeReport) -> str:
    """One line saying how much work the build did; a rebuild with no change says that it did none."""
    cached = sum(summary.cached for summary in summaries)
    parsed = len(summaries) - cached
    work = [name for name in written_files if name != REPORT_FILE]
    if parsed == 0 and not work and report.nothing_changed:
        return f"nothing changed: all {cached} sources read from cache, no power changed, no output file rewritten"
    return f"parsed {parsed} sources ({cached} unchanged, from cache); wrote {len(work)} output files besides the change report"
