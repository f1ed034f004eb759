from __future__ import annotations

from parser.powerlist.accountability import split_accountability, split_supervision

CIRCLED = (
    "1. 问责依据: ①《行政许可法》第七十三条; ②《行政处罚法》第六十条; ④其他问责依据。\n"
    "2. 监督方式: ①市效能办, 123456、汕头市龙湖区长平路时代广场财政大楼北楼五楼。 "
    "②汕头市行政服务中心管理办公室监察室, 电话: 88179852、http://www.stdzzw.gov.cn/、汕头市龙湖区长平路时代广场财政大楼北楼五楼。"
)
PARENTHESISED = (
    "1. 问责依据：①《行政机关公务员处分条例》第二十一、二十三条；\n2. 监督方式\n"
    "（1）市效能办。电话：12345；地址：汕头市龙湖区长平路时代广场财政大楼北楼五楼。\n"
    "（2）汕头市行政服务中心管理办公室监察室。电话：88179852；网址：http://www.stdzzw.gov.cn/；地址：汕头市龙湖区长平路时代广场财政大楼北楼五楼。"
)


def test_circled_channels() -> None:
    result, _ = split_accountability(CIRCLED, file="f", line=1)
    assert [c.title for c in result.basis] == ["行政许可法", "行政处罚法"]
    assert [(s.org, s.phones, s.urls, s.address) for s in result.supervision] == [
        ("市效能办", ["123456"], [], "汕头市龙湖区长平路时代广场财政大楼北楼五楼"),
        ("汕头市行政服务中心管理办公室监察室", ["88179852"], ["http://www.stdzzw.gov.cn/"], "汕头市龙湖区长平路时代广场财政大楼北楼五楼"),
    ]
    assert result.text == CIRCLED


def test_parenthesised_channels_with_labels() -> None:
    result, _ = split_accountability(PARENTHESISED, file="f", line=1)
    assert [c.title for c in result.basis] == ["行政机关公务员处分条例"]
    assert result.basis[0].article_refs  # the articles as the citation extractor splits them
    second = result.supervision[1]
    assert (second.org, second.phones, second.urls) == ("汕头市行政服务中心管理办公室监察室", ["88179852"], ["http://www.stdzzw.gov.cn/"])
    assert second.address == "汕头市龙湖区长平路时代广场财政大楼北楼五楼"
    assert second.text.startswith("（2）")


def test_unnumbered_channel_and_empty() -> None:
    assert [s.org for s in split_supervision("市效能办，12345")] == ["市效能办"]
    assert split_supervision("  ") == []
