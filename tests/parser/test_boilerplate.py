"""Boilerplate removal on the scraped seeds: chrome reported as Residue with file and line, metadata rows kept."""

from __future__ import annotations

from parser.boilerplate import chrome_reason, metadata_fields, strip_boilerplate
from tests.conftest import FIXTURES, SOURCES


def page(name: str):
    path = SOURCES / name
    return strip_boilerplate(path.read_text(encoding="utf-8"), name)


def reasons(residue) -> dict[int, str]:
    return {item.line: item.reason for item in residue}


def test_regulation_portal_debris_and_footer_are_reported() -> None:
    cleaned = page("003_39746930e8c49978.txt")
    assert reasons(cleaned.residue) == {1: "leave-site prompt", 2: "leave-site prompt", 118: "copyright footer", 119: "contact line"}
    assert all(item.file == "003_39746930e8c49978.txt" for item in cleaned.residue)
    assert cleaned.residue[2].text.startswith("凡本网注明")


def test_metadata_rows_are_kept_as_fields() -> None:
    cleaned = page("003_39746930e8c49978.txt")
    assert cleaned.metadata == [
        {
            "line": 3,
            "text": "发布机构: | 本网 | 生成日期: | 2019-01-30 01:41:56 |",
            "fields": {"发布机构": "本网", "生成日期": "2019-01-30 01:41:56"},
        }
    ]
    assert 3 not in {line.number for line in cleaned.lines}


def test_yearbook_page_chrome() -> None:
    cleaned = page("002_48a076c1b87035bb.txt")
    found = reasons(cleaned.residue)
    assert found[1] == "navigation crumbs"
    assert found[2] == "share widget"
    assert found[7] == "font-size widget"
    assert found[45] == "qr-code caption"
    assert found[48] == "leave-site prompt"
    assert cleaned.metadata_fields() == {"日期": "2017-03-30 16:50", "来源": "汕头市行政服务中心管理办公室", "发布机构": ""}
    assert cleaned.lines[0].text.startswith("信息公开年报")


def test_encyclopedia_site_blurb() -> None:
    cleaned = page("004_c86c78b8268190ff.txt")
    assert reasons(cleaned.residue) == {3: "site blurb", 4: "separator", 5: "site blurb"}
    assert [line.number for line in cleaned.lines] == [1, 2]


def test_content_is_not_mistaken_for_chrome() -> None:
    text = (FIXTURES / "documents" / "notice_traditional.txt").read_text(encoding="utf-8")
    assert strip_boilerplate(text, "notice_traditional.txt").residue == []
    assert chrome_reason("第二十五条 按照《广东省人民政府办公厅关于开展行政审批标准化工作的通知》") is None
    assert metadata_fields("来源于群众诉求的事项，由各单位在规定时限内办理完毕并答复群众，答复情况纳入考核。" * 3) is None


def test_traditional_chrome_is_recognised() -> None:
    assert chrome_reason("版權所有：廣州市人民政府") == "copyright footer"
    assert chrome_reason("分享到：") == "share widget"
