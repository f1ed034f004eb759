"""`build.py search`: human and JSON output, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import build


def test_search_json_lists_hits(seed_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["search", "電子政務", "--out", str(seed_out), "--kind", "power", "--limit", "2", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert len(hits) == 2 and all(hit["kind"] == "power" and hit["url"].startswith("powers/") for hit in hits)
    assert "<mark" in hits[0]["snippet"]


def test_search_human_output_and_filters(seed_out: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["search", "投诉", "--out", str(seed_out), "--category", "行政检查"]) == 0
    out = capsys.readouterr().out
    assert "hits" in out and "[power]" in out


def test_malformed_query_and_missing_index_are_clear_messages(seed_out: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert build.main(["search", '"行政 处罚', "--out", str(seed_out)]) == 2
    assert "unbalanced quote" in capsys.readouterr().err
    assert build.main(["search", "电子政务", "--out", str(tmp_path)]) == 2
    assert "no search index" in capsys.readouterr().err
