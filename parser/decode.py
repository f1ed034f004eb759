"""Encoding detection: decode bytes ourselves before any parser sees them."""

from __future__ import annotations

import codecs

from schema.records import Diagnostic

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: many NUL bytes at odd or even offsets."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str) -> tuple[str, str, list[Diagnostic]]:
    """Decode source bytes: BOM, UTF-16, UTF-8, then GB18030 (a superset of GBK/GB2312).

    Undecodable bytes become U+FFFD and are reported with their line.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            return text, encoding, _replacement_warnings(text, name, encoding)
    utf16 = _looks_utf16(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        return text, utf16, _replacement_warnings(text, name, utf16)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030", []
        except UnicodeDecodeError:
            pass
        text = data.decode("utf-8", errors="replace")
        diagnostics = _replacement_warnings(text, name, "utf-8")
        if not diagnostics:
            diagnostics = [Diagnostic(level="warning", code="encoding", message=str(utf8_error), file=name)]
        return text, "utf-8", diagnostics


def _replacement_warnings(text: str, name: str, encoding: str) -> list[Diagnostic]:
    return [
        Diagnostic(
            level="warning",
            code="encoding",
            message=f"undecodable bytes replaced with U+FFFD while decoding as {encoding}",
            file=name,
            line=number,
            text=line,
        )
        for number, line in enumerate(text.splitlines(), start=1)
        if "\ufffd" in line
    ]
