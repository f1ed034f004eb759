"""A build without the site (records, change report, index unless --no-index), for sizes where the site is too slow.

    .venv/bin/python -m benchmarks.records_run --sources S --out O --timings T.json
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pipeline.build import BuildOptions, build, exit_now


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--timings", type=Path, required=True)
    parser.add_argument("--no-index", action="store_true", help="records only")
    args = parser.parse_args(argv)
    result = build(args.sources, args.out, BuildOptions(site=False, index=not args.no_index))
    cached = sum(summary.cached for summary in result.corpus.summaries)
    print(f"parsed {len(result.corpus.summaries) - cached} sources ({cached} from cache)")
    print(result.changes.summary())
    if result.index is not None:
        print(result.index.render())
    args.timings.write_text(json.dumps(result.timer.stages, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    exit_now(main())
