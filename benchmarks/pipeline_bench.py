"""Benchmark of the whole pipeline on generated sources: fresh build, rebuild after editing one row, no-change rebuild.

    .venv/bin/python -m benchmarks.pipeline_bench --powers 1000 10000
    .venv/bin/python -m benchmarks.pipeline_bench --powers 100000 --no-site   # parse + citations + index only
    .venv/bin/python -m benchmarks.pipeline_bench --powers 10000 --cluster-workers 1 2   # also full builds on Dask

Every build runs in its own process (build.py, or the records+index runner below with --no-site), so peak
memory is that process tree's largest resident set (wait4 ru_maxrss). Stage times come from the build's
--timings file. Results are printed as a table with the machine's cores and memory, and saved as JSON.
With --cluster-workers, each size is also built from scratch through a Dask cluster on loopback (a scheduler and N
single-threaded workers, started as an operator would) for each N, and the speed-up over the first N is printed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks.generate import generate
from benchmarks.search_payload import first_query_bytes
from execution.loopback import loopback_cluster

ROOT = Path(__file__).resolve().parent.parent
console = Console(highlight=False)


@dataclass
class Run:
    """One build process: wall seconds, peak resident memory and per-stage seconds."""

    seconds: float
    peak_mb: float
    stages: dict[str, float]
    load: tuple[float, float]  # 1-minute load average when the build started and when it ended


@dataclass
class Result:
    powers: int
    sources_mb: float
    files: int
    full: Run
    edit: Run
    noop: Run
    changed_after_edit: int
    parsed_after_edit: str
    pages: int
    site_mb: float
    payload_mb: float | None  # Pagefind bytes a first full-text query downloads (measured in Chromium)
    cluster: dict[int, Run] = field(default_factory=dict)  # full builds through a loopback Dask cluster, by workers
    cluster_identical: bool | None = None  # every cluster build's data and site equal the local full build's

    @property
    def parse_rate(self) -> float:
        return self.powers / self.full.stages.get("read", float("nan"))

    @property
    def kb_per_page(self) -> float | None:
        return self.site_mb * 1000 / self.pages if self.pages else None


def machine() -> str:
    """Cores, memory and load: the figures mean little without them."""
    memory = next((int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")), 0)
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return f"{os.cpu_count()} cores, {memory / 1024**2:.1f} GB memory, load average {load}, Python {sys.version.split()[0]}"


def run_build(sources: Path, out: Path, timings: Path, *, site: bool, index: bool, cluster: str | None = None) -> Run:
    """Run one build in a child process; its log goes next to the timings file."""
    command = [sys.executable, "build.py", "build"] if site else [sys.executable, "-m", "benchmarks.records_run"]
    command += [] if index else ["--no-index"]
    command += ["--cluster", cluster] if cluster else []
    command += ["--sources", str(sources), "--out", str(out), "--timings", str(timings)]
    log = timings.with_suffix(".log")
    load = os.getloadavg()[0]
    start = time.perf_counter()
    with log.open("w", encoding="utf-8") as output:
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise RuntimeError(f"build failed ({' '.join(command)}), see {log}")
    stages = json.loads(timings.read_text(encoding="utf-8"))
    return Run(seconds=seconds, peak_mb=usage.ru_maxrss / 1024, stages=stages, load=(load, os.getloadavg()[0]))


def edit_one_row(sources: Path) -> Path:
    """Change the duties cell of the first data row of the first TSV power list, as an editor would."""
    path = sorted((sources / "powerlists").glob("*.tsv"))[0]
    raw = path.read_bytes()
    encoding = "utf-8" if raw.decode("utf-8", errors="replace").count("\ufffd") == 0 else "gb18030"
    lines = raw.decode(encoding).split("\n")
    index = next(number for number, line in enumerate(lines) if re.match(r"\d+\t", line))
    cells = lines[index].split("\t")
    cells[-3] = cells[-3].replace("</p>", "（已修订）</p>", 1)
    lines[index] = "\t".join(cells)
    path.write_bytes("\n".join(lines).encode(encoding))
    return path


def folder_mb(folder: Path) -> float:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) / 1e6 if folder.exists() else 0.0


def _outputs(out: Path) -> dict[str, str]:
    """Digests of the data files and of every site file: what a cluster build must reproduce byte for byte."""
    files = [*(out / "data").iterdir(), *(path for path in (out / "site").rglob("*") if path.is_file())]
    return {path.relative_to(out).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest() for path in files}


def bench_cluster(powers: int, work: Path, workers: list[int], reference: Path) -> tuple[dict[int, Run], bool]:
    """A full build from scratch through a loopback cluster of each size; whether all equal the local build's outputs."""
    sources, runs, identical = work / f"sources-{powers}", {}, True
    expected = _outputs(reference)
    for count in workers:
        out, timings = work / f"out-{powers}-cluster-{count}", work / f"timings-{powers}-cluster-{count}.json"
        shutil.rmtree(out, ignore_errors=True)
        console.print(f"  full build on a loopback Dask cluster of {count} worker(s) …")
        with loopback_cluster(count, work / f"dask-{powers}-{count}") as address:
            runs[count] = run_build(sources, out, timings, site=True, index=True, cluster=address)
        identical = identical and _outputs(out) == expected
    return runs, identical


def bench(powers: int, work: Path, *, site: bool, index: bool, workers: list[int]) -> Result:
    sources, out, timings = work / f"sources-{powers}", work / f"out-{powers}", work / f"timings-{powers}.json"
    console.print(f"[bold]{powers} powers[/]: generating sources …")
    files = generate(powers, sources)
    if out.exists():
        shutil.rmtree(out)
    console.print("  full build …")
    full = run_build(sources, out, timings, site=site, index=index)
    cluster, identical = bench_cluster(powers, work, workers, out) if workers else ({}, None)
    payload = first_query_bytes(out / "site", "电子政务")[0] / 1e6 if site else None
    edited = edit_one_row(sources)
    console.print(f"  rebuild after editing one row of {edited.name} …")
    edit = run_build(sources, out, timings, site=site, index=index)
    changed = json.loads((out / "data" / "changes.json").read_text(encoding="utf-8"))["counts"]["changed"]
    parsed = re.search(r"parsed (\d+) sources", timings.with_suffix(".log").read_text(encoding="utf-8"))
    console.print("  rebuild without change …")
    noop = run_build(sources, out, timings, site=site, index=index)
    pages = sum(1 for _ in (out / "site").rglob("*.html")) if site else 0
    return Result(
        powers=powers,
        sources_mb=folder_mb(sources),
        files=len(files),
        full=full,
        edit=edit,
        noop=noop,
        changed_after_edit=changed,
        parsed_after_edit=parsed.group(1) if parsed else "?",
        pages=pages,
        site_mb=folder_mb(out / "site"),
        payload_mb=payload,
        cluster=cluster,
        cluster_identical=identical,
    )


def _seconds(run: Run, stage: str) -> str:
    """A stage's seconds; "site" sums the site's stages (pages, mkdocs, pagefind)."""
    parts = [seconds for name, seconds in run.stages.items() if name == stage or name.startswith(f"{stage} ")]
    return f"{sum(parts):.1f} s" if parts else "–"


def _site_parts(run: Run) -> str:
    return " / ".join(_seconds(run, f"site {part}") for part in ("pages", "mkdocs", "pagefind"))


def _load(run: Run) -> str:
    return f"{run.load[0]:.1f} → {run.load[1]:.1f}"


def _cluster_cell(result: Result, workers: int) -> str:
    """Wall time on `workers` workers, its speed-up over the smallest cluster, its load and whether outputs matched."""
    run = result.cluster.get(workers)
    if run is None:
        return "–"
    base = result.cluster[min(result.cluster)]
    same = {True: "same bytes", False: "OUTPUT DIFFERS", None: ""}[result.cluster_identical]
    return f"{run.seconds:.1f} s (×{base.seconds / run.seconds:.2f}; load {_load(run)}; {same})"


def _cluster_parts(result: Result, workers: int) -> str:
    run = result.cluster.get(workers)
    return " / ".join(_seconds(run, stage) for stage in ("read", "site mkdocs", "site pagefind")) if run else "–"


def table(results: list[Result]) -> Table:
    grid = Table(title=f"Quanze pipeline benchmark — {machine()}", title_justify="left")
    grid.add_column("measure")
    for result in results:
        grid.add_column(f"{result.powers:,} powers", justify="right")
    rows = {
        "power lists (MB of sources)": lambda r: f"{r.files} ({r.sources_mb:.1f} MB)",
        "full build, wall": lambda r: f"{r.full.seconds:.1f} s",
        "parse (read stage)": lambda r: _seconds(r.full, "read"),
        "parse throughput": lambda r: f"{r.parse_rate:,.0f} powers/s",
        "citation resolution": lambda r: _seconds(r.full, "resolve citations"),
        "index build": lambda r: _seconds(r.full, "index"),
        "site build": lambda r: _seconds(r.full, "site"),
        "  of which pages / mkdocs / pagefind": lambda r: _site_parts(r.full),
        "site pages / output per page": lambda r: f"{r.pages:,} / {r.kb_per_page:.1f} KB" if r.kb_per_page else "–",
        "search payload, first query": lambda r: f"{r.payload_mb:.2f} MB" if r.payload_mb is not None else "–",
        "peak memory (largest process)": lambda r: f"{max(r.full.peak_mb, r.edit.peak_mb):,.0f} MB",
        "rebuild after editing one row": lambda r: f"{r.edit.seconds:.1f} s ({r.changed_after_edit} changed, {r.parsed_after_edit} parsed)",
        "  of which parse / index / site": lambda r: " / ".join(_seconds(r.edit, stage) for stage in ("read", "index", "site")),
        "  site: pages / mkdocs / pagefind": lambda r: _site_parts(r.edit),
        "rebuild without change": lambda r: f"{r.noop.seconds:.1f} s",
        "load average (start → end): full / one row / none": lambda r: " / ".join(_load(run) for run in (r.full, r.edit, r.noop)),
    }
    for count in sorted({count for result in results for count in result.cluster}):
        rows[f"full build on Dask, {count} worker(s)"] = lambda r, n=count: _cluster_cell(r, n)
        rows[f"  {count} worker(s): parse / mkdocs / pagefind"] = lambda r, n=count: _cluster_parts(r, n)
    for name, cell in rows.items():
        grid.add_row(name, *(cell(result) for result in results))
    return grid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--powers", type=int, nargs="+", default=[1000, 10000], help="sizes to run (default: 1000 10000)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench", help="folder for generated sources and outputs")
    parser.add_argument("--no-site", action="store_true", help="records and index only (for the largest sizes)")
    parser.add_argument("--no-index", action="store_true", help="with --no-site: records only")
    parser.add_argument("--cluster-workers", type=int, nargs="*", default=[], help="also build on loopback Dask clusters of these sizes")
    args = parser.parse_args(argv)
    if args.no_index and not args.no_site:
        parser.error("--no-index needs --no-site (build.py always indexes)")
    args.work.mkdir(parents=True, exist_ok=True)
    if args.cluster_workers and args.no_site:
        parser.error("--cluster-workers builds the site: drop --no-site")
    options = {"site": not args.no_site, "index": not args.no_index, "workers": args.cluster_workers}
    results = [bench(powers, args.work, **options) for powers in args.powers]
    console.print(table(results))
    saved = args.work / "results.json"
    saved.write_text(json.dumps([{**asdict(r), "machine": machine()} for r in results], indent=1, default=str), encoding="utf-8")
    console.print(f"saved {saved}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
