"""`build.py serve`: the static site and a read-only JSON search API on 127.0.0.1."""

from __future__ import annotations

import json
from dataclasses import asdict
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from rich.console import Console

from search.engine import SearchEngine
from search.fields import KINDS
from search.index import engine_of
from search.query import MAX_QUERY_CHARS, QueryError, SearchRequest

API_PATH = "/api/search"
API_MAX_LIMIT = 50
HIT_FIELDS = ("id", "kind", "title", "url", "score", "snippet", "department", "category", "context")


class SearchHandler(SimpleHTTPRequestHandler):
    """Files of the site, plus GET /api/search?q=…&kind=…&department=…&category=…&limit=…; nothing writes."""

    engine: SearchEngine
    index: Path

    def __init__(self, *args: object, engine: SearchEngine, index: Path, **kwargs: object) -> None:
        self.engine, self.index = engine, index
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path.rstrip("/") == API_PATH:
            self._api(parse_qs(url.query))
        else:
            super().do_GET()

    def _api(self, params: dict[str, list[str]]) -> None:
        status, payload = api_response(self.engine, self.index, params)
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _limit(raw: str) -> int:
    try:
        return max(1, min(int(raw), API_MAX_LIMIT))
    except ValueError as error:
        raise QueryError(f"limit must be a number, not {raw!r}") from error


def api_response(engine: SearchEngine, index: Path, params: dict[str, list[str]]) -> tuple[int, dict]:
    """The status and JSON body of one API request: hits, or an error message for a bad request."""
    first = {key: values[0] for key, values in params.items() if values}
    text = first.get("q", "")
    try:
        if len(text) > MAX_QUERY_CHARS:
            raise QueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
        if first.get("kind") and first["kind"] not in KINDS:
            raise QueryError(f"unknown kind {first['kind']!r}; use one of {', '.join(KINDS)}")
        limit = _limit(first.get("limit", "10"))
        filters = {name: first.get(name) for name in ("kind", "department", "category")}
        request = SearchRequest(text, limit=limit, **filters)
        results = engine.search(request, index)
    except QueryError as error:
        return 400, {"error": str(error)}
    hits = [{key: asdict(hit)[key] for key in HIT_FIELDS} for hit in results.hits]
    return 200, {"query": text, "total": results.total, "hits": hits}


def make_server(site: Path, index: Path, host: str, port: int) -> ThreadingHTTPServer:
    handler = partial(SearchHandler, engine=engine_of(index), index=index, directory=str(site))
    return ThreadingHTTPServer((host, port), handler)


def serve(site: Path, index: Path, host: str, port: int, console: Console) -> int:
    """Serve until Ctrl-C."""
    server = make_server(site, index, host, port)
    console.print(f"serving {site} and {API_PATH} on http://{host}:{server.server_port}/ (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        console.print("stopped")
    finally:
        server.server_close()
    return 0
