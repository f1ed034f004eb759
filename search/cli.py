"""Command-line front end of search: the `search` and `serve` options, human and JSON output."""

from __future__ import annotations

import argparse
import html
import json
import os
import re
from dataclasses import asdict
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from search.engine import MAX_LIMIT
from search.fields import KINDS

if TYPE_CHECKING:
    from search.engine import Results

MARK_RE = re.compile(r"<mark[^>]*>(.*?)</mark>", re.S)


def add_search_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help='words, "phrases", AND/OR/NOT, category:… department:… kind:… cites:…')
    parser.add_argument("--kind", choices=KINDS, help="only this kind of record")
    parser.add_argument("--department", help="only records of this department")
    parser.add_argument("--category", help="only this category, e.g. 行政检查")
    parser.add_argument("--limit", type=int, default=10, help=f"how many hits (at most {MAX_LIMIT})")
    parser.add_argument("--json", action="store_true", help="print the hits as JSON")


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1, this machine only; 0.0.0.0: all)")
    parser.add_argument("--workers", type=int, default=min(os.cpu_count() or 1, 4), help="server processes (default: one a core, up to 4)")
    parser.add_argument("--access-log", action="store_true", help="print one line per request")


def marked_text(snippet: str) -> Text:
    """A highlighted HTML snippet as rich Text: <mark> spans bold, entities decoded."""
    text = Text()
    position = 0
    for match in MARK_RE.finditer(snippet):
        text.append(html.unescape(snippet[position:match.start()]))
        text.append(html.unescape(match[1]), style="bold yellow")
        position = match.end()
    text.append(html.unescape(snippet[position:]))
    return text


def print_results(results: Results, console: Console) -> None:
    console.print(f"{results.total} hits", style="dim")
    for number, hit in enumerate(results.hits, 1):
        console.print(Text(f"{number}. [{hit.kind}] {hit.title}", style="bold"), Text(f"  {hit.score:.2f}  {hit.url}", style="dim"))
        if hit.context:
            console.print(Text("   " + hit.context.replace("\n", " · "), style="dim"))
        console.print(Text("   ").append(marked_text(hit.snippet.replace("\n", " "))))


def search_command(args: argparse.Namespace, console: Console) -> int:
    """Run one query against OUT/index; a clear message (exit 2) for a malformed query or a missing index."""
    from search.index import INDEX_DIR, engine_of, index_exists  # the engines and the query parser: only when a command runs
    from search.query import QueryError, SearchRequest

    directory = args.out / INDEX_DIR
    if not index_exists(directory):
        console.print(f"no search index in {directory}; run `python build.py --out {args.out}` first", style="red")
        return 2
    request = SearchRequest(args.query, kind=args.kind, department=args.department, category=args.category, limit=args.limit)
    try:
        results = engine_of(directory).search(request, directory)
    except QueryError as error:
        console.print(f"cannot run the query: {error}", style="red", markup=False)
        return 2
    if args.json:
        print(json.dumps([_json_hit(asdict(hit)) for hit in results.hits], ensure_ascii=False, indent=1))
    else:
        print_results(results, Console(highlight=False))
    return 0


def _json_hit(hit: dict) -> dict:
    return {key: hit[key] for key in ("id", "kind", "title", "url", "score", "snippet", "department", "category", "context", "source")}


def serve_command(args: argparse.Namespace, console: Console) -> int:
    """Serve OUT/site and /api/search until interrupted."""
    from search.index import INDEX_DIR, index_exists
    from search.server import serve  # Starlette and uvicorn

    site, index = args.out / "public", args.out / INDEX_DIR  # the last complete site (writers.atomic.publish)
    if not site.is_dir():
        site = args.out / "site"
    if not site.is_dir() or not index_exists(index):
        console.print(f"nothing to serve: build first (`python build.py --out {args.out}`); need {site} and {index}", style="red")
        return 2
    return serve(site, index, args.host, args.port, console, access_log=args.access_log, workers=args.workers)
