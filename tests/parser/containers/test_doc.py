"""Word 97–2003 .doc through LibreOffice headless: the 邯郸 通知, no field codes, and a clear error without a converter."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from parser.source import ReadResult
from tests.conftest import ROOT
from tests.parser.containers.conftest import CONTAINERS, read

NOTICE = "hd_zzb_jiandang97_tongzhi_2018.doc"
FIELD_CODES = ("HYPERLINK", "mailto", "PAGE", "MERGEFORMAT", "SHAPE")


@pytest.fixture(scope="module")
def notice() -> ReadResult:
    return read(NOTICE)


def test_notice_title_number_and_date(notice: ReadResult) -> None:
    [document] = notice.documents
    assert (document.kind, document.title) == ("notice", "中共邯郸市委组织部关于开展纪念建党97周年系列活动的通知")
    assert (document.doc_number, document.date) == ("邯组通字〔2018〕39号", "2018-06-16")
    assert document.title != "述职报告"  # the file's own metadata title is a template leftover


def test_seven_run_in_headings_end_at_the_first_full_stop(notice: ReadResult) -> None:
    headings = [section for section in notice.documents[0].body if section.level == "heading"]
    assert [heading.label for heading in headings] == [f"{n}、" for n in "一二三四五六七"]
    assert headings[0].title == "召开纪念中国共产党成立97周年座谈会"
    assert headings[0].children[0].text.startswith("“七一”前夕")
    assert headings[4].title == "开展访贫活动"


def test_no_field_code_in_any_text(notice: ReadResult) -> None:
    texts = notice.documents[0].model_dump_json() + json.dumps([item.text for item in notice.residue], ensure_ascii=False)
    for code in FIELD_CODES:
        assert code not in texts, code
    assert {item.text for item in notice.residue if item.reason == "page header or footer"} == {"—  5  —"}  # PAGE shows its result


def test_without_a_converter_the_file_gets_an_error_naming_what_to_install(tmp_path: Path) -> None:
    """A real run with no LibreOffice on PATH: the build goes on, the file gets one clear error."""
    script = ("import json, sys; from pathlib import Path; from parser.registry import read_source;"
              f"r = read_source(Path({str(CONTAINERS / NOTICE)!r}), Path({str(CONTAINERS)!r}));"
              "print(json.dumps([(d.code, d.message) for d in r.diagnostics] + [len(r.documents)]))")
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    env = {**os.environ, "PATH": str(empty_path), "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    *diagnostics, documents = json.loads(run.stdout)
    assert documents == 0
    [(code, message)] = diagnostics
    assert code == "converter-missing" and "libreoffice-writer-nogui" in message
