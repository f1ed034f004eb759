"""Pagefind over a built site: only pages marked data-pagefind-body are indexed, Chinese is segmented, output is deterministic."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from writers.site.pagefind import BUNDLE, index_site

PAGE = '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'


def _site(root: Path) -> Path:
    pages = {
        "powers/a/index.html": '<main data-pagefind-body><h1>电子政务项目审核</h1><p>负责全市电子政务建设。</p></main>',
        "powers/b/index.html": '<main data-pagefind-body><h1>行政许可</h1><p>受理申请。</p></main>',
        "fulltext/index.html": "<main><h1>全文检索</h1></main>",
    }
    for path, body in pages.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.format(title=path, body=body), encoding="utf-8")
    return root


def _digest(bundle: Path) -> str:
    files = sorted(path for path in bundle.rglob("*") if path.is_file())
    return hashlib.sha1(b"".join(path.read_bytes() for path in files)).hexdigest()


def test_indexes_marked_pages_only_and_deterministically(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    run = index_site(site)
    assert run.returncode == 0 and run.problems == []
    entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == 2
    assert run.files == sum(1 for path in (site / BUNDLE).rglob("*") if path.is_file()) and run.bytes > 0
    first = _digest(site / BUNDLE)
    index_site(site)
    assert _digest(site / BUNDLE) == first
