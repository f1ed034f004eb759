"""`build.py serve`: the static site and a read-only JSON search API, Starlette on uvicorn, bounded and hardened."""

from __future__ import annotations

import asyncio
import base64
import errno
import hashlib
import ipaddress
import json
import os
import re
import socket
import stat
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from email.utils import formatdate
from pathlib import Path

import anyio
import uvicorn
import uvloop
from rich.console import Console
from starlette.applications import Starlette
from starlette.datastructures import URL, Headers, QueryParams
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import NotModifiedResponse, StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
from uvicorn.supervisors import Multiprocess

from search.engine import SearchEngine
from search.highlight import tokenize_ahead
from search.index import engine_of
from search.query import QueryError, SearchRequest

API_PATH = "/api/search"
API_MAX_LIMIT = 50
HIT_FIELDS = ("id", "kind", "title", "url", "score", "snippet", "department", "category", "context")
MAX_QUERY_STRING = 4096  # bytes of the URL query; search.query bounds the query text itself
HEADER_BYTES = 16_384  # a request line and headers longer than this are refused (431)
MEMORY_FILE_BYTES = 1 << 20  # site files up to this size are answered from memory
MEMORY_BYTES = 128 << 20  # at most this much of the site in memory
RESOLVED_PATHS = 65_536  # request paths whose resolution is kept
WARM_UP_QUERY = "第二十三条 权责清单"  # searched once when a process starts (segmenter, numerals, script tables, index)
OPEN_ENDED_RE = re.compile(r"[*?]")  # a prefix or wildcard term in the query text (search.query's parser reads them)


@dataclass(frozen=True)
class ServerLimits:
    """What one server process takes on at once; beyond it clients get 503 at once instead of waiting unboundedly."""

    connections: int = 512  # open connections and running requests together (uvicorn limit_concurrency)
    backlog: int = 1024  # connections the kernel holds before they are accepted
    keep_alive: int = 5  # seconds an idle connection stays open
    search_threads: int = 2  # open-ended searches running at once (CPU-bound; more threads only contend for the GIL)
    search_queue: int = 256  # open-ended searches running or waiting; one more is refused with 503
    search_seconds: float = 5.0  # an open-ended search still unanswered after this gets 503
    cached_answers: int = 4096  # API answers kept per index generation
    warm_seconds: float = 3.0  # at start, the stored texts hits show are segmented for this long at most


# Fingerprinted files never change under their name (theme bundles, Pagefind chunks): cache them for a year.
IMMUTABLE_RE = re.compile(r"(\.[0-9a-f]{8}\.min\.(js|css)$)|(^pagefind[^/]*/(fragment|index)/)|(\.pf_meta$)")
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
    ".json": "application/json", ".map": "application/json", ".jsonl": "application/jsonl; charset=utf-8",
    ".csv": "text/csv; charset=utf-8", ".txt": "text/plain; charset=utf-8", ".xml": "application/xml",
    ".gz": "application/gzip", ".wasm": "application/wasm", ".svg": "image/svg+xml", ".png": "image/png",
    ".ico": "image/x-icon", ".jpg": "image/jpeg", ".webp": "image/webp", ".woff2": "font/woff2",
}  # fmt: skip
SITE_POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'wasm-unsafe-eval'",  # Pagefind compiles its WebAssembly search core
    "style-src": "'self' 'unsafe-inline'",  # the theme and Pagefind's UI set style attributes from script
    "img-src": "'self' data:",  # the theme's icons are data: URIs in its CSS
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
API_POLICY = "default-src 'none'; frame-ancestors 'none'"
API_HEADERS = [(b"content-type", b"application/json; charset=utf-8"), (b"cache-control", b"no-cache")]
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
RAW_SECURITY_HEADERS = [(name.encode("ascii"), value.encode("ascii")) for name, value in SECURITY_HEADERS.items()]
INLINE_SCRIPT_RE = re.compile(rb"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)


def policy(script_hashes: tuple[str, ...] = ()) -> str:
    """The site's Content-Security-Policy, allowing exactly the inline scripts with these hashes."""
    directives = dict(SITE_POLICY)
    directives["script-src"] += "".join(f" 'sha256-{digest}'" for digest in script_hashes)
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def inline_script_hashes(page: bytes) -> tuple[str, ...]:
    """CSP hashes of the executable inline scripts of an HTML page (data blocks such as application/json run nothing)."""
    hashes = []
    for match in INLINE_SCRIPT_RE.finditer(page):
        attrs = match["attrs"].lower()
        if b"src=" in attrs or (b"type=" in attrs and b"javascript" not in attrs and b"module" not in attrs):
            continue
        hashes.append(base64.b64encode(hashlib.sha256(match["body"]).digest()).decode("ascii"))
    return tuple(dict.fromkeys(hashes))


class MemoryResponse(Response):
    """A response from bytes and ready header pairs (the site's files and the API's answers are answered over and over:
    their headers are built once)."""

    def __init__(self, body: bytes, status_code: int, raw_headers: list[tuple[bytes, bytes]]) -> None:
        self.body, self.status_code, self.raw_headers, self.background = body, status_code, raw_headers, None


def raw_headers(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]


@dataclass(frozen=True)
class SiteFile:
    """A version of one site file as it is answered: headers, and the bytes when it is small enough to keep."""

    headers: dict[str, str]
    raw: list[tuple[bytes, bytes]]
    body: bytes | None


class SiteFiles(StaticFiles):
    """The built site: no directory listings, nothing outside it (Starlette's path checks, symlinks not followed),
    a media type per suffix, revalidation for pages and a year's caching for fingerprinted files, and for each page a
    CSP naming its own inline scripts. Every request stats its file, so a rebuilt file is served at once; small files
    are answered from memory with headers built once per version of the file, large ones stream from disk. The site
    folder's real path (OUT/public points to a generation, swapped by a build) is looked up at most once a second."""

    def __init__(self, directory: Path) -> None:
        super().__init__(directory=directory, html=True)
        self._memory: OrderedDict[tuple[str, int, int], SiteFile] = OrderedDict()
        self._memory_bytes = 0
        self._root, self._root_checked = "", 0.0
        self._resolved: dict[str, str | None] = {}  # request path → real path inside the root, None when outside

    async def get_response(self, path: str, scope: Scope) -> Response:
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(status_code=405, headers={"Allow": "GET, HEAD"})
        full_path, stat_result = self._lookup(path)
        if stat_result and stat.S_ISDIR(stat_result.st_mode):
            full_path, stat_result = self._lookup(os.path.join(path, "index.html"))
            if stat_result and stat.S_ISREG(stat_result.st_mode) and not scope["path"].endswith("/"):
                return RedirectResponse(URL(scope=scope).replace(path=scope["path"] + "/"))
        if stat_result and stat.S_ISREG(stat_result.st_mode):
            return self._file(full_path, stat_result, scope, 200)
        full_path, stat_result = self._lookup("404.html")
        if stat_result and stat.S_ISREG(stat_result.st_mode):
            return self._file(full_path, stat_result, scope, 404)
        raise HTTPException(status_code=404)

    def _current_root(self) -> str:
        now = time.monotonic()
        if now - self._root_checked >= 1.0:
            root = os.path.realpath(self.directory)
            if root != self._root:
                self._root, self._resolved = root, {}
            self._root_checked = now
        return self._root

    def _lookup(self, path: str) -> tuple[str, os.stat_result | None]:
        """Starlette's lookup (the real path must lie inside the site's), in the event loop: the resolution of a path is
        kept per site generation, the stat is done on every request."""
        root = self._current_root()
        if path not in self._resolved:
            if len(self._resolved) >= RESOLVED_PATHS:
                self._resolved.clear()
            try:
                full_path = "" if path.startswith(("/", "\\")) else os.path.realpath(os.path.join(root, path))
            except (OSError, ValueError):  # a name too long, a NUL byte: not a file of the site
                full_path = ""
            self._resolved[path] = full_path if full_path and os.path.commonpath([full_path, root]) == root else None
        full_path = self._resolved[path]
        try:
            return (full_path, os.stat(full_path)) if full_path else ("", None)
        except (OSError, ValueError):  # gone, not a folder, no permission: not a file of the site
            return "", None

    def _file(self, full_path: str, stat_result: os.stat_result, scope: Scope, status_code: int) -> Response:
        version = self._version(full_path, stat_result)
        if status_code == 200 and _conditional(scope) and self.is_not_modified(Headers(version.headers), Headers(scope=scope)):
            return NotModifiedResponse(Headers(version.headers))
        if version.body is None:
            return FileResponse(full_path, status_code=status_code, headers=version.headers, stat_result=stat_result)
        return MemoryResponse(version.body, status_code, list(version.raw))

    def _version(self, full_path: str, stat_result: os.stat_result) -> SiteFile:
        """The file as answered now, built once per version (path, modification time, size) of small files."""
        key = (full_path, stat_result.st_mtime_ns, stat_result.st_size)
        if key in self._memory:
            self._memory.move_to_end(key)
            return self._memory[key]
        headers = self._headers(full_path, stat_result)
        if stat_result.st_size > MEMORY_FILE_BYTES:
            return SiteFile(headers, [], None)
        body = Path(full_path).read_bytes()
        if full_path.endswith(".html"):
            headers["content-security-policy"] = policy(inline_script_hashes(body))
        version = self._memory[key] = SiteFile(headers, raw_headers(headers), body)
        self._memory_bytes += len(body)
        while self._memory_bytes > MEMORY_BYTES:
            self._memory_bytes -= len(self._memory.popitem(last=False)[1].body or b"")
        return version

    def _headers(self, full_path: str, stat_result: os.stat_result) -> dict[str, str]:
        suffix = os.path.splitext(full_path)[1].lower()
        relative = os.path.relpath(full_path, self._root).replace(os.sep, "/")
        tag = hashlib.md5(f"{stat_result.st_mtime}-{stat_result.st_size}".encode(), usedforsecurity=False).hexdigest()
        return {
            "content-type": MEDIA_TYPES.get(suffix, "application/octet-stream"),  # Pagefind's .pf_* and .pagefind data
            "content-length": str(stat_result.st_size),
            "last-modified": formatdate(stat_result.st_mtime, usegmt=True),
            "etag": f'"{tag}"',
            "cache-control": "public, max-age=31536000, immutable" if IMMUTABLE_RE.search(relative) else "no-cache",
            "content-security-policy": policy(),
        }


def _conditional(scope: Scope) -> bool:
    """Whether the request asks to revalidate (If-None-Match or If-Modified-Since)."""
    return any(name in (b"if-none-match", b"if-modified-since") for name, _ in scope["headers"])


def secured(send: Send) -> Send:
    """`send` adding the headers every response carries (the API's strict CSP unless the response has one or is a 304)."""

    async def send_with_headers(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = message["headers"] = list(message.get("headers", ()))
            present = {name for name, _ in headers}
            headers += [(name, value) for name, value in RAW_SECURITY_HEADERS if name not in present]
            if message["status"] != 304 and b"content-security-policy" not in present:
                headers.append((b"content-security-policy", API_POLICY.encode("ascii")))  # a 304 keeps the page's
        await send(message)

    return send_with_headers


class SecurityHeaders:
    """Starlette middleware: every response through `secured`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.app(scope, receive, secured(send) if scope["type"] == "http" else send)


class BoundedHttpTools(HttpToolsProtocol):
    """uvicorn's HTTP/1.1 protocol on httptools (llhttp, compiled; h11 parsed each request in Python) with the bound h11
    was given: a request head (request line and headers) beyond HEADER_BYTES gets 431 and the connection is closed, so
    a client cannot make the server buffer an endless header."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_bytes: int | None = 0  # bytes received of the current request head; None once it is complete

    def data_received(self, data: bytes) -> None:
        if self._head_bytes is not None:
            self._head_bytes += len(data)
            if self._head_bytes > HEADER_BYTES:
                self._refuse_head()
                return
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._head_bytes = None
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._head_bytes = 0

    def _refuse_head(self) -> None:
        message = f"the request line and headers are longer than {HEADER_BYTES} bytes".encode("ascii")
        head = (
            "HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
            f"content-length: {len(message)}\r\nconnection: close\r\n\r\n"
        )
        self.transport.write(head.encode("ascii") + message)
        self.transport.close()


class Acceptor:
    """What uvicorn uses of an asyncio server (close, wait_closed) over a listening socket whose pending connections
    are all accepted each time it is readable, each then a uvloop transport with uvicorn's protocol. A socket handed
    over bound but not listening (SiteServer's, for several worker processes) is listened on through a socket of this
    process's own at the same address (SO_REUSEPORT): the kernel then spreads connections over the processes, where
    on one shared socket the first process awake took them all (64 of 64 in a measured run)."""

    PAUSE_ERRORS = (errno.EMFILE, errno.ENFILE, errno.ENOBUFS, errno.ENOMEM)
    PAUSE_SECONDS = 1.0  # out of file descriptors or memory: stop accepting this long, as asyncio's loop does

    def __init__(self, loop: asyncio.AbstractEventLoop, sock: socket.socket, protocol_factory: Callable, backlog: int) -> None:
        self._own = not sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN)
        if self._own:
            sock = own_listener(sock, backlog)
        self.loop, self.sock, self.protocol_factory, self.backlog = loop, sock, protocol_factory, backlog
        self.sockets = [sock]
        self._connecting: set[asyncio.Task] = set()
        self._serving = False
        sock.setblocking(False)
        self._resume()

    def _resume(self) -> None:
        if not self._serving and self.sock.fileno() != -1:
            self.loop.add_reader(self.sock.fileno(), self._accept)
            self._serving = True

    def _pause(self) -> None:
        if self._serving:
            self.loop.remove_reader(self.sock.fileno())
            self._serving = False

    def _accept(self) -> None:
        for _ in range(self.backlog):
            try:
                connection, _ = self.sock.accept()
            except (BlockingIOError, InterruptedError):
                return
            except ConnectionAbortedError:  # the client gave up while queued
                continue
            except OSError as error:
                if error.errno not in self.PAUSE_ERRORS:
                    raise
                self._pause()
                self.loop.call_later(self.PAUSE_SECONDS, self._resume)
                return
            connection.setblocking(False)
            task = self.loop.create_task(self.loop.connect_accepted_socket(self.protocol_factory, connection))
            self._connecting.add(task)
            task.add_done_callback(self._connected)

    def _connected(self, task: asyncio.Task) -> None:
        self._connecting.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved and dropped: a client that left before its transport was made is no error

    def close(self) -> None:
        self._pause()
        if self._own:
            self.sock.close()

    async def wait_closed(self) -> None:
        if self._connecting:
            await asyncio.wait(list(self._connecting))


def own_listener(bound: socket.socket, backlog: int) -> socket.socket:
    """A listening socket of this process at the address of `bound` (which has SO_REUSEPORT set)."""
    listener = socket.socket(bound.family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listener.bind(bound.getsockname())
    listener.listen(backlog)
    return listener


class PromptAcceptLoop(uvloop.Loop):
    """uvloop, but a server socket's pending connections are accepted at once (Acceptor). libuv accepts one connection
    per turn of the loop, and under load a turn runs every ready request: 64 clients connecting together waited tens
    of turns, up to 2 s (the load benchmark's slowest 1% were all such late accepts). asyncio's own loop accepts them
    all, but costs about a quarter more CPU a request."""

    async def create_server(  # type: ignore[override]
        self, protocol_factory: Callable, host: str | None = None, port: int | None = None, *, sock: socket.socket | None = None,
        backlog: int = 100, ssl: object = None, **options: object,
    ) -> asyncio.AbstractServer:  # fmt: skip
        if sock is None or ssl is not None or options:
            return await super().create_server(protocol_factory, host, port, sock=sock, backlog=backlog, ssl=ssl, **options)
        return Acceptor(self, sock, protocol_factory, backlog)  # type: ignore[return-value]


def _limit(raw: str) -> int:
    try:
        return max(1, min(int(raw), API_MAX_LIMIT))
    except ValueError as error:
        raise QueryError(f"limit must be a number, not {raw!r}") from error


def api_response(engine: SearchEngine, index: Path, params: dict[str, str]) -> tuple[int, dict]:
    """The status and JSON body of one API request: hits, or search.query's message for a query it cannot run."""
    text = params.get("q", "")
    try:
        filters = {name: params.get(name) or None for name in ("kind", "department", "category")}
        request = SearchRequest(text, limit=_limit(params.get("limit", "10")), **filters)
        results = engine.search(request, index)
    except QueryError as error:
        return 400, {"error": str(error)}
    hits = [{key: getattr(hit, key) for key in HIT_FIELDS} for hit in results.hits]
    return 200, {"query": text, "total": results.total, "hits": hits}


def index_generation(index: Path) -> tuple:
    """What changes when a build writes or replaces the index: the folder's identity and its files' sizes and times."""
    entries = sorted((entry.name, entry.stat().st_mtime_ns, entry.stat().st_size) for entry in os.scandir(index) if entry.is_file())
    return (index.stat().st_ino, *entries)


class SearchService:
    """The API: answers cached per index generation; a rebuilt or replaced index is reopened (checked at most once a
    second). A search that names its words (about a millisecond on the seeds: the index's postings bound it) runs in
    the event loop, which is quicker than a hop to a thread, and a thread and the event loop taking turns at the GIL
    made each search wait for the loop's switch interval at every call into tantivy. An open-ended one (a prefix or
    wildcard term, whose cost grows with the index's term dictionary) runs on one of a few threads with a deadline,
    one computation per distinct request at a time and at most `search_queue` pending."""

    def __init__(self, index: Path, limits: ServerLimits) -> None:
        self.index, self.limits = index, limits
        self.threads = anyio.CapacityLimiter(limits.search_threads)
        self._running: dict[tuple, asyncio.Future] = {}
        self._epoch = 0
        self._checked = 0.0
        self._generation: tuple = ()
        self._engine: SearchEngine = engine_of(index)
        self._answers: OrderedDict[tuple, tuple[int, bytes]] = OrderedDict()
        self._answer(self._engine, {"q": WARM_UP_QUERY})  # load the segmenter, script tables and index before serving
        tokenize_ahead(self._engine.shown_texts(index), limits.warm_seconds)

    def _refresh(self) -> None:
        now = time.monotonic()
        if now - self._checked < 1.0:
            return
        self._checked = now
        generation = index_generation(self.index)
        if generation != self._generation:
            self._generation, self._engine = generation, engine_of(self.index)
            self._answers.clear()
            self._epoch += 1

    def _answer(self, engine: SearchEngine, params: dict[str, str]) -> tuple[int, bytes]:
        status, payload = api_response(engine, self.index, params)
        return status, json.dumps(payload, ensure_ascii=False).encode("utf-8")

    async def endpoint(self, request: Request) -> Response:
        return await self.respond(request.scope)

    async def respond(self, scope: Scope) -> Response:
        """The answer to GET /api/search?… (its scope)."""
        if len(scope["query_string"]) > MAX_QUERY_STRING:
            return self._json(414, {"error": f"the request's query string is longer than {MAX_QUERY_STRING} bytes"})
        query = QueryParams(scope["query_string"])
        params = {key: query[key] for key in ("q", "kind", "department", "category", "limit") if key in query}
        self._refresh()
        key = (self._epoch, *sorted(params.items()))
        if key in self._answers:
            self._answers.move_to_end(key)
            return self._bytes(*self._answers[key])
        if not OPEN_ENDED_RE.search(params.get("q", "")):
            answer = self._answer(self._engine, params)
            self._remember(key, answer)
            return self._bytes(*answer)
        task = self._running.get(key)
        if task is None:
            if len(self._running) >= self.limits.search_queue:
                return self._json(503, {"error": "the server is busy; try again in a moment"}, retry=True)
            task = self._running[key] = asyncio.ensure_future(self._compute(key, params))
            task.add_done_callback(lambda _: self._running.pop(key, None))
        try:
            async with asyncio.timeout(self.limits.search_seconds):
                return self._bytes(*await asyncio.shield(task))
        except TimeoutError:
            late = f"the search took longer than {self.limits.search_seconds:g} s; try a narrower query"
            return self._json(503, {"error": late}, retry=True)

    async def _compute(self, key: tuple, params: dict[str, str]) -> tuple[int, bytes]:
        """One open-ended search on a worker thread; clients asking the same meanwhile wait for this one (a late answer
        is still kept for the next asker)."""
        answer = await anyio.to_thread.run_sync(self._answer, self._engine, params, limiter=self.threads)
        if key[0] == self._epoch:
            self._remember(key, answer)
        return answer

    def _remember(self, key: tuple, answer: tuple[int, bytes]) -> None:
        self._answers[key] = answer
        while len(self._answers) > self.limits.cached_answers:
            self._answers.popitem(last=False)

    @staticmethod
    def _bytes(status: int, body: bytes, retry: bool = False) -> Response:
        headers = [*API_HEADERS, (b"content-length", str(len(body)).encode("ascii"))] + ([(b"retry-after", b"1")] if retry else [])
        return MemoryResponse(body, status, headers)

    def _json(self, status: int, payload: dict, retry: bool = False) -> Response:
        return self._bytes(status, json.dumps(payload, ensure_ascii=False).encode("utf-8"), retry)


class Application:
    """The ASGI application: GET and HEAD of /api/search answered straight from the scope (most requests are searches,
    and Starlette's router and middleware cost more than a cached answer), everything else through Starlette: the
    site's files, and 405 for any other method. Every response with the security headers."""

    def __init__(self, service: SearchService, site: Path) -> None:
        self.service = service
        routes = [Route(API_PATH, service.endpoint, methods=["GET"]), Mount("/", app=SiteFiles(site))]
        self.starlette = Starlette(routes=routes, middleware=[Middleware(SecurityHeaders)])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["path"] == API_PATH and scope["method"] in ("GET", "HEAD"):
            response = await self.service.respond(scope)
            await response(scope, receive, secured(send))
        else:
            await self.starlette(scope, receive, send)


def make_app(site: Path, index: Path, limits: ServerLimits | None = None) -> Application:
    """The application serving `site` and the search API over `index`."""
    return Application(SearchService(index, limits or ServerLimits()), site)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


SITE_VARIABLE, INDEX_VARIABLE, LIMITS_VARIABLE = "QUANZE_SERVE_SITE", "QUANZE_SERVE_INDEX", "QUANZE_SERVE_LIMITS"
WORKER_HEALTHCHECK_SECONDS = 30  # a worker silent this long is killed and replaced (uvicorn's 5 s killed busy ones)


def app_from_environment() -> Application:
    """The application of a worker process (uvicorn starts workers by import name; the site and index come by name)."""
    limits = ServerLimits(**json.loads(os.environ.get(LIMITS_VARIABLE, "{}")))
    return make_app(Path(os.environ[SITE_VARIABLE]), Path(os.environ[INDEX_VARIABLE]), limits)


def bound_socket(host: str, port: int, shared: bool) -> socket.socket:
    """A socket bound to (host, port), port 0 taking a free one; `shared` (for several workers' own listeners, see
    Acceptor) with SO_REUSEPORT, once a plain bind has shown the port free: SO_REUSEPORT alone would let this server
    share, unnoticed, a port an earlier `serve` with workers still listens on."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if shared:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))  # "address already in use" when another server has it
            port = probe.getsockname()[1]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    return sock


class SiteServer:
    """uvicorn serving make_app on a socket bound at construction (port 0 takes a free one); with several workers,
    processes each listening through a socket of its own at that address (Acceptor) and keeping its own answer cache,
    restarted by uvicorn when one dies."""

    def __init__(
        self, site: Path, index: Path, host: str = "127.0.0.1", port: int = 0, *, limits: ServerLimits | None = None,
        access_log: bool = False, workers: int = 1,
    ) -> None:  # fmt: skip
        limits = limits or ServerLimits()
        self.socket = bound_socket(host, port, shared=workers > 1)  # several workers listen each through their own
        if workers == 1:
            self.socket.listen(limits.backlog)
        self.host, self.port, self.workers = host, self.socket.getsockname()[1], workers
        if workers > 1:
            os.environ[SITE_VARIABLE], os.environ[INDEX_VARIABLE] = str(site), str(index)
            os.environ[LIMITS_VARIABLE] = json.dumps(asdict(limits))
        app = "search.server:app_from_environment" if workers > 1 else make_app(site, index, limits)
        config = uvicorn.Config(
            app, factory=workers > 1, workers=workers, limit_concurrency=limits.connections, backlog=limits.backlog,
            timeout_keep_alive=limits.keep_alive, http=BoundedHttpTools, loop=f"{__name__}:PromptAcceptLoop",
            log_level="warning", access_log=access_log, server_header=False, lifespan="off",
            timeout_worker_healthcheck=WORKER_HEALTHCHECK_SECONDS,
        )  # fmt: skip
        self.uvicorn = uvicorn.Server(config)

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}/"

    def run(self) -> None:
        """Serve until interrupted (Ctrl-C or SIGTERM)."""
        if self.workers > 1:
            Multiprocess(self.uvicorn.config, sockets=[self.socket]).run()
        else:
            self.uvicorn.run(sockets=[self.socket])

    @contextmanager
    def running(self) -> Iterator[str]:
        """Serve on a background thread while the block runs; yields the base URL (without the trailing slash)."""
        thread = threading.Thread(target=self.run, daemon=True)
        thread.start()
        while not self.uvicorn.started and thread.is_alive():
            time.sleep(0.01)
        try:
            yield self.url.rstrip("/")
        finally:
            self.uvicorn.should_exit = True
            thread.join(timeout=10)
            self.socket.close()


def serve(site: Path, index: Path, host: str, port: int, console: Console, access_log: bool = False, workers: int = 1) -> int:
    """Serve until Ctrl-C."""
    server = SiteServer(site, index, host, port, access_log=access_log, workers=workers)
    if not is_loopback(host):
        console.print(
            f"warning: listening on {host}, reachable from other machines; the server is read-only, "
            "but for the public put it behind a TLS reverse proxy", style="yellow",
        )  # fmt: skip
    console.print(f"serving {site} and {API_PATH} on {server.url} (Ctrl-C to stop)", markup=False)
    server.run()
    console.print("stopped")
    return 0
