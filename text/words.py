"""The domain's words for jieba: the user dictionary (jieba_user.txt) of the search index (the site's Pagefind indexes
segment with Pagefind's own jieba-rs dictionary).

It holds the article, chapter and section ordinals too (第二十三条), though the index's analyzer splits ordinals before
jieba sees them (search.analysis.ORDINAL_RE)."""

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
