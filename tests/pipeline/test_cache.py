"""The read cache: unchanged sources are not parsed again, and a cached read equals a fresh one."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from execution.local import LocalPool
from pipeline import read
from pipeline.cache import ReadCache, cache_key, code_version
from pipeline.read import read_sources
from tests.conftest import editable_sources
from writers.atomic import partial_path

POWER_LIST = "000_cc1d1db87604fe72.txt"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A private copy of sources/ that a test may edit."""
    copy = tmp_path / "sources"
    editable_sources(copy)
    return copy


def test_key_depends_on_bytes_name_manifest_entry_and_code() -> None:
    base = cache_key("a.txt", b"data", {})
    assert cache_key("a.txt", b"data", {}) == base
    assert cache_key("a.txt", b"data!", {}) != base
    assert cache_key("b.txt", b"data", {}) != base
    assert cache_key("a.txt", b"data", {"kind": "regulation"}) != base
    assert len(code_version()) == 64


def test_second_read_comes_from_cache_and_equals_the_first(sources: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    first = read_sources(sources, ReadCache(cache_dir))
    second = read_sources(sources, ReadCache(cache_dir))
    assert first.powers, "the seed power list should yield powers"
    assert not any(summary.cached for summary in first.summaries)
    assert all(summary.cached for summary in second.summaries)
    assert all("(cached)" in summary.render() for summary in second.summaries)
    assert second.powers == first.powers
    assert second.documents == first.documents
    assert second.diagnostics == first.diagnostics
    assert second.residue == first.residue
    assert len(list(cache_dir.iterdir())) == len(first.summaries)


def test_only_the_edited_source_is_parsed_again(sources: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    read_sources(sources, ReadCache(cache_dir))
    power_list = sources / POWER_LIST
    power_list.write_bytes(power_list.read_bytes().replace("通知责任".encode(), "告知责任".encode(), 1))
    again = read_sources(sources, ReadCache(cache_dir))
    parsed = [summary.file for summary in again.summaries if not summary.cached]
    assert parsed == [POWER_LIST]
    assert any(duty.label == "告知责任" for power in again.powers for duty in power.duties)
    assert len(list(cache_dir.iterdir())) == len(again.summaries), "the stale entry of the old bytes is pruned"


def test_damaged_cache_entry_is_parsed_again_with_a_notice(sources: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache_dir = tmp_path / "cache"
    fresh = read_sources(sources, ReadCache(cache_dir))
    entries = sorted(cache_dir.iterdir())
    entries[0].write_text("{not a pickle", encoding="utf-8")
    for entry in entries[1:]:
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])  # cut short, as a full disk leaves it
    capsys.readouterr()
    again = read_sources(sources, ReadCache(cache_dir))
    assert not any(summary.cached for summary in again.summaries)
    assert again.powers == fresh.powers
    assert again.diagnostics == fresh.diagnostics
    notices = [line for line in capsys.readouterr().err.splitlines() if line.startswith("read cache:")]
    assert len(notices) == len(entries) and all("is damaged" in line and "parsing the source again" in line for line in notices)
    assert any(POWER_LIST in line for line in notices)
    third = read_sources(sources, ReadCache(cache_dir))
    assert all(summary.cached for summary in third.summaries), "the damaged entries were written again"


def test_entry_holding_another_object_is_not_taken_for_a_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cache = ReadCache(tmp_path)
    cache.put_stored("k", pickle.dumps({"kind": "powerlist"}))
    assert cache.get("k", "x.txt") is None
    assert "x.txt is damaged (TypeError" in capsys.readouterr().err


def test_process_pool_reads_the_same_records_in_the_same_order(sources: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    serial = read_sources(sources)
    monkeypatch.setattr(read, "POOL_MIN_BYTES", 0)
    monkeypatch.setattr(read, "POOL_MIN_FILES", 2)
    jobs = read.source_jobs(sources)
    with LocalPool(2) as pool:
        assert read._parallel(jobs, pool) and len(jobs) >= 2
        pooled = read_sources(sources, executor=pool)
    assert pooled.powers == serial.powers
    assert pooled.documents == serial.documents
    assert [summary.render() for summary in pooled.summaries] == [summary.render() for summary in serial.summaries]


def test_a_write_cut_short_leaves_nothing_the_prune_keeps(sources: Path, tmp_path: Path) -> None:
    """A build killed while storing an entry leaves its partial file; the next read's prune deletes it."""
    cache_dir = tmp_path / "cache"
    read_sources(sources, ReadCache(cache_dir))
    entries = sorted(cache_dir.iterdir())
    partial = partial_path(entries[0])
    partial.write_bytes(entries[0].read_bytes()[:10])
    again = read_sources(sources, ReadCache(cache_dir))
    assert all(summary.cached for summary in again.summaries)
    assert sorted(cache_dir.iterdir()) == entries
