"""Word 97–2003 (.doc), WPS and OpenDocument text: converted to .docx by LibreOffice headless, then read as a .docx.

LibreOffice keeps tables and numbering and evaluates fields (a PAGE or HYPERLINK field becomes its result), so no
field code reaches the text. Each conversion runs with a fresh private profile in its own temporary directory
(concurrent instances cannot share one, the user's profile must never be touched, and a fresh one measured no slower).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from parser.containers.docx import docx_page
from parser.containers.error import ContainerError
from parser.limits import remaining_seconds
from parser.page import Page
from parser.source import RawSource
from parser.tables.formats import ZIP_MAGIC

CONVERTERS = ("soffice", "libreoffice")
INSTALL_HINT = "install LibreOffice (Debian package libreoffice-writer-nogui; ./quanze build installs it)"
TIMEOUT_SECONDS = 180


def doc_page(source: RawSource) -> Page:
    """The page of the .docx LibreOffice makes of the file."""
    return docx_page(source, data=convert_to_docx(source.data), container="doc")


def converter() -> str:
    """The LibreOffice executable, or a ContainerError saying what to install."""
    found = next((path for name in CONVERTERS if (path := shutil.which(name))), None)
    if found is None:
        raise ContainerError("converter-missing", f"a legacy Word/WPS file needs a converter: {INSTALL_HINT}")
    return found


def convert_to_docx(data: bytes) -> bytes:
    """The .docx bytes of a .doc/.wps/.odt file."""
    executable = converter()
    with tempfile.TemporaryDirectory(prefix="quanze-convert-") as work:
        source = Path(work) / ("source.odt" if data.startswith(ZIP_MAGIC) else "source.doc")  # never the output's name
        source.write_bytes(data)
        profile = Path(work) / "profile"
        command = [executable, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, str(source)]
        left = remaining_seconds()
        timeout = TIMEOUT_SECONDS if left is None else min(TIMEOUT_SECONDS, left + 1)  # + 1: the budget reports first
        try:
            completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise ContainerError("unreadable", f"LibreOffice did not convert the file within {timeout:g} s") from error
        converted = source.with_suffix(".docx")
        if not converted.exists():
            detail = (completed.stderr or completed.stdout).strip().splitlines()[-1:] or ["no output"]
            raise ContainerError("unreadable", f"LibreOffice could not convert the file (corrupt or encrypted?): {detail[0]}")
        return converted.read_bytes()
