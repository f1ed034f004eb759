"""Pagefind over a built site: only pages marked data-pagefind-body are indexed, Chinese is segmented, output is deterministic."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.outputs import snapshot
from writers.site import pagefind
from writers.site.pagefind import BUNDLE, index_site, shard_names, shard_of
from writers.site.pagefind_router import ROUTER, bundle_words, chunk_words, routes, words_of
from writers.site.search_box import FILE

PAGE = '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{title}</title></head><body>{body}</body></html>'


def _site(root: Path) -> Path:
    pages = {
        "powers/a/index.html": "<main data-pagefind-body><h1>电子政务项目审核</h1><p>负责全市电子政务建设。</p></main>",
        "powers/b/index.html": "<main data-pagefind-body><h1>行政许可</h1><p>受理申请。</p></main>",
        "fulltext/index.html": "<main><h1>全文检索</h1></main>",
    }
    for path, body in pages.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(PAGE.format(title=path, body=body), encoding="utf-8")
    return root


def _digest(bundle: Path) -> str:
    files = sorted(path for path in bundle.rglob("*") if path.is_file())
    return hashlib.sha1(b"".join(path.read_bytes() for path in files)).hexdigest()


def test_indexes_marked_pages_only_and_deterministically(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    run = index_site(site, 2)
    assert run.returncode == 0 and run.problems == []
    entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["zh"]["page_count"] == 2
    assert run.files == sum(1 for path in (site / BUNDLE).rglob("*") if path.is_file()) and run.bytes > 0
    first = _digest(site / BUNDLE)
    index_site(site, 2)
    assert _digest(site / BUNDLE) == first


def _marked_page(root: Path, path: str, heading: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    body = f"<main data-pagefind-body><h1>{heading}</h1><p>电子政务。</p></main>"
    target.write_text(PAGE.format(title=heading, body=body), encoding="utf-8")


def _page_count(bundle: Path) -> int:
    return json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))["languages"]["zh"]["page_count"]


def _routed_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Five power pages in shards of two (so the router is built) and one department page."""
    monkeypatch.setattr(pagefind, "SHARD_PAGES", 2)
    monkeypatch.setattr(pagefind, "ROUTE_ABOVE", 2)
    site = _site(tmp_path / "site")
    for name in "cdefg":
        _marked_page(site, f"powers/{name}/index.html", f"职权{name}")
    _marked_page(site, "departments/x/index.html", "部门")
    return site


def test_a_large_site_is_sharded_and_reindexes_only_the_shard_of_a_changed_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _routed_site(tmp_path, monkeypatch)
    shards = shard_names(7)
    assert shards == [BUNDLE, f"{BUNDLE}-powers-0", f"{BUNDLE}-powers-1", f"{BUNDLE}-powers-2", f"{BUNDLE}-powers-3"]
    first = index_site(site, 7)
    assert first.returncode == 0 and first.indexed == sorted([*shards, ROUTER])
    powers = [path.relative_to(site).as_posix() for path in sorted((site / "powers").rglob("index.html"))]
    assert _page_count(site / BUNDLE) == 1  # every page but the power pages: the department page (the search page is unmarked)
    for shard in shards[1:]:
        expected = sum(1 for page in powers if shard_of(page, shards) == shard)
        assert (_page_count(site / shard) if expected else 0) == expected
    assert sum(_page_count(site / shard) for shard in shards[1:] if (site / shard / "pagefind-entry.json").is_file()) == len(powers)
    before = snapshot(site)
    _marked_page(site, "powers/e/index.html", "改过的职权")  # a new word: the router is rebuilt too
    again = index_site(site, 7)
    changed_shard = shard_of("powers/e/index.html", shards)
    assert again.indexed == sorted([changed_shard, ROUTER])
    after = snapshot(site)
    touched = {name.split("/")[0] for name in after if before.get(name) != after[name] and not name.startswith("powers/")}
    assert touched == {changed_shard, ROUTER, FILE}
    before = after
    made = [shard for shard in shards[1:] if (site / shard).is_dir()]
    assert set(bundle_words(site / ROUTER)) == set().union(*(bundle_words(site / shard) for shard in made))  # the new word too
    page = site / "powers/e/index.html"
    page.write_bytes(page.read_bytes().replace(b"<p>", b'<p class="x">'))  # the same words: the router stays
    assert index_site(site, 7).indexed == [changed_shard]
    after = snapshot(site)
    assert not [name for name in after if before.get(name) != after[name] and not name.startswith("powers/")]


def test_the_router_is_rebuilt_only_when_a_power_shard_is_or_it_is_gone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _routed_site(tmp_path, monkeypatch)
    assert index_site(site, 7).returncode == 0
    words = set(bundle_words(site / ROUTER))
    assert index_site(site, 7).indexed == []  # no change
    _marked_page(site, "departments/x/index.html", "改过的部门")  # the main bundle only: no power shard's words moved
    assert index_site(site, 7).indexed == [BUNDLE]
    _marked_page(site, "powers/e/index.html", "改过的职权")  # a new word: new router pages, new ids in the setup
    assert index_site(site, 7).indexed == sorted([shard_of("powers/e/index.html", shard_names(7)), ROUTER])
    assert json.loads((site / FILE).read_text(encoding="utf-8"))["routes"] == routes(site / ROUTER)
    words = set(bundle_words(site / ROUTER))
    shutil.rmtree(site / ROUTER)
    shutil.rmtree(site.parent / pagefind.WORDS)  # and the kept words: read back from the shards
    assert index_site(site, 7).indexed == [ROUTER]
    assert set(bundle_words(site / ROUTER)) == words and (site.parent / pagefind.WORDS).is_dir()
    (site / FILE).unlink()  # the routes it held are read from the router again
    assert index_site(site, 7).indexed == []
    assert json.loads((site / FILE).read_text(encoding="utf-8"))["routes"] == routes(site / ROUTER) != {}


def test_the_router_names_every_power_shard_and_holds_each_shard_s_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pagefind, "SHARD_PAGES", 2)
    monkeypatch.setattr(pagefind, "ROUTE_ABOVE", 2)
    site = _site(tmp_path / "site")
    for name, heading in zip("cdefg", ["食品经营许可", "預付卡發行備案", "电子证照", "Wi-Fi 热点 ISO9001", "第八十一条"], strict=True):
        _marked_page(site, f"powers/{name}/index.html", heading)
    shards = shard_names(7)
    assert index_site(site, 7).returncode == 0
    made = [shard for shard in shards[1:] if (site / shard).is_dir()]
    assert sorted(routes(site / ROUTER).values()) == sorted(made)
    router_words = set(bundle_words(site / ROUTER))
    for shard in made:
        words = set(bundle_words(site / shard))
        assert words and words <= router_words, (shard, words - router_words)
    assert {"食品", "電子", "预付", "wi", "iso9001"} & router_words  # segmented and lowercased as in the shards
    setup = json.loads((site / FILE).read_text(encoding="utf-8"))
    assert setup["bundles"] == shards and setup["router"] == ROUTER and setup["routes"] == routes(site / ROUTER)


def test_a_site_of_few_shards_has_no_router(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path / "site")
    assert index_site(site, 2).returncode == 0
    assert not (site / ROUTER).exists() and "routes" not in json.loads((site / FILE).read_text(encoding="utf-8"))
    monkeypatch.setattr(pagefind, "SHARD_PAGES", 1)  # two power shards: the box merges both
    assert index_site(site, 2).returncode == 0 and len(shard_names(2)) == 3
    assert not (site / ROUTER).exists() and "routes" not in json.loads((site / FILE).read_text(encoding="utf-8"))


def test_a_site_with_nothing_to_index_gets_no_bundle_and_no_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "fulltext").mkdir(parents=True)
    (site / "fulltext" / "index.html").write_text(PAGE.format(title="全文检索", body="<main><h1>全文检索</h1></main>"), encoding="utf-8")
    run = index_site(site, 0)
    assert run.returncode == 0 and run.problems == [] and run.files == 0
    assert not (site / BUNDLE).exists()


def test_pages_written_since_the_last_run_re_index_as_a_walk_would(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _routed_site(tmp_path, monkeypatch)
    assert index_site(site, 7).returncode == 0  # walked: the first run names no shard's pages
    shards = shard_names(7)
    _marked_page(site, "powers/e/index.html", "改过的职权")
    assert index_site(site, 7, written={"powers/e/index.html"}).indexed == sorted([shard_of("powers/e/index.html", shards), ROUTER])
    assert index_site(site, 7, written=set()).indexed == []
    shutil.rmtree(site / "powers" / "c")  # a page removed (not journaled): its shard's names moved
    _marked_page(site, "powers/h/index.html", "新职权")  # and one added
    gone, added = shard_of("powers/c/index.html", shards), shard_of("powers/h/index.html", shards)
    assert set(index_site(site, 8, written={"powers/h/index.html"}).indexed) == {gone, added, ROUTER}
    _assert_as_walked(site, tmp_path / "walked", 8)


def _assert_as_walked(site: Path, walked: Path, power_pages: int) -> None:
    """The bundles and the box's setup are those a walk of a copy of the site, indexed afresh, makes."""
    shutil.copytree(site, walked / "site")
    names = [*shard_names(power_pages), ROUTER]
    for name in names:
        shutil.rmtree(walked / "site" / name, ignore_errors=True)
    assert index_site(walked / "site", power_pages).returncode == 0
    for name in names:
        assert (site / name).is_dir() == (walked / "site" / name).is_dir()
        if (site / name).is_dir():
            assert _digest(site / name) == _digest(walked / "site" / name), name
    assert (site / FILE).read_bytes() == (walked / "site" / FILE).read_bytes()


def test_one_bundle_indexed_from_the_pages_written_holds_them_in_the_walk_s_order(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    _marked_page(site, "quality/x/index.html", "质量")  # sorts after powers/: the stage must list it there too
    assert index_site(site, 2).returncode == 0
    _marked_page(site, "powers/a/index.html", "改过的职权")
    assert index_site(site, 2, written={"powers/a/index.html"}).indexed == [BUNDLE]
    _assert_as_walked(site, tmp_path / "walked", 2)


def test_a_chunk_s_words_are_decoded_again_only_when_its_bytes_are_not_those_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _routed_site(tmp_path, monkeypatch)
    assert index_site(site, 7).returncode == 0
    shard = next(shard for shard in shard_names(7)[1:] if (site / shard).is_dir())
    chunks = chunk_words(site / shard)
    assert words_of(chunks) == bundle_words(site / shard) and all(len(digest) == 64 for digest, _ in chunks.values())
    forged = {chunk: [digest, ["假"]] for chunk, (digest, _) in chunks.items()}
    assert words_of(chunk_words(site / shard, forged)) == ["假"]  # the same bytes: taken as kept, not decoded
    stale = {chunk: ["0" * 64, ["假"]] for chunk in chunks}
    assert chunk_words(site / shard, stale) == chunks
