"""Powers CSV: UTF-8 with BOM, one row per power, formula-leading cells quoted."""

from __future__ import annotations

import csv
import io

from tests.writers.site.synthetic import synthetic_corpus
from writers.site.downloads import CSV_HEADER, powers_csv


def test_csv_has_bom_header_and_a_row_per_power() -> None:
    corpus = synthetic_corpus(12)
    data = powers_csv(corpus.powers)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == CSV_HEADER
    assert len(rows) == 13
    assert rows[5][5] == corpus.powers[4].name
    assert "受理责任：受理申请。" in rows[5][8]


def test_formula_cells_are_quoted() -> None:
    corpus = synthetic_corpus(1)
    corpus.powers[0].notes = "=HYPERLINK(\"http://x\")"
    rows = list(csv.reader(io.StringIO(powers_csv(corpus.powers).decode("utf-8-sig"))))
    assert rows[1][CSV_HEADER.index("备注")] == "'=HYPERLINK(\"http://x\")"
