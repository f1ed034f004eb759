"""The whole site writer through `mkdocs build --strict`: output grows linearly with the number of pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from lxml import html

from tests.writers.site.synthetic import synthetic_corpus
from writers.site import powers, write_site

PAGE_BUDGET = 60_000  # bytes per HTML page on average


def _average_page_bytes(out: Path) -> float:
    pages = list((out / "site").rglob("*.html"))
    return sum(page.stat().st_size for page in pages) / len(pages)


def test_average_page_size_stays_bounded_from_200_to_2000_powers(tmp_path: Path) -> None:
    small = write_site(synthetic_corpus(200), tmp_path / "small")
    large = write_site(synthetic_corpus(2000), tmp_path / "large")
    assert small.run.returncode == 0, small.run.problems
    assert large.run.returncode == 0, large.run.problems
    small_average, large_average = _average_page_bytes(tmp_path / "small"), _average_page_bytes(tmp_path / "large")
    assert len(list((tmp_path / "large" / "site" / "powers").glob("*/index.html"))) == 2000
    assert large_average < PAGE_BUDGET
    assert large_average < 1.25 * small_average, (small_average, large_average)


def test_source_markup_renders_as_inert_text(tmp_path: Path) -> None:
    corpus = synthetic_corpus(3)
    power = corpus.powers[1]
    power.name = '<script>alert("name")</script>'
    power.table = "<img src=x onerror=alert(1)>"
    power.notes = "[点我](javascript:alert(1))"
    power.accountability.supervision[0].urls = ["javascript:alert(1)"]
    build = write_site(corpus, tmp_path)
    assert build.run.returncode == 0, build.run.problems
    page = html.parse(str(tmp_path / "site" / "powers" / "p00001" / "index.html")).getroot()
    assert not [s for s in page.iter("script") if "alert" in (s.text or "")]
    assert not page.xpath("//*[@onerror]")
    assert not page.xpath("//a[starts-with(normalize-space(@href), 'javascript:')]")
    content = page.text_content()
    assert '<script>alert("name")</script>' in content
    assert "[点我](javascript:alert(1))" in content


def test_a_large_sites_theme_search_holds_power_names_and_pagefind_their_full_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(powers, "THEME_SEARCH_FULL_TEXT", 2)
    build = write_site(synthetic_corpus(3), tmp_path)
    assert build.run.returncode == 0, build.run.problems
    entries = json.loads((tmp_path / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    power_entries = [entry for entry in entries if entry["location"].startswith("powers/p00001/")]
    titles = [entry["title"].replace("\u200b", "") for entry in power_entries]
    assert len(titles) == 2 and "电子政务" in titles[1], titles  # the page and its title section with the summary table
    assert "受理申请" not in json.dumps(power_entries, ensure_ascii=False).replace("\u200b", "")
    assert any(entry["location"].startswith("documents/") and "#" in entry["location"] for entry in entries)  # other pages keep sections
    fragments = (tmp_path / "site" / "pagefind" / "fragment").glob("*.pf_fragment")
    assert any("受理申请" in gzip.decompress(path.read_bytes()).decode("utf-8").replace("\u200b", "") for path in fragments)
