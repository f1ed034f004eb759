"""The nav holds sections and departments, never powers; many departments collapse to their index."""

from __future__ import annotations

import json

from tests.writers.site.synthetic import synthetic_corpus
from writers.site.nav import MAX_NAV_DEPARTMENTS, site_nav
from writers.site.sitemap import SiteMap


def test_nav_lists_departments_but_no_power() -> None:
    corpus = synthetic_corpus(300, departments=12)
    nav = site_nav(corpus, SiteMap.of(corpus))
    text = json.dumps(nav, ensure_ascii=False)
    assert "powers/" not in text
    assert text.count("departments/") == 13


def test_many_departments_leave_only_the_index_in_the_nav() -> None:
    corpus = synthetic_corpus(300, departments=MAX_NAV_DEPARTMENTS + 1)
    nav = site_nav(corpus, SiteMap.of(corpus))
    assert {"部门": [{"部门": "departments/index.md"}]} in nav
