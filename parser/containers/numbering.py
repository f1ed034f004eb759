"""Word's automatic numbering (numbering.xml) rendered as Word shows it: 第%1章 → 第一章, counters per list, restarts."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.etree import _Element

from text.numerals import to_chinese

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"


@dataclass(frozen=True)
class Level:
    """One level of a list definition: start value, number format, label template (第%1章), suffix after the label."""

    start: int
    fmt: str
    text: str
    suffix: str


def _val(element: _Element | None, default: str = "") -> str:
    return element.get(f"{W}val", default) if element is not None else default


def _levels(owner: _Element) -> dict[int, Level]:
    levels = {}
    for lvl in owner.findall(f"{W}lvl"):
        start = _val(lvl.find(f"{W}start"), "1")
        suffix = {"tab": " ", "space": " ", "nothing": ""}[_val(lvl.find(f"{W}suff"), "tab")]
        levels[int(lvl.get(f"{W}ilvl", "0"))] = Level(
            start=int(start) if start.lstrip("-").isdigit() else 1,
            fmt=_val(lvl.find(f"{W}numFmt"), "decimal"),
            text=_val(lvl.find(f"{W}lvlText")),
            suffix=suffix,
        )
    return levels


def format_number(number: int, fmt: str) -> str:
    """A counter value in one of Word's number formats (the common ones; others fall back to Arabic digits)."""
    if fmt in {"chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "ideographDigital"}:
        return to_chinese(number)
    if fmt == "chineseLegalSimplified":
        return "".join(LEGAL_DIGITS[int(digit)] for digit in str(number))
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"} and 1 <= number <= len(CIRCLED):
        return CIRCLED[number - 1]
    if fmt == "decimalEnclosedParen" and 1 <= number <= len(PARENTHESIZED):
        return PARENTHESIZED[number - 1]
    if fmt == "ideographTraditional" and 1 <= number <= len(HEAVENLY_STEMS):
        return HEAVENLY_STEMS[number - 1]
    if fmt in {"lowerLetter", "upperLetter"}:
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(number)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalFullWidth":
        return str(number).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return "" if fmt == "none" else str(number)


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                           (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out, number = out + letters, number - value
    return out


@dataclass
class Numbering:
    """The list definitions of a document and the counters of each list instance while paragraphs are read in order."""

    definitions: dict[str, dict[int, Level]] = field(default_factory=dict)
    starts: dict[str, dict[int, int]] = field(default_factory=dict)
    style_numbers: dict[str, tuple[str, int]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, numbering: _Element | None, styles: _Element | None) -> Numbering:
        """From numbering.xml (abstract definitions, instances and their start overrides) and styles.xml (list styles)."""
        result = cls()
        if numbering is not None:
            abstract = {node.get(f"{W}abstractNumId"): _levels(node) for node in numbering.findall(f"{W}abstractNum")}
            for num in numbering.findall(f"{W}num"):
                num_id = num.get(f"{W}numId", "")
                levels = dict(abstract.get(_val(num.find(f"{W}abstractNumId")), {}))
                for override in num.findall(f"{W}lvlOverride"):
                    ilvl = int(override.get(f"{W}ilvl", "0"))
                    levels.update(_levels(override))
                    if (start := override.find(f"{W}startOverride")) is not None:
                        result.starts.setdefault(num_id, {})[ilvl] = int(_val(start, "1"))
                result.definitions[num_id] = levels
        for style in styles.findall(f"{W}style") if styles is not None else []:
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is not None:
                number = (_val(num_pr.find(f"{W}numId")), int(_val(num_pr.find(f"{W}ilvl"), "0")))
                result.style_numbers[style.get(f"{W}styleId", "")] = number
        return result

    def label(self, paragraph: _Element) -> tuple[str, str] | None:
        """The label Word shows before this paragraph and the separator after it, advancing the list's counter."""
        numbered = self._number_of(paragraph)
        if numbered is None:
            return None
        num_id, ilvl = numbered
        levels = self.definitions.get(num_id, {})
        if num_id in {"", "0"} or ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else self.starts.get(num_id, {}).get(ilvl, level.start)
        for deeper in [key for key in counters if key > ilvl]:
            del counters[deeper]  # a deeper level restarts after its parent advances
        text = level.text
        for index in range(9):
            if f"%{index + 1}" in text:
                value = counters.get(index, levels[index].start if index in levels else 1)
                text = text.replace(f"%{index + 1}", format_number(value, levels[index].fmt if index in levels else "decimal"))
        return (text, level.suffix) if text else None

    def _number_of(self, paragraph: _Element) -> tuple[str, int] | None:
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is not None and num_pr.find(f"{W}numId") is not None:
            return _val(num_pr.find(f"{W}numId")), int(_val(num_pr.find(f"{W}ilvl"), "0"))
        style = _val(paragraph.find(f"{W}pPr/{W}pStyle"))
        return self.style_numbers.get(style)
