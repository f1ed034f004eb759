"""Search benchmark (on demand, not a test): index throughput and query latency, Quanze vs a naive Whoosh baseline.

    .venv/bin/python benchmarks/search_bench.py [--sizes 10000 100000] [--engines tantivy whoosh naive] [--skip-naive-above N]
        [--skip-whoosh-above N]

The synthetic corpus is derived from the real seed records: each synthetic record takes a real title and a body
recombined from real sentences (so vocabulary and clause repetition are those of real power lists and statutes).
Engines: Quanze's tantivy engine (the build's default), Quanze's Whoosh engine (one writer), and
the naive baseline: Whoosh with jieba's stock ChineseAnalyzer (title, body), one writer, default settings.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.compile import compile_corpus  # noqa: E402
from search.documents import IndexDocument, index_documents, with_digest  # noqa: E402
from search.engine import SearchEngine  # noqa: E402
from search.query import SearchRequest  # noqa: E402
from search.tantivy_engine import TantivyEngine  # noqa: E402
from search.whoosh_engine import WhooshEngine, WriterSettings  # noqa: E402

QUERIES = [
    "电子政务", "電子政務", "行政许可法 第七十三条", '"行政 处罚"', "投诉 category:其他", "政务服务 kind:power",
    "公共资源交易", "八十一", "听证", "12345热线", "监督检查 不得妨碍", "信息安全", "网上办事大厅", "处分", "邮",
]
SENTENCE_RE = re.compile(r"[^。；;\n]+[。；;]?")


def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {memory:.1f} GiB memory, Python {sys.version.split()[0]}"


def synthetic(base: list[IndexDocument], size: int, seed: int = 7) -> list[IndexDocument]:
    """`size` records: real titles, kinds and filters; bodies of 3–12 real sentences drawn at random."""
    rng = random.Random(seed)
    sentences = [s for d in base for s in SENTENCE_RE.findall(d.get("body", "")) if len(s) > 4]
    records = []
    for number in range(size):
        model = base[number % len(base)]
        body = "".join(rng.choice(sentences) for _ in range(rng.randint(3, 12)))
        records.append(with_digest({**{k: v for k, v in model.items() if k != "digest"}, "id": f"syn-{number}", "body": body}))
    return records


def timed_queries(search, queries: list[str], rounds: int = 3) -> tuple[float, float]:
    """p50 and p95 latency in ms over `rounds` passes (first pass warms caches and is included)."""
    latencies = []
    for _ in range(rounds):
        for query in queries:
            start = time.perf_counter()
            search(query)
            latencies.append((time.perf_counter() - start) * 1000)
    latencies.sort()
    return statistics.median(latencies), latencies[int(len(latencies) * 0.95) - 1]


def load() -> str:
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg())


def directory_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def run_quanze(records: list[IndexDocument], where: Path, engine: SearchEngine) -> dict:
    start = time.perf_counter()
    engine.build(records, where, show_progress=True)
    seconds = time.perf_counter() - start
    p50, p95 = timed_queries(lambda q: engine.search(SearchRequest(q, limit=10), where), QUERIES)
    return {"seconds": seconds, "p50": p50, "p95": p95, "mb": directory_mb(where)}


def run_naive(records: list[IndexDocument], where: Path) -> dict:
    from jieba.analyse import ChineseAnalyzer
    from whoosh import index
    from whoosh.fields import ID, TEXT, Schema
    from whoosh.qparser import MultifieldParser

    stock = ChineseAnalyzer()
    schema = Schema(id=ID(stored=True, unique=True), title=TEXT(stored=True, analyzer=stock), body=TEXT(stored=True, analyzer=stock))
    where.mkdir(parents=True)
    ix = index.create_in(str(where), schema)
    start = time.perf_counter()
    writer = ix.writer()
    for record in records:
        writer.add_document(id=record["id"], title=record.get("title", ""), body=record.get("body", ""))
    writer.commit()
    seconds = time.perf_counter() - start
    parser = MultifieldParser(["title", "body"], schema)

    def search(text: str) -> None:
        with ix.searcher() as searcher:
            results = searcher.search(parser.parse(text), limit=10)
            [hit.highlights("body") for hit in results]

    p50, p95 = timed_queries(search, QUERIES)
    return {"seconds": seconds, "p50": p50, "p95": p95, "mb": directory_mb(where)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--skip-naive-above", type=int, default=100_000, help="skip the (slow) naive baseline above this size")
    parser.add_argument("--skip-whoosh-above", type=int, default=10_000, help="skip the (slowest) Whoosh engine above this size")
    parser.add_argument("--engines", nargs="+", default=["tantivy", "whoosh", "naive"], help="engines to measure")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    base = list(index_documents(compile_corpus(ROOT / "sources")))
    print(f"base: {len(base)} real index documents from the seeds")
    for size in args.sizes:
        records = synthetic(base, size)
        chars = sum(len(r.get("title", "")) + len(r.get("body", "")) for r in records)
        print(f"\n== {size} records, {chars / 1e6:.1f} M chars; {load()}")
        results = {}
        with tempfile.TemporaryDirectory() as tmp:
            if "tantivy" in args.engines:
                results["tantivy"] = run_quanze(records, Path(tmp) / "tantivy", TantivyEngine())
            if "whoosh" in args.engines and size <= args.skip_whoosh_above:
                settings = WriterSettings(procs=1, limitmb=256)
                results["whoosh"] = run_quanze(records, Path(tmp) / "whoosh", WhooshEngine(settings))
            if "naive" in args.engines and size <= args.skip_naive_above:
                results["naive"] = run_naive(records, Path(tmp) / "naive")
            shutil.rmtree(tmp, ignore_errors=True)
        for name, result in results.items():
            print(
                f"{name:8} index {result['seconds']:8.1f} s  {size / result['seconds']:8.0f} records/s  "
                f"{result['mb']:7.1f} MB  query p50 {result['p50']:7.1f} ms  p95 {result['p95']:7.1f} ms"
            )
        print(f"after {size}: {load()}")
        for name in ("tantivy", "whoosh"):
            if name in results and "naive" in results:
                print(f"{name} indexing is {results['naive']['seconds'] / results[name]['seconds']:.1f}x the naive baseline's speed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
