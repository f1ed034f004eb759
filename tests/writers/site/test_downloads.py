"""Powers CSV: UTF-8 with BOM, one row per power, formula-leading cells quoted."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tests.writers.site.synthetic import synthetic_corpus
from writers.atomic import journal, journaled
from writers.background import BackgroundWriter, PendingFiles
from writers.jsonl import record_digest, write_corpus
from writers.site.downloads import CSV_HEADER, CsvRows, downloads_page, powers_csv


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


def test_downloads_copy_the_data_files_the_build_just_wrote(tmp_path: Path) -> None:
    corpus = synthetic_corpus(4)
    with BackgroundWriter() as writer:  # the data files written in its thread: the page takes them once complete
        write_corpus(corpus, tmp_path / "data", writer=writer)
        downloads_page(corpus, tmp_path / "copied", PendingFiles(tmp_path / "data", writer))
    downloads_page(corpus, tmp_path / "written")
    for name in ("powers", "documents", "instruments", "diagnostics", "residue"):
        copied, written = (tmp_path / folder / "downloads" / f"{name}.jsonl" for folder in ("copied", "written"))
        assert copied.read_bytes() == written.read_bytes() == (tmp_path / "data" / f"{name}.jsonl").read_bytes()


def test_a_rebuild_takes_unchanged_rows_from_the_kept_file_and_only_from_that_file(tmp_path: Path) -> None:
    corpus = synthetic_corpus(6)
    digests = [record_digest(power) for power in corpus.powers]
    index, path = tmp_path / "cache" / "csv-rows.pickle", tmp_path / "powers.csv"
    first = CsvRows(index, path)
    first.write(path, corpus.powers, digests)
    first.save()
    assert path.read_bytes() == powers_csv(corpus.powers)
    again = CsvRows(index, path)
    assert set(again.places) == set(digests)  # every row's place came back
    corpus.powers[2].notes = "改"  # one row made again, the others copied from the file in two runs
    digests[2] = record_digest(corpus.powers[2])
    again.write(tmp_path / "again.csv", [*corpus.powers, corpus.powers[0]], [*digests, digests[0]])
    assert (tmp_path / "again.csv").read_bytes() == powers_csv([*corpus.powers, corpus.powers[0]])
    path.write_bytes(path.read_bytes() + b"\r\n")  # the file is not the one the places describe
    assert CsvRows(index, path).places == {}


def test_an_unchanged_table_keeps_its_file_and_a_changed_one_is_journaled(tmp_path: Path) -> None:
    corpus = synthetic_corpus(3)
    digests = [record_digest(power) for power in corpus.powers]
    docs = tmp_path / "docs"
    downloads_page(corpus, docs, digests=digests)
    csv_file = docs / "downloads" / "powers.csv"
    stamp = csv_file.stat().st_mtime_ns
    with journal(tmp_path / "written.log") as log:
        downloads_page(corpus, docs, digests=digests)
        assert csv_file.stat().st_mtime_ns == stamp and str(csv_file) not in journaled(log)
        corpus.powers[1].notes = "改"
        downloads_page(corpus, docs, digests=[record_digest(power) for power in corpus.powers])
        assert str(csv_file) in journaled(log)
    assert csv_file.read_bytes() == powers_csv(corpus.powers)
