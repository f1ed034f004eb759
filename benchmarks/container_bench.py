"""Pages per second for each container kind: bytes → neutral page (the container alone) and → records (container + reader).

Run: .venv/bin/python -m benchmarks.container_bench [--seconds 3]. Inputs are the real documents and fixtures in
tests/fixtures; a .doc pays for a LibreOffice conversion each time (a new soffice process per file).
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from parser.containers.choose import container_of, open_page
from parser.registry import load_source, read_source

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
INPUTS = {
    "text": ROOT / "sources" / "003_39746930e8c49978.txt",
    "html": FIXTURES / "containers" / "gov_gongbao_dianzi_zhaobiao_banfa_2013.html",
    "export": FIXTURES / "containers" / "export_fabao.txt",
    "docx": FIXTURES / "containers" / "ln_qiye_jishu_chuangxin_zhuanxiang_zijin_banfa.docx",
    "doc": FIXTURES / "containers" / "hd_zzb_jiandang97_tongzhi_2018.doc",
    "pdf": FIXTURES / "containers" / "regulation.pdf",
    "grid": FIXTURES / "powerlist" / "powerlist.xlsx",
}


def rate(action: Callable[[], object], seconds: float) -> tuple[float, int]:
    """Calls per second of `action`, run for at least `seconds` (and at least twice)."""
    count, start = 0, time.perf_counter()
    while count < 2 or time.perf_counter() - start < seconds:
        action()
        count += 1
    return count / (time.perf_counter() - start), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time spent per container kind and measurement")
    args = parser.parse_args()
    load = os.getloadavg()
    print(f"cores {os.cpu_count()}, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"{'container':<9} {'file':<52} {'KB':>6} {'pages/s (container)':>20} {'pages/s (+reader)':>18}")
    for kind, path in INPUTS.items():
        source, _ = load_source(path, path.parent)
        assert container_of(source) == kind, (kind, path.name)
        page = open_page(source)
        page.grid()
        opened, _ = rate(lambda source=source: open_page(source).grid(), args.seconds)
        read, _ = rate(lambda path=path: read_source(path, path.parent), args.seconds)
        print(f"{kind:<9} {path.name[:52]:<52} {path.stat().st_size / 1024:>6.0f} {opened:>20.1f} {read:>18.1f}")


if __name__ == "__main__":
    main()
