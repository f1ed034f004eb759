"""The data-quality page: reader diagnostics and lint findings, each once, escaped."""

from __future__ import annotations

from pipeline.compile import run_passes
from schema.corpus import Corpus
from tests.writers.site.synthetic import synthetic_corpus
from writers.site.quality import findings, quality_page


def test_quality_page_lists_reader_diagnostics_escaped() -> None:
    corpus = synthetic_corpus(3)
    _, page = quality_page(corpus, findings(corpus))
    assert "| 3 | warning | demo | 示例提示 | &lt;b&gt;原文&lt;/b&gt; |" in page


def test_lint_findings_are_included_once(seed_corpus: Corpus) -> None:
    merged = findings(seed_corpus)
    keys = [(d.code, d.file, d.line, d.message) for d in merged]
    assert len(keys) == len(set(keys))
    assert len(merged) >= len(seed_corpus.diagnostics)


def _passed(corpus: Corpus) -> Corpus:
    run_passes(corpus)
    return corpus


def test_lint_finding_for_power_without_basis_appears() -> None:
    corpus = synthetic_corpus(3)
    corpus.powers[2].basis = []
    corpus.powers[2].basis_text = None
    codes = {d.code for d in findings(_passed(corpus))} - {d.code for d in findings(_passed(synthetic_corpus(3)))}
    assert codes == {"power-without-basis"}
