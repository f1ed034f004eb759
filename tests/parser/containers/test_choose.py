"""Which container a file is in, by content (zip parts, OLE2 stream names, %PDF, markup), never by its name."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from parser.containers.choose import container_of
from parser.registry import load_source, read_source
from tests.conftest import FIXTURES, SOURCES
from tests.parser.containers.conftest import CONTAINERS, read


@pytest.mark.parametrize(
    ("path", "container"),
    [
        (SOURCES / "000_cc1d1db87604fe72.txt", "text"),
        (FIXTURES / "powerlist" / "powerlist.html", "html"),
        (FIXTURES / "powerlist" / "powerlist.xlsx", "grid"),
        (FIXTURES / "powerlist" / "powerlist_legacy.xlsx", "grid"),  # an OLE2 .xls named .xlsx
        (CONTAINERS / "powerlist.docx", "docx"),
        (CONTAINERS / "hd_zzb_jiandang97_tongzhi_2018.doc", "doc"),
        (CONTAINERS / "regulation.pdf", "pdf"),
        (CONTAINERS / "export_fabao.txt", "export"),
    ],
)
def test_container_by_content(path: Path, container: str, tmp_path: Path) -> None:
    renamed = tmp_path / "source.bin"
    renamed.write_bytes(path.read_bytes())
    source, _ = load_source(renamed, tmp_path)
    assert container_of(source) == container



def test_an_encrypted_workbook_is_refused_like_an_encrypted_document() -> None:
    """Password-protected OOXML is an OLE2 file holding an EncryptedPackage stream, whatever it is called."""
    [error] = read("encrypted.xlsx").diagnostics
    assert (error.level, error.code, error.file) == ("error", "encrypted", "encrypted.xlsx") and "password" in error.message


def test_a_zip_that_is_neither_word_nor_a_workbook_is_an_error(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "photos.zip", "w") as archive:
        archive.writestr("a.txt", "not an office file")
    [error] = read_source(tmp_path / "photos.zip", tmp_path).diagnostics
    assert (error.level, error.code) == ("error", "unknown-container")
