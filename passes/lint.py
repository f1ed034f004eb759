"""Pass: the editors' lint report — inconsistencies across rows and citations, each naming file and line."""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from citations.doc_numbers import near_identical
from schema.corpus import Corpus
from schema.records import Diagnostic, Instrument, Power, Supervision
from text.script import to_simplified
from text.titles import title_key

MAX_LINES_SHOWN = 8


@dataclass(frozen=True)
class Place:
    file: str
    line: int | None


def lint_corpus(corpus: Corpus) -> list[Diagnostic]:
    """Every finding: read errors, unparsable citations, doc numbers, contacts, missing basis, duplicates, missing articles."""
    checks: list[Callable[[Corpus], Iterator[Diagnostic]]] = [
        read_errors,
        unparsable_citations,
        conflicting_doc_numbers,
        same_title_different_numbers,
        contact_variants,
        powers_without_basis,
        duplicate_powers,
        missing_articles,
    ]
    return [finding for check in checks for finding in check(corpus)]


def read_errors(corpus: Corpus) -> Iterator[Diagnostic]:
    """Sources the readers could not read (error-level diagnostics): the editor must know a file was left out."""
    yield from (d for d in corpus.diagnostics if d.level == "error")


def unparsable_citations(corpus: Corpus) -> Iterator[Diagnostic]:
    """Citations the extractor could not parse (reported by readers and the resolve pass)."""
    yield from (d for d in corpus.diagnostics if d.code == "citation-unparsable")


def _lines(places: list[Place]) -> str:
    """Distinct lines, the first few shown: '8, 27, 34 and 2 more'."""
    lines = list(dict.fromkeys(str(place.line) for place in places))
    shown = ", ".join(lines[:MAX_LINES_SHOWN])
    return shown + (f" and {len(lines) - MAX_LINES_SHOWN} more" if len(lines) > MAX_LINES_SHOWN else "")


def _places_by(instrument: Instrument, key: str) -> dict[str, list[Place]]:
    places: dict[str, list[Place]] = defaultdict(list)
    for cited in instrument.cited_by:
        if cited.get(key):
            places[cited[key]].append(Place(cited["file"], cited["line"]))
    return places


def conflicting_doc_numbers(corpus: Corpus) -> Iterator[Diagnostic]:
    """One instrument cited under more than one doc number: each minority number reported where it is written."""
    for instrument in corpus.instruments:
        if len(instrument.doc_numbers) < 2:
            continue
        places = _places_by(instrument, "doc_number")
        main = instrument.doc_numbers[0]
        for number in instrument.doc_numbers[1:]:
            why = "issuer code missing a character" if near_identical(number, main) else "conflicting doc numbers"
            first = places[number][0]
            yield Diagnostic(
                level="error",
                code="doc-number-conflict",
                message=f"《{instrument.title}》 cited as {number} (lines {_lines(places[number])}) "
                f"but as {main} elsewhere (lines {_lines(places[main])}): {why}",
                file=first.file,
                line=first.line,
                text=number,
            )


def same_title_different_numbers(corpus: Corpus) -> Iterator[Diagnostic]:
    """Different instruments sharing a title key: the same title under unrelated doc numbers."""
    by_key: dict[str, list[Instrument]] = defaultdict(list)
    for instrument in corpus.instruments:
        by_key[title_key(instrument.title)].append(instrument)
    for group in by_key.values():
        if len(group) < 2:
            continue
        numbers = ", ".join(instrument.doc_number or "no doc number" for instrument in group)
        for instrument in group[1:]:
            cited = instrument.cited_by[0]
            message = f"《{instrument.title}》 cited under different doc numbers: {numbers}"
            yield Diagnostic(level="warning", code="title-number-conflict", message=message, file=cited["file"], line=cited["line"],
                             text=instrument.title)


def _org_key(org: str) -> str:
    return "".join(to_simplified(unicodedata.normalize("NFKC", org)).split())


def contact_variants(corpus: Corpus) -> Iterator[Diagnostic]:
    """The same supervising organisation with different phones, web addresses or postal addresses across rows."""
    fields: list[tuple[str, str, Callable[[Supervision], str], str]] = [
        ("phone", "supervision-phone-variant", lambda s: "、".join(s.phones), "warning"),
        ("web address", "supervision-url-variant", lambda s: "、".join(s.urls), "warning"),
        ("address", "supervision-address-variant", lambda s: s.address or "", "info"),
    ]
    seen: dict[str, dict[str, dict[str, list[Place]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    names: dict[str, str] = {}
    for power in corpus.powers:
        for supervision in power.accountability.supervision:
            key = _org_key(supervision.org)
            names.setdefault(key, supervision.org)
            for label, _, value_of, _ in fields:
                if value := value_of(supervision):
                    seen[key][label][value].append(Place(power.source.file, power.source.line))
    for key, by_field in seen.items():
        for label, code, _, level in fields:
            yield from _variants(names[key], label, code, level, by_field[label])


def _variants(org: str, label: str, code: str, level: str, values: dict[str, list[Place]]) -> Iterator[Diagnostic]:
    if len(values) < 2:
        return
    ranked = sorted(values, key=lambda value: (-len(values[value]), value))
    main = ranked[0]
    for value in ranked[1:]:
        first = values[value][0]
        yield Diagnostic(
            level=level,  # type: ignore[arg-type]
            code=code,
            message=f"{org}: {label} {value} (lines {_lines(values[value])}) differs from {main} (lines {_lines(values[main])})",
            file=first.file,
            line=first.line,
            text=value,
        )


def powers_without_basis(corpus: Corpus) -> Iterator[Diagnostic]:
    for power in corpus.powers:
        if not power.basis and not (power.basis_text or "").strip():
            yield Diagnostic(level="warning", code="power-without-basis", message=f"power without basis: {power.name}",
                             file=power.source.file, line=power.source.line, text=power.name)


def _power_key(power: Power) -> tuple[str, ...]:
    return tuple(_org_key(value or "") for value in (power.department, power.name, power.subitem))


def duplicate_powers(corpus: Corpus) -> Iterator[Diagnostic]:
    """Two rows of the same department with the same power name (and sub-item)."""
    first_of: dict[tuple[str, ...], Power] = {}
    for power in corpus.powers:
        first = first_of.setdefault(_power_key(power), power)
        if first is not power:
            yield Diagnostic(level="error", code="duplicate-power",
                             message=f"power listed twice: {power.name} (first at {first.source.file}:{first.source.line})",
                             file=power.source.file, line=power.source.line, text=power.name)


def missing_articles(corpus: Corpus) -> Iterator[Diagnostic]:
    """Article references to articles that the instrument's text in the corpus does not have."""
    for file, line, citation in _all_citations(corpus):
        for ref in citation.article_refs:
            if ref.link_status == "missing_article":
                yield Diagnostic(level="error", code="article-missing",
                                 message=f"《{citation.title}》 has no article {ref.article} in the corpus text {citation.target_document}",
                                 file=file, line=line, text=ref.text)


def _all_citations(corpus: Corpus) -> Iterator[tuple[str, int | None, object]]:
    for power in corpus.powers:
        for citation in power.basis + power.accountability.basis:
            yield power.source.file, power.source.line, citation
    for document in corpus.documents:
        for citation in document.citations:
            yield document.source.file, document.source.line, citation


def lint_counts(findings: list[Diagnostic]) -> dict[str, int]:
    """Findings per level, for the report's summary line."""
    return {level: sum(finding.level == level for finding in findings) for level in ("error", "warning", "info")}


def lint_json(findings: list[Diagnostic]) -> str:
    """The report as JSON: counts and every finding."""
    return json.dumps({"counts": lint_counts(findings), "findings": [finding.model_dump() for finding in findings]}, ensure_ascii=False,
                      indent=1)
