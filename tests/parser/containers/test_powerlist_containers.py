"""A power list published as an HTML table inside a portal page, as a table in a Word document and as a table in a PDF
gives the same powers as the TSV excerpt it was made from (tests/fixtures/containers/make_fixtures.py)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from parser.registry import read_source
from parser.source import ReadResult
from schema.records import Power
from tests.conftest import FIXTURES

CONTAINERS = FIXTURES / "containers"
SPACES = re.compile(r"\s+")


def read(path: Path) -> ReadResult:
    return read_source(path, path.parent, {})


def squeezed(value: Any) -> Any:
    """Whitespace removed everywhere: a PDF wraps lines where the TSV has spaces, and the reverse."""
    if isinstance(value, str):
        return SPACES.sub("", value)
    if isinstance(value, dict):
        return {key: squeezed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [squeezed(item) for item in value]
    return value


def comparable(power: Power) -> dict[str, Any]:
    """What a power says, without where it came from (file, line) and its id (which hashes the file name)."""
    return squeezed(power.model_dump(exclude={"id", "source"}))


@pytest.fixture(scope="module")
def excerpt() -> ReadResult:
    return read(FIXTURES / "powerlist" / "seed_excerpt.tsv")


@pytest.mark.parametrize("name", ["powerlist_portal.html", "powerlist.docx", "powerlist.pdf"])
def test_same_powers_as_the_tsv_excerpt(name: str, excerpt: ReadResult) -> None:
    result = read(CONTAINERS / name)
    assert result.kind == "powerlist"
    assert not [d for d in result.diagnostics if d.level == "error"], [d.render() for d in result.diagnostics]
    assert [comparable(power) for power in result.powers] == [comparable(power) for power in excerpt.powers]


def test_portal_chrome_and_hidden_print_copy_are_residue_not_powers() -> None:
    result = read(CONTAINERS / "powerlist_portal.html")
    reasons = {item.reason for item in result.residue}
    assert "hidden element" in reasons and "page title" in reasons
    chrome = " ".join(item.text for item in result.residue)
    assert "分享到" in chrome and "ICP备" in chrome and "扫一扫" in chrome
    assert len(result.powers) == len({power.id for power in result.powers})


def test_pdf_page_numbers_are_residue() -> None:
    result = read(CONTAINERS / "powerlist.pdf")
    assert [item.text for item in result.residue if item.reason == "page number"] == ["- 1 -"]
