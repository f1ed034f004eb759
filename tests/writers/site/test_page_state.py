"""Page-by-page site rendering: the same bytes as a plain `mkdocs build`, only changed pages rendered, whole-site checks kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.outputs import snapshot
from tests.writers.site.synthetic import synthetic_corpus
from writers.site import build as site_build
from writers.site import cited_by_lists, write_site
from writers.site.build import render_site, write_config
from writers.site.page_state import SiteState

ROOT = Path(__file__).resolve().parents[3]


def _plain_mkdocs(out: Path, target: Path) -> None:
    """The reference: mkdocs alone (the hook without a plan does nothing), every page rendered in one process."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(out / "mkdocs.yml"), "-d", str(target)]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not path.relative_to(folder).as_posix().startswith("pagefind")
    }


def _html(stamps: dict[str, tuple[int, int]]) -> set[str]:
    return {name for name in stamps if name.endswith(".html")}


def test_two_processes_and_a_one_page_rebuild_give_a_plain_mkdocs_builds_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind of page: home, nav pages, departments, powers, instruments, their cited-by lists (a level deeper), texts."""
    monkeypatch.setattr(site_build, "PARALLEL_FROM", 1)
    for name, value in (("SHOWN_PER_ARTICLE", 1), ("SHOWN_ON_PAGE", 3), ("ROWS_PER_LIST", 2)):  # cited-by list pages
        monkeypatch.setattr(cited_by_lists, name, value)
    corpus = synthetic_corpus(12)
    out = tmp_path / "out"
    first = write_site(corpus, out)
    assert first.run.returncode == 0, first.run.problems
    pages = SiteState.load(out).pages
    kinds = {name.split("/")[0] for name in pages} | {"cited-by" for name in pages if "/cited-by-" in name}
    assert kinds >= {"index.md", "departments", "powers", "instruments", "documents", "cited-by"}, kinds
    assert first.run.rendered == len(SiteState.load(out).pages) > 12
    assert first.run.reused > 0, "the nav, tabs and header are rendered once for the pages outside the nav"
    assert any((out / "cache" / "templates").iterdir()), "compiled theme templates kept for the next mkdocs process"
    _plain_mkdocs(out, tmp_path / "plain")
    assert _files(out / "site") == _files(tmp_path / "plain")

    before = snapshot(out / "site")
    corpus.powers[3].notes = "备注（已修订）"
    again = write_site(corpus, out)
    assert again.run.returncode == 0 and again.run.rendered == 1
    after = snapshot(out / "site")
    rewritten = {name for name in _html(after) if before.get(name) != after[name]}
    assert rewritten == {"powers/p00003/index.html"}
    _plain_mkdocs(out, tmp_path / "plain")
    assert _files(out / "site") == _files(tmp_path / "plain")
    assert "已修订" in (out / "site" / "powers" / "p00003" / "index.html").read_text(encoding="utf-8")
    assert not any(name.startswith("search/") for name in _files(tmp_path / "plain"))  # no lunr index, even from plain mkdocs


def test_a_few_pages_rendered_by_an_mkdocs_holding_only_them_give_a_plain_mkdocs_builds_bytes(tmp_path: Path) -> None:
    corpus, out = synthetic_corpus(12), tmp_path / "out"
    write_site(corpus, out)
    corpus.powers[3].name = "改名后的职权"  # its page, its department's and the instruments citing it
    corpus.instruments[0].titles = ["行政许可法（简称）"]
    again = write_site(corpus, out)
    assert again.run.returncode == 0 and 3 <= again.run.rendered < 10
    assert (out / site_build.LISTING).is_file()
    _plain_mkdocs(out, tmp_path / "plain")
    assert _files(out / "site") == _files(tmp_path / "plain")
    state = SiteState.load(out)
    assert sorted(state.order) == sorted(state.pages), "the order of every page kept, though mkdocs held only a few"


def _tiny_site(out: Path, target_page: str) -> None:
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# 首页\n\n见[第三条](b.md#art-3)。\n", encoding="utf-8")
    (docs / "b.md").write_text(target_page, encoding="utf-8")
    (docs / "c.md").write_text("# 丙\n\n正文。\n", encoding="utf-8")
    write_config(out, [{"首页": "index.md"}, {"乙": "b.md"}])  # c.md is reached by no nav entry, like a power page


def test_a_link_into_a_changed_page_is_checked_though_the_linking_page_is_not_rendered(tmp_path: Path) -> None:
    _tiny_site(tmp_path, "# 乙\n\n## 第三条 {#art-3}\n\n条文。\n")
    config = tmp_path / "mkdocs.yml"
    assert render_site(tmp_path, config).returncode == 0
    _tiny_site(tmp_path, "# 乙\n\n## 第四条 {#art-4}\n\n条文。\n")
    run = render_site(tmp_path, config)
    assert run.rendered == 1  # only b.md; index.md, which holds the link, is not rendered again
    assert run.returncode == 1
    expected = "Doc file 'index.md' contains a link 'b.md#art-3', but the doc 'b.md' does not contain an anchor '#art-3'."
    assert run.problems == [f"WARNING -  {expected}"]


def test_a_removed_page_loses_its_output(tmp_path: Path) -> None:
    _tiny_site(tmp_path, "# 乙\n\n## 第三条 {#art-3}\n\n条文。\n")
    config = tmp_path / "mkdocs.yml"
    render_site(tmp_path, config)
    assert (tmp_path / "site" / "c" / "index.html").is_file()
    (tmp_path / "docs" / "c.md").unlink()
    run = render_site(tmp_path, config)
    assert run.returncode == 0 and run.rendered == 0
    assert not (tmp_path / "site" / "c").exists()
    assert (tmp_path / "site" / "b" / "index.html").is_file()


def test_links_to_a_pages_own_anchors_are_checked_and_its_permalinks_not_kept(tmp_path: Path) -> None:
    _tiny_site(tmp_path, "# 乙\n\n## 第三条 {#art-3}\n\n见[第三条](#art-3)和[第九条](#art-9)。\n")
    run = render_site(tmp_path, tmp_path / "mkdocs.yml")
    assert run.problems == ["WARNING -  Doc file 'b.md' contains a link '#art-9', but there is no such anchor on this page."]
    assert SiteState.load(tmp_path).rendered("b.md").links == {"b.md": {"art-9": "#art-9"}}


def test_a_broken_link_is_reported_again_while_other_pages_are_rendered(tmp_path: Path) -> None:
    _tiny_site(tmp_path, "# 乙\n\n## 第四条 {#art-4}\n\n条文。\n")
    config = tmp_path / "mkdocs.yml"
    first = render_site(tmp_path, config)
    assert first.returncode == 1 and len(first.problems) == 1
    (tmp_path / "docs" / "c.md").write_text("# 丙\n\n改过的正文。\n", encoding="utf-8")
    again = render_site(tmp_path, config)
    assert again.rendered == 1 and again.returncode == 1
    assert again.problems == first.problems


def test_a_checked_site_checks_the_links_of_the_pages_it_renders(tmp_path: Path) -> None:
    _tiny_site(tmp_path, "# 乙\n\n## 第三条 {#art-3}\n\n条文。\n")
    config = tmp_path / "mkdocs.yml"
    assert render_site(tmp_path, config).returncode == 0
    assert SiteState.load(tmp_path).checked
    (tmp_path / "docs" / "c.md").write_text("# 丙\n\n见[第九条](b.md#art-9)。\n", encoding="utf-8")
    run = render_site(tmp_path, config)
    assert run.rendered == 1 and run.returncode == 1
    expected = "Doc file 'c.md' contains a link 'b.md#art-9', but the doc 'b.md' does not contain an anchor '#art-9'."
    assert run.problems == [f"WARNING -  {expected}"]
    assert not SiteState.load(tmp_path).checked
