"""Analyzer: sequential positions, both scripts, ordinals, user dictionary, n-grams (real seed excerpts)."""

from __future__ import annotations

from whoosh.analysis import Analyzer
from whoosh.fields import ID, TEXT, Schema
from whoosh.filedb.filestore import RamStorage
from whoosh.qparser import QueryParser

from schema.corpus import Corpus
from search.analysis import CLAUSE_RE, fine_split, ngram_analyzer, normalize, segmenter, word_analyzer, word_terms
from search.documents import index_documents
from text.words import USER_DICT

# From sources/corpus/行政处罚法(2021-01-22).md and sources/000_… (the power list).
PUNISHMENT = "行政机关依照本法第五十七条的规定给予行政处罚，应当制作行政处罚决定书。"
ACCOUNTABILITY = "1. 问责依据: ①《行政许可法》第七十三条; ②《行政处罚法》第六十条; ③《行政机关公务员处分条例》第二十一、二十三条"
# From sources/001_… (the 三定 notice, traditional script).
TRADITIONAL = "負責全市電子政務和社會公共服務領域信息化規劃、管理、協調工作"


def _texts(analyzer: Analyzer, text: str, mode: str = "") -> list[str]:
    return [token.text for token in analyzer(text, mode=mode)]


def _finds(analyzer: Analyzer, text: str, query: str) -> bool:
    schema = Schema(id=ID(stored=True), body=TEXT(analyzer=analyzer, phrase=True))
    schema["body"].multitoken_query = "phrase"
    index = RamStorage().create_index(schema)
    with index.writer() as writer:
        writer.add_document(id="1", body=text)
    with index.searcher() as searcher:
        return len(searcher.search(QueryParser("body", schema).parse(query))) == 1


def test_positions_are_sequential_so_phrases_match() -> None:
    positions = [(token.text, token.pos) for token in word_analyzer()("行政处罚决定书", positions=True, mode="query")]
    assert [pos for _, pos in positions] == list(range(len(positions)))
    assert _finds(word_analyzer(), PUNISHMENT, '"行政 处罚"')
    assert _finds(word_analyzer(), PUNISHMENT, '"行政处罚决定书"')
    assert not _finds(word_analyzer(), PUNISHMENT, '"处罚 行政"')


def test_stock_chinese_analyzer_misses_the_phrase_ours_finds() -> None:
    from jieba.analyse import ChineseAnalyzer

    assert not _finds(ChineseAnalyzer(), PUNISHMENT, '"行政 处罚"')


def test_word_inside_a_longer_word_is_found() -> None:
    assert _finds(word_analyzer(), ACCOUNTABILITY, "行政许可")
    assert _finds(word_analyzer(), ACCOUNTABILITY, "处分")


def test_ordinals_match_in_chinese_and_arabic_numerals() -> None:
    assert _finds(word_analyzer(), ACCOUNTABILITY, "七十三")
    assert _finds(word_analyzer(), ACCOUNTABILITY, "第73条")
    assert _finds(word_analyzer(), ACCOUNTABILITY, '"行政许可法 第七十三条"')
    assert not _finds(word_analyzer(), ACCOUNTABILITY, "第七十四条")


def test_both_scripts_normalize_to_simplified_keeping_offsets() -> None:
    assert normalize(TRADITIONAL) == "负责全市电子政务和社会公共服务领域信息化规划、管理、协调工作"
    assert len(normalize(TRADITIONAL)) == len(TRADITIONAL)
    assert normalize("（２０１３）ＡＢＣ") == "(2013)abc"
    assert _finds(word_analyzer(), TRADITIONAL, "电子政务")
    assert _finds(word_analyzer(), "推进电子政务建设", "電子政務")
    spans = [TRADITIONAL[token.startchar:token.endchar] for token in word_analyzer()(TRADITIONAL, chars=True)]
    assert "電子政務" in spans


def test_user_dictionary_keeps_domain_terms_whole() -> None:
    assert "权责清单" in _texts(word_analyzer(), "汕头市行政服务中心管理办公室权责清单")
    assert "电子政务" in _texts(word_analyzer(), "对电子政务项目进行审核")
    assert fine_split("行政处罚法") == ("行政", "处罚", "法")
    assert fine_split("七十三") == ("七十三",)


def test_query_mode_has_no_overlapping_tokens() -> None:
    assert _texts(word_analyzer(), "中华人民共和国行政许可法", mode="query") == ["中华", "人民", "共和", "国", "行政", "许可", "法"]


def test_ngrams_find_single_characters_and_partial_words() -> None:
    assert _texts(ngram_analyzer(), "八十一", mode="query") == ["八十", "十一"]
    assert _texts(ngram_analyzer(), "邮", mode="query") == ["邮"]
    assert _finds(ngram_analyzer(), "第八十一条 行政机关", '"八十一"')
    assert _finds(ngram_analyzer(), PUNISHMENT, "罚")
    assert not _finds(ngram_analyzer(), PUNISHMENT, '"罚行"')


def test_compiled_jieba_cuts_and_knows_words_like_jieba_with_the_user_dictionary(seed_corpus: Corpus) -> None:
    """rjieba (jieba-rs) stands in for jieba: same words for every clause of the seeds, same dictionary words."""
    import jieba

    reference = jieba.Tokenizer()
    reference.load_userdict(str(USER_DICT))
    texts = (normalize(document.get(field, "")) for document in index_documents(seed_corpus) for field in ("title", "body"))
    clauses = sorted({clause.group() for text in texts for clause in CLAUSE_RE.finditer(text)})
    assert len(clauses) > 1000
    assert [segmenter().cut(clause, False) for clause in clauses] == [list(reference.cut(clause, HMM=False)) for clause in clauses]
    words = {word for clause in clauses[:300] for word in reference.cut(clause, HMM=False)}
    pieces = {word[start:end] for word in words for start in range(len(word)) for end in range(start + 2, len(word) + 1)}
    assert [segmenter().has_word(piece) for piece in pieces] == [bool(reference.FREQ.get(piece)) for piece in pieces]


def test_word_terms_hold_the_query_tokens_in_position_order_and_every_index_term(seed_corpus: Corpus) -> None:
    """An engine tokenizing word_terms on spaces sees what WordTokenizer yields: query tokens at their positions, all terms."""
    analyzer = word_analyzer()
    texts = [document.get(field, "") for document in index_documents(seed_corpus) for field in ("title", "body", "department")]
    for text in texts:
        positioned, more = word_terms(normalize(text))
        query_tokens = [(token.text, token.pos) for token in analyzer(text, positions=True, mode="query")]
        assert [(term, position) for position, term in enumerate(positioned.split())] == query_tokens
        assert set(positioned.split()) | set(more.split()) == {token.text for token in analyzer(text)}
