"""Load benchmark (on demand, not a test): N concurrent clients against a real `build.py serve` on loopback.

    .venv/bin/python benchmarks/load_bench.py [--out OUT] [--clients 64] [--requests 2000] [--static-share 0.2]
        [--distinct] [--workers 2] [--runs 1] [--seconds 120]

Starts `build.py serve --out OUT --port 0` (building the seeds into OUT first when it holds no index), then runs
N clients, each on its own keep-alive connection as a browser would, over a query mix: the queries of
tests/search/relevance.yml on /api/search (three quarters as the site's search box sends them, a quarter with kinds
and limits), and a share of the site's pages and assets.
`--distinct` makes every API request a different one (the limit varies), so no answer comes from the server's
answer cache and every request runs a search. Bounded: loopback only, at most --requests requests and --seconds
seconds. Prints throughput, p50/p95/p99/max latency and errors (any status but 200, or a failed connection), and
p50/p95 by class of request: an API request asked for the first time (a search), one asked before (answered from
the server's cache, unless another worker process got it), a page or asset; and the opening round, each client's
first request (all clients connect at once to a server that has answered nothing of the mix yet, so with 2,000
requests the slowest 1% is mostly that round). The clients run on uvloop in one process on the same cores as the
server, and print the CPU time they used; the server's CPU is printed per request and per worker process (how the
connections spread over the processes). `--runs N` repeats the whole run with a new server N times (the load
average is printed before each) and prints the median of the runs' figures.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import uvloop
import yaml

ROOT = Path(__file__).resolve().parent.parent
RELEVANCE = ROOT / "tests" / "search" / "relevance.yml"
KINDS = (None, "power", "article", None)
LIMITS = (8, 10, 20)
REQUEST_TIMEOUT = 10.0
CONNECTIONS_AFTER = 0.2  # seconds into a run at which the connections each server process holds are counted


def api_paths(distinct: bool, count: int, seed: int) -> list[str]:
    """API request paths over the relevance queries: mostly as the site's search box sends them (limit 8), a quarter
    with a kind and a limit as legal staff write them; all different when `distinct` (the limit varies)."""
    queries = [case["q"] for case in yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))["queries"]]
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        query, params = rng.choice(queries), {"limit": "8"}
        if distinct:
            params = {"limit": str(1 + number % 50)} | ({"kind": kind} if (kind := rng.choice(KINDS)) else {})
        elif rng.random() < 0.25:
            params = {"limit": str(rng.choice(LIMITS))} | ({"kind": kind} if (kind := rng.choice(KINDS)) else {})
        paths.append("/api/search?" + urlencode({"q": query} | params))
    return list(dict.fromkeys(paths)) if distinct else paths


def static_paths(site: Path) -> list[str]:
    """Pages and assets as a visit fetches them: pages, the theme's bundles, the Pagefind entry file."""
    pages = [*sorted(site.glob("*/*/index.html"))[:40], site / "index.html", site / "fulltext" / "index.html"]
    assets = sorted(site.glob("assets/javascripts/bundle.*.min.js")) + sorted(site.glob("assets/stylesheets/*.min.css"))
    assets += [site / "pagefind" / "pagefind-entry.json", site / "assets" / "api-search.js"]
    return ["/" + path.relative_to(site).as_posix().removesuffix("index.html") for path in pages + assets if path.exists()]


def request_mix(out: Path, total: int, static_share: float, distinct: bool, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    statics = static_paths(out / "site")
    apis = api_paths(distinct, total, seed)
    api_cycle = itertools.cycle(apis)
    return [rng.choice(statics) if rng.random() < static_share else next(api_cycle) for _ in range(total)]


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str) -> tuple[int, bool]:
    """One GET on an open connection: (status, whether the server keeps the connection)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n".encode("ascii"))
    await writer.drain()
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split()[1])
    headers = dict(line.lower().split(": ", 1) for line in head[1:] if ": " in line)
    await reader.readexactly(int(headers.get("content-length", "0")))
    return status, headers.get("connection") != "close"


Latency = tuple[str, float, bool]  # request path, seconds, whether it was its client's first request


async def client(port: int, work: list[str], deadline: float, latencies: list[Latency], errors: dict[str, int]) -> None:
    """Take requests off the shared list until it is empty or time is up; reconnect when a connection drops."""
    connection, first = None, True
    while work and time.monotonic() < deadline:
        path = work.pop()
        started = time.perf_counter()
        try:
            async with asyncio.timeout(REQUEST_TIMEOUT):
                if connection is None:
                    connection = await asyncio.open_connection("127.0.0.1", port)
                status, keep = await fetch(*connection, path)
        except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
            errors[type(error).__name__] = errors.get(type(error).__name__, 0) + 1
            connection = _close(connection)
            continue
        latencies.append((path, time.perf_counter() - started, first))
        first = False
        if status != 200:
            errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
        if not keep:
            connection = _close(connection)
    _close(connection)


def _close(connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None) -> None:
    if connection is not None:
        connection[1].close()


async def run_load(port: int, paths: list[str], clients: int, seconds: float, pid: int) -> tuple[list[Latency], dict[str, int], float]:
    work = list(reversed(paths))
    latencies: list[Latency] = []
    errors: dict[str, int] = {}
    baseline = sockets_by_process(pid)
    started, cpu = time.perf_counter(), time.process_time()
    deadline = time.monotonic() + seconds
    spread = asyncio.ensure_future(connections_during(pid, baseline, CONNECTIONS_AFTER))
    await asyncio.gather(*(client(port, work, deadline, latencies, errors) for _ in range(clients)))
    wall = time.perf_counter() - started
    print(f"the clients used {time.process_time() - cpu:.2f} s of CPU in {wall:.2f} s")
    if spread.done() and len(spread.result()) > 1:
        counts = [count for process, count in sorted(spread.result().items()) if process != pid]
        print(f"connections by worker process {CONNECTIONS_AFTER:g} s into the run: {' / '.join(map(str, counts))}")
    spread.cancel()
    return latencies, errors, wall


def listeners(port: int) -> int:
    """Listening TCP sockets on `port` (with several workers, the server's processes listen each on its own)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return sum(1 for row in rows if row.split()[1].endswith(f":{port:04X}") and row.split()[3] == "0A")


async def wait_ready(port: int, answers: int, workers: int, seconds: float = 120.0) -> None:
    """Until every worker process listens and the server has answered `answers` requests in a row, untimed (a worker
    still warming up would leave its share of the connections to the others)."""
    deadline, answered = time.monotonic() + seconds, 0
    while answered < answers or listeners(port) < workers:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not answer in time")
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            status, _ = await fetch(reader, writer, "/")
            writer.close()
            answered = answered + 1 if status == 200 else 0
            await asyncio.sleep(0.05 if answered >= answers else 0)
        except OSError:
            answered = 0
            await asyncio.sleep(0.2)


def start_server(out: Path, workers: int) -> tuple[subprocess.Popen, int]:
    """`build.py serve --port 0` on 127.0.0.1; returns the process and the port it printed."""
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--out", str(out), "--port", "0", "--workers", str(workers)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "COLUMNS": "300"})
    line = process.stdout.readline()
    if "http://127.0.0.1:" not in line:
        process.kill()
        raise SystemExit(f"the server did not start: {line}{process.stdout.read()}")
    return process, int(line.split("http://127.0.0.1:")[1].split("/")[0])


def cpu_seconds(pid: int) -> dict[int, float]:
    """User and system CPU time so far of a process and of each of its live children, the server's workers (Linux /proc)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            found[int(stat.parent.name)] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return found


def sockets_by_process(pid: int) -> dict[int, int]:
    """Open sockets of each of the server's processes (its connections, plus a few of its own)."""
    counts = {}
    for process in cpu_seconds(pid):
        try:
            counts[process] = sum(os.readlink(fd).startswith("socket:") for fd in Path(f"/proc/{process}/fd").iterdir())
        except OSError:
            continue
    return counts


async def connections_during(pid: int, baseline: dict[int, int], after: float) -> dict[int, int]:
    """Connections each server process holds `after` seconds into the run (the clients' keep-alive connections)."""
    await asyncio.sleep(after)
    return {process: count - baseline.get(process, 0) for process, count in sockets_by_process(pid).items()}


def print_server_cpu(before: dict[int, float], after: dict[int, float], server_pid: int, answered: int) -> None:
    used = {pid: seconds - before.get(pid, 0.0) for pid, seconds in sorted(after.items())}
    total = sum(used.values())
    workers = [f"{seconds:.2f}" for pid, seconds in used.items() if pid != server_pid or len(used) == 1]
    print(f"the server used {total:.2f} s of CPU: {total / max(answered, 1) * 1000:.2f} ms a request; "
          f"by worker process {' / '.join(workers)} s")  # fmt: skip


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[round(share * 1000) - 1] if len(values) > 1 else values[0]


def report(latencies: list[Latency], errors: dict[str, int], wall: float, planned: int) -> dict[str, float]:
    """Print a run's figures; returns the headline ones."""
    ms = sorted(value * 1000 for _, value, _ in latencies) or [float("nan")]
    figures = {"req/s": len(latencies) / wall, "p50": percentile(ms, 0.50), "p95": percentile(ms, 0.95), "p99": percentile(ms, 0.99)}
    figures |= {"max": ms[-1], "errors": sum(errors.values())}
    print(f"requests {len(latencies)} answered of {planned} planned in {wall:.2f} s: {figures['req/s']:.0f} req/s")
    print(f"latency ms: p50 {figures['p50']:.1f}  p95 {figures['p95']:.1f}  p99 {figures['p99']:.1f}  max {ms[-1]:.1f}")
    classes: dict[str, list[float]] = {"API, first ask": [], "API, asked before": [], "pages and assets": [], "opening round": []}
    asked: set[str] = set()
    for path, value, first in latencies:  # in the order the answers came, which is near enough the order of asking
        name = "pages and assets" if not path.startswith("/api/") else "API, asked before" if path in asked else "API, first ask"
        classes[name].append(value * 1000)
        if first:
            classes["opening round"].append(value * 1000)
        asked.add(path)
    for name, values in classes.items():
        if values:
            values.sort()
            print(f"  {name}: {len(values)} requests, p50 {percentile(values, 0.50):.1f}  p95 {percentile(values, 0.95):.1f}  "
                  f"max {values[-1]:.1f} ms")  # fmt: skip
    print(f"errors {figures['errors']}" + (f": {errors}" if errors else ""))
    return figures


def print_medians(runs: list[dict[str, float]]) -> None:
    medians = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    errors = sum(run["errors"] for run in runs)
    print(f"median of {len(runs)} runs: {medians['req/s']:.0f} req/s, p50 {medians['p50']:.1f}  p95 {medians['p95']:.1f}  "
          f"p99 {medians['p99']:.1f}  max {medians['max']:.1f} ms; errors in all runs {errors:.0f}")  # fmt: skip


def ensure_built(out: Path) -> None:
    if not (out / "index" / "ENGINE").exists() or not (out / "site").is_dir():
        print(f"building the seeds into {out} …", flush=True)
        subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(out)], check=True, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "quanze-load-bench", help="a built OUT")
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--static-share", type=float, default=0.2, help="share of requests for pages and assets")
    parser.add_argument("--distinct", action="store_true", help="every API request different (no cached answers)")
    parser.add_argument("--workers", type=int, default=2, help="server processes (serve's default on 2 cores)")
    parser.add_argument("--seconds", type=float, default=120.0, help="stop issuing requests after this long")
    parser.add_argument("--runs", type=int, default=1, help="repeat with a new server this many times; print the medians")
    args = parser.parse_args()
    ensure_built(args.out)
    paths = request_mix(args.out, args.requests, args.static_share, args.distinct)
    runs = [one_run(args, paths, number) for number in range(1, args.runs + 1)]
    if len(runs) > 1:
        print_medians(runs)


def one_run(args: argparse.Namespace, paths: list[str], number: int) -> dict[str, float]:
    """One run against a newly started server: its figures."""
    process, port = start_server(args.out, args.workers)
    try:
        uvloop.run(wait_ready(port, 4 * args.workers, args.workers))
        print(f"{f'run {number}: ' if args.runs > 1 else ''}load: {os.getloadavg()[0]:.2f} (1-minute average, {os.cpu_count()} cores); "
              f"{args.workers} server processes, {args.clients} clients, {len(paths)} requests, "
              f"{args.static_share:.0%} pages and assets, {len(set(paths))} distinct requests")  # fmt: skip
        before = cpu_seconds(process.pid)
        latencies, errors, wall = uvloop.run(run_load(port, paths, args.clients, args.seconds, process.pid))
        print_server_cpu(before, cpu_seconds(process.pid), process.pid, len(latencies))
        return report(latencies, errors, wall, len(paths))
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
