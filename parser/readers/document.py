"""The generic document reader: what no specific reader claims but holds document text (a title, headings, paragraphs)."""

from __future__ import annotations

import re

from parser.document import document_title, make_document, scan_citations
from parser.front import find_title, title_text
from parser.outline import build_outline
from parser.page import Page
from parser.source import ReadResult

HAN = re.compile(r"[\u3400-\u9fff]")
MIN_HAN = 20
SCORE = 0.05


def sniff(page: Page) -> float:
    """Any page with some Chinese running text, lower than every specific reader."""
    return SCORE if len(HAN.findall(page.text)) >= MIN_HAN and page.lines() else 0.0


def read(page: Page) -> ReadResult:
    lines = page.lines()
    title_lines, rest = find_title(lines)
    title, diagnostics = document_title(page, title_text(title_lines), lines[0].number if lines else 1)
    citations, problems = scan_citations(rest, page.name)
    body, separators = build_outline(rest, page.name)
    document = make_document(
        page,
        kind="document",
        title=title,
        line=title_lines[0].number if title_lines else 1,
        body=body,
        citations=citations,
        meta={"title_lines": [line.text for line in title_lines]} if len(title_lines) > 1 else {},
    )
    return ReadResult(kind="document", documents=[document], diagnostics=diagnostics + problems, residue=page.chrome + separators)
