"""Downloads: the JSONL record files and a powers CSV (UTF-8 with BOM, so spreadsheets detect the encoding)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path

from schema.corpus import Corpus
from schema.records import Citation, Duty, Entry, Power
from writers import kept
from writers.atomic import file_version, link_file, note_written
from writers.background import PendingFiles
from writers.jsonl import write_corpus
from writers.runs import RunSink
from writers.site.escape import link
from writers.site.page_cache import writer_version
from writers.site.templates import fill_template

FOLDER = "downloads"
LABELS = {
    "powers": "职权",
    "documents": "全文文本",
    "instruments": "引用文件",
    "diagnostics": "数据质量提示",
    "residue": "剩余文字",
}
CSV_NAME = "powers.csv"
CACHE, ROWS = "cache", "csv-rows.pickle"  # OUT/cache/csv-rows.pickle: where each power's row is in the last powers.csv
CSV_HEADER = [
    "编号", "部门", "所在表", "职权类型", "序号", "职权名称", "子项", "依据", "责任事项", "问责依据", "监督方式",
    "事项编号", "子项序号", "职权编码", "职权类型（原文）", "实施层级", "权限", "行使主体", "承办机构", "部门职责",
    "责任事项依据", "追责情形", "追责对象范围", "救济渠道", "办理时限", "收费", "备注", "来源文件", "行",
]  # fmt: skip
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    """A cell a spreadsheet shows as text: a leading formula character is quoted with an apostrophe."""
    cell = "" if value is None else str(value)
    return "'" + cell if cell.startswith(_FORMULA_LEADS) else cell


def _citations(citations: list[Citation]) -> str:
    return "\n".join(citation.text for citation in citations)


def _duty(duty: Duty) -> str:
    """A duty as one line: its group first when it has one (直接实施责任｜…)."""
    body = f"{duty.label}：{duty.text}" if duty.label else duty.text
    return f"{duty.group}｜{body}" if duty.group else body


def _entries(entries: list[Entry]) -> str:
    return "\n".join(f"{entry.seq}. {entry.text}" if entry.seq else entry.text for entry in entries)


def _row(power: Power) -> list[str]:
    duties = "\n".join(_duty(duty) for duty in power.duties)
    accountability = power.accountability
    supervision = "\n".join(channel.text for channel in accountability.supervision)
    circumstances = "\n".join(part for part in (accountability.circumstances_intro, _entries(accountability.circumstances)) if part)
    values = [
        power.id, power.department, power.table, power.category, power.seq, power.name, power.subitem,
        _citations(power.basis) or power.basis_text, duties, _citations(accountability.basis) or accountability.text,
        supervision, power.item_id, power.subitem_seq, power.code, power.category_text, power.level, power.scope,
        power.executing_body, power.office, power.department_duty, _citations(power.duty_basis) or power.duty_basis_text,
        circumstances, _entries(accountability.targets), power.remedy, power.time_limit, power.fees,
        power.notes, power.source.file, power.source.line,
    ]  # fmt: skip
    return [_cell(value) for value in values]


def _csv_line(cells: list[str]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)
    return buffer.getvalue().encode("utf-8")


def _header() -> bytes:
    return b"\xef\xbb\xbf" + _csv_line(CSV_HEADER)  # the BOM: spreadsheets read UTF-8


def powers_csv(powers: list[Power]) -> bytes:
    """The powers table as CSV bytes with a UTF-8 BOM."""
    return b"".join([_header(), *(_csv_line(_row(power)) for power in powers)])


class CsvRows:
    """The rows of the powers.csv last written, by the line digest of the power each one was made from (a row is a
    function of its record alone), so a rebuild makes only the rows of powers whose record changed and has the kernel
    copy the others from the last file in runs (writers/runs.py): at 100,000 powers the table is 110 MB. Tied to the
    file (inode, size, time) and to the writer's code."""

    def __init__(self, index: Path | None = None, path: Path | None = None) -> None:
        self.index, self.path = index, path
        self.places: dict[bytes, tuple[int, int]] = {}
        self.made: dict[bytes, tuple[int, int]] = {}
        places = kept.load(index, (writer_version(), file_version(path)), dict) if path is not None else None
        if places is not None and path is not None:
            self.places = places

    def write(self, target: Path, powers: list[Power], digests: list[bytes]) -> None:
        """Write the CSV to `target` (replaced only when its bytes change, and journaled then); `digests`: each
        power's line digest (b"" for none: the row is made)."""
        earlier = os.open(self.path, os.O_RDONLY) if self.places and self.path is not None else None
        try:
            with RunSink(target, replaced=note_written) as sink:
                sink.write(_header())
                for power, digest in zip(powers, digests, strict=True):
                    offset, place = sink.size, self.places.get(digest) if digest else None
                    if place is not None and earlier is not None:
                        sink.copy(earlier, *place)
                    else:
                        sink.write(_csv_line(_row(power)))
                    if digest:
                        self.made[digest] = (offset, sink.size - offset)
        finally:
            if earlier is not None:
                os.close(earlier)

    def save(self) -> None:
        """Keep where this run's rows are in the file just written."""
        if self.index is not None and self.path is not None:
            kept.save(self.index, (writer_version(), file_version(self.path)), self.made)


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024:.1f} KB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _record_files(corpus: Corpus, folder: Path, pending: PendingFiles | None) -> dict[str, int]:
    """The JSONL files under docs/downloads/: copies of OUT/data's when the build is writing them from this corpus
    (taken once they are written)."""
    if pending is None:
        return write_corpus(corpus, folder)
    data = pending.ready()
    for name in corpus.collections():  # linked, not copied: the data writer replaces its files, never changes them
        source, target = data / f"{name}.jsonl", folder / f"{name}.jsonl"
        if not (target.is_file() and os.path.samefile(source, target)):
            link_file(source, target)
    return {name: len(records) for name, records in corpus.collections().items()}


def downloads_page(
    corpus: Corpus, docs: Path, data: PendingFiles | None = None, digests: list[bytes] | None = None
) -> tuple[str, str]:
    """Write the files under docs/downloads/ (each only when its bytes change) and return the page listing them.

    `data`: OUT/data when the build is writing it from this very corpus (its files are copied instead of written again).
    `digests`: the powers' line digests, to reuse the rows of unchanged powers (OUT/cache/csv-rows.pickle)."""
    folder = docs / FOLDER
    counts = _record_files(corpus, folder, data)
    rows = CsvRows(docs.parent / CACHE / ROWS, folder / CSV_NAME) if digests is not None else CsvRows()
    rows.write(folder / CSV_NAME, corpus.powers, digests if digests is not None else [b""] * len(corpus.powers))
    rows.save()
    files = [(f"{name}.jsonl", LABELS[name], count) for name, count in counts.items()]
    files.append((CSV_NAME, "职权表（CSV）", len(corpus.powers)))
    rows = [
        {"link": link(name, f"{FOLDER}/{name}"), "label": label, "count": count, "size": _size(folder / name)}
        for name, label, count in files
    ]
    return "downloads.md", fill_template("downloads", rows=rows)


def download_files(docs: Path) -> set[Path]:
    """Paths of every file downloads_page writes under `docs`."""
    return {docs / FOLDER / name for name in (*(f"{name}.jsonl" for name in LABELS), CSV_NAME)}
