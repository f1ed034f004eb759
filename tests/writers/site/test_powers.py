"""Power pages: citations link to instrument pages and article anchors, duties numbered, supervision links.

A power page's body is raw HTML (headings stay Markdown), so its links stand as the URLs of the built site."""

from __future__ import annotations

from schema.records import ArticleRef
from tests.writers.site.synthetic import synthetic_corpus
from writers.site.powers import power_page
from writers.site.sitemap import SiteMap


def test_power_page_links_citations_and_articles() -> None:
    corpus = synthetic_corpus(60)
    sitemap = SiteMap.of(corpus)
    power = corpus.powers[50]  # cites inst-0, the statute in the corpus, at an anchored article
    page = power_page(power, sitemap)
    assert sitemap.power(power) == "powers/p00050.md"
    assert '<a href="../../instruments/inst-0/">《行政许可法》</a>' in page
    anchor = power.basis[0].article_refs[0].anchor
    assert f'<a href="../../documents/law-xzxk/#{anchor}">' in page
    assert '<a href="../../instruments/inst-7/">《第7号管理办法》</a>' in page


def test_power_page_lists_duties_supervision_and_source() -> None:
    corpus = synthetic_corpus(3)
    page = power_page(corpus.powers[1], SiteMap.of(corpus))
    assert "<ol>\n<li><strong>受理责任</strong>：受理申请。</li>\n<li><strong>审查责任</strong>：审查材料。</li>\n</ol>" in page
    assert '<a href="tel:075488888888">0754-88888888</a>' in page
    assert '<a href="http://www.example.gov.cn/" rel="nofollow noopener">' in page
    assert "<p>000_list.txt 第 3 行</p>" in page


def test_unknown_instrument_is_plain_text() -> None:
    corpus = synthetic_corpus(3)
    corpus.instruments = []
    page = power_page(corpus.powers[1], SiteMap.of(corpus))
    assert "instruments/" not in page
    assert "《第8号管理办法》" in page


def test_one_written_reference_to_two_articles_links_each_once_by_its_number() -> None:
    corpus = synthetic_corpus(51)
    sitemap = SiteMap.of(corpus)
    power = corpus.powers[50]
    power.basis[0].article_refs = [
        ArticleRef(text="第二十一、二十三条", article=21, anchor="art-21", link_status="linked"),
        ArticleRef(text="第二十一、二十三条", article=23, anchor="art-23", link_status="linked"),
    ]
    page = power_page(power, sitemap)
    assert '<a href="../../documents/law-xzxk/#art-21">第二十一条</a>、<a href="../../documents/law-xzxk/#art-23">第二十三条</a>' in page
    assert page.count("二十一、二十三") == 0


def test_reference_to_another_version_is_unlinked_and_marked() -> None:
    corpus = synthetic_corpus(51)
    corpus.documents[0].version = "2019-04-23"
    sitemap = SiteMap.of(corpus)
    power = corpus.powers[50]
    power.basis[0].article_refs = [ArticleRef(text="第六十条", article=60, link_status="version_differs")]
    page = power_page(power, sitemap)
    assert "第六十条（版本不同：语料中为 2019 年文本）" in page
    assert "#art-60" not in page


def test_power_page_shows_the_template_fields_groups_and_subitems(tmp_path) -> None:
    """The 子项 excerpt of the 国动办 list: template columns in the table, grouped duties, 追责 sections, sibling link."""
    import shutil
    from pathlib import Path

    from pipeline.compile import compile_corpus

    fixture = Path(__file__).resolve().parents[2] / "fixtures" / "powerlist" / "excerpt_subitems.xlsx"
    shutil.copy(fixture, tmp_path / fixture.name)
    corpus = compile_corpus(tmp_path)
    sitemap = SiteMap.of(corpus)
    first, second = corpus.powers[:2]
    page = power_page(first, sitemap)
    assert "<td>子项</td>\n<td>1. 新建民用建筑防空地下室同步建设审批</td>" in page
    sibling = sitemap.power(second).removeprefix("powers/").removesuffix(".md")
    assert f'<a href="../{sibling}/">新建民用建筑防空地下室易地建设审批</a>' in page
    assert "<td>实施层级</td>\n<td>地州市级</td>" in page and "<td>承办机构</td>\n<td>工程建设管理科（军事设施保护科）</td>" in page
    assert "<strong>直接实施责任</strong>" in page and "<strong>指导监督责任</strong>" in page
    assert "## 追责情形" in page and "## 追责对象范围" in page and "## 责任事项依据" in page
    assert "## 问责依据" not in page  # the list has no 问责依据 column: no empty section
