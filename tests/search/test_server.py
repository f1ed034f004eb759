"""The read-only HTTP server: static site files and /api/search JSON, bounded."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from search.index import INDEX_DIR, engine_of
from search.server import API_MAX_LIMIT, api_response, make_server


def test_api_response_bounds_and_errors(seed_out: Path) -> None:
    index = seed_out / INDEX_DIR
    engine = engine_of(index)
    status, body = api_response(engine, index, {"q": ["服务"], "limit": ["1000"]})
    assert status == 200 and len(body["hits"]) == API_MAX_LIMIT < body["total"]
    assert set(body["hits"][0]) >= {"id", "kind", "title", "url", "score", "snippet"}
    assert api_response(engine, index, {"q": ['"行政']})[0] == 400
    assert api_response(engine, index, {"q": ["电" * 1000]})[0] == 400
    assert api_response(engine, index, {"q": ["电子政务"], "kind": ["law"]})[0] == 400
    assert api_response(engine, index, {"q": ["电子政务"], "limit": ["x"]})[0] == 400


@pytest.fixture
def server(seed_out: Path, tmp_path: Path):
    (tmp_path / "index.html").write_text("<h1>权责清单</h1>", encoding="utf-8")
    httpd = make_server(tmp_path, seed_out / INDEX_DIR, "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def test_serves_site_and_api_on_localhost(server: str) -> None:
    assert "权责清单" in urllib.request.urlopen(server + "/").read().decode("utf-8")
    body = json.loads(urllib.request.urlopen(f"{server}/api/search?q={quote('電子政務')}&kind=power&limit=3").read())
    assert len(body["hits"]) == 3 and {hit["kind"] for hit in body["hits"]} == {"power"}
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(f"{server}/api/search?q={quote('电子政务 AND')}")
    assert error.value.code == 400 and "needs a term" in json.loads(error.value.read())["error"]
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(urllib.request.Request(server + "/api/search", data=b"x", method="POST"))
    assert error.value.code == 501
