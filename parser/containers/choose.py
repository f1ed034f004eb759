"""Which container a source is in, by content (magic bytes, archive parts, OLE2 streams, markup), never by extension."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from parser.containers.doc import doc_page
from parser.containers.docx import docx_page
from parser.containers.error import ContainerError
from parser.containers.export import export_page, is_export
from parser.containers.grid import grid_page
from parser.containers.html import html_page, is_html_page
from parser.containers.pdf import PDF_MAGIC, pdf_page
from parser.containers.text import text_page
from parser.page import Page
from parser.source import RawSource
from parser.tables.formats import OLE2_MAGIC, ZIP_MAGIC

OPENERS: dict[str, Callable[[RawSource], Page]] = {
    "text": text_page, "html": html_page, "export": export_page, "grid": grid_page, "docx": docx_page, "doc": doc_page,
    "pdf": pdf_page,
}
ODF_TEXT = b"application/vnd.oasis.opendocument.text"


def container_of(source: RawSource) -> str:
    """One of text, html, export, grid, docx, doc, pdf (raises ContainerError for what no container opens)."""
    data = source.data
    if data.startswith(ZIP_MAGIC):
        return _zip_container(data)
    if data.startswith(OLE2_MAGIC):
        return _ole2_container(data)
    if data.startswith(PDF_MAGIC):
        return "pdf"
    text = source.text or ""
    if is_html_page(text):
        return "html"
    return "export" if is_export(text) else "text"


def _zip_container(data: bytes) -> str:
    """A workbook, a Word document or an OpenDocument text; a broken archive is judged by the part names it starts with."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        return "docx" if b"word/" in data[:65536] else "grid"  # the grid readers report a broken workbook themselves
    if any(name.startswith("xl/workbook") for name in names):
        return "grid"
    if "word/document.xml" in names:
        return "docx"
    if ODF_TEXT in data[:200]:
        return "doc"
    raise ContainerError("unknown-container", "a zip archive that is neither a Word document nor a workbook")


def _ole2_container(data: bytes) -> str:
    """Legacy Office files: the OLE2 directory names the streams (UTF-16 names), which tell Word from Excel."""
    if "EncryptedPackage".encode("utf-16-le") in data:
        raise ContainerError("encrypted", "the file is password-protected (encrypted); save it without a password")
    if "WordDocument".encode("utf-16-le") in data:
        return "doc"
    return "grid"


def open_page(source: RawSource) -> Page:
    """The source's neutral page; ContainerError names the cause when it cannot be opened."""
    return OPENERS[container_of(source)](source)
