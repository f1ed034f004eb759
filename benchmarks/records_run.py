"""A build without the site (records, change report, index unless --no-index), for sizes where the site is too slow.

    .venv/bin/python -m benchmarks.records_run --sources S --out O --timings T.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from execution.local import LocalPool
from pipeline.cache import ReadCache
from pipeline.changes import report_changes
from pipeline.compile import compile_corpus, write_data
from pipeline.outputs import CACHE_DIR
from pipeline.timing import measure, stage
from search.index import write_index


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--timings", type=Path, required=True)
    parser.add_argument("--no-index", action="store_true", help="records only")
    args = parser.parse_args(argv)
    with measure() as timer, LocalPool() as pool:
        corpus = compile_corpus(args.sources, ReadCache(args.out / CACHE_DIR / "reads"), pool)
        cached = sum(summary.cached for summary in corpus.summaries)
        print(f"parsed {len(corpus.summaries) - cached} sources ({cached} from cache)")
        with stage("change report"):
            print(report_changes(corpus.powers, args.out / "data").summary())
        with stage("write data"):
            write_data(corpus, args.out)
        if not args.no_index:
            with stage("index"):
                print(write_index(corpus, args.out).render())
    args.timings.write_text(json.dumps(timer.stages, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
