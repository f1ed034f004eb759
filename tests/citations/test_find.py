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


# Forms of the Karamay 依据 cells (excerpts of /work/shared/realworld/powerlists) and forms they do not have.

def test_law_with_history_order_amending_decision_and_article_lines():
    cell = ("【法律】《中华人民共和国政府采购法》（2002年6月29日第九届全国人民代表大会常务委员会第二十八次会议通过，中华人民共和国"
            "主席令第68号公布，自2003年1月1日起施行。根据2014年8月31日中华人民共和国主席令第十四号《全国人民代表大会常务委员会关于"
            "修改＜中华人民共和国保险法＞等五部法律的决定》修正）\n"
            "    第十三条第一款：各级人民政府财政部门是负责政府采购监督管理的部门。\n"
            "    第五十九条：政府采购监督管理部门应当加强对政府采购活动及集中采购机构的监督检查。")
    citations, diagnostics = _find(cell)
    assert diagnostics == []
    law, decision = citations
    assert (law.kind, law.title, law.doc_number, law.doc_number_raw) == ("法律", "中华人民共和国政府采购法", "主席令第68号", "中华人民共"
        "和国主席令第68号")
    assert (law.promulgation_date, law.promulgation_order, law.effective_date) == ("2002-06-29", "主席令第68号", "2003-01-01")
    assert law.amendment_dates == ["2014-08-31"] and law.version == "2014-08-31"
    assert _numbers(law) == [(13, None, 1, None), (59, None, None, None)]
    assert law.history.startswith("2002年6月29日")
    assert (decision.role, decision.doc_number) == ("amending", "主席令第14号")
    assert decision.title == "全国人民代表大会常务委员会关于修改＜中华人民共和国保险法＞等五部法律的决定"


def test_regulation_promulgated_by_state_council_order():
    citations, _ = _find("《全国农业普查条例》（2006年8月23日中华人民共和国国务院令第473号公布，自公布之日起施行）"
                         "\n第三十九条：农业普查对象")
    assert (citations[0].doc_number, citations[0].promulgation_date) == ("国务院令第473号", "2006-08-23")


def test_year_first_and_old_file_numbers_in_parentheses():
    citations, diagnostics = _find("【规范性文件】《人民防空工程平时开发利用管理办法》（〔2001〕国人防办字第211号）\n    第十五条：使用单位"
                                   "\n【规范性文件】《某通知》((88)国税地字第025号)")
    assert [c.doc_number for c in citations] == ["国人防办字〔2001〕211号", "国税地字〔1988〕25号"]
    assert citations[0].doc_number_raw == "〔2001〕国人防办字第211号" and diagnostics == []


def test_ranges_lists_and_chapters_after_the_history():
    citations, _ = _find("【法律】《中华人民共和国行政处罚法》（自2021年7月15日起施行）   第三十九至第五十条、第五十九条。\n"
                         "【法律】《中华人民共和国行政处罚法》（1996年3月17日通过）\n    第五章、第六章、第七章。")
    assert [ref.article for ref in citations[0].article_refs] == [*range(39, 51), 59]
    assert [ref.chapter for ref in citations[1].article_refs] == [5, 6, 7]


def test_nested_angle_brackets_of_every_form_stay_in_one_title():
    for inner in ("<中华人民共和国档案法>", "〈中华人民共和国档案法〉", "＜中华人民共和国档案法＞", "《中华人民共和国档案法》"):
        citations, _ = _find(f"【法规】《新疆维吾尔自治区实施{inner}办法》第三条")
        assert [c.title for c in citations] == [f"新疆维吾尔自治区实施{inner}办法"]
        assert _numbers(citations[0]) == [(3, None, None, None)]


def test_hard_line_breaks_inside_title_history_and_articles():
    cell = ("【法律】《 中华\n人民共和国行政\n处罚法》\n（1996年3月\n17日第八届全\n国人民代表大会\n第四次会议通\n过）"
            "\n  第五章、第\n六章、第七章。")
    citations, _ = _find(cell)
    assert citations[0].title == "中华人民共和国行政处罚法"
    assert citations[0].promulgation_date == "1996-03-17"
    assert [ref.chapter for ref in citations[0].article_refs] == [5, 6, 7]


def test_certificates_and_forms_in_brackets_are_not_instruments():
    cell = ("【规章】《典当管理办法》（商务部、公安部令2005年第8号）\n"
            "    第十五条:由商务部批准并颁发《典当经营许可证》。\n依法吊销《营业执照》；提交《种畜禽生产经营许可证申请表》")
    citations, _ = _find(cell)
    roles = {c.title: c.role for c in citations}
    assert roles == {"典当管理办法": "cited", "典当经营许可证": "certificate", "营业执照": "certificate",
                     "种畜禽生产经营许可证申请表": "certificate"}
    assert citations[0].doc_number == "2005年商务部、公安部令第8号"


def test_titles_inside_a_quoted_provision_are_mentioned_not_cited():
    cell = ("【法规】《新疆维吾尔自治区实施<中华人民共和国促进科技成果转化法>办法》\n"
            "    第三十六条：违反本办法规定的其他行为，依照《中华人民共和国促进科技成果转化法》及有关法律、法规的规定执行。\n"
            "    第三十七条：依照【法律】《中华人民共和国畜牧法》的有关规定处罚。")
    citations, _ = _find(cell)
    assert [(c.title, c.role) for c in citations] == [
        ("新疆维吾尔自治区实施<中华人民共和国促进科技成果转化法>办法", "cited"),
        ("中华人民共和国促进科技成果转化法", "mentioned"), ("中华人民共和国畜牧法", "mentioned")]
    assert citations[0].articles == ["第三十六条", "第三十七条"]


def test_notice_issuing_an_instrument_keeps_both_titles():
    citations, _ = _find("【规范性文件】《关于印发〈技术合同认定登记管理办法〉的通知》（国科发政字〔2000〕063号）\n    第三条：科学技术部")
    assert citations[0].title == "关于印发〈技术合同认定登记管理办法〉的通知"
    assert citations[0].issues == "技术合同认定登记管理办法"
    outer, _ = _find("【法规】关于印发《自治区工作方案》的通知新政发【2021】58号第191页")
    assert (outer[0].kind, outer[0].title, outer[0].doc_number) == ("法规", "关于印发《自治区工作方案》的通知", "新政发〔2021〕58号")


def test_implementing_rules_written_without_outer_brackets():
    citations, _ = _find("《中华人民共和国社会保险法》第八十七条：骗取的。\n"
                         "    实施《中华人民共和国社会保险法》若干规定 第二十五条：医疗机构")
    assert [c.title for c in citations] == ["中华人民共和国社会保险法", "实施《中华人民共和国社会保险法》若干规定"]
    assert citations[1].role == "cited" and citations[1].articles == ["第二十五条"]


def test_unclosed_title_is_repaired_at_its_history_and_reported():
    cell = ("【法规】《新疆维吾尔自治区实施〈中华人民共和国人民防空法〉办法（2007年9月28日通过，自2008年1月1日起施行）\n"
            "    第三十二条：违反本办法第十六条规定\n"
            "【规范性文件】《新疆维吾尔自治区城市防空地下室易地建设收费办法》（新发改规[2021]10号）")
    citations, diagnostics = _find(cell)
    assert [c.title for c in citations] == ["新疆维吾尔自治区实施〈中华人民共和国人民防空法〉办法"
        "", "新疆维吾尔自治区城市防空地下室易地建设收费办法"]
    assert citations[0].promulgation_date == "2007-09-28" and citations[0].articles == ["第三十二条"]
    assert [(d.level, d.code) for d in diagnostics] == [("info", "citation-repaired")]


def test_unclosed_history_runs_to_its_line_end():
    cell = ("【法律】《中华人民共和国会计法》(1985年1月21日第六届全国人大常委会第九次会议通过，主席令第二十一号公布，"
            "自1985年5月1日起施行。\n"
            "    第四十条：违反本法规定（一）不依法设置会计账簿的；")
    citations, _ = _find(cell)
    assert (citations[0].doc_number, citations[0].effective_date) == ("主席令第21号", "1985-05-01")
    assert citations[0].articles == ["第四十条"]


def test_article_labels_opening_segments_of_the_provision():
    cell = ("【法规】《财政违法行为处罚处分条例》\n    第二条第一款：财政部门依法作出处理；第四款：有财政违法行为的单位。\n"
            "    第十三条第一款：一般应于3个工作日前送达。第二款：财政部门认为\n附件2第28项“设立典当行”实施机关调整。\n"
            "    第一条:第（七）项 负责典当行的设立。")
    citations, _ = _find(cell)
    assert _numbers(citations[0]) == [(2, None, 1, None), (2, None, 4, None), (13, None, 1, None), (13, None, 2, None),
                                      (None, None, None, None), (1, None, None, 7)]
    assert (citations[0].article_refs[4].annex, citations[0].article_refs[4].annex_item) == (2, 28)


def test_unparsable_number_in_a_history_is_reported_with_its_text():
    citations, diagnostics = _find("《植物检疫条例实施细则（农业部分）》（1995年2月25日农业农村部令第5号发布，2007年11月8日农业农"
        "村部第6号第3次修订）")
    assert citations[0].doc_number == "农业农村部令第5号"
    assert [d.code for d in diagnostics] == ["citation-unparsable"] and "农业农村部第6号" in diagnostics[0].text


def test_defined_short_name_in_running_text():
    short_names: dict[str, str] = {}
    first, _ = find_citations("第一条 为了规范电子招标投标活动，根据《中华人民共和国招标投标法》（以下简称招标投标法），制定本办法。",
                              file="doc.html", line=3, short_names=short_names)
    later, _ = find_citations("第六十四条 依照招标投标法第五十一条、第五十四条的规定处罚。"
        "", file="doc.html", line=70, short_names=short_names)
    assert short_names == {"招标投标法": "中华人民共和国招标投标法"}
    assert [c.title for c in first] == ["中华人民共和国招标投标法"]
    assert [(c.title, c.articles, [r.article for r in c.article_refs]) for c in later] == [
        ("中华人民共和国招标投标法", ["第五十一条、第五十四条"], [51, 54])]
