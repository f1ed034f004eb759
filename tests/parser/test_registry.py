"""The reader kit: an explicit table of readers with priorities, containers chosen by content, failures as diagnostics."""

from __future__ import annotations

from pathlib import Path

from parser.registry import READERS, choose_reader, open_source, read_source
from tests.conftest import FIXTURES

CONTAINERS = FIXTURES / "containers"


def test_every_reader_once_with_distinct_priorities_and_the_generic_reader_last() -> None:
    names = [reader.name for reader in READERS]
    assert len(set(names)) == len(names) == 7
    assert len({reader.priority for reader in READERS}) == len(READERS)
    assert min(READERS, key=lambda reader: reader.priority).name == "document"


def test_ties_go_to_the_higher_priority() -> None:
    """A page every reader scores zero but the generic one goes to the generic reader; a specific claim beats it."""
    page = open_source(CONTAINERS / "hd_zzb_jiandang97_tongzhi_2018.doc", CONTAINERS)
    scores = {reader.name: reader.sniff(page) for reader in READERS}
    assert scores["document"] > 0 and choose_reader(page).name == "notice"


def test_a_reader_failing_is_an_error_naming_file_and_reader_and_the_build_goes_on() -> None:
    """The manifest forces the statute reader on a web page it cannot read: one error, no crash."""
    result = read_source(CONTAINERS / "shell.html", CONTAINERS, {"kind": "statute"})
    [error] = [d for d in result.diagnostics if d.level == "error"]
    assert (error.code, error.file) == ("reader-failed", "shell.html") and "statute reader failed" in error.message


def test_unknown_text_is_no_reader_not_a_generic_document(tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("shopping list: apples, pears\n", encoding="utf-8")
    result = read_source(tmp_path / "list.txt", tmp_path)
    assert result.kind == "unknown" and [d.code for d in result.diagnostics] == ["unknown-kind"]


def test_unclaimed_chinese_text_is_a_generic_document_with_its_headings(tmp_path: Path) -> None:
    text = ("关于做好防汛工作的意见\n各单位要高度重视防汛工作，确保安全度汛。\n"
            "一、加强组织领导。各单位主要负责人要亲自部署。\n二、落实值班制度\n")
    (tmp_path / "yijian.txt").write_text(text, encoding="utf-8")
    [document] = read_source(tmp_path / "yijian.txt", tmp_path).documents
    assert (document.kind, document.title) == ("document", "关于做好防汛工作的意见")
    assert [(section.label, section.title) for section in document.body if section.level == "heading"] == [
        ("一、", "加强组织领导"), ("二、", "落实值班制度")]
