"""The spare generation: made beside a build from the published generation, it becomes the next one, equal to the
site; a spare killed midway is never trusted; none is made when there is nothing to copy or a generation to recycle;
readers of OUT/public see one whole generation throughout."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from tests.writers.listings import folders_listed
from writers.atomic import PARTIAL_PREFIX, generations_of, publish, spare_of, write_bytes
from writers.spare import settle, spare_generation


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _inodes(folder: Path) -> dict[str, int]:
    return {path.relative_to(folder).as_posix(): path.stat().st_ino for path in sorted(folder.rglob("*")) if path.is_file()}


def _site(tmp_path: Path, powers: int = 40) -> tuple[Path, Path, Path]:
    """A site of `powers` power pages and a pagefind folder, published once, its folders older than the clock slack."""
    site, public, times = tmp_path / "site", tmp_path / "public", tmp_path / "cache" / "linked.json"
    write_bytes(site / "index.html", b"home")
    for number in range(powers):
        write_bytes(site / "powers" / f"p{number}" / "index.html", f"p{number}".encode())
    write_bytes(site / "pagefind" / "fragment" / "a.pf", b"a")
    time.sleep(0.1)
    publish(site, public, times)
    time.sleep(0.1)
    return site, public, times


def _edit(site: Path) -> None:
    """A rebuild's changes: a page replaced, one added, one removed, a bundle file added."""
    write_bytes(site / "powers" / "p1" / "index.html", b"p1 again")
    write_bytes(site / "powers" / "new" / "index.html", b"new")
    (site / "powers" / "p2" / "index.html").unlink()
    (site / "powers" / "p2").rmdir()
    write_bytes(site / "pagefind" / "fragment" / "b.pf", b"b")



def test_a_spare_becomes_the_next_generation_and_equals_the_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # OUT given relative, as `--out build` is: the child runs elsewhere
    site, public, times = (path.relative_to(tmp_path) for path in _site(tmp_path))
    first = public.resolve()
    with spare_generation(public) as spare:
        assert spare is not None, "one generation and nothing to recycle: the next one is prepared beside the build"
        _edit(site)
        read = folders_listed(monkeypatch, tmp_path)
        settle(public)  # as the site's publication does: wait for the child, name its copy complete
        second = publish(site, public, times)
    assert _tree(public) == _tree(site) and _inodes(public) == _inodes(site), "every file, a hard link to the site's"
    assert sorted(generations_of(public).resolve().iterdir()) == sorted([first, second.resolve()]), "the spare became the new one"
    assert "site/powers/p1" in read and "site/powers/new" in read
    assert "site/powers/p3" not in read, "a folder unchanged since the copied generation was linked is not read again"
    assert _tree(first)["powers/p1/index.html"] == b"p1", "the previous generation is untouched"


def test_a_failure_after_the_spare_was_settled_leaves_it_complete(tmp_path: Path) -> None:
    _, public, _ = _site(tmp_path)
    with pytest.raises(RuntimeError), spare_generation(public):
        settle(public)
        raise RuntimeError("mkdocs failed")
    assert _inodes(spare_of(public, "1")) == _inodes(public), "kept for the next publication"


def test_a_killed_spare_is_never_trusted(tmp_path: Path) -> None:
    site, public, times = _site(tmp_path, powers=3000)
    with spare_generation(public) as spare:
        assert spare is not None
        spare.process.kill()
        spare.process.wait()
        spare.partial.mkdir(exist_ok=True)
        write_bytes(spare.partial / "powers" / "p3" / "index.html", b"not the site's")  # in a folder publish would skip
    assert not spare_of(public, "1").exists(), "a child that did not finish leaves no complete spare"
    _edit(site)
    publish(site, public, times)
    assert _tree(public) == _tree(site) and _inodes(public) == _inodes(site)


def test_a_leftover_spare_is_completed_by_the_next_one(tmp_path: Path) -> None:
    site, public, times = _site(tmp_path)
    leftover = generations_of(public) / f"{PARTIAL_PREFIX}99999-spare"
    write_bytes(leftover / "powers" / "p3" / "index.html", b"half made")
    with spare_generation(public) as spare:
        assert spare is not None and not leftover.exists()
    assert _inodes(spare_of(public, "1")) == _inodes(public), "completed into a copy of the generation, then named so"
    _edit(site)
    publish(site, public, times)
    assert _tree(public) == _tree(site) and _inodes(public) == _inodes(site)
    assert len(list(generations_of(public).iterdir())) == 2


def test_no_spare_without_a_generation_to_copy_or_with_one_to_recycle(tmp_path: Path) -> None:
    site, public, times = tmp_path / "site", tmp_path / "public", tmp_path / "linked.json"
    write_bytes(site / "index.html", b"home")
    with spare_generation(public) as spare:
        assert spare is None, "nothing published yet"
    publish(site, public, times)
    with spare_generation(public) as spare:
        assert spare is not None
    with spare_generation(public) as spare:
        assert spare is None, "a complete spare is there already: at most one"
    publish(site, public, times)
    assert len(list(generations_of(public).iterdir())) == 2
    with spare_generation(public) as spare:
        assert spare is None, "the generation before last is recycled instead"


def test_a_failed_build_kills_its_spare(tmp_path: Path) -> None:
    _, public, _ = _site(tmp_path, powers=3000)
    with pytest.raises(RuntimeError), spare_generation(public) as spare:
        assert spare is not None
        raise RuntimeError("the build failed")
    assert spare.process.returncode is not None and not spare_of(public, "1").exists()


def test_readers_see_one_whole_generation_while_the_spare_is_made_and_swapped_in(tmp_path: Path) -> None:
    site, public, times = _site(tmp_path, powers=500)
    before = _tree(public)
    _edit(site)
    after = _tree(site)
    seen: list[bool] = []
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            root = Path(os.path.realpath(public))  # as serve resolves OUT/public, then reads inside the generation
            seen.append(_tree(root) in (before, after))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        with spare_generation(public):
            time.sleep(0.2)
            settle(public)
            publish(site, public, times)
            time.sleep(0.2)
    finally:
        done.set()
        reader.join()
    assert seen and all(seen) and _tree(public) == after
