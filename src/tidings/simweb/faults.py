"""Faults on demand, each at its own path on the fault host.

Every stream stops when the client goes away or when the simulated web stops; nothing here
ever connects anywhere (redirects to private addresses are a ``Location`` header only).
"""
from __future__ import annotations

import select
import socket
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler
from typing import Callable

from .server import Request, Response

HUGE_BYTES = 50 * 1024 * 1024
BOMB_BYTES = 1 << 30
RU_TEXT = "Взрыв прогремел в Кабуле: погибли пять человек, ранены двенадцать."
FR_TEXT = "Élections à Hérat : l'opposition dénonce des irrégularités à Kaboul."
FAULT_TEXT = {"charset_cp1251_as_utf8": RU_TEXT, "charset_utf8_as_latin1": FR_TEXT,
              "charset_meta_mismatch": RU_TEXT, "charset_feed_cp1251_as_utf8": RU_TEXT}
PATHS = {
    "http_500": "/status/500", "http_503": "/status/503", "http_429": "/status/429",
    "http_404": "/status/404", "http_410": "/status/410",
    "slow_body": "/slow", "stall": "/stall", "truncated": "/truncated",
    "malformed_feed": "/malformed.xml", "html_as_feed": "/not-a-feed.xml",
    "charset_cp1251_as_utf8": "/charset/cp1251-as-utf8", "charset_utf8_as_latin1": "/charset/utf8-as-latin1",
    "charset_meta_mismatch": "/charset/meta-mismatch", "charset_feed_cp1251_as_utf8": "/charset/feed-cp1251.xml",
    "redirect_loop": "/loop/a", "redirect_chain": "/chain/1", "redirect_private": "/redirect/private",
    "redirect_metadata": "/redirect/metadata", "redirect_ok": "/redirect/ok",
    "huge": "/huge", "huge_chunked": "/huge-chunked", "gzip_bomb": "/gzip-bomb",
    "entity_bomb": "/billion-laughs.xml", "xxe": "/xxe.xml",
    "binary_article": "/articles/report", "png_article": "/articles/photo",
    "empty": "/empty", "empty_feed": "/empty.xml",
    "dead_links_feed": "/dead-links.xml", "broken_items_feed": "/broken-items.xml",
}
_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                     "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
_PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages "
        b"/Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n") + bytes(range(256)) * 8

_bomb: bytes | None = None
_bomb_lock = threading.Lock()


def build_gzip_bomb(total: int, chunk: int = 1 << 20) -> bytes:
    """A single gzip member inflating to ``total`` zero bytes (``total`` a multiple of ``chunk``).

    After a full flush the deflate state is reset, so the compressed block of one chunk of
    zeros can be repeated verbatim: building it costs one compression and a CRC pass.
    """
    zeros = bytes(chunk)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(zeros) + comp.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(total // chunk):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    tail = comp.flush(zlib.Z_FINISH) + crc.to_bytes(4, "little") + (total % (1 << 32)).to_bytes(4, "little")
    return header + block * (total // chunk) + tail


def gzip_bomb() -> bytes:
    """The served bomb: ~1 MB that inflates to 1 GiB of zeros (built once, then cached)."""
    global _bomb
    with _bomb_lock:
        if _bomb is None:
            _bomb = build_gzip_bomb(BOMB_BYTES)
        return _bomb


def _rss(title: str, items: list[tuple[str, str]], encoding: str = "utf-8") -> str:
    body = "".join(f"<item><title>{t}</title><link>{u}</link><guid>{u}</guid></item>" for t, u in items)
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.invalid/</link><description>fault</description>{body}</channel></rss>\n")


def _billion_laughs() -> bytes:
    ents = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)]
    return ('<?xml version="1.0"?>\n<!DOCTYPE rss [\n' + "\n".join(ents) + "\n]>\n"
            '<rss version="2.0"><channel><title>&lol9;</title><link>http://example.invalid/</link>'
            "<description>&lol9;</description><item><title>&lol9;</title>"
            "<link>http://example.invalid/lol</link></item></channel></rss>\n").encode()


_XXE = (b'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<rss version="2.0"><channel><title>Feed &xxe;</title><link>http://example.invalid/</link>'
        b"<description>&xxe;</description><item><title>Item &xxe;</title>"
        b"<link>http://example.invalid/xxe</link><description>&xxe;</description></item></channel></rss>\n")
_MALFORMED = (b'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Broken & co'
              b"</title><item><title>Unclosed <b>item</title><link>http://example.invalid/a</link>"
              b"<description>Fish & chips <p>para</description></item><item><title>Second"
              b"</channel>\n")


def _html(text: str, meta: str = "") -> str:
    return (f"<!DOCTYPE html><html><head>{meta}<title>{text[:30]}</title></head>"
            f"<body><article><h1>{text[:30]}</h1><p>{text}</p><p>{text}</p></article></body></html>")


class Faults:
    """The fault host's app; ``base`` is its URL, ``dead`` a loopback URL where nothing listens."""

    def __init__(self, base: str, dead: str, good_feed: str, stopping: threading.Event) -> None:
        self.base, self.dead, self.good_feed, self.stopping = base, dead, good_feed, stopping

    def urls(self) -> dict[str, str]:
        """Fault name → URL (``dead_host`` is the URL on the port where nothing listens)."""
        out = {name: self.base + path for name, path in PATHS.items()}
        out["dead_host"] = self.dead + "/feed.xml"
        return out

    def __call__(self, req: Request) -> Response:
        path = req.path
        if path.startswith("/status/") and path[8:].isdigit():
            return self._status(int(path[8:]))
        if path.startswith("/loop/"):
            return _redirect("/loop/b" if path == "/loop/a" else "/loop/a", 302)
        if path.startswith("/chain/") and path[7:].isdigit():
            n = int(path[7:])
            return _redirect(f"/chain/{n + 1}", 302) if n < 12 else _ok(_rss("end of chain", []), "application/rss+xml")
        handler = self._routes().get(path)
        return handler(req) if handler else _ok(b"no such fault", "text/plain", status=404)

    def _routes(self) -> dict[str, Callable[[Request], Response]]:
        return {
            "/slow": self._slow, "/stall": self._stall, "/truncated": self._truncated,
            "/malformed.xml": lambda r: _ok(_MALFORMED, "application/rss+xml; charset=utf-8"),
            "/not-a-feed.xml": lambda r: _ok(_html("This is a web page, not a feed.").encode(),
                                             "application/rss+xml"),
            "/charset/cp1251-as-utf8": lambda r: _ok(_html(RU_TEXT).encode("cp1251"), "text/html; charset=utf-8"),
            "/charset/utf8-as-latin1": lambda r: _ok(_html(FR_TEXT).encode(), "text/html; charset=iso-8859-1"),
            "/charset/meta-mismatch": lambda r: _ok(
                _html(RU_TEXT, '<meta charset="windows-1251">').encode("cp1251"), "text/html; charset=utf-8"),
            "/charset/feed-cp1251.xml": lambda r: _ok(
                _rss(RU_TEXT, [(RU_TEXT, self.base + "/ru-item")], "windows-1251").encode("cp1251"),
                "application/rss+xml; charset=utf-8"),
            "/redirect/private": lambda r: _redirect("http://10.0.0.1/feed.xml", 302),
            "/redirect/metadata": lambda r: _redirect("http://169.254.169.254/latest/meta-data/", 302),
            "/redirect/ok": lambda r: _redirect(self.good_feed, 301),
            "/huge": self._huge, "/huge-chunked": self._huge_chunked, "/gzip-bomb": self._gzip_bomb,
            "/billion-laughs.xml": lambda r: _ok(_billion_laughs(), "application/rss+xml"),
            "/xxe.xml": lambda r: _ok(_XXE, "application/rss+xml"),
            "/articles/report": lambda r: _ok(_PDF, "application/octet-stream"),
            "/articles/photo": lambda r: _ok(_PNG, "image/png"),
            "/empty": lambda r: _ok(b"", "text/html; charset=utf-8"),
            "/empty.xml": lambda r: _ok(b"", "application/rss+xml"),
            "/dead-links.xml": lambda r: _ok(_rss("Dead links", [(f"Dead {i}", f"{self.dead}/story/{i}")
                                                                 for i in range(3)]).encode(), "application/rss+xml"),
            "/broken-items.xml": self._broken_items,
        }

    def _status(self, code: int) -> Response:
        headers = [("Content-Type", "text/html; charset=utf-8")]
        if code == 429:
            headers.append(("Retry-After", "120"))
        return Response(code, headers, f"<html><body><h1>Error {code}</h1></body></html>".encode())

    def _broken_items(self, req: Request) -> Response:
        names = ("binary_article", "png_article", "empty", "truncated", "http_500", "http_404",
                 "redirect_private", "redirect_loop")
        items = [(f"Broken item: {n}", self.base + PATHS[n]) for n in names]
        items.append(("Broken item: dead_host", self.dead + "/story/1"))
        return _ok(_rss("Broken items", items).encode(), "application/rss+xml")

    # -- streamed faults --------------------------------------------------------------------
    def _slow(self, req: Request) -> Response:
        interval = float(req.query.get("interval", ["0.5"])[0])
        size, step = 2000, 20

        def stream(h: BaseHTTPRequestHandler) -> None:
            sent = 0
            while sent < size and not self.stopping.is_set():
                h.wfile.write(b"." * step)
                sent += step
                if self.stopping.wait(interval):
                    return
        return Response(200, [("Content-Type", "text/html"), ("Content-Length", str(size))], stream=stream)

    def _stall(self, req: Request) -> Response:
        seconds = min(float(req.query.get("seconds", ["30"])[0]), 60.0)

        def stream(h: BaseHTTPRequestHandler) -> None:
            h.wfile.write(b"<html><body><p>Loading")
            _wait_for_close(h.connection, seconds, self.stopping)
        return Response(200, [("Content-Type", "text/html"), ("Content-Length", "5000")], stream=stream)

    def _truncated(self, req: Request) -> Response:
        body = _html("This article stops abruptly. " * 120).encode()[:4000]
        return Response(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "10000")],
                        stream=lambda h: h.wfile.write(body))

    def _huge(self, req: Request) -> Response:
        return Response(200, [("Content-Type", "text/html"), ("Content-Length", str(HUGE_BYTES))],
                        stream=lambda h: self._write_huge(h, chunked=False))

    def _huge_chunked(self, req: Request) -> Response:
        return Response(200, [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked")],
                        stream=lambda h: self._write_huge(h, chunked=True))

    def _write_huge(self, h: BaseHTTPRequestHandler, chunked: bool) -> None:
        block = (b"<p>" + b"all work and no play " * 3120 + b"</p>\n")[:65536]
        for _ in range(HUGE_BYTES // len(block)):
            if self.stopping.is_set():
                return
            h.wfile.write(b"%x\r\n%s\r\n" % (len(block), block) if chunked else block)
        if chunked:
            h.wfile.write(b"0\r\n\r\n")

    def _gzip_bomb(self, req: Request) -> Response:
        body = gzip_bomb()
        headers = [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip"),
                   ("Content-Length", str(len(body)))]
        return Response(200, headers, stream=lambda h: self._write_blocks(h, body))

    def _write_blocks(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        view = memoryview(body)
        for i in range(0, len(body), 65536):
            if self.stopping.is_set():
                return
            h.wfile.write(view[i:i + 65536])


def _ok(body: bytes | str, content_type: str, status: int = 200) -> Response:
    data = body.encode() if isinstance(body, str) else body
    return Response(status, [("Content-Type", content_type)], data)


def _redirect(location: str, status: int) -> Response:
    return Response(status, [("Location", location), ("Content-Type", "text/plain")], b"redirect")


def _wait_for_close(sock: socket.socket, seconds: float, stopping: threading.Event) -> None:
    """Sleep in small steps until the peer closes, the time is up, or the server stops."""
    end = time.monotonic() + seconds
    while time.monotonic() < end and not stopping.is_set():
        readable, _, _ = select.select([sock], [], [], 0.1)
        if readable:
            try:
                if not sock.recv(1024, socket.MSG_PEEK | socket.MSG_DONTWAIT):
                    return
            except (BlockingIOError, InterruptedError):
                continue
            except OSError:
                return
            time.sleep(0.1)
