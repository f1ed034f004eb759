"""Nothing silently lost: record text + reported Residue + whitespace reconstructs every document source.

Compared as multisets of non-whitespace characters: every character of the source must be found in a
record field or in a reported Residue. Derived fields (ids, anchors, simplified forms, the flat article
list that repeats the body) are left out so they cannot cover for lost text.
"""

from __future__ import annotations

import html
import io
import re
import subprocess
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

import lxml.html
import pdfplumber
import pytest

from parser.registry import choose_reader, open_source, read_source
from parser.source import ReadResult
from pipeline.manifest import load_manifest
from tests.conftest import FIXTURES, SOURCES

DERIVED_FIELDS = {"id", "kind", "script", "title_simplified", "source", "articles", "doc_number", "date", "version", "issuer", "url"}
DERIVED_ANYWHERE = {"anchor", "line", "level", "origin"}
DOCUMENT_SOURCES = [
    *(
        SOURCES / name
        for name in ("001_90ab5478764d6aa0.txt", "002_48a076c1b87035bb.txt", "003_39746930e8c49978.txt", "004_c86c78b8268190ff.txt")
    ),
    *sorted((SOURCES / "corpus").glob("*.md")),
    *sorted((FIXTURES / "documents").iterdir()),
    FIXTURES / "linking" / "台山市行政服务中心管理办法.txt",
]


def strings(value: Any, key: str | None = None) -> list[str]:
    """Every string held in a dumped record, skipping derived fields."""
    if key in DERIVED_ANYWHERE:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for name, item in value.items() for text in strings(item, name)]
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return []


def characters(texts: list[str]) -> Counter[str]:
    return Counter(char for text in texts for char in text if not char.isspace())


def read(path: Path) -> ReadResult:
    root = SOURCES if path.is_relative_to(SOURCES) else path.parent
    source = open_source(path, root, load_manifest(root).get(path.relative_to(root).as_posix()))
    reader = choose_reader(source)
    assert reader is not None
    return reader.read(source)


@pytest.mark.parametrize("path", DOCUMENT_SOURCES, ids=lambda path: path.name)
def test_records_and_residue_reconstruct_the_source(path: Path) -> None:
    result = read(path)
    [document] = result.documents
    skipped = DERIVED_FIELDS | ({"title"} if load_manifest(SOURCES).get(path.name, {}).get("title") else set())
    recorded = [text for key, value in document.model_dump().items() if key not in skipped for text in strings(value, key)]
    residue = [item.text for item in result.residue]
    missing = characters([path.read_text(encoding="utf-8")]) - characters(recorded + residue)
    assert not missing, f"lost characters: {''.join(missing.elements())[:200]}"


def test_the_check_catches_a_dropped_line() -> None:
    path = SOURCES / "003_39746930e8c49978.txt"
    result = read(path)
    document = result.documents[0]
    article = document.body[1].children[0]  # 第五条
    article.children.pop()
    dump = {key: value for key, value in document.model_dump().items() if key not in DERIVED_FIELDS}
    recorded = strings(dump) + [item.text for item in result.residue]
    missing = characters([path.read_text(encoding="utf-8")]) - characters(recorded)
    assert "撤" not in missing and missing  # the dropped paragraph (对确实不适合进驻…) is detected


# --- workbooks ------------------------------------------------------------------------------------

POWERLIST_FIXTURES = FIXTURES / "powerlist"
WORKBOOKS = [
    *sorted((POWERLIST_FIXTURES / "realworld").glob("*.xls*")),
    *sorted(POWERLIST_FIXTURES.glob("excerpt_*.xls*")),
    *(POWERLIST_FIXTURES / name for name in ("powerlist.xlsx", "powerlist.xls")),
]
POWER_DERIVED = {"id", "item_id", "source", "category"}  # hashes, the file's place, the vocabulary form of category_text


def workbook_cells(path: Path) -> list[str]:
    """Every non-empty cell a workbook stores, each once (a merged block's value once, text hidden under it too),
    read with the spreadsheet libraries directly (numbers as spreadsheet programs show whole numbers)."""
    data = path.read_bytes()
    if data.startswith(b"PK"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        values = [value for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row]
    else:
        import xlrd

        legacy = xlrd.open_workbook(file_contents=data)
        values = [value for sheet in legacy.sheets() for index in range(sheet.nrows) for value in sheet.row_values(index)]
    stored = [value for value in values if value not in (None, "")]
    shown = [str(int(value)) if isinstance(value, float) and value.is_integer() else str(value) for value in stored]
    return [text for text in shown if text.strip()]


SUBITEM_SEPARATORS = set(".．、")  # "1." before a 子项 name: structure of (subitem_seq, subitem)


def power_strings(result: ReadResult) -> list[str]:
    """Every string of the power records (Power.level by name: `strings` skips a document section's level) and residue."""
    dumps = [power.model_dump(exclude=POWER_DERIVED) for power in result.powers]
    texts = [text for dump in dumps for key, value in dump.items() for text in strings(value, key)]
    texts += [power.level for power in result.powers if power.level]
    return texts + [item.text for item in result.residue]


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda path: path.name)
def test_power_records_and_residue_hold_every_cell_of_a_workbook(path: Path) -> None:
    result = read(path)
    assert result.powers
    missing = characters(workbook_cells(path)) - characters(power_strings(result))
    numbered = sum(power.subitem_seq is not None for power in result.powers)
    assert set(missing) <= SUBITEM_SEPARATORS and sum(missing.values()) <= numbered, f"lost: {''.join(missing.elements())[:200]}"


def test_the_workbook_check_catches_a_dropped_cell() -> None:
    path = POWERLIST_FIXTURES / "excerpt_merged_blocks.xls"
    result = read(path)
    result.powers[1].remedy = None  # 当事人对本局实施的行政执法行为，依法享有陈述权和申辩权。…
    assert "辩" in characters(workbook_cells(path)) - characters(power_strings(result))


# --- containers: the text a container holds, extracted independently of parser/ ------------------------------------

CONTAINER_DOCUMENTS = ["gov_gongbao_dianzi_zhaobiao_banfa_2013.html", "regulation_box.html", "shell.html", "powerlist_portal.html",
                       "ln_qiye_jishu_chuangxin_zhuanxiang_zijin_banfa.docx", "powerlist.docx", "hd_zzb_jiandang97_tongzhi_2018.doc",
                       "regulation.pdf", "powerlist.pdf", "export_fabao.txt"]
W_TEXT = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>")


def html_text(path: Path) -> str:
    """What a browser could show: the body without scripts and styles (hidden parts included), and the <title>."""
    root = lxml.html.document_fromstring(path.read_bytes())
    for element in root.iter("script", "style"):
        element.drop_tree()
    title = root.find(".//title")
    return (title.text_content() if title is not None else "") + root.body.text_content()


def word_text(data: bytes) -> str:
    """Every w:t run of the body, headers and footers (field codes are w:instrText, deleted text w:delText)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [name for name in archive.namelist() if re.match(r"word/(document|header\d*|footer\d*)\.xml$", name)]
        return "".join(html.unescape(match.decode("utf-8")) for name in parts for match in W_TEXT.findall(archive.read(name)))


def converted(path: Path, tmp_path: Path) -> bytes:
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless", "--convert-to", "docx",
                    "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=180)
    return (tmp_path / path.with_suffix(".docx").name).read_bytes()


def container_text(path: Path, tmp_path: Path) -> str:
    if path.suffix == ".html":
        return html_text(path)
    if path.suffix == ".docx":
        return word_text(path.read_bytes())
    if path.suffix == ".doc":
        return word_text(converted(path, tmp_path))
    if path.suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            return "".join(char["text"] for page in pdf.pages for char in page.chars)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", CONTAINER_DOCUMENTS)
def test_containers_lose_nothing(name: str, tmp_path: Path) -> None:
    """Every character a container holds is in a record (document or power) or in a residue (chrome, hidden copies…)."""
    path = FIXTURES / "containers" / name
    result = read_source(path, path.parent, {})
    recorded = [text for record in [*result.documents, *result.powers]
                for key, value in record.model_dump().items() if key not in DERIVED_FIELDS - {"doc_number", "date", "issuer"}
                for text in strings(value, key)]
    residue = [item.text for item in result.residue]
    missing = characters([container_text(path, tmp_path)]) - characters(recorded + residue)
    assert not missing, f"lost characters: {''.join(missing.elements())[:200]}"
