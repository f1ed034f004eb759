"""Which output files a build wrote: snapshots of OUT before and after, compared."""

from __future__ import annotations

from pathlib import Path

from pipeline.changes import CHANGES_NAME, ChangeReport
from pipeline.corpus import FileSummary

CACHE_DIR = "cache"
REPORT_FILE = f"data/{CHANGES_NAME}"

Snapshot = dict[str, tuple[int, int]]


def snapshot(out: Path) -> Snapshot:
    """Modification time and size of every output file under `out` (the cache excluded)."""
    if not out.exists():
        return {}
    files = (path for path in out.rglob("*") if path.is_file())
    return {
        name: (stat.st_mtime_ns, stat.st_size)
        for path in files
        if not (name := path.relative_to(out).as_posix()).startswith(CACHE_DIR + "/")
        for stat in (path.stat(),)
    }


def written(before: Snapshot, after: Snapshot) -> list[str]:
    """Files created or rewritten between the two snapshots, sorted."""
    return sorted(name for name, state in after.items() if before.get(name) != state)


def deleted(before: Snapshot, after: Snapshot) -> list[str]:
    """Files present before and gone after, sorted."""
    return sorted(before.keys() - after.keys())


def work_line(summaries: list[FileSummary], written_files: list[str], report: ChangeReport) -> str:
    """One line saying how much work the build did; a rebuild with no change says that it did none."""
    cached = sum(summary.cached for summary in summaries)
    parsed = len(summaries) - cached
    work = [name for name in written_files if name != REPORT_FILE]
    if parsed == 0 and not work and report.nothing_changed:
        return f"nothing changed: all {cached} sources read from cache, no power changed, no output file rewritten"
    return f"parsed {parsed} sources ({cached} unchanged, from cache); wrote {len(work)} output files besides the change report"
