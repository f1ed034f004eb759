#!/usr/bin/env python3
"""Quanze: compile government documents in sources/ into a knowledge base, search index and site."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from pipeline.build import BuildOptions, BuildResult, build, build_site, exit_now, records, refresh_index
from pipeline.outputs import work_line
from schema.records import Diagnostic
from search.cli import add_search_arguments, add_serve_arguments, search_command, serve_command

if TYPE_CHECKING:
    from writers.site_outcome import SiteBuild

console = Console(stderr=True, highlight=False, soft_wrap=True)


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--sources/--out/--strict, accepted before or after the subcommand (defaults set only at the top)."""
    default = (lambda value: value) if top else (lambda value: argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, default=default(Path("sources")), help="folder of raw sources (default: sources)")
    parser.add_argument("--out", type=Path, default=default(Path("build")), help="output folder (default: build)")
    parser.add_argument("--strict", action="store_true", default=default(False), help="exit non-zero on any warning or error")
    parser.add_argument("--timings", type=Path, default=default(None), help="also write the seconds per stage as JSON to this file")
    parser.add_argument(
        "--cluster",
        metavar="tcp://HOST:PORT",
        default=default(None),
        help="run the parallel stages (reading, rendering, Pagefind shards) on this Dask scheduler's workers (default: local processes)",
    )


def _print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    """One line each, coloured by level on a terminal. Elsewhere (a CI log, a file) they are written as they are: a
    province's lists give tens of thousands, and rich spends most of a millisecond on each line."""
    if not console.is_terminal:
        console.file.write("".join(diagnostic.render() + "\n" for diagnostic in diagnostics))
        return
    for diagnostic in diagnostics:  # Text, not a str: a str's ":100:" (file:line:) would become an emoji
        console.print(Text(diagnostic.render(), style={"error": "red", "warning": "yellow"}.get(diagnostic.level, "dim")))


def _print_site(site: SiteBuild, out: Path) -> None:
    for problem in site.run.problems:
        console.print(problem, style="red", markup=False)
    if site.skipped:
        console.print(f"site: {site.pages} pages, unchanged — mkdocs and Pagefind skipped")
    else:
        console.print(f"site: {site.pages} pages into {out / 'site'}" + ("" if site.run.returncode == 0 else " FAILED (mkdocs --strict)"))
    if site.search is not None:
        for problem in site.search.problems:
            console.print(problem, style="red", markup=False)
        console.print(site.search.render())


def _print_build(result: BuildResult, out: Path, cluster: str | None) -> None:
    if cluster:
        console.print(f"parallel stages on the {result.executor}")
    if result.site is not None:
        _print_site(result.site, out)
    if result.index is not None:
        console.print(result.index.render())
    for summary in result.corpus.summaries:
        console.print(summary.render())
    _print_diagnostics(result.corpus.diagnostics)
    console.print("wrote " + ", ".join(f"{count} {name}" for name, count in result.counts.items()) + f" to {out / 'data'}")
    console.print(result.changes.summary())
    console.print(work_line(result.corpus.summaries, result.written, result.changes))
    console.print(result.timer.table())


def cmd_build(args: argparse.Namespace) -> int:
    """Records, site and index; --strict fails on any warning or error, lint findings included."""
    result = build(args.sources, args.out, BuildOptions(cluster=args.cluster))
    _print_build(result, args.out, args.cluster)
    if args.timings:
        args.timings.write_text(json.dumps(result.timer.stages, indent=1) + "\n", encoding="utf-8")
    problems = any(d.level in ("error", "warning") for d in result.corpus.diagnostics)
    return 1 if (args.strict and problems) or (result.site is not None and result.site.failed) else 0


def cmd_site(args: argparse.Namespace) -> int:
    site = build_site(args.sources, args.out, args.cluster)
    _print_site(site, args.out)
    return 1 if site.failed else 0


def cmd_check(args: argparse.Namespace) -> int:
    """Editors' report of every diagnostic (reader, resolve and lint) on stdout (text or --json); --strict fails on any error."""
    from passes.lint import lint_counts, lint_json

    findings = records(args.sources, args.out, args.cluster).diagnostics
    print(lint_json(findings) if args.json else "\n".join(finding.render() for finding in findings))
    console.print("check: " + ", ".join(f"{count} {level}s" for level, count in lint_counts(findings).items()))
    return 1 if args.strict and any(finding.level == "error" for finding in findings) else 0


def cmd_search(args: argparse.Namespace) -> int:
    """Search OUT/index; an index in an older format is first rewritten from OUT/data when the records are current."""
    refreshed = refresh_index(args.sources, args.out)
    if refreshed is not None:
        console.print(f"{refreshed.render()} (rewritten from {args.out / 'data'}: the index was missing or in an older format)")
    return search_command(args, console)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__)
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command")
    build_command = commands.add_parser("build", help="build records, index and site (the default)")
    _common(build_command)
    build_command.set_defaults(func=cmd_build)
    site = commands.add_parser("site", help="build only the site (OUT/docs, OUT/site)")
    _common(site)
    site.set_defaults(func=cmd_site)
    search = commands.add_parser("search", help="search the built index (OUT/index)")
    _common(search)
    add_search_arguments(search)
    search.set_defaults(func=cmd_search)
    serve = commands.add_parser("serve", help="serve OUT/site and /api/search on 127.0.0.1")
    _common(serve)
    add_serve_arguments(serve)
    serve.set_defaults(func=lambda args: serve_command(args, console))
    check = commands.add_parser("check", help="editors' report: reader diagnostics and lint (citations, doc numbers, contacts, duplicates)")
    _common(check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(func=cmd_check)
    parser.set_defaults(func=cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    exit_now(main())
