"""An instrument's history as real citations write it in parentheses after the title.

（2002年6月29日第九届全国人民代表大会常务委员会第二十八次会议通过，中华人民共和国主席令第68号公布，自2003年1月1日起施行。
根据2014年8月31日中华人民共和国主席令第十四号《全国人民代表大会常务委员会关于修改＜中华人民共和国保险法＞等五部法律的决定》修正）
→ promulgated 2002-06-29 by 主席令第68号, in force 2003-01-01, amended 2014-08-31 by a separate instrument (the decision,
主席令第14号). Each number belongs to the event whose verb follows it (…令第216号发布 / …令2017年第8号修改); a number written
right before a 《title》 belongs to that title; an untitled number without a verb is the instrument's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from citations.doc_numbers import DocNumber, find_doc_numbers
from text.dates import DateSpan, find_dates
from text.titles import title_key

PROMULGATION = re.compile(r"通过|公布|发布|颁布|印发|制定|批准|签发")
PUBLISHED = re.compile(r"公布|发布|颁布|印发")
AMENDMENT = re.compile(r"修正|修订|修改|废止")
IN_FORCE = re.compile(r"施行|实施|生效")
VERB = re.compile(rf"{PROMULGATION.pattern}|{AMENDMENT.pattern}|{IN_FORCE.pattern}")
CLAUSE_END = re.compile(r"[，,。；;]")
SHORT_NAME_BEFORE = re.compile(r"(?:以下简称|下称|简称)[“\"]?$")  # （下称《决定》） names a title given before, not a new one
TRAILING_PAREN = re.compile(r"\s*[（(]([^（()）]*)[)）]")
TITLE = re.compile(r"《((?:[^《》]|《[^《》]*》)+)》")


@dataclass(frozen=True)
class AmendingInstrument:
    """A decision named in a history (…主席令第18号《全国人民代表大会常务委员会关于修改部分法律的决定》修正)."""

    title: str
    number: DocNumber | None
    date: str | None
    start: int
    end: int


@dataclass
class History:
    """What a history parenthesis says: dates (ISO), the promulgating order, amendments and the instruments that made them."""

    promulgation_date: str | None = None
    promulgation_order: DocNumber | None = None
    effective_date: str | None = None
    amendment_dates: list[str] = field(default_factory=list)
    amendment_orders: list[DocNumber] = field(default_factory=list)
    amending: list[AmendingInstrument] = field(default_factory=list)
    file_number: DocNumber | None = None

    def version(self) -> str | None:
        """The version the citation names: its latest amendment, else its promulgation (or entry into force) date."""
        if self.amendment_dates:
            return max(self.amendment_dates)
        return self.promulgation_date or self.effective_date


def masked_titles(text: str) -> str:
    """Titles blanked, so 关于修改…的决定 inside 《》 is not read as the verb of the history nor its numbers as its own."""
    return TITLE.sub(lambda match: "《" + " " * (len(match.group()) - 2) + "》", text)


def _verb_after(masked: str, pos: int, stop: int) -> str | None:
    match = VERB.search(masked, pos, stop)
    return match.group() if match else None


def _event_kind(verb: str | None) -> str | None:
    if verb is None:
        return None
    if AMENDMENT.fullmatch(verb):
        return "amendment"
    return "in_force" if IN_FORCE.fullmatch(verb) else "promulgation"


def _date_before(dates: list[DateSpan], pos: int, floor: int) -> str | None:
    """The last date written between floor and pos (the date an event's clause opens with)."""
    before = [span for span in dates if floor <= span.start < pos]
    return before[-1].iso if before else None


def read_history(content: str, own_title: str | None = None) -> History | None:
    """The history in a parenthesis's content, or None when it names no date, number or event."""
    masked = masked_titles(content)
    dates = find_dates(content)
    numbers = [match for match in find_doc_numbers(masked) if "《" not in content[match.start : match.end]]
    if not dates and not numbers:
        return None
    history = History()
    titled = _amending_titles(content, masked, numbers, dates, own_title, history)
    claimed = {id(number) for number in titled}
    starts = sorted({span.start for span in dates} | {m.start for m in numbers})
    for number in numbers:
        if id(number) in claimed:
            continue
        stop = next((start for start in starts if start >= number.end), len(content))
        kind = _event_kind(_verb_after(masked, number.end, stop))
        parsed = number.number
        if parsed.kind == "file" and history.file_number is None:
            history.file_number = parsed
        elif kind == "amendment":
            history.amendment_orders.append(parsed)
        elif history.promulgation_order is None:
            history.promulgation_order = parsed
    _dated_events(masked, dates, history)
    if history.promulgation_date is None and history.promulgation_order is not None:
        order = next(m for m in numbers if m.number is history.promulgation_order)
        floor = max((m.end() for m in CLAUSE_END.finditer(masked, 0, order.start)), default=0)
        history.promulgation_date = _date_before(dates, order.start, floor)
    return history


def _amending_titles(
    content: str, masked: str, numbers: list, dates: list[DateSpan], own_title: str | None, history: History
) -> list:
    """Titles in the history other than the instrument's own: the amending decisions, each with the number written next to it."""
    claimed = []
    for match in TITLE.finditer(content):
        title = match.group(1)
        if (own_title and _same_title(title, own_title)) or SHORT_NAME_BEFORE.search(content, 0, match.start()):
            continue
        before = [n for n in numbers if n.end <= match.start() and not content[n.end : match.start()].strip()]
        paren = TRAILING_PAREN.match(content, match.end())
        after = [n for n in numbers if (paren and paren.start(1) <= n.start < paren.end(1))
                 or (n.start >= match.end() and not content[match.end() : n.start].strip())]
        number = (before or after or [None])[0]
        if number is not None:
            claimed.append(number)
        floor = max((m.end() for m in CLAUSE_END.finditer(masked, 0, match.start())), default=0)
        date = _date_before(dates, match.start(), floor)
        history.amending.append(AmendingInstrument(title, number.number if number else None, date, match.start(), match.end()))
    return claimed


def _same_title(first: str, second: str) -> bool:
    return title_key(first) == title_key(second)


def _dated_events(masked: str, dates: list[DateSpan], history: History) -> None:
    """Each date's event is the verb that follows it before the next date: 通过/公布 → promulgation, 修正/修订 → amendment.

    The promulgation date is the 公布/发布 date when one is written, else the 通过 date.
    """
    published = False
    for index, span in enumerate(dates):
        stop = dates[index + 1].start if index + 1 < len(dates) else len(masked)
        opening = masked[max(0, span.start - 1) : span.start]
        verb = _verb_after(masked, span.end, stop)
        kind = "in_force" if opening == "自" else _event_kind(verb)
        if kind == "amendment":
            history.amendment_dates.append(span.iso)
        elif kind == "in_force" and history.effective_date is None:
            history.effective_date = span.iso
        elif kind == "promulgation" and not history.amendment_dates:
            if history.promulgation_date is None or (verb and PUBLISHED.fullmatch(verb) and not published):
                history.promulgation_date = span.iso
            published = published or bool(verb and PUBLISHED.fullmatch(verb))
