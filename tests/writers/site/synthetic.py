"""Synthetic corpora of any size built from the record types, for the site writer's scaling and safety tests."""

from __future__ import annotations

from schema.corpus import Corpus
from schema.records import (
    Accountability,
    Article,
    ArticleRef,
    Citation,
    CitedBy,
    Diagnostic,
    Document,
    Duty,
    Instrument,
    Power,
    Section,
    SourceRef,
    Supervision,
)

CATEGORIES = ["行政许可", "行政处罚", "行政检查", "行政奖励", "其他"]
STATUTE_ID = "law-xzxk"
ARTICLES = 120


def _statute() -> Document:
    articles = [
        Article(number=n, label=f"第{n}条", anchor=f"art-{n}", chapter="第一章 总则", text=f"第{n}条的条文，电子政务。")
        for n in range(1, ARTICLES + 1)
    ]
    chapter = Section(
        level="chapter",
        label="第一章",
        title="总则",
        anchor="ch-1",
        children=[Section(level="article", label=a.label, anchor=a.anchor, text=a.text) for a in articles],
    )
    return Document(
        id=STATUTE_ID, kind="statute", title="中华人民共和国行政许可法", body=[chapter], articles=articles,
        source=SourceRef(file="corpus/行政许可法.md", line=1),
    )  # fmt: skip


def _citation(n: int) -> Citation:
    article = n % ARTICLES + 1
    instrument = f"inst-{n % 50}"
    title = "行政许可法" if n % 50 == 0 else f"第{n % 50}号管理办法"
    return Citation(
        text=f"《{title}》第{article}条",
        title=title,
        kind="法律",
        articles=[f"第{article}条"],
        article_refs=[ArticleRef(text=f"第{article}条", article=article, anchor=f"art-{article}" if n % 50 == 0 else None)],
        provision=f"第{article}条规定的内容。",
        instrument_id=instrument,
        target_document=STATUTE_ID if n % 50 == 0 else None,
    )


def _power(n: int, departments: int) -> Power:
    return Power(
        id=f"p{n:05d}",
        department=f"第{n % departments}局",
        category=CATEGORIES[n % len(CATEGORIES)],
        table=f"表{n % len(CATEGORIES) + 1}",
        seq=str(n),
        name=f"对电子政务项目{n}的审核",
        basis=[_citation(n), _citation(n + 7)],
        duties=[Duty(label="受理责任", text="受理申请。", seq=1), Duty(label="审查责任", text="审查材料。", seq=2)],
        accountability=Accountability(
            basis=[_citation(n + 3)],
            supervision=[Supervision(org="市监察局", phones=["0754-88888888"], urls=["http://www.example.gov.cn/"], text="市监察局")],
        ),
        notes="新增" if n % 100 == 0 else None,
        source=SourceRef(file="000_list.txt", line=n + 2),
    )


def synthetic_corpus(powers: int, departments: int = 20) -> Corpus:
    """`powers` powers over `departments` departments citing 50 instruments, one of them a statute in the corpus."""
    instruments = [
        Instrument(id=f"inst-{i}", title="行政许可法" if i == 0 else f"第{i}号管理办法", kind="法律",
                   document_id=STATUTE_ID if i == 0 else None)
        for i in range(50)
    ]  # fmt: skip
    corpus = Corpus(
        powers=[_power(n, departments) for n in range(powers)],
        documents=[_statute()],
        instruments=instruments,
        diagnostics=[Diagnostic(level="warning", code="demo", message="示例提示", file="000_list.txt", line=3, text="<b>原文</b>")],
    )
    return with_cited_by(corpus)


def with_cited_by(corpus: Corpus) -> Corpus:
    """Each instrument's cited-by from the powers' basis and accountability citations, as the registry fills it."""
    by_id = {instrument.id: instrument for instrument in corpus.instruments}
    for instrument in corpus.instruments:
        instrument.cited_by = []
    for power in corpus.powers:
        for field, citations in (("basis", power.basis), ("accountability", power.accountability.basis)):
            for citation in citations:
                by_id[citation.instrument_id or ""].cited_by.append(
                    CitedBy(record_id=power.id, record_kind="power", title=citation.title, articles=list(citation.articles),
                            provision=citation.provision, file=power.source.file, line=power.source.line, field=field)
                )  # fmt: skip
    return corpus
