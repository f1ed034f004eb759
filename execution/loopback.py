"""A Dask cluster on this machine, started as an operator would (`dask scheduler`, `dask worker`), for tests and benchmarks.

Every process listens on 127.0.0.1 only, on free ports; the workers import the project from this checkout."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from distributed import Client

from execution.checkout import CHECKOUT

DASK = Path(sys.executable).parent / "dask"
STARTUP_SECONDS = 60
STOP_SECONDS = 20


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for_workers(address: str, count: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with Client(address, timeout="5s", set_as_default=False) as client:
                client.wait_for_workers(count, timeout=max(1.0, deadline - time.monotonic()))
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
    for process in reversed(processes):
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def loopback_cluster(workers: int, logs: Path | None = None) -> Iterator[str]:
    """A scheduler and `workers` single-threaded workers on 127.0.0.1; yields the scheduler's address, stops them after.

    `logs`: folder for the processes' output (default: a temporary folder, removed afterwards)."""
    with tempfile.TemporaryDirectory(prefix="quanze-dask-") as scratch:
        folder = logs or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        port = _free_port()
        address = f"tcp://127.0.0.1:{port}"
        environment = {**os.environ, "PYTHONPATH": str(CHECKOUT)}
        commands = [[str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]]
        worker = [str(DASK), "worker", address, "--host", "127.0.0.1", "--nthreads", "1", "--no-dashboard"]
        commands += [[*worker, "--local-directory", f"{scratch}/w{n}"] for n in range(workers)]
        processes: list[subprocess.Popen[bytes]] = []
        try:
            for number, command in enumerate(commands):
                with (folder / f"dask-{number}.log").open("wb") as log:
                    processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=environment, cwd=scratch))
            _wait_for_workers(address, workers)
            yield address
        finally:
            _stop(processes)
