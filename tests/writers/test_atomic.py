"""Publishing a folder: each generation is the folder as it was, and stays so while it is the previous one."""

from __future__ import annotations

import os
from pathlib import Path

from writers.atomic import PARTIAL_PREFIX, generations_of, publish, write_bytes


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_each_generation_shows_the_folder_as_published_and_the_previous_one_stays(tmp_path: Path) -> None:
    site, public = tmp_path / "site", tmp_path / "public"
    write_bytes(site / "index.html", b"one")
    write_bytes(site / "powers" / "p1" / "index.html", b"p1")
    write_bytes(site / "powers" / "p2" / "index.html", b"p2")
    publish(site, public)
    first = _tree(public)
    write_bytes(site / "index.html", b"two")
    (site / "powers" / "p2" / "index.html").unlink()
    (site / "powers" / "p2").rmdir()
    write_bytes(site / "powers" / "p3" / "index.html", b"p3")
    (site / f"{PARTIAL_PREFIX}9-x.html").write_bytes(b"half")
    second_generation = publish(site, public)
    assert _tree(public) == _tree(site) == {"index.html": b"two", "powers/p1/index.html": b"p1", "powers/p3/index.html": b"p3"}
    previous = [path for path in generations_of(public).iterdir() if path != second_generation]
    assert [_tree(path) for path in previous] == [first], "the generation readers may still be in is untouched"
    write_bytes(site / "powers" / "p1" / "index.html", b"p1 again")
    os.mkdir(site / "powers" / "p2")
    write_bytes(site / "powers" / "p2" / "index.html", b"p2 back")
    third_generation = publish(site, public)  # the first generation, recycled
    assert _tree(public) == _tree(site)
    assert sorted(generations_of(public).iterdir()) == sorted([second_generation, third_generation])
    assert _tree(second_generation) == {"index.html": b"two", "powers/p1/index.html": b"p1", "powers/p3/index.html": b"p3"}
    assert (third_generation / "powers" / "p3" / "index.html").stat().st_ino == (site / "powers" / "p3" / "index.html").stat().st_ino
