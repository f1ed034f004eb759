"""The digests of power index documents kept between builds (OUT/cache/index-digests.pickle), by the document's inputs.

A power's index document is a function of its record, its page (path and title) and the names of the instruments it
cites (titles and doc numbers), computed by this code. The build hands the index each power's record fingerprint
(pipeline/power_lines.py); with the page and the cited instruments' names it is the document's input key. An input key
the last build saw gives that build's digest without the document being made again (at 100,000 powers, most of the
index stage); the document is made only when the index does not hold that digest (search.engine.KnownDocument)."""

from __future__ import annotations

import hashlib
import pickle
from functools import cache

from execution.checkout import checkout_digest
from passes.pages import RecordPage
from schema.records import Instrument, Power
from search.fields import FORMAT_VERSION

DIGESTS_FILE = "index-digests.pickle"
LISTING_FILE = "index-listing.pickle"  # search.engine.IndexListing of the index the last build left


@cache
def version() -> str:
    """The code that makes index documents (all of it: the analysis, citations and text code they call) and the format."""
    return f"{checkout_digest()} {FORMAT_VERSION} {pickle.HIGHEST_PROTOCOL}"


class InstrumentNames:
    """A digest of what an index document takes from each instrument (title, titles, doc numbers), by instrument id."""

    def __init__(self, instruments: list[Instrument]) -> None:
        self._instruments = {instrument.id: instrument for instrument in instruments}
        self._digests: dict[str, str] = {}

    def __getitem__(self, instrument_id: str | None) -> str:
        known = self._digests.get(instrument_id or "")
        if known is None:
            instrument = self._instruments.get(instrument_id or "")
            names = (
                [instrument.title, *instrument.titles, "\1", *instrument.doc_numbers, "\1", instrument.doc_number or ""]
                if instrument
                else []
            )
            known = self._digests[instrument_id or ""] = hashlib.sha1("\0".join(names).encode("utf-8")).hexdigest()
        return known


def input_key(record: bytes, page: RecordPage, power: Power, names: InstrumentNames) -> bytes:
    """Everything a power's index document is made from: the record's fingerprint, the page, the cited instruments' names."""
    cited = (citation.instrument_id for citation in (*power.basis, *power.accountability.basis, *power.duty_basis))
    text = "\0".join([record.hex(), page.path, page.title, *(names[instrument_id] for instrument_id in cited)])
    return hashlib.sha1(text.encode("utf-8")).digest()


class DigestMemo:
    """The last build's digests by input key (`before`: as the build kept them), and this build's as they are taken
    (`now`: for the build to keep, with `version()`)."""

    def __init__(self, before: dict[bytes, str] | None = None) -> None:
        self.before = before or {}
        self.now: dict[bytes, str] = {}

    def get(self, key: bytes) -> str | None:
        return self.before.get(key)

    def keep(self, key: bytes, digest: str) -> None:
        self.now[key] = digest
