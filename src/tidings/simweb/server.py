"""HTTP plumbing: one stdlib server per loopback host (one accept loop for all), conditional GET, gzip."""
from __future__ import annotations

import gzip
import hashlib
import ipaddress
import selectors
import socket
import socketserver
import threading
from dataclasses import dataclass, field
from datetime import datetime
from email.message import Message
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable
from urllib.parse import parse_qs, urlsplit

_DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)


@dataclass(slots=True)
class Request:
    """What an app sees of one request."""

    method: str
    host: str
    path: str
    query: dict[str, list[str]]
    headers: Message


@dataclass(slots=True)
class Response:
    """What an app answers; ``stream`` (if set) writes the body itself to the handler."""

    status: int = 200
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    stream: Callable[[BaseHTTPRequestHandler], None] | None = None
    close: bool = False


App = Callable[[Request], Response]


@dataclass(slots=True)
class Resource:
    """A cacheable representation: body, type, Last-Modified; ETag and gzip derived lazily."""

    body: bytes
    content_type: str
    last_modified: datetime
    gzip_ok: bool = True
    _gz: bytes | None = None

    @property
    def etag(self) -> str:
        return hashlib.blake2b(self.body, digest_size=10).hexdigest()

    @property
    def gz(self) -> bytes:
        if self._gz is None:
            self._gz = gzip.compress(self.body, compresslevel=6, mtime=0)
        return self._gz


def http_date(dt: datetime) -> str:
    """An IMF-fixdate for headers."""
    return format_datetime(dt, usegmt=True)


def accepts_gzip(value: str) -> bool:
    """True when an Accept-Encoding header allows gzip."""
    for part in value.split(","):
        token, _, params = part.strip().partition(";")
        if token.strip().lower() in ("gzip", "x-gzip", "*"):
            q = params.strip().removeprefix("q=")
            return not (params and q.replace(".", "").strip("0") == "")
    return False


def _tags(value: str) -> set[str]:
    out = set()
    for tag in value.split(","):
        tag = tag.strip().removeprefix("W/").strip('"')
        out.add(tag.removesuffix("-gz"))
    return out


def not_modified(headers: Message, res: Resource) -> bool:
    """RFC 9110 evaluation: If-None-Match first, else If-Modified-Since."""
    inm = headers.get("If-None-Match")
    if inm is not None:
        tags = _tags(inm)
        return "*" in tags or res.etag in tags
    ims = headers.get("If-Modified-Since")
    if ims:
        try:
            since = parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            return False
        return res.last_modified.replace(microsecond=0) <= since
    return False


def conditional(req: Request, res: Resource) -> Response:
    """Answer ``req`` with ``res``: 304 when the client's copy is current, gzip when asked."""
    use_gz = res.gzip_ok and accepts_gzip(req.headers.get("Accept-Encoding", ""))
    headers = [("ETag", f'"{res.etag}{"-gz" if use_gz else ""}"'),
               ("Last-Modified", http_date(res.last_modified)), ("Cache-Control", "max-age=60")]
    if res.gzip_ok:
        headers.append(("Vary", "Accept-Encoding"))
    if not_modified(req.headers, res):
        return Response(304, headers)
    headers.append(("Content-Type", res.content_type))
    if use_gz:
        headers.append(("Content-Encoding", "gzip"))
    return Response(200, headers, res.gz if use_gz else res.body)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "SimWeb/1.0"
    sys_version = ""
    server: "_Server"

    def setup(self) -> None:
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        return

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_HEAD(self) -> None:
        self._dispatch("HEAD")

    def _dispatch(self, method: str) -> None:
        split = urlsplit(self.path)
        req = Request(method, self.server.label, split.path or "/", parse_qs(split.query), self.headers)
        try:
            resp = self.server.app(req)
        except Exception as exc:  # an app bug must not kill the connection thread silently
            resp = Response(500, [("Content-Type", "text/plain")], f"simweb error: {exc!r}".encode())
        try:
            self._send(resp, method)
        except _DISCONNECTS:
            self.close_connection = True

    def _send(self, resp: Response, method: str) -> None:
        self.send_response(resp.status)
        names = {k.lower() for k, _ in resp.headers}
        for k, v in resp.headers:
            self.send_header(k, v)
        if resp.stream is None and "content-length" not in names and resp.status not in (204, 304):
            self.send_header("Content-Length", str(len(resp.body)))
        if resp.close:
            self.send_header("Connection", "close")
            self.close_connection = True
        self._headers_buffer.append(b"\r\n")
        no_body = method == "HEAD" or resp.status in (204, 304)
        if resp.stream is None and resp.body and not no_body:
            self._headers_buffer.append(resp.body)  # one write: no Nagle/delayed-ACK stall
        self.flush_headers()
        if resp.stream is not None and not no_body:
            self.close_connection = True
            resp.stream(self)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 512

    def __init__(self, addr: tuple[str, int], app: App, label: str) -> None:
        self.app, self.label = app, label
        self.active: set[socket.socket] = set()
        self._active_lock = threading.Lock()
        super().__init__(addr, _Handler)

    def server_bind(self) -> None:
        """Bind without ``HTTPServer``'s reverse lookup of the address (``getfqdn``): it asks
        the resolver about every host, a tenth of a second each."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def process_request(self, request, client_address) -> None:
        request.setblocking(True)  # accepted from a non-blocking listening socket
        with self._active_lock:
            self.active.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request) -> None:
        with self._active_lock:
            self.active.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        """Close kept-alive connections so that nothing is served after stop."""
        with self._active_lock:
            conns = list(self.active)
        for conn in conns:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def handle_error(self, request, client_address) -> None:
        return  # client disconnects are normal here (faults, size caps)


def loopback(n: int) -> str:
    """The ``n``-th address of 127.0.0.0/8: 2 → ``127.0.0.2``, 256 → ``127.0.1.0``, ...

    Every address of the block is local on Linux, so thousands of hosts can be served."""
    if not 1 <= n < 2**24 - 1:
        raise ValueError(f"no loopback address number {n} (1 to {2**24 - 2})")
    return str(ipaddress.IPv4Address(0x7F000000 + n))


class HostServer:
    """One loopback address and port answered by ``app``; served by a :class:`Hosts` loop."""

    def __init__(self, ip: str, port: int, app: App, label: str) -> None:
        self.ip, self.label = ip, label
        self._httpd = _Server((ip, port), app, label)
        self.port = self._httpd.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self.ip}:{self.port}"

    def close(self) -> None:
        """Close the listening socket and the kept-alive connections."""
        self._httpd.server_close()
        self._httpd.drop_connections()


class Hosts:
    """Any number of :class:`HostServer` served by one thread: one selector over their
    listening sockets (each connection then gets its own thread), so a thousand hosts cost
    one idle thread, and stopping them all takes one poll interval."""

    def __init__(self, label: str = "simweb", poll_interval: float = 0.2) -> None:
        self.label, self.poll_interval = label, poll_interval
        self._selector = selectors.DefaultSelector()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def add(self, server: HostServer) -> None:
        """Accept connections for ``server`` once started."""
        server._httpd.socket.setblocking(False)  # a connection gone before accept() must not block
        self._selector.register(server._httpd, selectors.EVENT_READ, server._httpd)

    def start(self) -> None:
        """Serve in a daemon thread."""
        self._thread = threading.Thread(target=self._serve, name=self.label, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            for key, _ in self._selector.select(self.poll_interval):
                key.data._handle_request_noblock()  # what serve_forever() calls: accept, hand to a thread

    def stop(self, servers: list[HostServer]) -> None:
        """Stop accepting, wait briefly for the loop, then close ``servers``."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        for server in servers:
            try:
                self._selector.unregister(server._httpd)
            except (KeyError, ValueError):
                pass
            server.close()
        self._selector.close()
