"""Long fuzzing (on demand, not a test): N minutes of mutants of every real source and fixture, read through the build's
per-source entry point (parser.registry.read_source), the same harness as the test slice (tests/fuzz/harness.py).

    nice -n 19 .venv/bin/python benchmarks/fuzz_bench.py --minutes 30 [--seed 16] [--hang-seconds 30] [--out DIR]

Inputs take turns over the container kinds (text, Markdown, TSV/CSV, HTML, xlsx, xls, docx, doc, PDF), each a
mutant of a random file of that kind. Each runs in a worker process that reports its time and its peak memory (the
process's VmHWM, reset before every input through /proc/self/clear_refs); a worker silent for twice the hang time is
killed and counted a hang, one that dies a crash, and a new one started. Prints inputs tried, crashes, hangs, the
slowest input and peak memory per input, by kind; crashing and hanging inputs are saved to --out, to be kept as
regression fixtures in tests/fuzz/crashers/, and so are inputs after which the worker's peak passed 512 MB (a new worker
takes over, so memory the old one kept hides no later peak).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz.harness import container_kind, corpus, mutate, read_input, save_finding  # noqa: E402

MB = 2**20
BIG_PEAK = 512 * MB  # a worker's resident peak past this is reported with the input


def _peak_resident() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _reset_peak() -> None:
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM back to the current resident size


def worker(connection: Connection) -> None:
    """Read inputs sent over `connection` until it closes; answer (outcome, peak resident bytes)."""
    while True:
        try:
            name, data, hang_seconds = connection.recv()
        except EOFError:
            return
        _reset_peak()
        outcome = read_input(name, data, hang_seconds)
        connection.send((outcome, _peak_resident()))


@dataclass
class KindStats:
    """What the inputs of one container kind gave."""

    tried: int = 0
    crashes: int = 0
    hangs: int = 0
    slowest: tuple[float, str] = (0.0, "")
    peaks: list[int] = field(default_factory=list)
    largest: tuple[int, str] = (0, "")

    def add(self, seconds: float, name: str, peak: int | None) -> None:
        self.tried += 1
        self.slowest = max(self.slowest, (seconds, name))
        if peak is not None:
            self.peaks.append(peak)
            self.largest = max(self.largest, (peak, name))


class Worker:
    """A worker process and its end of the pipe; restarted after a hang or a death."""

    def __init__(self) -> None:
        self.connection, child = multiprocessing.Pipe()
        self.process = multiprocessing.get_context("fork").Process(target=worker, args=(child,), daemon=True)
        self.process.start()
        child.close()

    def ask(self, name: str, data: bytes, hang_seconds: float) -> tuple[str, object]:
        """("answer", (outcome, peak)) or ("hang", None) or ("died", exit code)."""
        try:
            self.connection.send((name, data, hang_seconds))
            if self.connection.poll(2 * hang_seconds + 10):
                return "answer", self.connection.recv()
        except (EOFError, BrokenPipeError, ConnectionResetError):
            return "died", self.process.exitcode
        return ("hang", None) if self.process.is_alive() else ("died", self.process.exitcode)

    def stop(self) -> None:
        self.process.kill()
        self.process.join()


def run(minutes: float, seed: int, hang_seconds: float, out: Path) -> dict[str, KindStats]:
    files = corpus()
    kinds = sorted({container_kind(path) for path in files})
    by_kind = {kind: [path for path in files if container_kind(path) == kind] for kind in kinds}
    data = {path: path.read_bytes() for path in files}
    rng, stats = random.Random(seed), defaultdict(KindStats)
    deadline, current = time.monotonic() + minutes * 60, Worker()
    number = 0
    try:
        while time.monotonic() < deadline:
            kind = kinds[number % len(kinds)]
            number += 1
            source = rng.choice(by_kind[kind])
            mutant = mutate(data[source], rng, data[rng.choice(files)])
            started = time.perf_counter()
            answer, detail = current.ask(source.name, mutant, hang_seconds)
            seconds = time.perf_counter() - started
            if answer == "answer":
                outcome, peak = detail
                stats[kind].add(outcome.seconds, source.name, peak)
                if peak > BIG_PEAK:  # kept to look at; a new worker, so the memory it holds on to hides no later peak
                    saved = save_finding(f"{kind}-memory", source, mutant, out)
                    print(f"peak {peak / MB:.0f} MB: mutant of {source.name} → {saved}", flush=True)
                    current.stop()
                    current = Worker()
                if outcome.status != "ok":
                    stats[kind].crashes += outcome.status == "crash"
                    stats[kind].hangs += outcome.status == "hang"
                    saved = save_finding(kind, source, mutant, out)
                    print(f"{outcome.status}: mutant of {source.name} → {saved}: {outcome.detail[:300]}", flush=True)
                continue
            stats[kind].add(seconds, source.name, None)
            if answer == "hang":
                stats[kind].hangs += 1
            else:
                stats[kind].crashes += 1
            saved = save_finding(kind, source, mutant, out)
            print(f"worker {answer} ({detail}) on a mutant of {source.name} → {saved}", flush=True)
            current.stop()
            current = Worker()
    finally:
        current.stop()
    return stats


def report(stats: dict[str, KindStats], minutes: float) -> None:
    print(f"{minutes:g} minutes, load {os.getloadavg()[0]:.2f} (1-minute average, {os.cpu_count()} cores)")
    header = f"{'kind':6} {'inputs':>7} {'crashes':>8} {'hangs':>6} {'slowest s':>10}  {'peak MB p50':>11} {'max':>6}"
    print(header + "  slowest input; largest (mutants of)")
    for kind, kind_stats in sorted(stats.items()):
        peaks = [peak / MB for peak in kind_stats.peaks] or [0.0]
        seconds, name = kind_stats.slowest
        print(f"{kind:6} {kind_stats.tried:7} {kind_stats.crashes:8} {kind_stats.hangs:6} {seconds:10.2f}  "
              f"{statistics.median(peaks):11.0f} {max(peaks):6.0f}  {name}; {kind_stats.largest[1]}")  # fmt: skip
    total = sum(kind_stats.tried for kind_stats in stats.values())
    crashes = sum(kind_stats.crashes for kind_stats in stats.values())
    hangs = sum(kind_stats.hangs for kind_stats in stats.values())
    print(f"total: {total} inputs, {crashes} crashes, {hangs} hangs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--hang-seconds", type=float, default=30.0, help="an input's time budget (limits: seconds)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out" / "fuzz", help="where findings are saved")
    args = parser.parse_args()
    report(run(args.minutes, args.seed, args.hang_seconds, args.out), args.minutes)


if __name__ == "__main__":
    main()
