"""Pass: the editors' lint report — inconsistencies across rows and citations, each naming file and line."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from citations.doc_numbers import is_order, near_identical, parse_doc_number
from schema.corpus import Corpus
from schema.records import CitedBy, Diagnostic, Instrument, Power, Supervision
from text.script import to_simplified
from text.titles import title_key
from text.variants import are_variants

MAX_LINES_SHOWN = 8
LIST_CELLS = ("basis", "accountability")  # a power list's 依据 cells, where a doc number is written when it is known


@dataclass(frozen=True)
class CitedAt:
    """Where a cell citing an instrument is: source file and line."""

    file: str
    line: int | None


class FindingsStore(Protocol):
    """Findings of a check kept by an earlier build, by the check's name and a digest of what it read; and the digests
    of what it read of each part of the powers (see Parts)."""

    def get(self, check: str, inputs: str) -> list[Diagnostic] | None: ...

    def put(self, check: str, inputs: str, findings: list[Diagnostic]) -> None: ...

    def part(self, check: str, identity: str) -> bytes | None: ...

    def keep_part(self, check: str, identity: str, digest: bytes) -> None: ...

    def of_instrument(self, check: str, identity: bytes) -> list[Diagnostic] | None: ...

    def keep_of_instrument(self, check: str, identity: bytes, findings: list[Diagnostic]) -> None: ...


# The corpus' powers as consecutive runs (a source's powers): an identity that decides every field of READS of the
# run's powers (a source's read key: the reader's records, which no pass changes in those fields) and how many powers.
Parts = list[tuple[str, int]]


def lint_corpus(corpus: Corpus, store: FindingsStore | None = None, parts: Parts | None = None) -> list[Diagnostic]:
    """The findings across records (doc numbers, contacts, missing basis, duplicates, missing articles); the pipeline adds
    them to the corpus diagnostics, where the readers' and the resolve pass's already are. `store`: findings of
    earlier builds, taken for a check of READS whose inputs are the same; `parts`: the powers' runs, whose digests the
    store keeps, so a rebuild reads again only the powers of runs it has not seen."""
    checks: list[Callable[[Corpus], Iterator[Diagnostic]]] = [
        conflicting_doc_numbers,
        version_drift,
        missing_doc_numbers,
        same_title_different_numbers,
        contact_variants,
        powers_without_basis,
        duplicate_powers,
        missing_articles,
        seq_gaps_and_duplicates,
        same_name_different_basis,
        one_character_name_variants,
    ]
    return [finding for check in checks for finding in _run(check, corpus, store, parts)]


def _run(
    check: Callable[[Corpus], Iterator[Diagnostic]], corpus: Corpus, store: FindingsStore | None, parts: Parts | None
) -> list[Diagnostic]:
    of_instrument = PER_INSTRUMENT.get(check.__name__)
    if store is not None and of_instrument is not None and corpus.cited_by_digests:
        return _run_by_instrument(check.__name__, of_instrument, corpus, store)
    reads = READS.get(check.__name__)
    if store is None or reads is None:
        return list(check(corpus))
    inputs = _inputs(check.__name__, reads, corpus.powers, store, parts)
    findings = store.get(check.__name__, inputs)
    if findings is None:
        findings = list(check(corpus))
        store.put(check.__name__, inputs, findings)
    return findings


def _run_by_instrument(
    name: str, check: Callable[[Instrument], Iterator[Diagnostic]], corpus: Corpus, store: FindingsStore
) -> list[Diagnostic]:
    """A check of each instrument alone, its findings taken from the store for an instrument whose record is as it
    was: the record is a function of its id, its document and its citations' places (Corpus.cited_by_digests), and a
    one-row edit moves the citations of a few dozen of a province's thousands of instruments."""
    findings: list[Diagnostic] = []
    for instrument in corpus.instruments:
        cited = corpus.cited_by_digests.get(instrument.id)
        if cited is None:
            findings.extend(check(instrument))
            continue
        identity = cited + f"\0{instrument.id}\0{instrument.document_id}".encode()
        found = store.of_instrument(name, identity)
        if found is None:
            found = list(check(instrument))
        store.keep_of_instrument(name, identity, found)
        findings.extend(found)
    return findings


def _read_digest(reads: Callable[[Power], tuple], powers: list[Power]) -> bytes:
    return hashlib.sha1(repr([reads(power) for power in powers]).encode("utf-8")).digest()


def _inputs(check: str, reads: Callable[[Power], tuple], powers: list[Power], store: FindingsStore, parts: Parts | None) -> str:
    """A digest of what `check` reads of every power, in order: of each part's digest, taken from the store for a part
    it has seen (100,000 powers' fields cost seconds to read again after a one-row edit)."""
    if parts is None:
        return _read_digest(reads, powers).hex()
    digest, start = hashlib.sha1(), 0
    for identity, count in parts:
        part = store.part(check, identity)
        if part is None:
            part = _read_digest(reads, powers[start : start + count])
        store.keep_part(check, identity, part)
        digest.update(part)
        start += count
    if start != len(powers):
        raise ValueError(f"the parts hold {start} powers, the corpus {len(powers)}")
    return digest.hexdigest()


def _lines(places: list[CitedAt]) -> str:
    """Distinct lines, the first few shown: '8, 27, 34 and 2 more'."""
    lines = list(dict.fromkeys(str(place.line) for place in places))
    shown = ", ".join(lines[:MAX_LINES_SHOWN])
    return shown + (f" and {len(lines) - MAX_LINES_SHOWN} more" if len(lines) > MAX_LINES_SHOWN else "")


def _places_by(instrument: Instrument, key: str) -> dict[str, list[CitedAt]]:
    places: dict[str, list[CitedAt]] = defaultdict(list)
    for cited in instrument.cited_by:
        if getattr(cited, key):
            places[getattr(cited, key)].append(CitedAt(cited.file, cited.line))
    return places


def conflicting_doc_numbers(corpus: Corpus) -> Iterator[Diagnostic]:
    """One instrument cited under more than one doc number: each minority number reported where it is written."""
    for instrument in corpus.instruments:
        yield from _conflicting_doc_numbers(instrument)


def _conflicting_doc_numbers(instrument: Instrument) -> Iterator[Diagnostic]:
    if len(instrument.doc_numbers) < 2:
        return
    places = _places_by(instrument, "doc_number")
    main = instrument.doc_numbers[0]
    for number in instrument.doc_numbers[1:]:
        if is_order(number) and is_order(main):
            continue  # two orders of one law name two versions: version_drift reports them
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


def _cited(instrument: Instrument) -> list[CitedBy]:
    return [cited for cited in instrument.cited_by if cited.role == "cited"]


def _version_key(cited: CitedBy) -> str | None:
    amended = cited.amendment_dates or []
    return max(amended) if amended else None


def version_drift(corpus: Corpus) -> Iterator[Diagnostic]:
    """One instrument cited as different versions across rows: different promulgating orders, or a row naming an older text."""
    for instrument in corpus.instruments:
        yield from _version_drift(instrument)


def _version_drift(instrument: Instrument) -> Iterator[Diagnostic]:
    rows = _cited(instrument)
    orders: dict[str, list[CitedAt]] = defaultdict(list)
    for cited in rows:
        if cited.doc_number and is_order(cited.doc_number):
            orders[cited.doc_number].append(CitedAt(cited.file, cited.line))
    yield from _order_drift(instrument, _join_yearless(orders))
    yield from _date_drift(instrument, rows)


def _join_yearless(orders: dict[str, list[CitedAt]]) -> dict[str, list[CitedAt]]:
    """农业部令第8号 and 2017年农业部令第8号 are one order written with and without its year (two years would be two)."""
    joined: dict[str, list[CitedAt]] = defaultdict(list)
    dated = {(parsed.issuer, parsed.serial): number for number in orders if (parsed := parse_doc_number(number)) and parsed.year}
    for number, places in orders.items():
        parsed = parse_doc_number(number)
        same = dated.get((parsed.issuer, parsed.serial)) if parsed and parsed.year is None else None
        joined[same or number].extend(places)
    return joined


def _order_drift(instrument: Instrument, orders: dict[str, list[CitedAt]]) -> Iterator[Diagnostic]:
    if len(orders) < 2:
        return
    ranked = sorted(orders, key=lambda number: (-len(orders[number]), number))
    for number in ranked[1:]:
        first = orders[number][0]
        yield Diagnostic(level="warning", code="version-drift",
                         message=f"《{instrument.title}》 cited under order {number} (lines {_lines(orders[number])}) "
                         f"but under {ranked[0]} elsewhere (lines {_lines(orders[ranked[0]])}): two versions",
                         file=first.file, line=first.line, text=number)


def _date_drift(instrument: Instrument, rows: list[dict]) -> Iterator[Diagnostic]:
    """Rows whose named dates all precede the latest amendment another row names: they cite the text before it."""
    latest = max((key for cited in rows if (key := _version_key(cited))), default=None)
    if latest is None:
        return
    newest = [cited for cited in rows if _version_key(cited) == latest]
    older = [cited for cited in rows if cited.dates and all(date < latest for date in cited.dates)
             and (cited.amendment_dates or not cited.amended)]  # an undated amendment may be the latest
    if not older:
        return
    places = [CitedAt(cited.file, cited.line) for cited in older]
    first = places[0]
    named = sorted({max(cited.dates) for cited in older})
    yield Diagnostic(level="warning", code="version-drift",
                     message=f"《{instrument.title}》 cited as the version of {', '.join(named)} (lines {_lines(places)}) "
                     f"but as amended {latest} elsewhere (lines {_lines([CitedAt(c.file, c.line) for c in newest])})",
                     file=first.file, line=first.line, text=", ".join(named))


def missing_doc_numbers(corpus: Corpus) -> Iterator[Diagnostic]:
    """An instrument whose doc number some rows write and other rows (none of their 依据 cells) do not."""
    for instrument in corpus.instruments:
        yield from _missing_doc_numbers(instrument)


def _missing_doc_numbers(instrument: Instrument) -> Iterator[Diagnostic]:
    if not instrument.doc_number:
        return
    rows = [cited for cited in _cited(instrument) if cited.field in LIST_CELLS]
    with_number = list(dict.fromkeys(CitedAt(cited.file, cited.line) for cited in rows if cited.doc_number))
    without = list(dict.fromkeys(CitedAt(cited.file, cited.line) for cited in rows if not cited.doc_number))
    without = [place for place in without if place not in with_number]
    if without and with_number:
        yield Diagnostic(level="info", code="doc-number-missing",
                         message=f"《{instrument.title}》 cited with {instrument.doc_number} (lines {_lines(with_number)}) "
                         f"but without a doc number on lines {_lines(without)}",
                         file=without[0].file, line=without[0].line, text=instrument.title)


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
            yield Diagnostic(level="warning", code="title-number-conflict", message=message, file=cited.file, line=cited.line,
                             text=instrument.title)


@lru_cache(maxsize=1 << 17)
def _org_key(org: str) -> str:
    """A name compared across rows (cached: a department's name is keyed once per power, a power's name in three checks)."""
    return "".join(to_simplified(unicodedata.normalize("NFKC", org)).split())


def contact_variants(corpus: Corpus) -> Iterator[Diagnostic]:
    """The same supervising organisation with different phones, web addresses or postal addresses across rows."""
    fields: list[tuple[str, str, Callable[[Supervision], str], str]] = [
        ("phone", "supervision-phone-variant", lambda s: "、".join(s.phones), "warning"),
        ("web address", "supervision-url-variant", lambda s: "、".join(s.urls), "warning"),
        ("address", "supervision-address-variant", lambda s: s.address or "", "info"),
    ]
    seen: dict[str, dict[str, dict[str, list[CitedAt]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    names: dict[str, str] = {}
    for power in corpus.powers:
        for supervision in power.accountability.supervision:
            key = _org_key(supervision.org)
            names.setdefault(key, supervision.org)
            for label, _, value_of, _ in fields:
                if value := value_of(supervision):
                    seen[key][label][value].append(CitedAt(power.source.file, power.source.line))
    for key, by_field in seen.items():
        for label, code, _, level in fields:
            yield from _variants(names[key], label, code, level, by_field[label])


def _variants(org: str, label: str, code: str, level: str, values: dict[str, list[CitedAt]]) -> Iterator[Diagnostic]:
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
    table = (power.source.file, power.source.sheet or "", power.table or power.category or "")
    return (*table, *(_org_key(value or "") for value in (power.department, power.name, power.subitem)))


def duplicate_powers(corpus: Corpus) -> Iterator[Diagnostic]:
    """Two rows of one table with the same power name (and sub-item); across sheets see same_name_different_basis."""
    first_of: dict[tuple[str, ...], Power] = {}
    for power in corpus.powers:
        first = first_of.setdefault(_power_key(power), power)
        if first is not power:
            yield Diagnostic(level="error", code="duplicate-power",
                             message=f"power listed twice: {power.name} (first at {first.source.file}:{first.source.line})",
                             file=power.source.file, line=power.source.line, text=power.name)


def _table_of(power: Power) -> tuple[str, str, str]:
    """A power's table as far as its record tells: file, sheet and 表 heading (a restart at 序号 1 starts another)."""
    return power.source.file, power.source.sheet or "", power.table or ""


def _numbers(seq: str | None) -> list[int]:
    """The whole numbers a 序号 names: 3 → [3], "2,3" → [2, 3]; None for 1.1, 一 or text."""
    parts = re.split(r"\s*[,，、]\s*", (seq or "").strip())
    return [int(part) for part in parts] if all(part.isdigit() for part in parts) else []


def _where(power: Power) -> str:
    return f"sheet {power.source.sheet!r}" if power.source.sheet else f"table {power.table or power.category!r}"


def seq_gaps_and_duplicates(corpus: Corpus) -> Iterator[Diagnostic]:
    """Within one table, a 序号 used by two items, or numbers skipped between one item and the next (子项 share theirs)."""
    items: dict[tuple[str, str, str], list[Power]] = defaultdict(list)
    for power in corpus.powers:
        items[_table_of(power)].append(power)
    for powers in items.values():
        seen: dict[int, Power] = {}
        previous: int | None = None
        for power in powers:
            numbers = _numbers(power.seq)
            if not numbers or (power.item_id and any(seen.get(n) and seen[n].item_id == power.item_id for n in numbers)):
                continue
            if numbers[0] == 1 and previous is not None:
                seen, previous = {}, None  # numbering starts again: a new table (under a category heading)
            for number in numbers:
                if number in seen:
                    yield Diagnostic(level="warning", code="seq-duplicate", file=power.source.file, line=power.source.line, text=power.seq,
                                     message=f"{_where(power)}: 序号 {number} is used twice ({seen[number].name} and {power.name})")
                elif previous is not None and number > previous + 1:
                    missing = f"{previous + 1}" if number == previous + 2 else f"{previous + 1}–{number - 1}"
                    yield Diagnostic(level="warning", code="seq-gap", file=power.source.file, line=power.source.line, text=power.seq,
                                     message=f"{_where(power)}: 序号 {missing} missing before {power.name}")
                seen[number] = power
                previous = number


def _basis_key(power: Power) -> str:
    return "".join(to_simplified(unicodedata.normalize("NFKC", power.basis_text or "")).split())


def same_name_different_basis(corpus: Corpus) -> Iterator[Diagnostic]:
    """The same item (department, name, 子项) in two sheets or tables of a department with different 实施依据."""
    first_of: dict[tuple[str, ...], Power] = {}
    for power in corpus.powers:
        key = tuple(_org_key(value or "") for value in (power.department, power.name, power.subitem))
        first = first_of.setdefault(key, power)
        if first is power or _table_of(first) == _table_of(power) or _basis_key(first) == _basis_key(power):
            continue
        yield Diagnostic(level="warning", code="same-name-different-basis", file=power.source.file, line=power.source.line, text=power.name,
                         message=f"{power.name}: 实施依据 in {_where(power)} differs from {_where(first)} "
                         f"({first.source.file}:{first.source.line})")


def one_character_name_variants(corpus: Corpus) -> Iterator[Diagnostic]:
    """Two item names of one department that differ in exactly one character: a warning when the two characters are
    variants lists write for one another (帐册/账册), else informational (假种子/劣种子 are two items)."""
    by_mask: dict[tuple[str, str], dict[str, Power]] = defaultdict(dict)
    reported: set[frozenset[str]] = set()  # across departments: a pair is reported for the first department only
    for power in corpus.powers:
        name, department = _org_key(power.name), _org_key(power.department or "")
        for index in range(len(name)):
            names = by_mask[(department, name[:index] + "\x00" + name[index + 1 :])]
            if name in names:
                continue  # its pairs with this mask were taken when the later name of each pair came
            names[name] = power
            for other, first in names.items():
                pair = frozenset((name, other))
                if other == name or pair in reported:
                    continue
                reported.add(pair)
                level = "warning" if are_variants(other[index], name[index]) else "info"
                yield Diagnostic(level=level, code="name-variant", file=power.source.file, line=power.source.line, text=power.name,
                                 message=f"{power.name!r} differs from {first.name!r} ({first.source.file}:{first.source.line}) "
                                 f"in one character: {other[index]} / {name[index]}")


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
        for citation in power.basis + power.accountability.basis + power.duty_basis:
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


# The checks whose findings about an instrument are a function of its record alone, by name: their per-instrument part.
PER_INSTRUMENT: dict[str, Callable[[Instrument], Iterator[Diagnostic]]] = {
    "conflicting_doc_numbers": _conflicting_doc_numbers,
    "version_drift": _version_drift,
    "missing_doc_numbers": _missing_doc_numbers,
}

# Everything the costliest power checks read of each power (a rebuild after editing a duty or a citation reads the
# same names, contacts and tables): a check's findings are a function of these, in corpus order, and of the code.
READS: dict[str, Callable[[Power], tuple]] = {
    "one_character_name_variants": lambda power: (power.name, power.department, power.source.file, power.source.line),
    "contact_variants": lambda power: (
        power.source.file,
        power.source.line,
        [(item.org, item.phones, item.urls, item.address) for item in power.accountability.supervision],
    ),
    "duplicate_powers": lambda power: (*_power_key(power), power.name, power.source.line),
    "seq_gaps_and_duplicates": lambda power: (*_table_of(power), power.category, power.seq, power.item_id, power.name, power.source.line),
    "same_name_different_basis": lambda power: (
        *_table_of(power),
        power.category,
        power.department,
        power.name,
        power.subitem,
        power.basis_text,
        power.source.line,
    ),
}
