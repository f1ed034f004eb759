"""The read-only search server: a real uvicorn on a free loopback port serving a site folder and /api/search."""

from __future__ import annotations

import asyncio
import http.client
import json
import os
import queue
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from search.fields import make_schema
from search.index import INDEX_DIR, engine_of
from search.query import QueryError, SearchRequest, compile_request
from search.server import (
    API_MAX_LIMIT,
    Acceptor,
    PromptAcceptLoop,
    ServerLimits,
    SiteServer,
    api_response,
    app_from_environment,
    bound_socket,
    inline_script_hashes,
    is_loopback,
    policy,
)

ROOT = Path(__file__).resolve().parents[2]
PAGE = """<!doctype html><html><head><script id="__config" type="application/json">{"base": "."}</script>
<script>__md_scope=new URL(".",location)</script><script src="assets/app.js"></script></head>
<body><h1>权责清单</h1></body></html>"""


def query_error(text: str, **filters: str) -> str:
    """search.query's own message for a request it refuses."""
    with pytest.raises(QueryError) as error:
        compile_request(SearchRequest(text, **filters), make_schema())
    return str(error.value)


def test_api_response_bounds_and_messages_of_search_query(seed_out: Path) -> None:
    index = seed_out / INDEX_DIR
    engine = engine_of(index)
    status, body = api_response(engine, index, {"q": "服务", "limit": "1000"})
    assert status == 200 and len(body["hits"]) == API_MAX_LIMIT < body["total"]
    assert set(body["hits"][0]) >= {"id", "kind", "title", "url", "score", "snippet"}
    for params in ({"q": '"行政'}, {"q": "电" * 1000}, {"q": "电子政务", "kind": "law"}):
        status, body = api_response(engine, index, params)
        assert status == 400 and body["error"] == query_error(params["q"], **{k: v for k, v in params.items() if k != "q"})
    assert api_response(engine, index, {"q": "电子政务", "limit": "x"}) == (400, {"error": "limit must be a number, not 'x'"})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site folder: a page with an inline script, a fingerprinted bundle, Pagefind data, a folder without index."""
    root = tmp_path_factory.mktemp("site")
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    (root / "404.html").write_text("<h1>找不到</h1><script>var missing=1</script>", encoding="utf-8")
    (root / "assets").mkdir()
    (root / "assets" / "app.js").write_text("console.log(1)", encoding="utf-8")
    (root / "assets" / "bundle.a5f9d56c.min.js").write_text("console.log(2)", encoding="utf-8")
    (root / "pagefind" / "fragment").mkdir(parents=True)
    (root / "pagefind" / "fragment" / "zh_1a2b3c.pf_fragment").write_bytes(b"\x1f\x8b\x08\x00")
    (root / "pagefind" / "wasm.unknown.pagefind").write_bytes(b"\x1f\x8b\x08\x00")
    (root / "powers" / "p1").mkdir(parents=True)
    (root / "powers" / "p1" / "index.html").write_text("<h1>职权</h1>", encoding="utf-8")
    (root.parent / "secret.txt").write_text("outside the site", encoding="utf-8")
    (root / "link.txt").symlink_to(root.parent / "secret.txt")
    return root


@pytest.fixture(scope="module")
def server(site: Path, seed_outs: dict[str, Path]) -> Iterator[str]:
    with SiteServer(site, seed_outs["tantivy"] / INDEX_DIR).running() as url:
        yield url


def get(url: str, path: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One raw request (no client-side path normalization, so traversal attempts reach the server as written)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.request(method, path, headers=headers or {})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {key.lower(): value for key, value in response.getheaders()}, body


def test_serves_pages_with_a_csp_naming_their_inline_scripts(server: str) -> None:
    status, headers, body = get(server, "/")
    assert status == 200 and "权责清单" in body.decode("utf-8")
    assert headers["content-type"] == "text/html; charset=utf-8" and headers["cache-control"] == "no-cache"
    assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
    (script_hash,) = inline_script_hashes(PAGE.encode("utf-8"))  # the JSON data block and the src script need none
    assert headers["content-security-policy"] == policy((script_hash,))
    assert "'wasm-unsafe-eval'" in headers["content-security-policy"] and "frame-ancestors 'none'" in headers["content-security-policy"]
    status, headers, _ = get(server, "/", headers={"If-None-Match": headers["etag"]})
    assert status == 304 and "content-security-policy" not in headers  # the cached page keeps its own


def test_content_types_and_caching_of_assets(server: str) -> None:
    status, headers, _ = get(server, "/assets/bundle.a5f9d56c.min.js")
    assert status == 200 and headers["content-type"] == "text/javascript; charset=utf-8"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert get(server, "/assets/app.js")[1]["cache-control"] == "no-cache"
    status, headers, _ = get(server, "/pagefind/fragment/zh_1a2b3c.pf_fragment")
    assert status == 200 and headers["content-type"] == "application/octet-stream" and "immutable" in headers["cache-control"]
    assert get(server, "/pagefind/wasm.unknown.pagefind")[1]["cache-control"] == "no-cache"


def test_no_listings_no_traversal_no_symlinks_no_writes(server: str) -> None:
    status, headers, body = get(server, "/assets/")
    assert status == 404 and "找不到" in body.decode("utf-8") and "app.js" not in body.decode("utf-8")
    assert "'sha256-" in headers["content-security-policy"]  # the 404 page's own inline script
    for path in ("/../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2f..%2fsecret.txt", "/link.txt", "//etc/passwd"):
        status, _, body = get(server, path)
        assert status == 404 and b"outside the site" not in body and b"root:" not in body, path
    status, headers, _ = get(server, "/powers/p1")
    assert status in (307, 308) and headers["location"].endswith("/powers/p1/")
    for method in ("POST", "PUT", "DELETE"):
        assert get(server, "/", method)[0] == 405
        assert get(server, "/api/search?q=x", method)[0] == 405


def test_api_hits_errors_and_bounds(server: str) -> None:
    status, headers, body = get(server, f"/api/search?q={quote('電子政務')}&kind=power&limit=3")
    hits = json.loads(body)["hits"]
    assert status == 200 and headers["content-type"] == "application/json; charset=utf-8"
    assert len(hits) == 3 and {hit["kind"] for hit in hits} == {"power"}
    assert headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"
    status, _, body = get(server, f"/api/search?q={quote('电子政务 AND')}")
    assert status == 400 and json.loads(body)["error"] == query_error("电子政务 AND")
    status, _, body = get(server, f"/api/search?q={quote('电' * 301)}")
    assert status == 400 and json.loads(body)["error"] == query_error("电" * 301)
    assert get(server, "/api/search?q=" + "x" * 5000)[0] == 414
    assert get(server, "/api/search?q=" + "x" * 20000)[0] == 431  # the request head's bound
    assert get(server, "/", headers={"X-Padding": "x" * 20000})[0] == 431


def test_search_deadline_and_queue(seed_outs: dict[str, Path], site: Path) -> None:
    """An open-ended search (a prefix term, run on a thread) past its deadline gets 503 with Retry-After; so do such
    searches beyond the queue; the server stays up and answers a search naming its words (run in the event loop)."""
    index = seed_outs["tantivy"] / INDEX_DIR
    with SiteServer(site, index, limits=ServerLimits(search_seconds=0.0)).running() as url:
        status, headers, body = get(url, f"/api/search?q={quote('电子*')}")
        assert status == 503 and headers["retry-after"] == "1" and "longer than" in json.loads(body)["error"]
        assert get(url, "/")[0] == 200 and get(url, f"/api/search?q={quote('电子政务')}")[0] == 200
    with SiteServer(site, index, limits=ServerLimits(search_queue=0)).running() as url:
        status, _, body = get(url, f"/api/search?q={quote('电子*')}")
        assert status == 503 and "busy" in json.loads(body)["error"]


async def _asgi_get(app: object, path: str, query: str) -> tuple[int, bytes]:
    """One GET through an ASGI application in this process: (status, body)."""
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "", "headers": [],
             "server": ("127.0.0.1", 80), "client": ("127.0.0.1", 1), "state": {}}  # fmt: skip
    sent = []

    async def receive() -> dict:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    await app(scope, receive, send)  # type: ignore[operator]
    return sent[0]["status"], b"".join(message.get("body", b"") for message in sent[1:])


def test_worker_processes_get_the_servers_limits(seed_outs: dict[str, Path], site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With --workers > 1 each worker builds its application from the environment: with the server's limits too."""
    for name in ("QUANZE_SERVE_SITE", "QUANZE_SERVE_INDEX", "QUANZE_SERVE_LIMITS"):
        monkeypatch.delenv(name, raising=False)
    server = SiteServer(site, seed_outs["tantivy"] / INDEX_DIR, limits=ServerLimits(search_queue=0), workers=2)
    server.socket.close()
    with ThreadPoolExecutor(1) as thread:  # a loop of its own (the browser tests' sync API may hold this thread's)
        status, body = thread.submit(asyncio.run, _asgi_get(app_from_environment(), "/api/search", f"q={quote('电子*')}")).result()
    assert status == 503 and "busy" in json.loads(body)["error"]


def accepted_within(loop: asyncio.AbstractEventLoop, listener: socket.socket, clients: int, turns: int) -> int:
    """How many of `clients` connections to `listener`'s address, made at once, `loop` has accepted after `turns`
    (on a thread of its own: Playwright's sync API keeps a loop running on the main thread)."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(_accepted_within, loop, listener, clients, turns).result()


def _accepted_within(loop: asyncio.AbstractEventLoop, listener: socket.socket, clients: int, turns: int) -> int:
    made: list[asyncio.BaseTransport] = []

    class Counting(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            made.append(transport)

    with listener:
        server = loop.run_until_complete(loop.create_server(Counting, sock=listener, backlog=clients))
        connections = [socket.create_connection(listener.getsockname()) for _ in range(clients)]
        for _ in range(turns):
            loop.run_until_complete(asyncio.sleep(0))
        accepted = len(made)
        server.close()
        for transport in made:
            transport.close()
        for connection in connections:
            connection.close()
        loop.run_until_complete(asyncio.sleep(0))
    loop.close()
    return accepted


def loopback_socket(listening: bool) -> socket.socket:
    """A socket bound to a free loopback port: listening (one server process) or with SO_REUSEPORT, not listening
    (SiteServer's for several workers, each listening through its own)."""
    sock = socket.socket()
    if not listening:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind(("127.0.0.1", 0))
    if listening:
        sock.listen(64)
    return sock


def test_queued_connections_are_accepted_in_one_turn_of_the_loop() -> None:
    """libuv (plain uvloop) accepts one connection a turn, and a turn under load runs every ready request; the
    server's loop takes all that are queued, on a socket it was given listening or only bound."""
    assert accepted_within(PromptAcceptLoop(), loopback_socket(listening=True), 32, turns=3) == 32
    assert accepted_within(PromptAcceptLoop(), loopback_socket(listening=False), 32, turns=3) == 32


def test_the_server_accepts_through_the_acceptor(seed_outs: dict[str, Path], site: Path) -> None:
    """The loop uvicorn runs is PromptAcceptLoop and its create_server gets only what the Acceptor takes: a new option
    from uvicorn (or TLS) would fall back to libuv's one accept a turn, which the test above cannot see."""
    server = SiteServer(site, seed_outs["tantivy"] / INDEX_DIR)
    with server.running():
        assert [type(listening) for listening in server.uvicorn.servers] == [Acceptor]


def test_a_port_in_use_is_refused_also_to_several_workers() -> None:
    """SO_REUSEPORT, which several workers' own listeners need, must not let a second server share a taken port."""
    with bound_socket("127.0.0.1", 0, shared=True) as first:
        first.listen(8)
        with pytest.raises(OSError, match="in use"):
            bound_socket("127.0.0.1", first.getsockname()[1], shared=True)


def test_is_loopback() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")


def _output_until(process: subprocess.Popen, marker: str, seconds: float) -> list[str]:
    """The process's output lines up to the first holding `marker` (whatever else, a library's warning say, comes
    first), read on a thread so that the wait has a deadline."""
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    found, deadline = [], time.monotonic() + seconds
    while not found or marker not in found[-1]:
        try:
            found.append(lines.get(timeout=max(0.0, deadline - time.monotonic())))
        except queue.Empty:
            raise AssertionError(f"no line with {marker!r} in {seconds} s; output so far: {found}") from None
    return found


def test_serve_command_warns_beyond_loopback(seed_outs: dict[str, Path], tmp_path: Path) -> None:
    """`build.py serve --host 0.0.0.0 --port 0 --workers 2` prints a warning and the URL, and its worker processes
    answer until it is terminated: connections wait in the shared socket's backlog until a worker, which loads the
    search stack and runs a first search before it accepts, takes them."""
    out = tmp_path / "out"
    shutil.copytree(seed_outs["tantivy"] / INDEX_DIR, out / INDEX_DIR)
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text(PAGE, encoding="utf-8")
    command = [sys.executable, str(ROOT / "build.py"), "serve", "--out", str(out), "--host", "0.0.0.0", "--port", "0", "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "COLUMNS": "300"})
    try:
        lines = _output_until(process, "http://0.0.0.0:", 300)
        assert any("warning" in line and "reachable from other machines" in line for line in lines[:-1])
        port = int(lines[-1].split("http://0.0.0.0:")[1].split("/")[0])
        answered, deadline = [], time.monotonic() + 300  # a cap for a loaded machine, not a wait: each try waits on the server
        while len(answered) < 4 and time.monotonic() < deadline and process.poll() is None:
            try:
                answered.append(get(f"http://127.0.0.1:{port}", f"/api/search?q={quote('电子政务')}")[0])
            except (OSError, http.client.HTTPException):  # the workers are still starting: the request timed out
                continue
        assert answered == [200] * 4
    finally:
        process.terminate()
        process.wait(timeout=30)
