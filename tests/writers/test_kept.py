"""A value kept between builds: given back to the version that kept it, nothing for any other, a damaged or absent file."""

from __future__ import annotations

from pathlib import Path

from writers import kept


def test_the_version_that_kept_a_value_gets_it_back(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "value.pickle"
    kept.save(path, ("code 1", (7, 8, 9)), {b"key": "digest"})
    assert kept.load(path, ("code 1", (7, 8, 9)), dict) == {b"key": "digest"}
    assert [p.name for p in path.parent.iterdir()] == ["value.pickle"], "no partial file left beside it"


def test_another_version_or_kind_gets_nothing(tmp_path: Path) -> None:
    path = tmp_path / "value.pickle"
    kept.save(path, ("code 1", (7, 8, 9)), {b"key": "digest"})
    assert kept.load(path, ("code 2", (7, 8, 9)), dict) is None
    assert kept.load(path, ("code 1", (7, 8, 10)), dict) is None, "the version includes the file the value describes"
    assert kept.load(path, ("code 1", (7, 8, 9)), list) is None


def test_an_absent_or_damaged_file_gives_nothing(tmp_path: Path) -> None:
    path = tmp_path / "value.pickle"
    assert kept.load(path, "code", dict) is None
    assert kept.load(None, "code", dict) is None
    path.write_bytes(b"\x80\x05damaged")
    assert kept.load(path, "code", dict) is None
    path.write_bytes(b"")
    assert kept.load(path, "code", dict) is None
