"""Caps and failures: bombs, oversize and cut-short bodies, timeouts, redirects, dead ports."""
from __future__ import annotations

import asyncio
import gzip
import socket
import time
import tracemalloc
import zlib
from dataclasses import replace

import pytest

from tidings.fetch import Fetcher
from tidings.models import FetchError

GIB = 2**30


def failure(settings, url) -> FetchError:
    async def main():
        async with Fetcher(settings) as fetcher:
            return await fetcher.get(url)
    with pytest.raises(FetchError) as err:
        asyncio.run(main())
    return err.value


def stream_gzip_zeros(h, total: int = GIB, step: int = 2**20) -> None:
    """Send a gzip of ``total`` zero bytes, compressing lazily as the client reads."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Encoding", "gzip")
    h.send_header("Connection", "close")
    h.end_headers()
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(step)
    for _ in range(total // step):
        h.wfile.write(packer.compress(zeros))
    h.wfile.write(packer.flush())


def test_gzip_bomb_is_refused_fast_with_bounded_memory(server, loopback):
    server.routes["/bomb"] = stream_gzip_zeros
    tracemalloc.start()
    started = time.monotonic()
    try:
        err = failure(loopback, server.url("/bomb"))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert err.kind == "bomb" and "inflates" in err.message
    assert time.monotonic() - started < 5
    assert peak < 50 * 2**20


def test_inflated_size_cap_applies_even_at_a_modest_ratio(server, loopback):
    import os
    payload = os.urandom(300_000).hex().encode()  # ~2x compressible, 600 KB inflated
    server.route("/big", gzip.compress(payload), headers={"Content-Encoding": "gzip"})
    err = failure(replace(loopback, max_bytes=500_000), server.url("/big"))
    assert err.kind == "bomb" and "inflates past" in err.message


def test_declared_oversize_body_is_refused_before_reading(server, loopback):
    server.route("/huge", b"x" * 10, headers={"Content-Length": str(50 * 2**20)})
    err = failure(replace(loopback, max_bytes=2**20), server.url("/huge"))
    assert err.kind == "too_large" and "50.0 MiB" in err.message


def test_streamed_oversize_body_is_cut_at_the_cap(server, loopback):
    def endless(h):
        h.send_response(200)
        h.send_header("Connection", "close")
        h.end_headers()
        chunk = b"y" * 65536
        for _ in range(20 * 16):  # 20 MiB, no Content-Length
            h.wfile.write(chunk)
    server.routes["/stream"] = endless
    err = failure(replace(loopback, max_bytes=2**20), server.url("/stream"))
    assert err.kind == "too_large" and "1.0 MiB" in err.message


def test_body_shorter_than_content_length_is_truncated(server, loopback):
    def short(h):
        h.send_response(200)
        h.send_header("Content-Length", "1000")
        h.send_header("Connection", "close")
        h.end_headers()
        h.wfile.write(b"z" * 400)
        h.close_connection = True
    server.routes["/short"] = short
    err = failure(loopback, server.url("/short"))
    assert err.kind == "truncated" and "cut short" in err.message


def test_gzip_stream_cut_before_its_end_is_truncated(server, loopback):
    data = gzip.compress(b"<html>" + b"a" * 5000)[:-12]
    server.route("/cut", data, headers={"Content-Encoding": "gzip"})
    err = failure(loopback, server.url("/cut"))
    assert err.kind == "truncated"


def test_corrupt_gzip_is_invalid(server, loopback):
    server.route("/junk", b"\x1f\x8b\x08\x00not really gzip at all",
                 headers={"Content-Encoding": "gzip"})
    assert failure(loopback, server.url("/junk")).kind == "invalid"


def test_unrequested_content_encoding_is_refused(server, loopback):
    server.route("/br", b"\x0b\x02\x80hello\x03", headers={"Content-Encoding": "br"})
    err = failure(loopback, server.url("/br"))
    assert err.kind == "invalid" and "br" in err.message


def test_silent_server_hits_read_timeout(server, loopback):
    def stall(h):
        h.send_response(200)
        h.send_header("Content-Length", "100")
        h.end_headers()
        h.wfile.write(b"a" * 10)
        h.wfile.flush()
        time.sleep(2)
    server.routes["/slow"] = stall
    started = time.monotonic()
    err = failure(replace(loopback, read_timeout=0.3), server.url("/slow"))
    assert err.kind == "timeout" and "no data for 0.3 s" in err.message
    assert time.monotonic() - started < 1.5


def test_trickling_server_hits_total_timeout(server, loopback):
    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Length", "1000")
        h.end_headers()
        for _ in range(1000):
            h.wfile.write(b"a")
            h.wfile.flush()
            time.sleep(0.05)
    server.routes["/trickle"] = trickle
    started = time.monotonic()
    err = failure(replace(loopback, read_timeout=1, total_timeout=0.5), server.url("/trickle"))
    assert err.kind == "timeout" and "0.5 s" in err.message
    assert time.monotonic() - started < 1.5


def test_dead_port_is_a_connect_error(loopback):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    err = failure(loopback, f"http://127.0.0.1:{port}/")
    assert err.kind == "connect"


def test_redirect_loop_is_detected(server, loopback):
    server.route("/a", status=302, headers={"Location": "/b"})
    server.route("/b", status=301, headers={"Location": server.url("/a")})
    err = failure(loopback, server.url("/a"))
    assert err.kind == "redirects" and "loop" in err.message
    assert len(server.page_hits()) == 2


def test_too_many_redirects(server, loopback):
    for i in range(10):
        server.route(f"/r{i}", status=307, headers={"Location": f"/r{i + 1}"})
    err = failure(replace(loopback, max_redirects=3), server.url("/r0"))
    assert err.kind == "redirects" and "more than 3" in err.message
    assert len(server.page_hits()) == 4


def test_error_status_with_a_stalled_body_still_reports_the_status(server, loopback):
    def stalled_error(h):
        h.send_response(503)
        h.send_header("Content-Length", "100")
        h.end_headers()
        h.wfile.write(b"x")
        h.wfile.flush()
        time.sleep(3)
    server.routes["/stalled"] = stalled_error
    err = failure(replace(loopback, read_timeout=5, total_timeout=5), server.url("/stalled"))
    assert err.kind == "http" and err.status == 503


def test_keep_alive_connection_is_reused_after_304_and_redirect(server, loopback):
    server.route("/r", status=302, headers={"Location": "/nm"})
    server.route("/nm", status=304, headers={"ETag": '"1"'})

    async def main():
        async with Fetcher(loopback) as fetcher:
            for _ in range(3):
                await fetcher.get(server.url("/r"), etag='"1"')
    asyncio.run(main())
    assert len(server.page_hits()) == 6 and server.connections == 1
