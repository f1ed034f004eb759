"""The site writer rebuilds incrementally: unchanged pages keep their files, and unchanged inputs skip mkdocs and Pagefind."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.outputs import snapshot
from schema.corpus import Corpus
from tests.writers.site.synthetic import synthetic_corpus, with_cited_by
from writers.jsonl import write_corpus
from writers.site import (
    BUILT_STAMP,
    cited_by_lists,
    departments,
    documents,
    instruments,
    powers,
    quality,
    templates,
    write_docs,
    write_site,
)
from writers.site.page_inputs import corpus_digests
from writers.site.page_state import page_digests
from writers.site.sync import files_under


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


def _renamed(corpus: Corpus) -> None:
    corpus.powers[3].name = "改名后的职权"  # its department's list and the cited-by rows naming it


def _recited(corpus: Corpus) -> None:
    corpus.powers[4].basis[0].instrument_id = "inst-9"  # one cited-by list loses a row, another gains one


def _moved(corpus: Corpus) -> None:
    corpus.powers[5].department = "新设局"  # a department page more, another one's list shorter


def _added(corpus: Corpus) -> None:
    extra = corpus.powers[6].model_copy(deep=True)
    extra.id, extra.name, extra.seq = "p99999", "新增的职权", "99999"
    corpus.powers.insert(7, extra)


def _removed(corpus: Corpus) -> None:
    del corpus.powers[8]


def _subitem(corpus: Corpus) -> None:
    corpus.powers[1].item_id = corpus.powers[0].item_id  # a 子项 more for the item: its siblings link to it


def _statute(corpus: Corpus) -> None:
    corpus.documents[0].articles[0].text = "修订后的条文。"


def _diagnosed(corpus: Corpus) -> None:
    corpus.diagnostics[0].message = "改过的提示"  # the quality page's row


def _warned(corpus: Corpus) -> None:
    corpus.diagnostics.append(corpus.diagnostics[0].model_copy(update={"line": 99}))  # the home page's count too


EDITS = [_renamed, _recited, _moved, _added, _removed, _subitem, _statute, _diagnosed, _warned]


def _corpus() -> Corpus:
    corpus = synthetic_corpus(60, departments=4)
    for power in corpus.powers[:3]:
        power.item_id, power.subitem = "item-1", f"子项{power.seq}"
    return corpus


def _files(docs: Path) -> dict[str, bytes]:
    return {name: (docs / name).read_bytes() for name in sorted(files_under(docs))}


@pytest.mark.parametrize("edit", EDITS, ids=lambda edit: edit.__name__.strip("_"))
def test_an_incremental_fill_equals_a_clean_one(tmp_path: Path, edit: Callable[[Corpus], None], monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in (("SHOWN_PER_ARTICLE", 1), ("SHOWN_ON_PAGE", 3), ("ROWS_PER_LIST", 2)):  # cited-by lists on most pages
        monkeypatch.setattr(cited_by_lists, name, value)
    incremental, clean = tmp_path / "incremental" / "docs", tmp_path / "clean" / "docs"
    write_docs(_corpus(), incremental)
    edited = _corpus()
    edit(edited)
    with_cited_by(edited)
    filled = write_docs(edited, incremental, digests=corpus_digests(edited))
    write_docs(edited, clean)
    assert _files(incremental) == _files(clean)
    assert filled.digests == page_digests(incremental)


def test_a_one_power_edit_fills_only_the_pages_it_reaches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    docs, filled = tmp_path / "docs", []
    write_docs(_corpus(), docs)
    real = templates.fill_template

    def counting(template: str, /, **values: object) -> str:
        filled.append(template)
        return real(template, **values)

    for module in (powers, departments, instruments, documents, cited_by_lists, quality):
        monkeypatch.setattr(module, "fill_template", counting)
    edited = _corpus()
    edited.powers[10].duties[0].text = "受理申请（已修订）。"
    write_docs(with_cited_by(edited), docs)
    corpus_pages = {"power", "department", "instrument", "document", "cited_by_list", "quality"}
    assert sorted(name for name in filled if name in corpus_pages) == ["department", "power"]


def test_the_data_writers_line_digests_are_the_records(tmp_path: Path) -> None:
    corpus, digests = _corpus(), {}
    write_corpus(corpus, tmp_path, digests=digests)
    assert digests == corpus_digests(corpus) and len(digests["powers"]) == len(corpus.powers)
