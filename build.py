#!/usr/bin/env python3
"""Quanze: compile government documents in sources/ into a knowledge base, search index and site."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console

from passes.lint import lint_corpus, lint_counts, lint_json
from pipeline.cache import ReadCache
from pipeline.changes import report_changes
from pipeline.compile import compile_corpus, write_data
from pipeline.outputs import CACHE_DIR, snapshot, work_line, written
from pipeline.timing import measure, stage
from schema.changes import CHANGES_NAME, ChangeReport
from schema.corpus import Corpus
from search.cli import add_search_arguments, add_serve_arguments, search_command, serve_command
from search.index import write_index
from writers.site import write_site

console = Console(stderr=True, highlight=False, soft_wrap=True)


def _common(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """--sources/--out/--strict, accepted before or after the subcommand (defaults set only at the top)."""
    default = (lambda value: value) if top else (lambda value: argparse.SUPPRESS)
    parser.add_argument("--sources", type=Path, default=default(Path("sources")), help="folder of raw sources (default: sources)")
    parser.add_argument("--out", type=Path, default=default(Path("build")), help="output folder (default: build)")
    parser.add_argument("--strict", action="store_true", default=default(False), help="exit non-zero on any warning or error")
    parser.add_argument("--timings", type=Path, default=default(None), help="also write the seconds per stage as JSON to this file")


def _report(corpus: Corpus) -> None:
    for summary in corpus.summaries:
        console.print(summary.render())
    for diagnostic in corpus.diagnostics:
        console.print(diagnostic.render(), style="red" if diagnostic.level == "error" else "yellow", markup=False)


def _exit_code(corpus: Corpus, strict: bool) -> int:
    errors = [d for d in corpus.diagnostics if d.level == "error"]
    warnings = [d for d in corpus.diagnostics if d.level == "warning"]
    return 1 if strict and (errors or warnings) else 0


def cmd_build(args: argparse.Namespace) -> int:
    with measure() as timer:
        before = snapshot(args.out)
        corpus = compile_corpus(args.sources, ReadCache(args.out / CACHE_DIR / "reads"))
        with stage("change report"):
            changes = report_changes(corpus.powers, args.out / "data")
        with stage("write data"):
            counts = write_data(corpus, args.out)
        site_code = _build_site(corpus, args.out, changes, data_written=True)  # timed as "site pages", "site mkdocs", "site pagefind"
        with stage("index"):
            console.print(write_index(corpus, args.out).render())
        written_files = written(before, snapshot(args.out))
    _report(corpus)
    console.print("wrote " + ", ".join(f"{count} {name}" for name, count in counts.items()) + f" to {args.out / 'data'}")
    console.print(changes.summary())
    console.print(work_line(corpus.summaries, written_files, changes))
    console.print(timer.table())
    if args.timings:
        args.timings.write_text(json.dumps(timer.stages, indent=1) + "\n", encoding="utf-8")
    return max(_exit_code(corpus, args.strict), site_code)


def _build_site(corpus: Corpus, out: Path, changes: ChangeReport | None, *, data_written: bool = False) -> int:
    """Site pages into OUT/docs, `mkdocs build --strict` into OUT/site; non-zero when MkDocs warned."""
    site = write_site(corpus, out, changes=changes, data_written=data_written, stage=stage)
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
    return 0 if site.run.returncode == 0 and (site.search is None or site.search.returncode == 0) else 1


def cmd_site(args: argparse.Namespace) -> int:
    corpus = compile_corpus(args.sources, ReadCache(args.out / CACHE_DIR / "reads"))
    report = args.out / "data" / CHANGES_NAME
    changes = ChangeReport.from_json(json.loads(report.read_text(encoding="utf-8"))) if report.is_file() else None
    return _build_site(corpus, args.out, changes)


def cmd_check(args: argparse.Namespace) -> int:
    """Editors' lint report on stdout (text or --json); --strict fails on any error-level finding."""
    findings = lint_corpus(compile_corpus(args.sources, ReadCache(args.out / CACHE_DIR / "reads")))
    print(lint_json(findings) if args.json else "\n".join(finding.render() for finding in findings))
    console.print("check: " + ", ".join(f"{count} {level}s" for level, count in lint_counts(findings).items()))
    return 1 if args.strict and any(finding.level == "error" for finding in findings) else 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__)
    _common(parser, top=True)
    commands = parser.add_subparsers(dest="command")
    build = commands.add_parser("build", help="build records, index and site (the default)")
    _common(build)
    build.set_defaults(func=cmd_build)
    site = commands.add_parser("site", help="build only the site (OUT/docs, OUT/site)")
    _common(site)
    site.set_defaults(func=cmd_site)
    search = commands.add_parser("search", help="search the built index (OUT/index)")
    _common(search)
    add_search_arguments(search)
    search.set_defaults(func=lambda args: search_command(args, console))
    serve = commands.add_parser("serve", help="serve OUT/site and /api/search on 127.0.0.1")
    _common(serve)
    add_serve_arguments(serve)
    serve.set_defaults(func=lambda args: serve_command(args, console))
    check = commands.add_parser("check", help="editors' lint report: citations, doc numbers, contacts, duplicates")
    _common(check)
    check.add_argument("--json", action="store_true", help="print the report as JSON")
    check.set_defaults(func=cmd_check)
    parser.set_defaults(func=cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
