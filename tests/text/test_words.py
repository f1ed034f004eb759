"""One jieba user dictionary: the index's segmenter and the site's theme search load the same file."""

from __future__ import annotations

from search.analysis import segmenter
from text.words import USER_DICT, user_words
from writers.site.build import site_config


def test_site_search_loads_the_index_dictionary() -> None:
    search = next(plugin["search"] for plugin in site_config([])["plugins"] if isinstance(plugin, dict) and "search" in plugin)
    assert search["jieba_dict_user"] == str(USER_DICT)


def test_domain_words_and_ordinals_are_single_words_for_the_index() -> None:
    words = {word for word, _, _ in user_words()}
    assert {"权责清单", "行政许可法", "人民政府", "第二十三条", "第一百零一条", "第三章"} <= words
    assert segmenter().cut("依据政府信息公开条例", False)[-1] == "政府信息公开条例"
