"""find_citations on real seed cells and on citation forms the seeds do not have."""

from __future__ import annotations

from citations.find import find_citations


def _find(text: str):
    return find_citations(text, file="000_cc1d1db87604fe72.txt", line=8)


def _numbers(citation) -> list[tuple]:
    return [(ref.article, ref.article_suffix, ref.paragraph, ref.item) for ref in citation.article_refs]


def test_basis_cell_gives_title_kind_doc_number_articles_and_provision(seed_cell):
    citations, diagnostics = _find(seed_cell(8, "依据"))
    assert diagnostics == []
    assert [c.kind for c in citations] == ["政府规章", "规范性文件", "规范性文件"]
    order, notice, establishment = citations
    assert order.title == "汕头经济特区电子政务建设管理办法"
    assert order.doc_number == "2015年汕头市人民政府令第164号"
    assert order.articles == ["第九条", "第十条"]
    assert _numbers(order) == [(9, None, None, None), (10, None, None, None)]
    assert order.provision.startswith("第九条 特区实行") is False
    assert order.provision.startswith("特区实行市级电子政务项目年度申报")
    assert "第十条 市电子政务主管部门" in order.provision
    assert not order.provision.endswith("2.")
    assert notice.doc_number == "汕府〔2004〕135号" and notice.doc_number_raw == "汕府[2004]135号"
    assert all(ref.informal for ref in notice.article_refs)
    assert notice.articles[0] == "一、强化电子政务项目建设的组织管理。(四)"
    assert establishment.title.startswith("印发汕头市行政服务中心管理办公室(汕头市电子政务管理办公室、")
    assert establishment.doc_number == "汕机编〔2013〕82号"
    assert establishment.articles == ["一、任务调整(二)", "二、主要任务(四)"]


def test_accountability_cell_splits_article_lists(seed_cell):
    citations, _ = _find(seed_cell(8, "问责依据及监督方式"))
    assert [c.title for c in citations] == ["行政许可法", "行政处罚法", "行政机关公务员处分条例"]
    assert citations[0].articles == ["第七十三条"]
    assert citations[2].articles == ["第二十一、二十三条"]
    assert [ref.article for ref in citations[2].article_refs] == [21, 23]
    assert all(c.provision is None and c.kind is None for c in citations)


def test_traditional_article_with_paragraph_on_next_paragraph(seed_cell):
    citations, _ = _find(seed_cell(26, "依据"))
    assert citations[0].articles == ["第二十二條 第二款"]
    assert _numbers(citations[0]) == [(22, None, 2, None)]
    assert citations[0].provision == "市交易中心负责制定公共资源集中交易操作规程。"


def test_version_in_parentheses_and_provision_over_paragraphs(seed_cell):
    citations, _ = _find(seed_cell(57, "依据"))
    statute = citations[0]
    assert statute.title == "中华人民共和国政府信息公开条例"
    assert statute.version == "2007" and statute.doc_number is None
    assert statute.articles == ["第四条", "第十五条"]
    assert "（五）本行政机关规定的与政府信息公开有关的其他职责。" in statute.provision


def test_nested_titles_stay_whole(seed_cell):
    citations, _ = _find(seed_cell(113, "依据"))
    assert citations[0].title == "广东省人民政府办公厅关于印发《关于在全省推广一门式一网式政府服务模式改革工作方案》的通知"
    assert citations[0].doc_number == "粤府办〔2016〕19号"
    assert len(citations) == 3


def test_running_text_has_articles_but_no_provision(seed_cell):
    citations, _ = _find(seed_cell(106, "责任事项"))
    assert [c.title for c in citations][:2] == ["汕头市12345政府服务热线管理办法", "管理办法"]
    assert citations[1].articles == ["第九条"]
    assert all(c.provision is None for c in citations)


def test_issuer_code_typo_is_still_a_doc_number(seed_cell):
    citations, _ = _find(seed_cell(97, "备注"))
    assert citations[0].doc_number == "汕机〔2013〕82号"


def test_running_text_of_a_regulation():
    citations, _ = _find("第一条 为了规范行政许可的设定和实施，依据《中华人民共和国行政许可法》以及有关法律、法规，制定本办法。")
    assert len(citations) == 1
    assert citations[0].title == "中华人民共和国行政许可法"
    assert citations[0].articles == [] and citations[0].provision is None


def test_bracket_styles_and_traditional_number_sign():
    texts = ["《甲》(汕府(2008)130號)", "《甲》（汕府﹝2008﹞130号）", "《甲》（汕府［2008］130号）", "《甲》（汕府〔2008〕第130号）"]
    for text in texts:
        citations, diagnostics = _find(text)
        assert citations[0].doc_number == "汕府〔2008〕130号", text
        assert diagnostics == []


def test_article_forms_not_in_the_seeds():
    citations, _ = _find(
        "①《中华人民共和国行政处罚法》第十条之一；②《某条例》第三十九条和第四十条第一项、第二项；"
        "③《某办法》第22条第2款第（五）项；④《某规定》第六条至第八条"
    )
    assert _numbers(citations[0]) == [(10, 1, None, None)]
    assert _numbers(citations[1]) == [(39, None, None, None), (40, None, None, 1), (40, None, None, 2)]
    assert _numbers(citations[2]) == [(22, None, 2, 5)]
    assert [ref.article for ref in citations[3].article_refs] == [6, 7, 8]


def test_relative_references_inside_a_provision_are_not_cited_articles():
    text = (
        "[规范性文件]《汕头市12345政府服务热线管理办法》（汕府〔2016〕106号） 第八条 "
        "（一）属于本办法第六条第（一）项规定事项的，当场答复。 第九条 市热线中心"
    )
    citations, _ = _find(text)
    assert citations[0].articles == ["第八条", "第九条"]


def test_unbalanced_title_is_reported_with_file_and_line():
    citations, diagnostics = _find("1. [规范性文件]《关于加强电子政务项目建设管理的通知(汕府[2004]135号) 一、强化")
    assert citations == []
    assert diagnostics[0].level == "warning" and diagnostics[0].code == "citation-unparsable"
    assert diagnostics[0].file == "000_cc1d1db87604fe72.txt" and diagnostics[0].line == 8
    assert diagnostics[0].text.startswith("《关于加强电子政务")


def test_unrecognised_doc_number_is_reported():
    citations, diagnostics = _find("《甲》（汕府〔08〕130号）")
    assert citations[0].doc_number is None and citations[0].doc_number_raw == "汕府〔08〕130号"
    assert diagnostics and diagnostics[0].text == "汕府〔08〕130号"


def test_empty_title_and_stray_closing_mark_are_reported():
    citations, diagnostics = _find("依据《》第三条和有关规定》办理")
    assert citations == []
    assert [d.message for d in diagnostics] == ["citation not parsed: empty title", "citation not parsed: 》 without an opening 《"]
