"""The instrument registry: one stable id per distinct cited instrument (doc number first, then title and aliases)."""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from citations.doc_numbers import CONTINUOUS_ORDERS, is_order, near_identical, parse_doc_number
from schema.records import Citation, CitedBy, Instrument, assign
from text.titles import is_short_name, title_key

RecordKind = Literal["power", "document"]
AMENDED = re.compile(r"修正|修订|修改")


@dataclass
class _Entry:
    """What the registry has gathered about one instrument so far."""

    titles: Counter[str] = field(default_factory=Counter)
    keys: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    doc_numbers: Counter[str] = field(default_factory=Counter)
    citations: list[Citation] = field(default_factory=list)
    cited_by: list[CitedBy] = field(default_factory=list)
    places: list[int] = field(default_factory=list)  # each citation's place (see InstrumentRegistry.add_cell)

    def take(self, citation: Citation, cited_by: CitedBy) -> None:
        if citation.title:
            self.titles[citation.title] += 1
            self.keys[title_key(citation.title)] += 1
        if citation.kind:
            self.kinds[citation.kind] += 1
        if citation.doc_number:
            self.doc_numbers[citation.doc_number] += 1
        self.citations.append(citation)
        self.cited_by.append(cited_by)

    def identity(self) -> str:
        """doc:<most cited doc number>, else title:<most cited title key>.

        An order number without a year that is not 国务院令 (主席令第18号: every NPC term starts again at 第1号) is not unique
        on its own: its title key goes with it.
        """
        if self.doc_numbers:
            number = _most_common(self.doc_numbers)
            parsed = parse_doc_number(number)
            if parsed and parsed.kind == "order" and parsed.year is None and parsed.issuer not in CONTINUOUS_ORDERS:
                return f"doc:{number}|{_most_common(self.keys)}"
            return "doc:" + number
        return "title:" + _most_common(self.keys)


def registered(citation: Citation) -> bool:
    """Whether the registry takes the citation: it names an instrument by title (a certificate's 《》 does not)."""
    return bool(citation.title) and citation.role != "certificate"


def _most_common(counter: Counter[str]) -> str:
    """The most frequent value; ties go to the longest, then the first in sort order."""
    return min(counter, key=lambda value: (-counter[value], -len(value), value))


def instrument_id(identity: str) -> str:
    """Stable id: ins- + a hash of the identity key."""
    return "ins-" + hashlib.sha1(identity.encode("utf-8")).hexdigest()[:10]


class InstrumentRegistry:
    """Collects citations cell by cell; `instruments()` gives the registry and sets every Citation.instrument_id."""

    def __init__(self, sources: list[str] | None = None) -> None:
        """`sources`: a name for each source that decides its records (its read key), when cells come with places."""
        self._entries: list[_Entry] = []
        self._by_doc_number: dict[str, _Entry] = {}
        self._by_key: dict[str, _Entry] = {}
        self._sources = sources
        self._placed = sources is not None
        self.cited_by_digests: dict[str, bytes] = {}  # by instrument id, when every cell came with its place
        self.cited_by_places: dict[str, CitedPlaces] = {}  # what each digest is made of, but the sources' names

    def add_cell(
        self,
        citations: list[Citation],
        *,
        record_id: str,
        record_kind: RecordKind,
        file: str,
        line: int | None,
        field: str | None = None,
        place: int | None = None,
    ) -> None:
        """Register the citations of one cell (short names resolve to a full title named earlier in the same cell).
        `place`: the cell's source (its index in `sources`) and number among that source's cells, as `cell_place`
        makes them; an instrument's cited-by is then a function of its citations' places (see `cited_by_digests`)."""
        if place is None:
            self._placed, place = False, 0
        earlier: list[tuple[Citation, _Entry]] = []
        for position, citation in enumerate(citations):
            if not registered(citation):
                continue
            short_target = self._short_name_target(citation, earlier)
            entry = short_target or self._lookup(citation) or self._new()
            if short_target is None:
                self._index(entry, citation)
            entry.take(citation, _cited_by(citation, record_id, record_kind, file, line, field))
            entry.places.append(place + position)
            earlier.append((citation, entry))

    def _short_name_target(self, citation: Citation, earlier: list[tuple[Citation, _Entry]]) -> _Entry | None:
        if citation.doc_number or not citation.title:
            return None
        for previous, entry in reversed(earlier):
            if previous.title and is_short_name(citation.title, previous.title):
                return entry
        return None

    def _lookup(self, citation: Citation) -> _Entry | None:
        """Same doc number; else same title key, unless that instrument carries a different, unrelated doc number.

        Order numbers name versions of one law or regulation: the same title under two orders is one instrument (its
        version drift is linted), and an order number joins citations only when their titles agree.
        """
        key = title_key(citation.title or "")
        number = citation.doc_number
        if number and number in self._by_doc_number:
            entry = self._by_doc_number[number]
            if not is_order(number) or key in entry.keys:
                return entry
        entry = self._by_key.get(key)
        if entry is None or not number or not entry.doc_numbers:
            return entry
        if is_order(number) and all(is_order(known) for known in entry.doc_numbers):
            return entry
        return entry if any(near_identical(number, known) for known in entry.doc_numbers) else None

    def _new(self) -> _Entry:
        entry = _Entry()
        self._entries.append(entry)
        return entry

    def _index(self, entry: _Entry, citation: Citation) -> None:
        if citation.doc_number:
            self._by_doc_number.setdefault(citation.doc_number, entry)
        if citation.title:
            self._by_key.setdefault(title_key(citation.title), entry)

    def instruments(self) -> list[Instrument]:
        """The registry as records (ordered by id), with instrument_id set on every registered citation; and, when
        every cell came with its place, each instrument's digest of its citations' places (`cited_by_digests`): equal
        digests, equal cited-by entries and the fields taken from them (all but the id and document_id)."""
        result: dict[str, Instrument] = {}
        identities: Counter[str] = Counter(entry.identity() for entry in self._entries)
        for entry in self._entries:
            identity = entry.identity()
            ident = instrument_id(identity if identities[identity] == 1 else f"{identity}|{_most_common(entry.keys)}")
            for citation in entry.citations:
                assign(citation, instrument_id=ident)
            result[ident] = _record(ident, entry)
            if self._placed and self._sources is not None:
                self.cited_by_places[ident] = places = cited_places(entry.places)
                self.cited_by_digests[ident] = places_digest(places, self._sources)
        return [result[ident] for ident in sorted(result)]


SOURCE_SHIFT, CELL_SHIFT = 40, 16  # a place: source index, cell number in the source, citation in the cell
IN_SOURCE = (1 << SOURCE_SHIFT) - 1


def cell_place(source: int, number: int) -> int:
    """The place of the `number`-th cell of source `source` (its citations' places add their position in the cell)."""
    if number >> (SOURCE_SHIFT - CELL_SHIFT):
        raise ValueError(f"a source with more than {1 << (SOURCE_SHIFT - CELL_SHIFT)} cells")
    return source << SOURCE_SHIFT | number << CELL_SHIFT


class CitedPlaces(NamedTuple):
    """An instrument's citation places apart from the sources' names: the sources (their indices) in their order of
    first appearance, and each place with its source's rank among them."""

    sources: tuple[int, ...]
    local: bytes


def cited_places(places: list[int]) -> CitedPlaces:
    ranks: dict[int, int] = {}
    local = array("q", [ranks.setdefault(place >> SOURCE_SHIFT, len(ranks)) << SOURCE_SHIFT | place & IN_SOURCE for place in places])
    return CitedPlaces(tuple(ranks), local.tobytes())


def places_digest(places: CitedPlaces, sources: list[str]) -> bytes:
    """A digest of citation places that names each source by its name (not its index, which an edit elsewhere can
    shift)."""
    named = "\0".join(sources[index] for index in places.sources).encode("utf-8")
    return hashlib.sha1(named + b"\1" + places.local).digest()


CITED_BY_FIELDS = set(CitedBy.model_fields)  # shared by every entry: all of them are set


def _cited_by(citation: Citation, record_id: str, record_kind: RecordKind, file: str, line: int | None, field: str | None) -> CitedBy:
    """Made without validation (Record.trusted): every value comes typed from a validated Citation, and there is one
    entry per citation of the corpus (hundreds of thousands at 100,000 powers)."""
    values = {
        "record_id": record_id,
        "record_kind": record_kind,
        "title": citation.title,
        "doc_number": citation.doc_number,
        "articles": list(citation.articles),
        "provision": citation.provision,
        "role": citation.role,
        "version": citation.version,
        "dates": _dates(citation),
        "amendment_dates": list(citation.amendment_dates),
        "amended": bool(citation.amendment_dates or citation.amendment_orders or AMENDED.search(citation.history or "")),
        "file": file,
        "line": line,
        "field": field,
    }
    return CitedBy.trusted(values, CITED_BY_FIELDS)


def _dates(citation: Citation) -> list[str]:
    """Every date the citation's history names (promulgation, amendments, entry into force), for version comparison."""
    dates = [citation.promulgation_date, *citation.amendment_dates, citation.effective_date]
    named = [date for date in dates if date]
    return named or ([citation.version] if citation.version and citation.version[:4].isdigit() else [])


def _display_title(entry: _Entry) -> str:
    """The fullest written title of the instrument's main key (中华人民共和国行政许可法 over 行政许可法)."""
    key = _most_common(entry.keys)
    candidates = [title for title in entry.titles if title_key(title) == key]
    return max(candidates, key=lambda title: (len(title), entry.titles[title], title))


def _record(ident: str, entry: _Entry) -> Instrument:
    doc_number = _most_common(entry.doc_numbers) if entry.doc_numbers else None
    parsed = parse_doc_number(doc_number) if doc_number else None
    return Instrument(
        id=ident,
        title=_display_title(entry),
        titles=sorted(entry.titles, key=lambda title: (-entry.titles[title], title)),
        kind=_most_common(entry.kinds) if entry.kinds else None,
        doc_number=doc_number,
        doc_numbers=sorted(entry.doc_numbers, key=lambda number: (-entry.doc_numbers[number], number)),
        issuer=parsed.issuer if parsed else None,
        year=parsed.year if parsed else None,
        cited_by=entry.cited_by,
    )
