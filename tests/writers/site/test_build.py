"""The whole site writer through `mkdocs build --strict`: output grows linearly with the number of pages."""

from __future__ import annotations

from pathlib import Path

from lxml import html

from tests.writers.site.fragments import fragments
from tests.writers.site.synthetic import synthetic_corpus
from writers.site import write_site
from writers.site.sitemap import department_name

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


def test_pagefind_holds_every_powers_full_text_with_its_kind_and_department(tmp_path: Path) -> None:
    corpus = synthetic_corpus(3)
    build = write_site(corpus, tmp_path)
    assert build.run.returncode == 0, build.run.problems
    assert not (tmp_path / "site" / "search").exists()  # no lunr index for the header box to download
    power = fragments(tmp_path / "site" / "pagefind")["/powers/p00001/"]
    assert "受理申请" in power["content"].replace("\u200b", "")
    assert power["meta"]["kind"] == "职权"
    assert power["meta"]["department"] == department_name(corpus.powers[1].department)
    assert "¶" not in power["meta"]["title"]  # permalinks are not indexed
