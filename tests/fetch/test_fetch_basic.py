"""Fetching real responses from a loopback server: statuses, encodings, conditional GET."""
from __future__ import annotations

import asyncio
import gzip
import zlib

import pytest

from tidings.fetch import Fetcher, is_feed_like, is_html
from tidings.models import FetchError

CAFE = "Un café très fort à Zürich — naïve façade. "


def fetch(settings, url, **kwargs):
    async def main():
        async with Fetcher(settings) as fetcher:
            return await fetcher.get(url, **kwargs)
    return asyncio.run(main())


def test_plain_200_returns_page_with_text_and_headers(server, loopback):
    server.route("/a", "héllo".encode(), headers={"Content-Type": "text/html; charset=utf-8",
                                                 "ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"})
    page = fetch(loopback, server.url("/a"))
    assert (page.status, page.text, page.encoding) == (200, "héllo", "utf-8")
    assert page.content_type == "text/html"
    assert page.etag == '"v1"' and page.last_modified.startswith("Mon, 01 Jan 2024")
    assert page.url == page.final_url == server.url("/a")
    assert page.headers["etag"] == '"v1"' and not page.not_modified and page.elapsed > 0


def test_request_headers_identify_us_and_ask_for_gzip_only(server, loopback):
    server.route("/a", b"x")
    fetch(loopback, server.url("/a"), accept="application/rss+xml")
    seen = server.hits("/a")[0].headers
    assert seen["User-Agent"].startswith("tidings/0.1 (+https://")
    assert seen["Accept-Encoding"] == "gzip, deflate"
    assert seen["Accept"] == "application/rss+xml"
    assert "If-None-Match" not in seen


LATIN = "Un café très fort à Zürich, naïve façade, 5 €. "
JAPANESE = "日本のニュース、東京で会議。"


@pytest.mark.parametrize("content_type, prefix, text, codec, expected", [
    ("text/html; charset=windows-1251", b"", "Новости дня", "cp1251", "cp1251"),
    ("text/html", b'<html><head><meta charset="iso-8859-15"></head>', LATIN, "iso-8859-15",
     "iso8859-15"),
    ("text/html", b'<meta http-equiv="Content-Type" content="text/html; charset=shift_jis">',
     JAPANESE, "shift_jis", "shift_jis"),
    ("application/rss+xml", b'<?xml version="1.0" encoding="windows-1252"?>', LATIN, "cp1252",
     "cp1252"),
    ("text/html", b"\xef\xbb\xbf", LATIN, "utf-8", "utf-8"),
    ("text/plain; charset=iso-8859-1", b"\xff\xfe", LATIN, "utf-16-le", "utf-16-le"),
])
def test_charset_sources(server, loopback, content_type, prefix, text, codec, expected):
    server.route("/c", prefix + text.encode(codec), headers={"Content-Type": content_type})
    page = fetch(loopback, server.url("/c"))
    assert page.encoding == expected
    assert page.text.endswith(text)


def test_wrong_declared_charset_falls_back_to_detection(server, loopback):
    text = "Президент заявил сегодня, что новые правила вступят в силу в следующем месяце."
    server.route("/w", text.encode("cp1251"), headers={"Content-Type": "text/html; charset=utf-8"})
    page = fetch(loopback, server.url("/w"))
    assert page.text == text and page.encoding == "cp1251"


def test_latin1_label_but_utf8_bytes_is_read_as_utf8(server, loopback):
    server.route("/u", CAFE.encode(), headers={"Content-Type": "text/html; charset=ISO-8859-1"})
    assert fetch(loopback, server.url("/u")).text == CAFE


def test_conditional_get_sends_validators_and_returns_not_modified(server, loopback):
    def respond(h):
        if h.headers.get("If-None-Match") == '"v2"':
            h.send_response(304)
            h.send_header("ETag", '"v2"')
            h.end_headers()
        else:
            h.send_response(200)
            h.send_header("Content-Length", "1")
            h.end_headers()
            h.wfile.write(b"x")
    server.routes["/feed"] = respond
    page = fetch(loopback, server.url("/feed"), etag='"v2"',
                 last_modified="Tue, 02 Jan 2024 00:00:00 GMT")
    assert page.not_modified and page.status == 304 and page.body == b""
    assert page.etag == '"v2"' and page.last_modified == "Tue, 02 Jan 2024 00:00:00 GMT"
    seen = server.hits("/feed")[0].headers
    assert seen["If-Modified-Since"] == "Tue, 02 Jan 2024 00:00:00 GMT"


def raw_deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(wbits=-15)
    return packer.compress(data) + packer.flush()


@pytest.mark.parametrize("encoding, compress", [
    ("gzip", gzip.compress), ("x-gzip", gzip.compress),
    ("deflate", zlib.compress), ("deflate", raw_deflate),
])
def test_compressed_bodies_are_inflated(server, loopback, encoding, compress):
    payload = ("<rss><channel>" + "<item>x</item>" * 500 + "</channel></rss>").encode()
    server.route("/z", compress(payload), headers={"Content-Encoding": encoding,
                                                   "Content-Type": "application/rss+xml"})
    page = fetch(loopback, server.url("/z"))
    assert page.body == payload and is_feed_like(page) and not is_html(page)


def test_http_error_carries_status(server, loopback):
    server.route("/gone", b"no", status=410)
    with pytest.raises(FetchError) as err:
        fetch(loopback, server.url("/gone"))
    assert err.value.kind == "http" and err.value.status == 410 and "410" in str(err.value)


@pytest.mark.parametrize("value, expected", [("120", 120.0), (None, None)])
def test_429_retry_after_seconds(server, loopback, value, expected):
    server.route("/busy", b"", status=429, headers={"Retry-After": value} if value else {})
    with pytest.raises(FetchError) as err:
        fetch(loopback, server.url("/busy"))
    assert err.value.status == 429 and err.value.retry_after == expected


def test_503_retry_after_http_date(server, loopback):
    from email.utils import formatdate
    import time
    server.route("/down", b"", status=503,
                 headers={"Retry-After": formatdate(time.time() + 3600, usegmt=True)})
    with pytest.raises(FetchError) as err:
        fetch(loopback, server.url("/down"))
    assert err.value.status == 503 and 3590 <= err.value.retry_after <= 3600


def test_relative_redirect_is_followed(server, loopback):
    server.route("/old", status=301, headers={"Location": "/new"})
    server.route("/new", b"moved here")
    page = fetch(loopback, server.url("/old"))
    assert page.text == "moved here" and page.final_url == server.url("/new")
    assert page.url == server.url("/old")
