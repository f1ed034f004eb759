"""The routing bundle of a sharded site (OUT/site/pagefind-router/): which power shards can hold a page matching a query.

It is a Pagefind bundle of one page per power shard, holding every word of that shard's index once. Pagefind matches a
query term as the prefix of an indexed word and a page only when it holds every term, so a shard none of whose pages
match can still be named, but a shard holding a match always is: the header box searches the router with the main
bundle, then fetches from the shards it names only. A word found in few power pages names few shards, a word found
nowhere none, and a frequent word names them all (the box then takes a few)."""

from __future__ import annotations

import gzip
import hashlib
import html
import json
from pathlib import Path

import cbor2

ROUTER = "pagefind-router"
# A tag with no stemmer and no segmenter: Pagefind splits such a page at whitespace and keeps each word as it is. The
# box searches the router in the page's language (zh), and Pagefind falls back to the router's only index.
LANGUAGE = "x-none"
SIGNATURE = b"pagefind_dcd"  # what every Pagefind file starts with once decompressed


# Each index chunk of a bundle by name: the SHA-256 of its bytes and its words, sorted (as JSON, a list of the two).
ChunkWords = dict[str, list]


def _decoded(path: Path, data: bytes | None = None) -> object:
    data = gzip.decompress(path.read_bytes() if data is None else data)
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file (no {SIGNATURE.decode()} signature)")
    return data[len(SIGNATURE) :] if path.suffix == ".pf_fragment" else cbor2.loads(data[len(SIGNATURE) :])


def chunk_words(bundle: Path, kept: ChunkWords | None = None) -> ChunkWords:
    """The words of each index chunk of a Pagefind bundle (its metadata lists them): a chunk whose bytes `kept` has
    the words of is not decoded again (an edit moves a few of a power shard's 57 chunks; decoding them all took 0.5 s)."""
    meta = _decoded(next(bundle.glob("pagefind.*.pf_meta")))
    assert isinstance(meta, list)
    found: ChunkWords = {}
    for _first, _last, chunk in meta[2]:
        path = bundle / "index" / f"{chunk}.pf_index"
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if kept is not None and chunk in kept and kept[chunk][0] == digest:
            found[chunk] = kept[chunk]
            continue
        decoded = _decoded(path, data)
        assert isinstance(decoded, list)
        found[chunk] = [digest, sorted({entry[0] for entry in decoded[0]})]
    return found


def words_of(chunks: ChunkWords) -> list[str]:
    """Every word of the chunks, sorted."""
    return sorted({word for _digest, words in chunks.values() for word in words})


def bundle_words(bundle: Path) -> list[str]:
    """Every word a Pagefind bundle's index holds, sorted."""
    return words_of(chunk_words(bundle))


def router_page(words: list[str]) -> bytes:
    """The router's page for one shard: its words, one a line."""
    body = html.escape("\n".join(words), quote=False)  # the same as word by word: a newline is not escaped
    return f'<!doctype html><html lang="{LANGUAGE}"><head><meta charset="utf-8"></head><body>\n{body}\n</body></html>\n'.encode()


def page_name(shard: str) -> str:
    return f"{shard}.html"


def routes(router: Path) -> dict[str, str]:
    """The router's page ids (what a search result's `id` is) and the shard each stands for, from its fragments."""
    found = {}
    for path in sorted((router / "fragment").glob("*.pf_fragment")):
        fragment = json.loads(_decoded(path))
        assert isinstance(fragment, dict)
        found[path.stem] = Path(fragment["url"]).name.removesuffix(".html")
    return found
