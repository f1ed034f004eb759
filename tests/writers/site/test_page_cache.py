"""Power pages are rendered again only when their record, the pages they link into, or the writer changed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.writers.site.synthetic import synthetic_corpus
from writers.site import powers, write_docs
from writers.site.page_cache import PageCache
from writers.site.page_state import page_digests


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the powers whose page the real renderer made, in order."""
    calls: list[str] = []
    real = powers.power_page

    def counting(power: powers.Power, *args: object) -> str:
        calls.append(power.id)
        return real(power, *args)

    monkeypatch.setattr(powers, "power_page", counting)
    return calls


def test_unchanged_powers_are_not_rendered_again(tmp_path: Path, rendered: list[str]) -> None:
    corpus, docs = synthetic_corpus(6), tmp_path / "docs"
    assert write_docs(corpus, docs).digests == page_digests(docs)
    assert len(rendered) == 6
    rendered.clear()
    assert write_docs(corpus, docs).digests == page_digests(docs)  # kept pages report the digest they were written with
    assert rendered == []
    corpus.powers[2].notes = "备注（已修订）"
    (docs / "powers" / "p00004.md").unlink()
    write_docs(corpus, docs)
    assert rendered == ["p00002", "p00004"]
    assert "备注（已修订）" in (docs / "powers" / "p00002.md").read_text(encoding="utf-8")


def test_a_change_to_the_pages_linked_into_renders_every_power_again(tmp_path: Path, rendered: list[str]) -> None:
    corpus, docs = synthetic_corpus(4), tmp_path / "docs"
    write_docs(corpus, docs)
    rendered.clear()
    corpus.documents[0].version = "2099年修订"  # what a citation of it says about versions may change
    write_docs(corpus, docs)
    assert len(rendered) == 4


def test_keys_depend_on_context_page_and_record(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("x", encoding="utf-8")
    first = PageCache(tmp_path, "context")
    assert not first.fresh("a.md", "{}")
    first.save()
    assert not PageCache(tmp_path, "context").fresh("a.md", "{}")  # keyed but never written: not trusted
    first.written("a.md", hashlib.sha256(b"x").hexdigest())
    first.save()
    assert PageCache(tmp_path, "context").fresh("a.md", "{}")
    assert not PageCache(tmp_path, "other context").fresh("a.md", "{}")
    assert not PageCache(tmp_path, "context").fresh("a.md", '{"name": "改"}')
    assert not PageCache(tmp_path, "context").fresh("b.md", "{}")
