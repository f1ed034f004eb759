"""Keeping a generated folder in step: unchanged bytes are not rewritten, files no longer made are deleted with their empty folders."""

from __future__ import annotations

from pathlib import Path

from writers.site.sync import fingerprint, prune, write_if_changed


def test_same_bytes_are_not_written_again(tmp_path: Path) -> None:
    page = tmp_path / "powers" / "p1" / "index.md"
    assert write_if_changed(page, "职权".encode())
    stamp = page.stat().st_mtime_ns
    assert not write_if_changed(page, "职权".encode())
    assert page.stat().st_mtime_ns == stamp
    assert write_if_changed(page, "职权（已修订）".encode())
    assert page.read_text(encoding="utf-8") == "职权（已修订）"


def test_prune_deletes_files_not_kept_and_the_folders_left_empty(tmp_path: Path) -> None:
    kept, stale = tmp_path / "powers" / "p1.md", tmp_path / "powers" / "gone" / "deep" / "p2.md"
    for path in (kept, stale):
        write_if_changed(path, b"x")
    assert prune(tmp_path, {kept}) == [stale]
    assert kept.is_file()
    assert not (tmp_path / "powers" / "gone").exists()


def test_fingerprint_follows_names_and_bytes(tmp_path: Path) -> None:
    first, second = tmp_path / "a.md", tmp_path / "b.md"
    write_if_changed(first, b"one")
    write_if_changed(second, b"two")
    before = fingerprint(tmp_path, [second, first])
    assert fingerprint(tmp_path, [first, second]) == before
    first.rename(tmp_path / "c.md")
    assert fingerprint(tmp_path, [tmp_path / "c.md", second]) != before
