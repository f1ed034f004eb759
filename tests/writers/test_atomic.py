"""Publishing a folder: each generation is the folder as it was, and stays so while it is the previous one."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.writers.listings import folders_listed
from writers.atomic import PARTIAL_PREFIX, copy_folder, generations_of, journal, journaled, publish, write_bytes


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_each_generation_shows_the_folder_as_published_and_the_previous_one_stays(tmp_path: Path) -> None:
    site, public, times = tmp_path / "site", tmp_path / "public", tmp_path / "linked.json"
    write_bytes(site / "index.html", b"one")
    write_bytes(site / "powers" / "p1" / "index.html", b"p1")
    write_bytes(site / "powers" / "p2" / "index.html", b"p2")
    publish(site, public, times)
    first = _tree(public)
    write_bytes(site / "index.html", b"two")
    (site / "powers" / "p2" / "index.html").unlink()
    (site / "powers" / "p2").rmdir()
    write_bytes(site / "powers" / "p3" / "index.html", b"p3")
    (site / f"{PARTIAL_PREFIX}9-x.html").write_bytes(b"half")
    second_generation = publish(site, public, times)
    assert _tree(public) == _tree(site) == {"index.html": b"two", "powers/p1/index.html": b"p1", "powers/p3/index.html": b"p3"}
    previous = [path for path in generations_of(public).iterdir() if path != second_generation]
    assert [_tree(path) for path in previous] == [first], "the generation readers may still be in is untouched"
    write_bytes(site / "powers" / "p1" / "index.html", b"p1 again")
    os.mkdir(site / "powers" / "p2")
    write_bytes(site / "powers" / "p2" / "index.html", b"p2 back")
    third_generation = publish(site, public, times)  # the first generation, recycled
    assert _tree(public) == _tree(site)
    assert sorted(generations_of(public).iterdir()) == sorted([second_generation, third_generation])
    assert _tree(second_generation) == {"index.html": b"two", "powers/p1/index.html": b"p1", "powers/p3/index.html": b"p3"}
    assert (third_generation / "powers" / "p3" / "index.html").stat().st_ino == (site / "powers" / "p3" / "index.html").stat().st_ino


def test_a_recycled_generation_reads_only_the_folders_changed_since_it_was_linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, public, times = tmp_path / "site", tmp_path / "public", tmp_path / "cache" / "linked.json"
    for name in ("p1", "p2", "p3"):
        write_bytes(site / "powers" / name / "index.html", name.encode())
    write_bytes(site / "pagefind" / "fragment" / "a.pf", b"a")
    time.sleep(0.1)  # past the clock slack: the folders are older than the first generation
    publish(site, public, times)
    publish(site, public, times)  # both generations now hold the site
    time.sleep(0.1)
    write_bytes(site / "powers" / "p2" / "index.html", b"p2 again")  # replaced: p2's folder time moves
    write_bytes(site / "pagefind" / "fragment" / "b.pf", b"b")  # a folder with subfolders is always read
    (site / "powers" / "p3" / "index.html").unlink()
    (site / "powers" / "p3").rmdir()
    read = folders_listed(monkeypatch, tmp_path)
    third = publish(site, public, times)  # the first generation, recycled
    powers = {"powers/p1/index.html": b"p1", "powers/p2/index.html": b"p2 again"}
    assert _tree(third) == _tree(site) == {**powers, "pagefind/fragment/a.pf": b"a", "pagefind/fragment/b.pf": b"b"}
    assert "site/powers/p2" in read and "site/pagefind/fragment" in read
    assert "site/powers/p1" not in read, "an untouched folder of files is not read again"
    times.unlink()  # times unknown: every folder is compared
    read.clear()
    write_bytes(site / "powers" / "p1" / "index.html", b"p1 again")
    fourth = publish(site, public, times)
    assert _tree(fourth) == _tree(site) and "site/powers/p1" in read


def test_a_folder_copied_into_place_appears_whole_and_every_file_of_it_is_journaled(tmp_path: Path) -> None:
    made = tmp_path / "scratch" / "bundle"
    names = ("a.js", "index/x.pf_index", "fragment/y.pf_fragment")
    for name in names:
        (made / name).parent.mkdir(parents=True, exist_ok=True)
        (made / name).write_bytes(name.encode())
    bundle = tmp_path / "site" / "bundle"
    bundle.parent.mkdir()
    with journal(tmp_path / "cache" / "written.log") as log:
        copy_folder(made, bundle)
    assert {path.relative_to(bundle).as_posix(): path.read_bytes() for path in bundle.rglob("*") if path.is_file()} == {
        name: name.encode() for name in names
    }
    assert journaled(log) == {str(bundle / name) for name in names} and os.listdir(bundle.parent) == ["bundle"]
    (made / "b.js").write_bytes(b"b")
    with pytest.raises(OSError):  # never over a folder that holds files, and nothing left beside it
        copy_folder(made, bundle)
    assert os.listdir(bundle.parent) == ["bundle"] and not (bundle / "b.js").exists()


def test_a_generation_linked_from_nothing_lists_only_the_published_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, public = tmp_path / "site", tmp_path / "public"
    for name in ("p1", "p2"):
        write_bytes(site / "powers" / name / "index.html", name.encode())
    (site / "powers" / f"{PARTIAL_PREFIX}9-x.html").write_bytes(b"half")
    read = folders_listed(monkeypatch, tmp_path)
    first = publish(site, public)
    assert _tree(first) == _tree(site) == {"powers/p1/index.html": b"p1", "powers/p2/index.html": b"p2"}
    assert all(path.startswith("site") for path in read), "a new generation has nothing to compare"
