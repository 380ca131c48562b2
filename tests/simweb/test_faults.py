"""Every fault behaves as specified. Redirects are never followed off loopback."""
from __future__ import annotations

import gzip
import socket
import time
import zlib
from urllib.parse import urlsplit

import feedparser
import httpx
import pytest

from tidings.simweb import SimWeb
from tidings.simweb.faults import BOMB_BYTES, HUGE_BYTES, build_gzip_bomb, gzip_bomb


def test_fault_urls_need_a_started_web():
    with pytest.raises(RuntimeError):
        SimWeb(seed=1).fault_urls()


def test_fault_host_is_separate(sim, faults):
    hosts = {urlsplit(u).hostname for u in sim.site_urls()}
    fault_hosts = {urlsplit(u).hostname for k, u in faults.items()}
    assert len(fault_hosts) == 1 and not fault_hosts & hosts


@pytest.mark.parametrize("name,status", [("http_500", 500), ("http_503", 503), ("http_404", 404),
                                         ("http_410", 410)])
def test_error_statuses(client, faults, name, status):
    assert client.get(faults[name]).status_code == status


def test_429_has_retry_after(client, faults):
    r = client.get(faults["http_429"])
    assert r.status_code == 429 and r.headers["retry-after"] == "120"


@pytest.mark.parametrize("name", ["slow_body", "stall"])
def test_slow_bodies_trip_a_read_timeout(faults, name):
    timeout = httpx.Timeout(connect=2, read=0.2, write=2, pool=2)
    started = time.monotonic()
    with httpx.Client(timeout=timeout) as c, pytest.raises(httpx.ReadTimeout):
        with c.stream("GET", faults[name]) as r:
            assert r.status_code == 200
            for _ in r.iter_raw():
                pass
    assert time.monotonic() - started < 3


def test_slow_body_defeats_per_read_timeouts_but_not_a_deadline(faults):
    got, deadline = 0, time.monotonic() + 1.2
    with httpx.Client(timeout=2) as c, c.stream("GET", faults["slow_body"] + "?interval=0.3") as r:
        total = int(r.headers["content-length"])
        for chunk in r.iter_raw():
            got += len(chunk)
            if time.monotonic() > deadline:
                break
    assert 0 < got < total


def test_truncated_body_is_a_protocol_error(faults):
    with httpx.Client(timeout=3) as c, pytest.raises(httpx.RemoteProtocolError):
        c.get(faults["truncated"])
    host, port = urlsplit(faults["truncated"]).hostname, urlsplit(faults["truncated"]).port
    with socket.create_connection((host, port), timeout=3) as s:
        s.sendall(b"GET /truncated HTTP/1.1\r\nHost: x\r\n\r\n")
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    assert b"Content-Length: 10000" in head and len(body) == 4000


def test_malformed_and_non_feeds(client, faults):
    assert feedparser.parse(client.get(faults["malformed_feed"]).content).bozo
    not_feed = client.get(faults["html_as_feed"])
    assert not_feed.headers["content-type"] == "application/rss+xml" and b"<html" in not_feed.content
    empty_feed = client.get(faults["empty_feed"])
    assert empty_feed.status_code == 200 and empty_feed.content == b""


def test_wrong_charsets(sim, client, faults):
    text = sim.fault_text()
    r = client.get(faults["charset_cp1251_as_utf8"])
    assert "charset=utf-8" in r.headers["content-type"]
    with pytest.raises(UnicodeDecodeError):
        r.content.decode("utf-8")
    assert text["charset_cp1251_as_utf8"] in r.content.decode("cp1251")
    r = client.get(faults["charset_utf8_as_latin1"])
    assert "iso-8859-1" in r.headers["content-type"]
    assert text["charset_utf8_as_latin1"] in r.content.decode("utf-8")
    assert text["charset_utf8_as_latin1"] not in r.content.decode("latin-1")
    r = client.get(faults["charset_meta_mismatch"])
    assert "charset=utf-8" in r.headers["content-type"] and b'<meta charset="windows-1251">' in r.content
    assert text["charset_meta_mismatch"] in r.content.decode("cp1251")
    r = client.get(faults["charset_feed_cp1251_as_utf8"])
    assert "charset=utf-8" in r.headers["content-type"] and b'encoding="windows-1251"' in r.content
    assert text["charset_feed_cp1251_as_utf8"] in r.content.decode("cp1251")


def test_redirects(client, faults):
    first = client.get(faults["redirect_loop"])
    second = client.get(first.headers["location"], headers={}) if first.headers["location"].startswith("http") \
        else client.get(faults["redirect_loop"].rsplit("/", 1)[0] + "/b")
    assert first.status_code == 302 and first.headers["location"] == "/loop/b"
    assert second.headers["location"] == "/loop/a"
    with httpx.Client(timeout=3, follow_redirects=True, max_redirects=5) as c, \
            pytest.raises(httpx.TooManyRedirects):
        c.get(faults["redirect_loop"])
    private = client.get(faults["redirect_private"])
    assert private.status_code == 302 and private.headers["location"] == "http://10.0.0.1/feed.xml"
    meta = client.get(faults["redirect_metadata"])
    assert meta.headers["location"].startswith("http://169.254.169.254/")
    ok = client.get(faults["redirect_ok"])
    assert ok.status_code == 301 and urlsplit(ok.headers["location"]).hostname.startswith("127.")
    hops, url = 0, faults["redirect_chain"]
    while (r := client.get(url)).status_code == 302:
        url, hops = str(r.url.join(r.headers["location"])), hops + 1
    assert hops == 11 and r.status_code == 200


@pytest.mark.parametrize("name", ["huge", "huge_chunked"])
def test_huge_bodies_stream_and_stop_when_the_client_leaves(client, faults, name):
    got = 0
    with client.stream("GET", faults[name]) as r:
        if name == "huge":
            assert int(r.headers["content-length"]) == HUGE_BYTES
        else:
            assert r.headers["transfer-encoding"] == "chunked" and "content-length" not in r.headers
        for chunk in r.iter_raw():
            got += len(chunk)
            if got > 2_000_000:
                break
    assert got > 2_000_000
    assert client.get(faults["empty"]).status_code == 200  # the server is still responsive


def test_gzip_bomb_is_small_and_inflates_enormously(client, faults):
    raw = b""
    with client.stream("GET", faults["gzip_bomb"]) as r:
        assert r.headers["content-encoding"] == "gzip"
        for chunk in r.iter_raw():
            raw += chunk
    assert 500_000 < len(raw) < 2_000_000
    inflater = zlib.decompressobj(31)
    first = inflater.decompress(raw[:200_000], 50_000_000)
    assert len(first) == 50_000_000 and not first.strip(b"\0")
    assert int.from_bytes(raw[-4:], "little") == BOMB_BYTES % (1 << 32)


def test_gzip_bomb_construction_is_a_valid_gzip():
    small = build_gzip_bomb(32 << 20)
    assert gzip.decompress(small) == bytes(32 << 20)
    big = gzip_bomb()
    assert 500_000 < len(big) < 1_200_000 and big[:10] == small[:10]
    assert int.from_bytes(big[-4:], "little") == BOMB_BYTES % (1 << 32)


def test_entity_bomb_and_xxe(client, faults):
    bomb = client.get(faults["entity_bomb"]).content
    assert b'<!ENTITY lol9 "&lol8;&lol8;' in bomb and len(bomb) < 2000
    xxe = client.get(faults["xxe"]).content
    assert b'<!ENTITY xxe SYSTEM "file:///etc/passwd">' in xxe and b"&xxe;" in xxe


def test_non_html_where_an_article_is_expected(client, faults):
    pdf = client.get(faults["binary_article"])
    assert pdf.headers["content-type"] == "application/octet-stream" and pdf.content.startswith(b"%PDF")
    png = client.get(faults["png_article"])
    assert png.headers["content-type"] == "image/png" and png.content.startswith(b"\x89PNG")
    empty = client.get(faults["empty"])
    assert empty.status_code == 200 and empty.content == b"" and empty.headers["content-length"] == "0"


def test_dead_host_refuses_and_feeds_point_at_it(client, faults):
    with pytest.raises(httpx.ConnectError):
        client.get(faults["dead_host"])
    dead = urlsplit(faults["dead_host"]).netloc
    items = feedparser.parse(client.get(faults["dead_links_feed"]).content).entries
    assert items and all(urlsplit(e.link).netloc == dead for e in items)
    broken = feedparser.parse(client.get(faults["broken_items_feed"]).content).entries
    assert len(broken) == 9
    assert any(e.link.startswith(faults["binary_article"]) for e in broken)


def test_stop_ends_a_stalled_stream_quickly():
    web = SimWeb(seed=9, sites=1, aggregators=0, first_ip=90).start()
    url = web.fault_urls()["stall"]
    with httpx.Client(timeout=10) as c, c.stream("GET", url) as r:
        assert r.status_code == 200
        started = time.monotonic()
        web.stop()
        with pytest.raises(httpx.HTTPError):
            r.read()
    assert time.monotonic() - started < 3
