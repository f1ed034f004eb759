"""How an article reference is labelled on the site: as written, or by its own number when one written text names several."""

from __future__ import annotations

from collections import Counter

from schema.records import ArticleRef, Citation
from text.numerals import to_chinese


def numbered_label(ref: ArticleRef) -> str:
    """第二十一条之一第二款第三项: the reference's own numbers in Chinese numerals."""
    if not ref.article:
        return ref.text
    label = f"第{to_chinese(ref.article)}条"
    if ref.article_suffix:
        label += f"之{to_chinese(ref.article_suffix)}"
    for number, unit in ((ref.paragraph, "款"), (ref.item, "项"), (ref.subitem, "目")):
        if number:
            label += f"第{to_chinese(number)}{unit}"
    return label


def labelled_refs(citation: Citation) -> list[tuple[ArticleRef, str]]:
    """Each article reference once with its label: 第二十一、二十三条 becomes 第二十一条 and 第二十三条."""
    shared = Counter(ref.text for ref in citation.article_refs)
    return [(ref, numbered_label(ref) if shared[ref.text] > 1 else ref.text) for ref in citation.article_refs]
