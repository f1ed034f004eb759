"""Load benchmark (on demand, not a test): N concurrent clients against a real `build.py serve` on loopback.

    .venv/bin/python benchmarks/load_bench.py [--out OUT] [--clients 64] [--requests 2000] [--static-share 0.2]
        [--distinct] [--seconds 120]

Starts `build.py serve --out OUT --port 0` (building the seeds into OUT first when it holds no index), then runs
N clients, each on its own keep-alive connection as a browser would, over a query mix: the queries of
tests/search/relevance.yml on /api/search (three quarters as the site's search box sends them, a quarter with kinds
and limits), and a share of the site's pages and assets.
`--distinct` makes every API request a different one (the limit varies), so no answer comes from the server's
answer cache and every request runs a search. Bounded: loopback only, at most --requests requests and --seconds
seconds. Prints throughput, p50/p95/p99/max latency and errors (any status but 200, or a failed connection), and
p50/p95 by class of request: an API request asked for the first time (a search), one asked before (answered from
the server's cache, unless another worker process got it), a page or asset. The clients run on uvloop in one process
on the same cores as the server, and print the CPU time they used.
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


async def client(port: int, work: list[str], deadline: float, latencies: list[tuple[str, float]], errors: dict[str, int]) -> None:
    """Take requests off the shared list until it is empty or time is up; reconnect when a connection drops."""
    connection = None
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
        latencies.append((path, time.perf_counter() - started))
        if status != 200:
            errors[f"HTTP {status}"] = errors.get(f"HTTP {status}", 0) + 1
        if not keep:
            connection = _close(connection)
    _close(connection)


def _close(connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None) -> None:
    if connection is not None:
        connection[1].close()


async def run_load(port: int, paths: list[str], clients: int, seconds: float) -> tuple[list[tuple[str, float]], dict[str, int], float]:
    work = list(reversed(paths))
    latencies: list[tuple[str, float]] = []
    errors: dict[str, int] = {}
    started, cpu = time.perf_counter(), time.process_time()
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(client(port, work, deadline, latencies, errors) for _ in range(clients)))
    wall = time.perf_counter() - started
    print(f"the clients used {time.process_time() - cpu:.2f} s of CPU in {wall:.2f} s")
    return latencies, errors, wall


async def wait_ready(port: int, answers: int, seconds: float = 120.0) -> None:
    """Until the server has answered `answers` requests in a row (every worker process has started), untimed."""
    deadline, answered = time.monotonic() + seconds, 0
    while answered < answers:
        if time.monotonic() > deadline:
            raise SystemExit("the server did not answer in time")
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            status, _ = await fetch(reader, writer, "/")
            writer.close()
            answered = answered + 1 if status == 200 else 0
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


def cpu_seconds(pid: int) -> float:
    """User and system CPU time so far of a process and its live children, the server's workers (Linux /proc)."""
    total = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if stat.parent.name == str(pid) or fields[1] == str(pid):
            total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[round(share * 1000) - 1] if len(values) > 1 else values[0]


def report(latencies: list[tuple[str, float]], errors: dict[str, int], wall: float, planned: int) -> None:
    ms = sorted(value * 1000 for _, value in latencies) or [float("nan")]
    print(f"requests {len(latencies)} answered of {planned} planned in {wall:.2f} s: {len(latencies) / wall:.0f} req/s")
    print(f"latency ms: p50 {percentile(ms, 0.50):.1f}  p95 {percentile(ms, 0.95):.1f}  p99 {percentile(ms, 0.99):.1f}  max {ms[-1]:.1f}")
    classes: dict[str, list[float]] = {"API, first ask": [], "API, asked before": [], "pages and assets": []}
    asked: set[str] = set()
    for path, value in latencies:  # in the order the answers came, which is near enough the order of asking
        name = "pages and assets" if not path.startswith("/api/") else "API, asked before" if path in asked else "API, first ask"
        classes[name].append(value * 1000)
        asked.add(path)
    for name, values in classes.items():
        if values:
            values.sort()
            print(f"  {name}: {len(values)} requests, p50 {percentile(values, 0.50):.1f}  p95 {percentile(values, 0.95):.1f} ms")
    print(f"errors {sum(errors.values())}" + (f": {errors}" if errors else ""))


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
    args = parser.parse_args()
    ensure_built(args.out)
    paths = request_mix(args.out, args.requests, args.static_share, args.distinct)
    process, port = start_server(args.out, args.workers)
    try:
        uvloop.run(wait_ready(port, 4 * args.workers))
        print(f"load: {os.getloadavg()[0]:.2f} (1-minute average, {os.cpu_count()} cores); {args.workers} server processes, "
              f"{args.clients} clients, {len(paths)} requests, {args.static_share:.0%} pages and assets, "
              f"{len(set(paths))} distinct requests")  # fmt: skip
        server_cpu = cpu_seconds(process.pid)
        latencies, errors, wall = uvloop.run(run_load(port, paths, args.clients, args.seconds))
        server_cpu = cpu_seconds(process.pid) - server_cpu
        print(f"the server used {server_cpu:.2f} s of CPU: {server_cpu / max(len(latencies), 1) * 1000:.2f} ms a request")
        report(latencies, errors, wall, len(paths))
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
