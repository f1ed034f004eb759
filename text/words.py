"""The domain's words for jieba: one user dictionary (jieba_user.txt) for the search index and the site's theme search.

It holds the article, chapter and section ordinals too (第二十三条): the theme's search keeps one only as a word when
the dictionary has it, while the index's analyzer splits ordinals before jieba sees them (search.analysis.ORDINAL_RE)."""

from __future__ import annotations

from pathlib import Path

USER_DICT = Path(__file__).with_name("jieba_user.txt")


def user_words() -> list[tuple[str, int, str]]:
    """(word, frequency, part-of-speech tag) of every line of the user dictionary."""
    words = []
    for line in USER_DICT.read_text(encoding="utf-8").splitlines():
        word, frequency, tag = line.split()
        words.append((word, int(frequency), tag))
    return words
