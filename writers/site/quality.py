"""The editors' data-quality page: diagnostics (reader and lint findings) by code and by file, and residue."""

from __future__ import annotations

from collections import Counter, defaultdict

from schema.corpus import Corpus
from schema.records import Diagnostic
from writers.site.templates import fill_template

PAGE = "quality.md"
SNIPPET = 120
_LEVEL_ORDER = {"error": 0, "warning": 1, "info": 2}


def _by_file(diagnostics: list[Diagnostic]) -> list[dict[str, object]]:
    groups: dict[str, list[Diagnostic]] = defaultdict(list)
    for diagnostic in diagnostics:
        groups[diagnostic.file].append(diagnostic)
    return [
        {"file": file, "rows": sorted(rows, key=lambda d: (_LEVEL_ORDER[d.level], d.line or 0))}
        for file, rows in sorted(groups.items())
    ]


def _identity(d: Diagnostic) -> tuple[object, ...]:
    """What makes two diagnostics one finding."""
    return (d.level, d.code, d.file, d.line, d.message, d.text)


def finding_count(corpus: Corpus) -> int:
    """How many findings the page lists (see `findings`), without making them."""
    return len({_identity(d) for d in corpus.diagnostics})


def findings(corpus: Corpus) -> list[Diagnostic]:
    """The corpus diagnostics (reader, resolve and lint findings), each once, with long offending text shortened."""
    unique: dict[tuple[object, ...], Diagnostic] = {}
    for d in corpus.diagnostics:
        unique.setdefault(_identity(d), d)
    return [
        d.model_copy(update={"text": d.text[:SNIPPET] + "…" if d.text and len(d.text) > SNIPPET else d.text}) for d in unique.values()
    ]


def quality_page(corpus: Corpus, diagnostics: list[Diagnostic]) -> tuple[str, str]:
    """The page for `diagnostics` (see `findings`) and the corpus residue."""
    codes = Counter((d.level, d.code) for d in diagnostics)
    residue: dict[str, Counter[str]] = defaultdict(Counter)
    for piece in corpus.residue:
        residue[piece.file][piece.reason] += 1
    return PAGE, fill_template(
        "quality",
        total=len(diagnostics),
        residue_total=len(corpus.residue),
        codes=[
            {"level": level, "code": code, "count": count}
            for (level, code), count in sorted(codes.items(), key=lambda item: (_LEVEL_ORDER[item[0][0]], -item[1]))
        ],
        groups=_by_file(diagnostics),
        residue=[
            {"file": file, "count": sum(reasons.values()), "reasons": "、".join(f"{r} {n}" for r, n in reasons.most_common())}
            for file, reasons in sorted(residue.items())
        ],
    )
