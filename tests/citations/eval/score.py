"""Score citations.find on the hand-labelled 依据 cells: precision, recall and F1 for citations found, titles, doc numbers
and article sets.

    .venv/bin/python tests/citations/eval/score.py [--misses]

cells.jsonl holds the raw cell texts (dumped from the workbooks with xlrd/openpyxl, from the seed and from one public
list); labels.yaml the citations read from each cell by hand (its header explains the notation). A citation found is
matched to a label by title key (text.titles.title_key), one to one, in order; titles must then be equal as written
(whitespace aside), doc numbers equal as normalized, article sets equal as sets.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[3]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from citations.find import find_citations  # noqa: E402
from schema.records import ArticleRef, Citation  # noqa: E402
from text.titles import title_key  # noqa: E402

HERE = Path(__file__).resolve().parent
SCORED_ROLES = ("cited", "amending")
METRICS = ("found", "titles", "doc numbers", "article sets")


@dataclass(frozen=True)
class Label:
    kind: str | None
    title: str
    doc_number: str | None
    articles: frozenset[str]
    role: str


@dataclass
class Count:
    """True positives and the two denominators of one metric."""

    hits: int = 0
    found: int = 0
    labelled: int = 0

    def precision(self) -> float:
        return self.hits / self.found if self.found else 1.0

    def recall(self) -> float:
        return self.hits / self.labelled if self.labelled else 1.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    counts: dict[str, Count] = field(default_factory=lambda: {name: Count() for name in METRICS})
    cells: int = 0
    misses: list[str] = field(default_factory=list)


def _tokens(written: str) -> frozenset[str]:
    """Label tokens with ranges expanded: 39~50 → 39 … 50."""
    tokens: set[str] = set()
    for token in written.split():
        if re.fullmatch(r"\d+~\d+", token):
            first, last = map(int, token.split("~"))
            tokens.update(str(number) for number in range(first, last + 1))
        else:
            tokens.add(token)
    return frozenset(tokens)


def parse_label(line: str) -> Label:
    """kind | title | doc number | articles [| role]; ~ or - for none."""
    parts = [part.strip() for part in line.split("|")]
    kind, title, doc_number, articles = parts[:4]
    role = parts[4] if len(parts) > 4 and parts[4] else "cited"
    return Label(None if kind in ("~", "-") else kind, title, None if doc_number in ("~", "-", "") else doc_number,
                 _tokens(articles), role)


def ref_token(ref: ArticleRef) -> str | None:
    """An extracted reference in the labels' notation (None for points kept as written)."""
    if ref.informal:
        return None
    if ref.chapter is not None:
        return f"ch{ref.chapter}" + (f".s{ref.section}" if ref.section is not None else "")
    if ref.annex is not None or ref.annex_item is not None:
        return f"annex{ref.annex}" + (f".i{ref.annex_item}" if ref.annex_item is not None else "")
    if ref.article is None:
        return None
    token = str(ref.article) + (f"-{ref.article_suffix}" if ref.article_suffix else "")
    if ref.last_paragraph:
        token += ".plast"
    elif ref.paragraph is not None:
        token += f".p{ref.paragraph}"
    if ref.item is not None:
        token += f".i{ref.item}"
    return token + (f".m{ref.subitem}" if ref.subitem is not None else "")


def articles_of(citation: Citation) -> frozenset[str]:
    return frozenset(token for ref in citation.article_refs if (token := ref_token(ref)))


def _plain(title: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", title))


def _match(labels: list[Label], found: list[Citation]) -> list[tuple[Label, Citation]]:
    """Labels paired with citations of the same title key, one to one, in order."""
    pairs, used = [], set()
    for label in labels:
        key = title_key(label.title)
        index = next((i for i, c in enumerate(found) if i not in used and title_key(c.title or "") == key), None)
        if index is not None:
            used.add(index)
            pairs.append((label, found[index]))
    return pairs


def score_cell(text: str, labels: list[Label], report: Report, cell_id: str) -> None:
    citations, _ = find_citations(text, file=cell_id, line=1)
    found = [c for c in citations if c.role in SCORED_ROLES and c.title]
    pairs = _match(labels, found)
    counts = report.counts
    counts["found"].hits += len(pairs)
    counts["found"].found += len(found)
    counts["found"].labelled += len(labels)
    counts["titles"].hits += sum(_plain(label.title) == _plain(c.title or "") for label, c in pairs)
    counts["titles"].found += len(found)
    counts["titles"].labelled += len(labels)
    counts["doc numbers"].hits += sum(bool(label.doc_number) and label.doc_number == c.doc_number for label, c in pairs)
    counts["doc numbers"].found += sum(bool(c.doc_number) for c in found)
    counts["doc numbers"].labelled += sum(bool(label.doc_number) for label in labels)
    counts["article sets"].hits += sum(bool(label.articles) and label.articles == articles_of(c) for label, c in pairs)
    counts["article sets"].found += sum(bool(articles_of(c)) for c in found)
    counts["article sets"].labelled += sum(bool(label.articles) for label in labels)
    report.cells += 1
    report.misses.extend(_misses(cell_id, labels, found, pairs))


def _misses(cell_id: str, labels: list[Label], found: list[Citation], pairs: list[tuple[Label, Citation]]) -> list[str]:
    lines = []
    matched = {id(c) for _, c in pairs}
    matched_labels = {id(label) for label, _ in pairs}
    lines += [f"{cell_id}: not found 《{label.title}》" for label in labels if id(label) not in matched_labels]
    lines += [f"{cell_id}: extra 《{c.title}》 ({c.role})" for c in found if id(c) not in matched]
    for label, c in pairs:
        if label.doc_number != c.doc_number:
            lines.append(f"{cell_id}: 《{label.title}》 doc number {c.doc_number!r}, labelled {label.doc_number!r}")
        if label.articles != articles_of(c):
            lines.append(f"{cell_id}: 《{label.title}》 articles {sorted(articles_of(c))}, labelled {sorted(label.articles)}")
    return lines


def load(directory: Path = HERE) -> list[tuple[str, str, list[Label]]]:
    """(id, text, labels) for every labelled cell."""
    labels = yaml.safe_load((directory / "labels.yaml").read_text(encoding="utf-8"))
    cells = [json.loads(line) for line in (directory / "cells.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(cell["id"], cell["text"], [parse_label(entry) for entry in labels[cell["id"]]]) for cell in cells]


def score(directory: Path = HERE) -> Report:
    report = Report()
    for cell_id, text, labels in load(directory):
        score_cell(text, labels, report, cell_id)
    return report


def render(report: Report) -> str:
    rows = [f"{report.cells} cells, {report.counts['found'].labelled} labelled citations", f"{'':14}precision  recall      F1"]
    for name, count in report.counts.items():
        rows.append(f"{name:14}{count.precision():9.3f} {count.recall():7.3f} {count.f1():7.3f}")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="also list every disagreement with the labels")
    report = score()
    if parser.parse_args().misses:
        print("\n".join(report.misses))
    print(render(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
