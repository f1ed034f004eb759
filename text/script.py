"""Traditional/simplified script: detect which one a text is written in, and fold it to simplified (OpenCC)."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

import opencc

Script = Literal["simplified", "traditional"]

_HAN = re.compile(r"[\u3400-\u9fff]")
TRADITIONAL_SHARE = 0.02  # share of Han characters that change under t2s above which a text counts as traditional


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """The simplified form of `text`, for search and identity; the original stays as written."""
    return _converter("t2s").convert(text)


def to_simplified_aligned(text: str) -> str:
    """to_simplified keeping one character per character, so offsets into `text` stay valid (search highlighting)."""
    converted = to_simplified(text)
    return converted if len(converted) == len(text) else "".join(to_simplified(char) for char in text)


def traditional_share(text: str) -> float:
    """Share of Han characters that OpenCC's t2s changes (0.0 for text without Han characters)."""
    han = len(_HAN.findall(text))
    changed = sum(a != b for a, b in zip(text, to_simplified(text), strict=False))
    return changed / han if han else 0.0


def detect_script(text: str) -> Script:
    """'traditional' when enough Han characters are traditional-only, else 'simplified'."""
    return "traditional" if traditional_share(text) > TRADITIONAL_SHARE else "simplified"


@cache
def character_folds(config: Literal["t2s", "s2t"] = "t2s") -> dict[str, str]:
    """Every Han character (BMP) that OpenCC's `config` turns into another single character, with that character: a
    table small enough for a browser to convert a query character by character (about 3,800 entries for t2s)."""
    characters = [chr(code) for code in range(0x3400, 0xA000)]
    # One call over the characters a line each converts each alone (no dictionary phrase holds a newline), in a tenth
    # of the time of 27,648 calls.
    converted = _converter(config).convert("\n".join(characters)).split("\n")
    return {character: to for character, to in zip(characters, converted, strict=True) if to != character and len(to) == 1}
