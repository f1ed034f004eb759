from __future__ import annotations

from parser.powerlist.duties import split_duties


def test_steps_in_one_paragraph_with_half_width_colons() -> None:
    text = "1. 计划: 制订监督检查计划; 2. 通知责任: 印发《通知》; 3. 示证责任: 出示工作证件;"
    duties = split_duties(text)
    assert [(d.seq, d.label, d.text) for d in duties] == [
        (1, "计划", "制订监督检查计划;"),
        (2, "通知责任", "印发《通知》;"),
        (3, "示证责任", "出示工作证件;"),
    ]


def test_steps_per_paragraph_full_width_and_numbers_inside_text() -> None:
    text = "1. 公示责任：拟奖决定在网站公示5个工作日。\n2. 其他责任：法律法规规章规定应履行的责任。"
    duties = split_duties(text)
    assert [(d.seq, d.label) for d in duties] == [(1, "公示责任"), (2, "其他责任")]
    assert duties[0].text == "拟奖决定在网站公示5个工作日。"


def test_unnumbered_cell_is_one_duty() -> None:
    duties = split_duties("指导责任： 根据《管理办法》第三条，负责指导。")
    assert [(d.seq, d.label, d.text) for d in duties] == [(None, "指导责任", "根据《管理办法》第三条，负责指导。")]
    assert split_duties("") == []


def test_nested_items_stay_in_their_step() -> None:
    duties = split_duties("1. 管理责任：（1）保障运行。（2）发布信息。\n2. 其他责任：法律法规规章规定应履行的责任。")
    assert duties[0].text == "（1）保障运行。（2）发布信息。" and len(duties) == 2
