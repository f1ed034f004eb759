"""No tracked text file keeps the markers of an unresolved merge (git commits them without complaint)."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT = {".py", ".md", ".yml", ".yaml", ".toml", ".txt", ".js", ".css", ".j2", ".html", ""}
MARKER = re.compile(rb"^(<<<<<<< |>>>>>>> |=======$)", re.MULTILINE)


def test_no_tracked_file_holds_merge_markers() -> None:
    names = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout.split(b"\0")
    paths = [ROOT / name.decode() for name in names if name]
    texts = [path for path in paths if path.suffix in TEXT and path.is_file()]
    marked = [path.relative_to(ROOT).as_posix() for path in texts if MARKER.search(path.read_bytes())]
    assert marked == []
