"""Lint findings kept between builds: taken for a check whose inputs are unchanged, found again when they changed."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from passes import lint
from passes.lint import PER_INSTRUMENT, READS, lint_corpus
from pipeline.lint_cache import FINDINGS_FILE, LintFindings
from schema.corpus import Corpus
from schema.records import Diagnostic
from writers import kept


def _named(name: str, check: Callable[[Corpus], Iterator[Diagnostic]]) -> Callable[[Corpus], Iterator[Diagnostic]]:
    """`check` under the name of a lint check (the store knows checks by name)."""

    def named(corpus: Corpus) -> Iterator[Diagnostic]:
        return check(corpus)

    named.__name__ = name
    return named


def _refused(corpus: Corpus) -> Iterator[Diagnostic]:
    raise AssertionError("ran again")


def _kept(folder: Path, corpus: Corpus) -> list:
    store = LintFindings(folder)
    findings = lint_corpus(corpus, store)
    store.save()
    return findings


def test_unchanged_inputs_give_the_kept_findings_without_running_the_check(
    seed_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = lint_corpus(seed_corpus)
    assert _kept(tmp_path, seed_corpus) == plain
    corpus = copy.deepcopy(seed_corpus)
    corpus.powers[0].duties = []  # no check of READS reads the duties
    for name in READS:
        monkeypatch.setattr(lint, name, _named(name, _refused))
    assert lint_corpus(corpus, LintFindings(tmp_path)) == plain


def test_changed_inputs_run_the_checks_again(seed_corpus: Corpus, tmp_path: Path) -> None:
    _kept(tmp_path, seed_corpus)
    corpus = copy.deepcopy(seed_corpus)
    twin = corpus.powers[3]
    corpus.powers[4].name, corpus.powers[4].department = twin.name, twin.department  # now a duplicate of its neighbour
    corpus.powers[4].source.file, corpus.powers[4].table, corpus.powers[4].category = twin.source.file, twin.table, twin.category
    corpus.powers[4].subitem, corpus.powers[4].source.sheet = twin.subitem, twin.source.sheet
    expected = lint_corpus(corpus)
    assert expected != lint_corpus(seed_corpus)
    assert lint_corpus(corpus, LintFindings(tmp_path)) == expected


def test_a_store_of_other_code_is_not_used(seed_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _kept(tmp_path, seed_corpus)
    stored = kept.load(tmp_path / FINDINGS_FILE, LintFindings(tmp_path).version, dict)
    assert stored, "the findings were kept"
    kept.save(tmp_path / FINDINGS_FILE, "other code", stored)
    calls: list[str] = []
    original = lint.duplicate_powers

    def counted(corpus: Corpus) -> Iterator[Diagnostic]:
        calls.append("ran")
        return original(corpus)

    monkeypatch.setattr(lint, "duplicate_powers", _named("duplicate_powers", counted))
    lint_corpus(seed_corpus, LintFindings(tmp_path))
    assert calls == ["ran"]


RUN = 10


def _parts(corpus: Corpus, edited: int = -1) -> list[tuple[str, int]]:
    """The powers in runs of RUN, each named by its place (the run holding power `edited` under a new name, as a
    source with a new read key)."""
    count = len(corpus.powers)
    starts = range(0, count, RUN)
    return [(f"run {start}" + (" edited" if start <= edited < start + RUN else ""), min(RUN, count - start)) for start in starts]


def test_a_rebuild_reads_only_the_edited_parts_and_equals_a_fresh_lint(
    seed_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert len(_parts(seed_corpus)) > 2
    store = LintFindings(tmp_path)
    assert lint_corpus(seed_corpus, store, _parts(seed_corpus)) == lint_corpus(seed_corpus)
    store.save()
    corpus = copy.deepcopy(seed_corpus)
    twin, edited = corpus.powers[3], corpus.powers[4]
    edited.name, edited.department, edited.table, edited.category = twin.name, twin.department, twin.table, twin.category
    edited.subitem, edited.source.file, edited.source.sheet = twin.subitem, twin.source.file, twin.source.sheet  # a duplicate
    read: list[int] = []
    original = READS["duplicate_powers"]
    monkeypatch.setitem(READS, "duplicate_powers", lambda power: (read.append(corpus.powers.index(power)), original(power))[1])
    expected = lint_corpus(corpus)
    assert expected != lint_corpus(seed_corpus)
    read.clear()
    assert lint_corpus(corpus, LintFindings(tmp_path), _parts(corpus, edited=4)) == expected
    assert read == list(range(RUN)), "only the edited run's powers are read again"


def test_the_instrument_checks_run_again_only_for_an_instrument_whose_citations_moved(
    seed_corpus: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Findings kept by instrument identity (its citations' places, id and document): an instrument whose identity is
    new is checked again, the others' findings are taken, and the whole equals a fresh lint."""
    assert seed_corpus.cited_by_digests, "the seed build placed its cells"
    store = LintFindings(tmp_path)
    assert lint_corpus(seed_corpus, store) == lint_corpus(seed_corpus)
    store.save()
    corpus = copy.deepcopy(seed_corpus)
    changed = next(instrument for instrument in corpus.instruments if list(lint._conflicting_doc_numbers(instrument)))
    changed.doc_numbers = changed.doc_numbers[:1]  # as if the rows writing its other numbers had been corrected
    corpus.cited_by_digests[changed.id] = b"its citations moved"
    checked: list[str] = []
    for name, check in list(PER_INSTRUMENT.items()):
        monkeypatch.setitem(PER_INSTRUMENT, name, lambda instrument, check=check: (checked.append(instrument.id), check(instrument))[1])
    expected = lint_corpus(corpus)
    assert expected != lint_corpus(seed_corpus)
    assert lint_corpus(corpus, LintFindings(tmp_path)) == expected
    assert set(checked) == {changed.id} and len(checked) == len(PER_INSTRUMENT)
