"""Pages filled by forked processes are the pages one process fills, written and noted in the same order."""

from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path

import pytest

from execution import forked as forked_map_module
from tests.writers.site.synthetic import synthetic_corpus, with_cited_by
from writers.site import fill_pool, write_docs
from writers.site.fill_pool import Written, filled_pages
from writers.site.powers import power_pages
from writers.site.sitemap import SiteMap
from writers.site.sync import files_under


def _tree(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in sorted(files_under(folder))}


def test_forked_fillers_write_the_pages_one_process_fills_in_its_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fill_pool, "PARALLEL_FROM", 2)
    corpus = with_cited_by(synthetic_corpus(7))
    sitemap = SiteMap.of(corpus)
    alone = list(power_pages(corpus.powers, sitemap))
    units = [partial(power_pages, [power], sitemap) for power in corpus.powers]
    forked = list(filled_pages(units, tmp_path, processes=3))
    assert [path for path, _ in forked] == [path for path, _ in alone]
    assert all(isinstance(page, Written) for _, page in forked), "seven pages over three processes: each page forked"
    for (path, markdown), (_, written) in zip(alone, forked, strict=True):
        assert (tmp_path / path).read_text(encoding="utf-8") == markdown
        assert written.digest == hashlib.sha256(markdown.encode("utf-8")).hexdigest()
    assert forked_map_module._SHARED is None  # nothing of the build is kept for a later fork


def test_a_docs_tree_filled_on_two_cores_is_the_one_filled_on_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = with_cited_by(synthetic_corpus(40))
    one = write_docs(corpus, tmp_path / "one" / "docs")
    monkeypatch.setattr(fill_pool, "PARALLEL_FROM", 2)
    monkeypatch.setattr(forked_map_module, "cores", lambda: 2)
    two = write_docs(corpus, tmp_path / "two" / "docs")
    assert _tree(tmp_path / "one" / "docs") == _tree(tmp_path / "two" / "docs")
    assert list(one.digests.items()) == list(two.digests.items())
    corpus.powers[3].notes = "备注（已修订）"
    again = write_docs(corpus, tmp_path / "two" / "docs")  # one page: filled here, the others kept
    assert again.digests["powers/p00003.md"] != two.digests["powers/p00003.md"]
