"""Script detection and simplified folding on the traditional-script 三定 seed and a simplified seed."""

from __future__ import annotations

from tests.conftest import FIXTURES, SOURCES
from text.script import character_folds, detect_script, to_simplified, traditional_share


def test_traditional_seed_is_detected_and_folded() -> None:
    text = (SOURCES / "001_90ab5478764d6aa0.txt").read_text(encoding="utf-8")
    assert detect_script(text) == "traditional"
    assert "广州市人民政府办公厅" in to_simplified(text)
    assert "廣州市人民政府辦公廳" in text


def test_simplified_sources_stay_simplified() -> None:
    for name in ("002_48a076c1b87035bb.txt", "003_39746930e8c49978.txt", "004_c86c78b8268190ff.txt"):
        text = (SOURCES / name).read_text(encoding="utf-8")
        assert detect_script(text) == "simplified", name
        assert traditional_share(text) < 0.01


def test_search_form_matches_across_scripts() -> None:
    excerpt = (FIXTURES / "documents" / "notice_traditional.txt").read_text(encoding="utf-8")
    assert "电子政务" not in excerpt
    assert "电子政务" in to_simplified(excerpt)


def test_text_without_han_characters_is_simplified() -> None:
    assert traditional_share("2015-07-20 | 31") == 0.0
    assert detect_script("") == "simplified"


def test_character_folds_fold_a_traditional_seed_as_opencc_does() -> None:
    text = (SOURCES / "001_90ab5478764d6aa0.txt").read_text(encoding="utf-8")
    folds = character_folds()
    folded = "".join(folds.get(character, character) for character in text)
    differing = sum(a != b for a, b in zip(folded, to_simplified(text), strict=True))
    assert differing <= len(text) // 1000  # OpenCC's phrase rules change a few characters beyond character folding
    assert "廣州市人民政府辦公廳" not in folded and "广州市人民政府办公厅" in folded


def test_character_folds_to_traditional_write_a_simplified_seed_as_its_traditional_edition_does() -> None:
    simplified = (FIXTURES / "powerlist" / "seed_excerpt.tsv").read_text(encoding="utf-8")
    traditional = (FIXTURES / "powerlist" / "seed_excerpt_traditional.tsv").read_text(encoding="utf-8")
    folds = character_folds("s2t")
    converted = "".join(folds.get(character, character) for character in simplified)
    same = sum(a == b for a, b in zip(converted, traditional, strict=False))
    assert same >= 0.99 * len(traditional)
