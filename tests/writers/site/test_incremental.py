"""The site writer rebuilds incrementally: unchanged pages keep their files, and unchanged inputs skip mkdocs and Pagefind."""

from __future__ import annotations

import shutil
from pathlib import Path

from pipeline.outputs import snapshot
from tests.writers.site.synthetic import synthetic_corpus
from writers.site import BUILT_STAMP, write_docs, write_site


def test_rewriting_docs_touches_only_changed_pages_and_deletes_stale_ones(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    corpus = synthetic_corpus(5)
    write_docs(corpus, docs)
    stale = docs / "powers" / "gone" / "p99999.md"
    stale.parent.mkdir(parents=True)
    stale.write_text("no longer generated", encoding="utf-8")
    folder = docs.stat().st_ino
    before = snapshot(docs)
    corpus.powers[2].notes = "备注（已修订）"
    write_docs(corpus, docs)
    after = snapshot(docs)
    assert docs.stat().st_ino == folder
    assert not stale.parent.exists()
    rewritten = sorted(name for name, stamp in after.items() if before[name] != stamp)
    assert rewritten == ["downloads/powers.csv", "downloads/powers.jsonl", "powers/p00002.md"]
    assert "assets/quanze.css" in after and before["assets/quanze.css"] == after["assets/quanze.css"]


def test_unchanged_inputs_skip_mkdocs_and_pagefind_until_the_bundle_is_missing(tmp_path: Path) -> None:
    corpus = synthetic_corpus(3)
    first = write_site(corpus, tmp_path)
    assert first.run.returncode == 0 and first.search is not None and first.search.returncode == 0
    assert not first.skipped and (tmp_path / BUILT_STAMP).is_file()
    built = snapshot(tmp_path / "site")
    again = write_site(corpus, tmp_path)
    assert again.skipped and again.search is None
    assert snapshot(tmp_path / "site") == built
    shutil.rmtree(tmp_path / "site" / "pagefind")
    rebuilt = write_site(corpus, tmp_path)
    assert not rebuilt.skipped and rebuilt.search is not None and (tmp_path / "site" / "pagefind").is_dir()


def test_a_changed_page_rebuilds_the_site(tmp_path: Path) -> None:
    corpus = synthetic_corpus(3)
    write_site(corpus, tmp_path)
    marker = (tmp_path / BUILT_STAMP).read_text(encoding="utf-8")
    corpus.powers[1].name = "改名后的职权"
    changed = write_site(corpus, tmp_path)
    assert not changed.skipped and changed.run.returncode == 0
    assert (tmp_path / BUILT_STAMP).read_text(encoding="utf-8") != marker
    assert "改名后的职权" in (tmp_path / "site" / "powers" / "p00001" / "index.html").read_text(encoding="utf-8")
