"""The render hook checks the links a page writes as HTML (mkdocs checks only Markdown links): a missing page or a
missing anchor fails the strict build, rendered page by page or by plain `mkdocs build`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from writers.site.build import render_site, write_config

ROOT = Path(__file__).resolve().parents[3]


def _site(out: Path, link: str) -> Path:
    """Three pages; c.md links to `link` from a raw HTML block, as the power pages do."""
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# 首页\n\n正文。\n", encoding="utf-8")
    (docs / "b.md").write_text("# 乙\n\n## 第三条 {#art-3}\n\n条文。\n", encoding="utf-8")
    (docs / "c.md").write_text(f'# 丙\n\n<ol>\n<li><a href="{link}">乙</a></li>\n</ol>\n', encoding="utf-8")
    return write_config(out, [{"首页": "index.md"}, {"乙": "b.md"}])


def _plain(config: Path, target: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(target)]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


def test_html_links_to_pages_and_anchors_that_exist_pass(tmp_path: Path) -> None:
    config = _site(tmp_path, "../b/#art-3")
    run = render_site(tmp_path, config)
    assert run.returncode == 0, run.problems
    assert _plain(config, tmp_path / "plain").returncode == 0


def test_an_html_link_to_a_missing_page_fails_the_build(tmp_path: Path) -> None:
    config = _site(tmp_path, "../d/")
    run = render_site(tmp_path, config)
    assert run.returncode != 0
    assert any("contains a link '../d/' in its HTML, but the target is not found" in problem for problem in run.problems)
    plain = _plain(config, tmp_path / "plain")
    assert plain.returncode != 0 and "contains a link '../d/' in its HTML" in plain.stderr


def test_an_html_link_to_a_missing_anchor_fails_the_build(tmp_path: Path) -> None:
    config = _site(tmp_path, "../b/#art-4")
    run = render_site(tmp_path, config)
    assert run.returncode != 0
    assert any("the doc 'b.md' does not contain an anchor '#art-4'" in problem for problem in run.problems), run.problems
    plain = _plain(config, tmp_path / "plain")
    assert plain.returncode != 0 and "does not contain an anchor '#art-4'" in plain.stderr


def test_a_page_rendered_alone_checks_its_html_links_against_the_whole_site(tmp_path: Path) -> None:
    """A rebuild of one page runs an mkdocs that holds only that page (and the nav's): its links still resolve."""
    config = _site(tmp_path, "../b/#art-3")
    assert render_site(tmp_path, config).returncode == 0
    (tmp_path / "docs" / "d.md").write_text("# 丁\n", encoding="utf-8")
    assert render_site(tmp_path, config).returncode == 0
    _site(tmp_path, "../d/#art-3")
    run = render_site(tmp_path, config)
    assert run.rendered == 1
    assert any("the doc 'd.md' does not contain an anchor '#art-3'" in problem for problem in run.problems), run.problems
    _site(tmp_path, "../d/")
    run = render_site(tmp_path, config)
    assert run.returncode == 0 and run.rendered == 1, run.problems
    _site(tmp_path, "../e/")
    run = render_site(tmp_path, config)
    assert run.returncode != 0 and any("contains a link '../e/' in its HTML" in problem for problem in run.problems)
