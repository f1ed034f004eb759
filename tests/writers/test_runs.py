"""A file of new bytes and ranges of earlier files: the same bytes whether written here or by a writer thread, the
earlier files readable by the thread after their owner closed them, an unchanged file left alone."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from writers import runs
from writers.background import BackgroundWriter
from writers.runs import RunSink


def _pieces(earlier: bytes, count: int) -> list[bytes | tuple[int, int]]:
    """New bytes and ranges (offset, length) of `earlier`, some adjoining (one run), some not."""
    chosen = random.Random(7)
    pieces: list[bytes | tuple[int, int]] = []
    offset = 0
    for _ in range(count):
        if chosen.random() < 0.3:
            pieces.append(bytes(chosen.randrange(256) for _ in range(chosen.randrange(1, 90))))
            continue
        if chosen.random() < 0.3:
            offset = chosen.randrange(len(earlier) - 1)
        length = min(chosen.randrange(1, 200), len(earlier) - offset)
        if length <= 0:
            offset, length = 0, 1
        pieces.append((offset, length))
        offset += length
    return pieces


@pytest.mark.parametrize("threaded", [False, True], ids=["here", "writer thread"])
def test_the_file_is_the_pieces_in_order_however_it_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threaded: bool) -> None:
    monkeypatch.setattr(runs, "BUFFER_BYTES", 100)  # new bytes flushed between and inside runs
    earlier = bytes(random.Random(1).randrange(256) for _ in range(5000))
    (tmp_path / "earlier").write_bytes(earlier)
    pieces = _pieces(earlier, 400)
    expected = b"".join(piece if isinstance(piece, bytes) else earlier[piece[0] : piece[0] + piece[1]] for piece in pieces)
    replaced: list[Path] = []
    with BackgroundWriter(threaded) as writer:
        fd = os.open(tmp_path / "earlier", os.O_RDONLY)
        with RunSink(tmp_path / "now", writer, replaced.append) as sink:
            for piece in pieces:
                sink.write(piece) if isinstance(piece, bytes) else sink.copy(fd, *piece)
        os.close(fd)  # its owner is done with it: the thread copies from its own descriptor
        assert sink.size == len(expected)
        writer.wait()
    assert (tmp_path / "now").read_bytes() == expected
    assert replaced == [tmp_path / "now"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["earlier", "now"]  # no partial file left


def test_an_unchanged_file_keeps_its_time_and_is_not_reported_replaced(tmp_path: Path) -> None:
    path = tmp_path / "powers.csv"
    path.write_bytes(b"a,b\r\n")
    stamp, replaced = path.stat().st_mtime_ns, []
    with BackgroundWriter() as writer:
        with RunSink(path, writer, replaced.append) as sink:
            sink.write(b"a,b\r\n")
        writer.wait()
    assert path.stat().st_mtime_ns == stamp and replaced == []


def test_a_range_past_the_end_of_the_earlier_file_fails_where_the_build_waits(tmp_path: Path) -> None:
    (tmp_path / "earlier").write_bytes(b"0123456789")
    (tmp_path / "now").write_bytes(b"old")
    with BackgroundWriter() as writer:
        fd = os.open(tmp_path / "earlier", os.O_RDONLY)
        with RunSink(tmp_path / "now", writer) as sink:
            sink.copy(fd, 4, 50)
        os.close(fd)
        with pytest.raises(OSError, match="ends before the kept range at 10"):
            writer.wait()
    assert (tmp_path / "now").read_bytes() == b"old"  # the old file stays
