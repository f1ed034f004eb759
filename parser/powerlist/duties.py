"""责任事项 cells: numbered steps "N. X责任：text", one per paragraph or all in one paragraph."""

from __future__ import annotations

import re

from schema.records import Duty

_STEP = re.compile(r"(?:^|(?<=[\s;；。]))(\d{1,2})\s*[.．、](?!\d)\s*")
_LABEL = re.compile(r"^([^\s:：，,。；;《》“”\"()（）]{1,16})\s*[:：]\s*")


def step_starts(text: str) -> list[re.Match[str]]:
    """Step markers numbered 1, 2, 3 … in order; other numbers (dates, counts) are not markers."""
    accepted: list[re.Match[str]] = []
    for match in _STEP.finditer(text):
        if int(match.group(1)) == len(accepted) + 1:
            accepted.append(match)
    return accepted


def split_duties(text: str) -> list[Duty]:
    """Each step as a Duty(seq, label, text); an unnumbered cell is one duty."""
    if not text.strip():
        return []
    starts = step_starts(text)
    if not starts:
        return [_duty(text.strip(), None)]
    duties = [_duty(text[: starts[0].start()].strip(), None)] if text[: starts[0].start()].strip() else []
    for index, match in enumerate(starts):
        end = starts[index + 1].start() if index + 1 < len(starts) else len(text)
        duties.append(_duty(text[match.end() : end].strip(), int(match.group(1))))
    return duties


def _duty(step: str, seq: int | None) -> Duty:
    label = _LABEL.match(step)
    if label:
        return Duty(seq=seq, label=label.group(1), text=step[label.end() :].strip())
    return Duty(seq=seq, text=step)
