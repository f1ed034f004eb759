"""Instrument identity on real seed cells: doc number first, then title key and aliases; short names; stable ids."""

from __future__ import annotations

from citations.find import find_citations
from citations.registry import InstrumentRegistry, instrument_id
from schema.records import Citation

FILE = "000_cc1d1db87604fe72.txt"


def _cell(text: str, line: int) -> list[Citation]:
    return find_citations(text, file=FILE, line=line)[0]


def _register(cells: list[tuple[str, int]], registry: InstrumentRegistry | None = None) -> tuple[InstrumentRegistry, list[list[Citation]]]:
    registry = registry or InstrumentRegistry()
    found = []
    for text, line in cells:
        citations = _cell(text, line)
        registry.add_cell(citations, record_id=f"p-{line}", record_kind="power", file=FILE, line=line, field="basis")
        found.append(citations)
    return registry, found


def test_establishment_notice_under_two_titles_and_bracket_styles_is_one_instrument(seed_cell):
    cells = [(seed_cell(8, "依据"), 8), (seed_cell(9, "依据"), 9), (seed_cell(24, "依据"), 24), (seed_cell(97, "备注"), 97)]
    registry, found = _register(cells)
    instruments = registry.instruments()
    notice = [c for cell in found for c in cell if c.doc_number and "〔2013〕82号" in c.doc_number]
    assert {c.title for c in notice} >= {
        "印发汕头市行政服务中心管理办公室(汕头市电子政务管理办公室、汕头市企业投资管理服务中心、汕头市企业投诉受理中心)机构编制方案的通知",
        "印发汕头市行政服务中心管理办公室机构编制方案的通知",
    }
    assert {c.doc_number_raw for c in notice} >= {"汕机编[2013]82号", "汕机编〔2013〕82号", "汕机〔2013〕82号"}
    assert len({c.instrument_id for c in notice}) == 1
    record = next(i for i in instruments if i.id == notice[0].instrument_id)
    assert record.doc_number == "汕机编〔2013〕82号"
    assert record.doc_numbers == ["汕机编〔2013〕82号", "汕机〔2013〕82号"]
    assert record.issuer == "汕头市机构编制委员会" and record.year == 2013
    assert record.title.startswith("印发汕头市行政服务中心管理办公室（汕头市电子政务管理办公室")
    assert [entry.line for entry in record.cited_by] == [8, 9, 24, 97]


def test_short_and_full_law_title_are_one_instrument(seed_cell):
    registry, found = _register([(seed_cell(8, "问责依据及监督方式"), 8)])
    regulation_preamble = "依据《中华人民共和国行政许可法》以及我市机关作风和效能建设有关文件精神,结合我市新行政服务中心办公大楼的投入使用"
    citations = _cell(regulation_preamble, 1)
    registry.add_cell(citations, record_id="doc-1", record_kind="document", file="003_39746930e8c49978.txt", line=1)
    instruments = {i.id: i for i in registry.instruments()}
    assert citations[0].instrument_id == found[0][0].instrument_id
    law = instruments[citations[0].instrument_id]
    assert law.title == "中华人民共和国行政许可法"
    assert set(law.titles) == {"行政许可法", "中华人民共和国行政许可法"}
    assert [entry.record_kind for entry in law.cited_by] == ["power", "document"]
    assert law.cited_by[0].articles == ["第七十三条"]


def test_short_name_resolves_only_within_its_cell(seed_cell):
    duties = seed_cell(106, "责任事项")
    registry, found = _register([(duties, 106), ("2. 转办责任：根据《管理办法》第九条，转交承办单位处理。", 107)])
    registry.instruments()
    full, short = found[0][0], found[0][1]
    assert short.title == "管理办法" and short.instrument_id == full.instrument_id
    assert found[1][0].instrument_id != full.instrument_id


def test_same_title_with_unrelated_doc_numbers_stays_two_instruments():
    cells = [("《关于做好年度工作的通知》（汕府〔2014〕17号）", 1), ("《关于做好年度工作的通知》（汕府〔2016〕3号）", 2)]
    registry, found = _register(cells)
    registry.instruments()
    assert found[0][0].instrument_id != found[1][0].instrument_id


def test_ids_are_stable_and_independent_of_order(seed_cell):
    cells = [(seed_cell(8, "依据"), 8), (seed_cell(97, "备注"), 97), (seed_cell(113, "依据"), 113)]
    forward = {i.title: i.id for i in _register(cells)[0].instruments()}
    backward = {i.title: i.id for i in _register(cells[::-1])[0].instruments()}
    assert forward == backward
    assert forward["汕头经济特区电子政务建设管理办法"] == instrument_id("doc:2015年汕头市人民政府令第164号")
    assert all(ident.startswith("ins-") for ident in forward.values())


def test_kind_is_the_most_common_tag_among_citations(seed_cell):
    cells = [(seed_cell(8, "依据"), 8), ("《汕头经济特区电子政务建设管理办法》（2015年汕头市人民政府令第164号）第二条", 9)]
    instruments = {i.title: i for i in _register(cells)[0].instruments()}
    assert instruments["汕头经济特区电子政务建设管理办法"].kind == "政府规章"


def test_kind_tie_is_broken_the_same_way_in_any_order():
    cells = [("[规范性文件]《汕头市12345政府服务热线管理办法》", 1), ("[政府规章]《汕头市12345政府服务热线管理办法》", 2)]
    forward = _register(cells)[0].instruments()
    backward = _register(cells[::-1])[0].instruments()
    assert [i.kind for i in forward] == [i.kind for i in backward] == ["规范性文件"]


def test_untagged_instrument_has_no_kind():
    registry, _ = _register([("《行政机关公务员处分条例》第二十一、二十三条", 1)])
    assert registry.instruments()[0].kind is None


def _instruments(cells: list[tuple[str, int]]):
    registry, found = _register(cells)
    return registry.instruments(), found


def test_law_with_and_without_its_order_number_is_one_instrument():
    instruments, found = _instruments([("【法律】《中华人民共和国劳动法》（主席令第28号）第三条", 1), ("《劳动法》第五十条", 2),
                                       ("《中华人民共和国劳动法》第九条", 3)])
    assert len(instruments) == 1
    assert instruments[0].doc_number == "主席令第28号" and instruments[0].title == "中华人民共和国劳动法"
    assert len({c.instrument_id for cell in found for c in cell}) == 1


def test_two_orders_of_one_law_are_two_versions_of_one_instrument():
    instruments, _ = _instruments([
        ("《中华人民共和国行政处罚法》（1996年3月17日通过，中华人民共和国主席令第63号公布）第三条", 1),
        ("《中华人民共和国行政处罚法》（2021年1月22日修订，中华人民共和国主席令第70号公布）第三条", 2)])
    assert len(instruments) == 1
    assert set(instruments[0].doc_numbers) == {"主席令第63号", "主席令第70号"}
    assert [entry.version for entry in instruments[0].cited_by] == ["1996-03-17", "2021-01-22"]


def test_a_yearless_presidential_order_number_does_not_join_different_laws():
    instruments, _ = _instruments([("《中华人民共和国电子签名法》（主席令第18号）"
        "", 1), ("《中华人民共和国人民防空法》（主席令第18号）", 2)])
    assert len(instruments) == 2 and len({i.id for i in instruments}) == 2


def test_amending_decision_is_an_instrument_and_certificates_are_not():
    cell = ("【法律】《中华人民共和国人民防空法》（1996年10月29日通过，2009年8月27日中华人民共和国主席令第18号"
            "《全国人民代表大会常务委员会关于修改部分法律的决定》修正）\n    第二十五条：颁发《营业执照》")
    instruments, found = _instruments([(cell, 5)])
    assert {i.title: i.doc_number for i in instruments} == {"中华人民共和国人民防空法": None,
                                                            "全国人民代表大会常务委员会关于修改部分法律的决定": "主席令第18号"}
    decision = next(i for i in instruments if i.doc_number)
    assert decision.cited_by[0].role == "amending"
    assert next(c for c in found[0] if c.role == "certificate").instrument_id is None
