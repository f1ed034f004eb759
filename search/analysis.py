"""Text analysis for search: script normalization, jieba word tokens with sequential positions, CJK uni/bigrams."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from whoosh.analysis import Token, Tokenizer

from text.numerals import to_int
from text.script import to_simplified_aligned
from text.words import user_words

if TYPE_CHECKING:
    import rjieba

FULLWIDTH_RE = re.compile(r"[\uff01-\uff5e\u3000\xa0]")
FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20, 0xA0: 0x20}
NUMERAL = "零〇一二两三四五六七八九十百千"
# 第七十三条 / 第73条 / 第二章: kept as 第 · numeral · unit so 七十三 and 73 find it.
ORDINAL_RE = re.compile(rf"(第)([{NUMERAL}]+|[0-9]+)([条章节款项编目])")
CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+(?:[.\-_][a-z0-9]+)*")
CLAUSE_RE = re.compile(r"[^。；;！？!?\n]*[。；;！？!?\n]?")
NUMERAL_RUN_RE = re.compile(rf"[{NUMERAL}]+")
WORDLIKE_RE = re.compile(r"[\w\u3400-\u9fff]")


@cache
def segmenter() -> rjieba.Jieba:
    """jieba (jieba-rs via rjieba: jieba's dictionary and algorithm, compiled) with the domain's user dictionary."""
    import rjieba  # its import loads the dictionary (half a second): only when text is analysed

    tokenizer = rjieba.Jieba()
    for word, frequency, tag in user_words():
        tokenizer.add_word(word, frequency, tag)
    return tokenizer


def normalize(text: str) -> str:
    """Search form of a text: simplified script, half-width ASCII, lower case; same length as the input."""
    return to_simplified_aligned(text.translate(FULLWIDTH) if FULLWIDTH_RE.search(text) else text).lower()


@lru_cache(maxsize=200_000)
def fine_split(word: str) -> tuple[str, ...]:
    """Split a word into its shortest dictionary sub-words (行政处罚法 → 行政/处罚/法); the unit of positions."""
    if len(word) <= 2 or not WORDLIKE_RE.match(word) or word.isascii() or NUMERAL_RUN_RE.fullmatch(word):
        return (word,)
    known = segmenter().has_word
    parts: list[str] = []
    start = 0
    while start < len(word):
        end = next((end for end in range(start + 2, len(word)) if known(word[start:end])), start + 1)
        if end == start + 1 and len(word) - start == 2:
            end = len(word)
        parts.append(word[start:end])
        start = end
    return tuple(parts)


@lru_cache(maxsize=200_000)
def compounds(word: str) -> tuple[tuple[int, str], ...]:
    """Dictionary words spanning several fine parts (search-mode sub-words), with the index of their first part."""
    parts = fine_split(word)
    if len(parts) < 2:
        return ()
    known = segmenter().has_word
    found = [(0, word)]
    for first in range(len(parts)):
        for last in range(first + 2, len(parts) + 1):
            if (first, last) != (0, len(parts)):
                text = "".join(parts[first:last])
                if known(text):
                    found.append((first, text))
    return tuple(found)


@lru_cache(maxsize=10_000)
def _ordinal_value(numeral: str) -> str | None:
    """The Arabic form of a Chinese numeral word (七十三 → 73), None for any other word."""
    if not NUMERAL_RUN_RE.fullmatch(numeral):
        return None
    try:
        return str(to_int(numeral))
    except ValueError:
        return None


@lru_cache(maxsize=100_000)
def clause_words(clause: str) -> tuple[tuple[str, int], ...]:
    """Words of one clause; ordinals (第七十三条) are pre-cut into 第 · numeral · unit."""
    found: list[tuple[str, int]] = []
    position = 0
    for match in ORDINAL_RE.finditer(clause):
        found += _jieba_words(clause[position:match.start()], position)
        found += [(match[group], match.start(group)) for group in (1, 2, 3)]
        position = match.end()
    return tuple(found + list(_jieba_words(clause[position:], position)))


def _jieba_words(text: str, offset: int) -> Iterator[tuple[str, int]]:
    """jieba precise words (no HMM, so index and query cut alike) without punctuation and spaces."""
    start = offset
    for word in segmenter().cut(text, False):
        if WORDLIKE_RE.search(word) and not word.isspace():
            yield word, start
        start += len(word)


def query_words(text: str) -> list[str]:
    """A typed run such as 电子政务项目审核 as its precise words (电子政务 项目 审核); ordinals stay whole."""
    normalized = normalize(text)
    found: list[str] = []
    position = 0
    for match in ORDINAL_RE.finditer(normalized):
        found += [word for word, _ in _jieba_words(normalized[position:match.start()], 0)] + [match.group()]
        position = match.end()
    return found + [word for word, _ in _jieba_words(normalized[position:], 0)]


class RowTokenizer(Tokenizer):
    """A Whoosh tokenizer fed by `rows`: (text, position, start char, end char) tuples; one reused Token, as Whoosh expects."""

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost, token.stopped = 1.0, False
        for token.text, token.pos, token.startchar, token.endchar in self.rows(value, start_pos, start_char, mode):
            yield token

    def rows(self, value: str, position: int, char: int, mode: str) -> Iterator[tuple[str, int, int, int]]:
        raise NotImplementedError


class WordTokenizer(RowTokenizer):
    """jieba tokens with SEQUENTIAL positions over fine parts; index mode adds whole words and sub-words."""

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def rows(self, value: str, position: int, char: int, mode: str) -> Iterator[tuple[str, int, int, int]]:
        for rows, clause_position, clause_char in clause_rows(normalize(value), mode == "query"):
            for text, offset, start, end in rows:
                yield text, position + clause_position + offset, char + clause_char + start, char + clause_char + end


def clause_rows(normalized: str, query: bool) -> Iterator[tuple[tuple[tuple[str, int, int, int], ...], int, int]]:
    """Each clause of a normalized text: its cached token rows, the position and the character it starts at."""
    position = 0
    for clause in CLAUSE_RE.finditer(normalized):
        rows, width = clause_tokens(clause.group(), query)
        yield rows, position, clause.start()
        position += width


@lru_cache(maxsize=100_000)
def clause_tokens(clause: str, query: bool) -> tuple[tuple[tuple[str, int, int, int], ...], int]:
    """Token rows (text, position, start, end) of one clause relative to it, and the positions it spans."""
    rows: list[tuple[str, int, int, int]] = []
    position = 0
    for word, offset in clause_words(clause):
        relative, width = word_tokens(word, query)
        rows += [(text, position + index, offset + start, offset + end) for text, index, start, end in relative]
        position += width
    return tuple(rows), position


@lru_cache(maxsize=200_000)
def word_tokens(word: str, query: bool) -> tuple[tuple[tuple[str, int, int, int], ...], int]:
    """Token rows of one word relative to it: its fine parts at sequential positions (a numeral also, or in a query
    only, as its Arabic value) and, when indexing, its dictionary compounds at their first part; and its width."""
    parts = fine_split(word)
    starts = [0]
    for part in parts:
        starts.append(starts[-1] + len(part))
    rows: list[tuple[str, int, int, int]] = []
    for index, text in [*enumerate(parts), *(() if query else compounds(word))]:
        value = _ordinal_value(text) if len(parts) == 1 else None
        start, end = starts[index], starts[index] + len(text)
        rows.append((value if value and query else text, index, start, end))
        if value and not query:
            rows.append((value, index, start, end))
    return tuple(rows), len(parts)


class CjkNgramTokenizer(RowTokenizer):
    """Bigrams of CJK runs (plus unigrams when `unigrams`); a query of one character is its unigram."""

    def __init__(self, unigrams: bool = True) -> None:
        self.unigrams = unigrams

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.unigrams == self.unigrams

    def __hash__(self) -> int:
        return hash((type(self), self.unigrams))

    def rows(self, value: str, position: int, char: int, mode: str) -> Iterator[tuple[str, int, int, int]]:
        for run in CJK_RE.finditer(normalize(value)):
            for offset, text in self._grams(run[0], self.unigrams and mode != "query"):
                start = char + run.start() + offset
                yield text, position + offset, start, start + len(text)
            position += len(run[0]) + 1

    @staticmethod
    def _grams(run: str, unigrams: bool) -> Iterator[tuple[int, str]]:
        if run.isascii() or len(run) == 1:
            yield 0, run
            return
        for offset in range(len(run) - 1):
            if unigrams:
                yield offset, run[offset]
            yield offset, run[offset:offset + 2]
        if unigrams:
            yield len(run) - 1, run[-1]


def word_terms(normalized: str) -> tuple[str, str]:
    """The word-field terms of a normalized text as two strings for an engine's whitespace tokenizer (see clause_terms)."""
    pairs = [clause_terms(clause.group()) for clause in CLAUSE_RE.finditer(normalized)]
    return " ".join(positioned for positioned, _ in pairs if positioned), " ".join(other for _, other in pairs if other)


@lru_cache(maxsize=100_000)
def clause_terms(clause: str) -> tuple[str, str]:
    """A clause's terms as two space-separated strings: the positioned ones (its query-mode tokens, one per position,
    all that term and phrase queries can match) and the other terms WordTokenizer indexes (whole words, dictionary
    sub-words, numerals as written), which only prefix and wildcard queries reach."""
    words = [_word_terms(word) for word, _ in clause_words(clause)]
    positioned = [term for terms, _ in words for term in terms]
    others = {term for _, indexed in words for term in indexed}.difference(positioned)
    return " ".join(positioned), " ".join(sorted(others))


@lru_cache(maxsize=200_000)
def _word_terms(word: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """A word's query-mode terms in position order, and every term it is indexed under."""
    return tuple(row[0] for row in word_tokens(word, True)[0]), frozenset(row[0] for row in word_tokens(word, False)[0])


RUN_SEPARATOR = " | "


def bigram_text(normalized: str) -> str:
    """The bigram tokens of a normalized text as one string for a whitespace tokenizer: terms in order, a `|`
    between CJK runs so a phrase of consecutive bigrams matches within a run only (as with CjkNgramTokenizer)."""
    return RUN_SEPARATOR.join([_run_bigrams(run) for run in CJK_RE.findall(normalized)])


@lru_cache(maxsize=200_000)
def _run_bigrams(run: str) -> str:
    return " ".join([text for _, text in CjkNgramTokenizer._grams(run, False)])


def word_analyzer() -> WordTokenizer:
    """Analyzer of the whole-word fields (title, body, department)."""
    return WordTokenizer()


def ngram_analyzer(unigrams: bool = True) -> CjkNgramTokenizer:
    """Analyzer of the secondary n-gram fields: bigrams, and unigrams for names (single characters)."""
    return CjkNgramTokenizer(unigrams)
