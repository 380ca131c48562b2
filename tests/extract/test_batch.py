"""extract_dir and extract_inputs: folders, files and URLs served on 127.0.0.1."""
from __future__ import annotations

import asyncio
import gzip
import json
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.extract.extract_helpers import PARAS, TITLE, article_page

from tidings.extract import extract_dir, extract_inputs, extract_inputs_async


def test_extract_dir_reads_html_and_html_gz(tmp_path):
    (tmp_path / "one.html").write_text(article_page(), encoding="utf-8")
    (tmp_path / "two.html.gz").write_bytes(gzip.compress(article_page(paras=PARAS[:2]).encode()))
    (tmp_path / "notes.txt").write_text("ignored")
    out = tmp_path / "out" / "pred.json"
    out.parent.mkdir()
    assert extract_dir(tmp_path, out) == 2
    texts = json.loads(out.read_text(encoding="utf-8"))
    assert set(texts) == {"one", "two"}
    assert texts["one"].split("\n\n") == PARAS
    assert texts["two"].split("\n\n") == PARAS[:2]


@pytest.fixture
def server():
    page = article_page(head='<meta property="article:published_time" content="2024-03-12">').encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - http.server API
            if self.path.startswith("/missing"):
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
        return response.read()


def test_extract_inputs_files_and_urls_one_record_each(server, tmp_path):
    path = tmp_path / "a.html"
    path.write_text(article_page(), encoding="utf-8")
    items = [str(path), f"{server}/news/water?utm_source=feed", f"{server}/missing", "/no/such/file.html"]
    records = list(extract_inputs(items, get=fetch))
    assert [r["url"] for r in records] == items
    assert set(records[0]) >= {"url", "canonical_url", "title", "text", "published", "lang", "author"}
    assert records[0]["title"] == TITLE and records[0]["text"].startswith(PARAS[0])
    assert records[1]["canonical_url"] == f"{server}/news/water"
    assert records[1]["published"].startswith("2024-03-12")
    assert records[1]["lang"] == "en"
    assert "error" in records[2] and "error" in records[3] and records[3]["text"] == ""
    json.dumps(records)


def test_extract_inputs_async_takes_an_async_getter(server):
    async def get(url: str) -> bytes:
        return await asyncio.to_thread(fetch, url)

    async def collect():
        return [r async for r in extract_inputs_async([f"{server}/a"], get)]

    (record,) = asyncio.run(collect())
    assert record["text"].split("\n\n") == PARAS


def test_url_without_a_fetcher_is_an_error_record():
    (record,) = list(extract_inputs(["https://example.com/x"]))
    assert "error" in record
