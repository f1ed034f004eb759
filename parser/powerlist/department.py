"""The list's department: title row, 部门名称 banner, 部门名称 column or manifest first, then the file name pattern
(…局2024年权责清单.xls), then a 行使主体 cell that names a body rather than a level (地州市农业农村局 names a level)."""

from __future__ import annotations

import re

from parser.powerlist.layout import title_of_file
from schema.records import Power

LEVEL_DESCRIPTOR = re.compile(
    r"^(?:各级|地州市|地、州、市|州市|地市|县市区|县（市、区）|县\(市、区\)|县区|区县|市县|县级|市级|省级|省、市、县|乡镇|乡（镇）|自治区、)"
)


def is_level_descriptor(body: str) -> bool:
    """A 行使主体 that names the level an item is exercised at, not one body (地州市农业农村局, 县级以上…)."""
    return bool(LEVEL_DESCRIPTOR.match(body)) or "以上" in body[:8]


def resolve_departments(powers: list[Power], file: str) -> None:
    """Give powers without a department the file name's, else their own 行使主体 when it names one body."""
    from_file = title_of_file(file)
    for power in powers:
        if power.department:
            continue
        if from_file:
            power.department = from_file.department
        elif power.executing_body and "\n" not in power.executing_body and not is_level_descriptor(power.executing_body):
            power.department = power.executing_body
