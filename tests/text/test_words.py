"""The jieba user dictionary of the search index: domain words and ordinals stay whole."""

from __future__ import annotations

from search.analysis import segmenter
from text.words import user_words


def test_domain_words_and_ordinals_are_single_words_for_the_index() -> None:
    words = {word for word, _, _ in user_words()}
    assert {"权责清单", "行政许可法", "人民政府", "第二十三条", "第一百零一条", "第三章"} <= words
    assert segmenter().cut("依据政府信息公开条例", False)[-1] == "政府信息公开条例"
