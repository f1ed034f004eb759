"""Word automatic numbering rendered as Word shows it: formats, levels, restarts (w:startOverride), list styles."""

from __future__ import annotations

import lxml.etree

from parser.containers.numbering import Numbering, W, format_number

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
NUMBERING = f"""<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="japaneseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"""


def paragraph(num_id: str, ilvl: int) -> lxml.etree._Element:
    xml = f'<w:p {NS}><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr></w:pPr></w:p>'
    return lxml.etree.fromstring(xml)


def test_chapter_labels_count_levels_restart_below_and_a_new_list_restarts() -> None:
    numbering = Numbering.of(lxml.etree.fromstring(NUMBERING), None)
    labels = [numbering.label(paragraph(num_id, ilvl)) for num_id, ilvl in
              [("1", 0), ("1", 1), ("1", 1), ("1", 0), ("1", 1), ("2", 0), ("1", 0)]]
    assert labels == [("第一章", " "), ("（一）", ""), ("（二）", ""), ("第二章", " "), ("（一）", ""), ("第一章", " "), ("第三章", " ")]


def test_unnumbered_paragraph_has_no_label() -> None:
    numbering = Numbering.of(lxml.etree.fromstring(NUMBERING), None)
    assert numbering.label(lxml.etree.fromstring(f"<w:p {NS}/>")) is None
    assert W.startswith("{http://schemas.openxmlformats.org/wordprocessingml")


def test_number_formats() -> None:
    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20)] == ["一", "十", "十一", "二十"]
    assert format_number(3, "decimalEnclosedCircle") == "③" and format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV" and format_number(28, "lowerLetter") == "bb"
    assert format_number(12, "chineseLegalSimplified") == "壹贰" and format_number(5, "decimal") == "5"
