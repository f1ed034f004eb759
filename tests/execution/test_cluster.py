"""A build through a real Dask cluster on loopback (one scheduler, two workers) gives a local build's bytes."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import Client

from benchmarks.generate import generate
from execution.cluster import ClusterMismatch, DaskCluster
from execution.local import LocalPool
from execution.loopback import loopback_cluster

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and two `dask worker`s (one thread each) on 127.0.0.1, as an operator would start them."""
    with loopback_cluster(2, tmp_path_factory.mktemp("dask")) as address:
        yield address


def _build(sources: Path, out: Path, *extra: str) -> str:
    command = [sys.executable, "build.py", "--sources", str(sources), "--out", str(out), *extra]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-3000:]
    return run.stderr


def _outputs(out: Path) -> dict[str, bytes]:
    """The data files and every file of the site (HTML, the theme's search index, Pagefind bundles, assets)."""
    files = [*sorted((out / "data").iterdir()), *sorted(path for path in (out / "site").rglob("*") if path.is_file())]
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in files}


def _task_prefixes(address: str) -> set[str]:
    """Names of the functions the scheduler has run tasks of."""
    with Client(address, timeout="10s", set_as_default=False) as client:
        return set(client.run_on_scheduler(lambda dask_scheduler: list(dask_scheduler.task_prefixes)))


def test_a_cluster_build_of_1000_powers_is_byte_identical_to_a_local_build(scheduler: str, tmp_path: Path) -> None:
    sources = tmp_path / "sources"
    generate(1000, sources)
    _build(sources, tmp_path / "local")
    log = _build(sources, tmp_path / "cluster", "--cluster", scheduler)
    assert f"parallel stages on the Dask cluster {scheduler}: 2 workers, 2 threads" in log
    assert {"read_task", "render", "index_shard"} <= _task_prefixes(scheduler), "reading, rendering and indexing ran on the workers"
    local, cluster = _outputs(tmp_path / "local"), _outputs(tmp_path / "cluster")
    assert sum(name.endswith(".html") for name in local) > 1000
    assert sorted(local) == sorted(cluster)
    assert [name for name in local if local[name] != cluster[name]] == []


def test_the_executors_map_in_order_and_a_cluster_reports_its_slots(scheduler: str) -> None:
    items = list(range(7))
    with DaskCluster(scheduler) as cluster, LocalPool(2) as pool:
        assert cluster.slots == 2 and not cluster.local_files and pool.local_files
        assert cluster.map(abs, [-n for n in items]) == pool.map(abs, [-n for n in items]) == items


def test_workers_on_another_checkout_are_refused(scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "module.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.setattr("execution.checkout.CHECKOUT", tmp_path)  # the client's checkout only: the workers keep theirs
    with pytest.raises(ClusterMismatch, match="another checkout"):
        DaskCluster(scheduler)
