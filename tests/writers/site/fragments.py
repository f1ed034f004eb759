"""Read what Pagefind stored for each page of a built bundle."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"  # before the JSON of every decompressed fragment


def fragments(bundle: Path) -> dict[str, dict[str, Any]]:
    """Every page of the bundle (url, content, meta, anchors), by URL."""
    stored = [gzip.decompress(path.read_bytes()).removeprefix(SIGNATURE) for path in (bundle / "fragment").glob("*.pf_fragment")]
    return {fragment["url"]: fragment for fragment in map(json.loads, stored)}
