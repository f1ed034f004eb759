"""Cited-by lists: a much-cited instrument's page shows a bounded number of citing records, and its list pages hold
every one of them once, in order, linked from the page and to each other."""

from __future__ import annotations

import re

from tests.writers.site.synthetic import synthetic_corpus, with_cited_by
from writers.site.cited_by import CitedByIndex
from writers.site.cited_by_lists import ROWS_PER_LIST, SHOWN_ON_PAGE, SHOWN_PER_ARTICLE, list_page
from writers.site.instruments import instrument_pages
from writers.site.sitemap import SiteMap

ROW = re.compile(r'^<p data-pagefind-ignore>[^：\n<]+：<a href="(?P<target>[^"]+)">[^<]*</a></p>$', re.M)  # rows are HTML


def _pages(powers: int, one_statute: bool = False) -> tuple[dict[str, str], dict[str, int], SiteMap]:
    """Instrument pages of a synthetic corpus; with `one_statute`, every power's basis cites the first power's."""
    corpus = synthetic_corpus(powers)
    if one_statute:
        for power in corpus.powers:
            power.basis = [corpus.powers[0].basis[0].model_copy(update={"articles": list(power.basis[0].articles)})]
        with_cited_by(corpus)
    sitemap = SiteMap.of(corpus)
    index = CitedByIndex.of(corpus, sitemap)
    counts = {sitemap.instruments[i.id]: sum(len(rows) for rows in index.instruments[i.id].values()) for i in corpus.instruments}
    return dict(instrument_pages(corpus.instruments, sitemap, index)), counts, sitemap


def test_a_much_cited_page_is_bounded_and_its_lists_hold_every_row_once() -> None:
    pages, counts, _ = _pages(1200, one_statute=True)
    page, total = max(counts.items(), key=lambda item: item[1])
    assert total > ROWS_PER_LIST  # the corpus makes one instrument cited beyond a list page
    shown = ROW.findall(pages[page])
    assert len(shown) <= SHOWN_ON_PAGE
    lists = [list_page(page, number) for number in range(1, -(-total // ROWS_PER_LIST) + 1)]
    assert all(path in pages for path in lists) and list_page(page, len(lists) + 1) not in pages
    listed = [target for path in lists for target in ROW.findall(pages[path])]
    assert len(listed) == total
    assert all(len(ROW.findall(pages[path])) <= ROWS_PER_LIST for path in lists)
    assert "全部" in pages[page]
    assert 'href="cited-by-1/#cited-1"' in pages[page]  # the page's URL is the folder of its lists
    assert "下一页" in pages[lists[0]] and "上一页" in pages[lists[-1]] and "pagefind: false" in pages[lists[0]]


def test_each_article_shows_at_most_its_share_with_its_count() -> None:
    pages, counts, _ = _pages(1200, one_statute=True)
    page = max(counts, key=counts.__getitem__)
    for section in pages[page].split("\n### ")[1:]:
        rows = ROW.findall(section)
        assert len(rows) <= SHOWN_PER_ARTICLE
        if count := re.search(r"共 (\d+) 处", section):
            assert int(count.group(1)) > len(rows) and "全部" in section


def test_a_little_cited_page_lists_everything_itself() -> None:
    pages, counts, _ = _pages(30)
    for page, total in counts.items():
        assert len(ROW.findall(pages[page])) == total
        assert list_page(page, 1) not in pages
