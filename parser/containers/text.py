"""Text files (TSV, CSV, plain or scraped text, markdown): the decoded text with page chrome removed and reported."""

from __future__ import annotations

from parser.boilerplate import strip_boilerplate
from parser.page import Block, Page
from parser.source import RawSource
from parser.tables.formats import read_grid


def text_page(source: RawSource) -> Page:
    """One paragraph block per content line (line numbers kept); the grid view is the text read as a grid."""
    text = source.text or ""
    clean = strip_boilerplate(text, source.name)
    blocks = [Block(kind="paragraph", text=line.text, line=line.number) for line in clean.lines]
    return Page(source=source, container="text", text=text, blocks=blocks, grid_reader=lambda: read_grid(source),
                metadata=clean.metadata, chrome=clean.residue)
