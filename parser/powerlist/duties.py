"""责任事项 cells: numbered steps "N. X责任：text", one per paragraph or all in one paragraph, optionally in groups.

Lists on the national template group the steps under labels: "直接实施责任：1.… 2.… 指导监督责任：3.…"; each step
then carries its group, and numbering may continue across groups or restart in each.
"""

from __future__ import annotations

import re

from schema.records import Duty

_STEP = re.compile(r"(?:^|(?<=[\s;；。]))(\d{1,2})\s*[.．、](?!\d)\s*")
_LABEL = re.compile(r"^([^\s:：，,。；;《》“”\"()（）]{1,16})\s*[:：]\s*")
_GROUP = re.compile(r"(?:^|(?<=[\n。；;]))\s*(?P<label>[^\s\d:：，,。；;《》“”\"()（）.．、]{1,12}责任)\s*[:：]\s*")


def step_starts(text: str, first: int = 1) -> list[re.Match[str]]:
    """Step markers numbered first, first + 1 … in order; other numbers (dates, counts) are not markers."""
    accepted: list[re.Match[str]] = []
    for match in _STEP.finditer(text):
        if int(match.group(1)) == len(accepted) + first:
            accepted.append(match)
    return accepted


def group_labels(text: str) -> list[re.Match[str]]:
    """Group labels at the start of a line, if at least one of them is directly followed by a numbered step."""
    labels = list(_GROUP.finditer(text))
    numbered = any(_STEP.match(text, label.end()) for label in labels)
    return labels if numbered else []


def split_duties(text: str) -> list[Duty]:
    """Each step as a Duty(seq, label, text, group); an unnumbered cell is one duty."""
    if not text.strip():
        return []
    labels = group_labels(text)
    if not labels:
        return _steps(text, None)
    duties = _steps(text[: labels[0].start()], None)
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        duties.extend(_steps(text[label.end() : end], label.group("label")))
    return duties


def _steps(text: str, group: str | None) -> list[Duty]:
    """The steps of a text (numbering starts at the marker that opens the text — a group or a block row may go on
    from an earlier one — else at 1)."""
    if not text.strip():
        return []
    opening = _STEP.match(text.lstrip())
    starts = step_starts(text, int(opening.group(1)) if opening else 1)
    if not starts:
        return [_duty(text.strip(), None, group)]
    duties = [_duty(text[: starts[0].start()].strip(), None, group)] if text[: starts[0].start()].strip() else []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        duties.append(_duty(text[match.end() : end].strip(), int(match.group(1)), group))
    return duties


def _duty(step: str, seq: int | None, group: str | None) -> Duty:
    label = _LABEL.match(step)
    if label:
        return Duty(seq=seq, label=label.group(1), text=step[label.end() :].strip(), group=group)
    return Duty(seq=seq, text=step, group=group)
