"""Highlighting: the passage a hit shows, query terms marked where our word analyzer (jieba words, both scripts)
finds them.

The passages are those of Whoosh's ContextFragmenter + BasicFragmentScorer + HtmlFormatter (up to three passages of
at most SNIPPET_CHARS around the matches, SNIPPET_SURROUND characters of context, the best by matches times distinct
terms, in text order), computed over the analyzer's cached token rows instead of one Token object per word: on a
search the highlighter was most of the cost."""

from __future__ import annotations

import heapq
import html
import time
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from search.analysis import clause_rows, normalize

SNIPPET_CHARS = 160
SNIPPET_SURROUND = 40
CHAR_LIMIT = 2**15  # characters of a text examined for passages
PASSAGES = 3
BETWEEN = " … "
MARK_CLASSES = 5  # term classes term0 … term4, recycled
TOKEN_CACHE = 8192  # texts whose tokens are kept

Match = tuple[str, int, int]  # token text, start and end character
Passage = tuple[int, int, list[Match]]  # start, end, matches
Tokens = tuple[tuple[str, ...], tuple[int, ...], tuple[int, ...], int]


def snippet(body: str, title: str, terms: Mapping[str, set[str]]) -> str:
    """The highlighted passage a hit shows: query terms marked in the body, else in the title, else the body's start."""
    seen: dict[str, int] = {}
    for name, text in (("body", body), ("title", title)):
        if text and terms.get(name):
            passages = best_passages(text, frozenset(terms[name]))
            if passages:
                return BETWEEN.join(_formatted(text, passage, seen) for passage in passages)
    return html.escape(body[:SNIPPET_CHARS], quote=False)


@lru_cache(maxsize=TOKEN_CACHE)
def text_tokens(text: str) -> Tokens:
    """The query-mode word tokens of a text's first CHAR_LIMIT characters (token texts, starts, ends), and the end of
    the last token looked at (the first one past the limit, if any); normalization keeps lengths, so spans are the text's."""
    texts, starts, ends = [], [], []
    for rows, _, clause_char in clause_rows(normalize(text), True):
        for token, _, start, end in rows:
            if clause_char + end > CHAR_LIMIT:
                return tuple(texts), tuple(starts), tuple(ends), clause_char + end
            texts.append(token)
            starts.append(clause_char + start)
            ends.append(clause_char + end)
    return tuple(texts), tuple(starts), tuple(ends), ends[-1] if ends else 0


def tokenize_ahead(texts: Iterable[str], seconds: float) -> int:
    """Tokens of stored texts put in the cache before they are asked for (a hit's first highlighting segments its
    text with jieba, most of a first search's cost), until `seconds` have passed or the cache is full; how many."""
    deadline, count = time.monotonic() + seconds, 0
    for text in texts:
        if count >= TOKEN_CACHE or time.monotonic() >= deadline:
            break
        if text:
            text_tokens(text)
            count += 1
    return count


def passages(text: str, termset: frozenset[str]) -> Iterator[Passage]:
    """Every passage holding matched tokens, as Whoosh's ContextFragmenter cuts them: outside a passage only the
    tokens within SNIPPET_SURROUND characters before the next match matter, so the scan jumps from match to match."""
    tokens, starts, ends, last_end = text_tokens(text)
    matched = [number for number, token in enumerate(tokens) if token in termset]
    if not matched:
        return
    number, resumed, countdown, length, found = 0, 0, -1, 0, []
    first: int | None = None
    context: int | None = None  # start of the earliest token within SNIPPET_SURROUND before the passage
    while number < len(tokens):
        if countdown < 0:
            following = bisect_left(matched, number)
            if following == len(matched):
                return
            number = matched[following]
            earliest = bisect_left(starts, ends[number - 1] - SNIPPET_SURROUND, resumed, number) if number > resumed else number
            context = starts[earliest] if earliest < number else None
        start, end = starts[number], ends[number]
        width = end - start
        if length + width > SNIPPET_CHARS:
            countdown = 0
        elif tokens[number] in termset:
            countdown = SNIPPET_SURROUND
            if first is None:
                first = context if context is not None else start
                countdown += SNIPPET_SURROUND if context is None else 0
            found.append((tokens[number], start, end))
        if countdown >= 0:
            length += width
            countdown -= width
            if countdown <= 0:
                if found:
                    yield first or 0, min(len(text), end), found
                first, context, length, found, resumed = None, None, 0, [], number + 1
        number += 1
    if found:
        yield first or 0, min(len(text), last_end), found


def best_passages(text: str, termset: frozenset[str]) -> list[Passage]:
    """The best PASSAGES passages (matches times distinct terms matched; on a tie the later one), in text order."""
    best = heapq.nlargest(PASSAGES, passages(text, termset), key=lambda passage: (_score(passage), passage[0]))
    return sorted(best, key=lambda passage: passage[0])


def _score(passage: Passage) -> int:
    found = passage[2]
    return len(found) * len({token for token, _, _ in found})


def _formatted(text: str, passage: Passage, seen: dict[str, int]) -> str:
    """A passage as HTML: text escaped, each match in <mark class="match termN"> (the longest at a start wins)."""
    start, end, found = passage
    output, index = [], start
    for _, match_start, match_end in sorted(found, key=lambda match: (match[1], match[1] - match[2])):
        if match_start < index:
            continue
        if match_start > index:
            output.append(html.escape(text[index:match_start], quote=False))
        marked = html.escape(text[match_start:match_end], quote=False)
        number = seen.setdefault(marked, len(seen) % MARK_CLASSES)
        output.append(f'<mark class="match term{number}">{marked}</mark>')
        index = match_end
    output.append(html.escape(text[index:end], quote=False))
    return "".join(output)
