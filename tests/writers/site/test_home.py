"""Home page: counts and the build's change report (powers added, removed, changed) with links to power pages."""

from __future__ import annotations

from tests.pipeline.change_reports import diff_powers
from tests.writers.site.synthetic import synthetic_corpus
from writers.jsonl import record_line
from writers.site.home import home_page
from writers.site.sitemap import SiteMap


def test_latest_changes_link_added_and_changed_powers_and_name_removed_ones() -> None:
    before = synthetic_corpus(5)
    after = synthetic_corpus(6)
    gone = after.powers.pop(0)
    after.powers[0] = after.powers[0].model_copy(update={"notes": "本行已修改"})
    previous = {power.id: record_line(power) for power in before.powers}  # the previous build's powers.jsonl
    report = diff_powers(previous, after.powers).to_json()
    sitemap = SiteMap.of(after)
    _, page = home_page(after, sitemap, 0, report)
    assert "新增 1 项、删除 1 项、修改 1 项职权，3 项未变" in page
    added, changed = after.powers[-1], after.powers[0]
    assert f"]({sitemap.power(added)})" in page
    assert f"]({sitemap.power(changed)})" in page and "变动字段：notes" in page
    removed_line = next(line for line in page.splitlines() if gone.name in line and line.startswith("- "))
    assert "](" not in removed_line


def test_first_build_and_missing_report_list_no_rows() -> None:
    corpus = synthetic_corpus(3)
    sitemap = SiteMap.of(corpus)
    first = diff_powers(None, corpus.powers).to_json()
    assert "首次构建：收录 3 项职权。" in home_page(corpus, sitemap, 0, first)[1]
    assert "（尚无变动记录。）" in home_page(corpus, sitemap, 0, None)[1]
