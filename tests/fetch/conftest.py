"""A tiny threaded HTTP server on 127.0.0.1 for fetcher tests (stdlib only)."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable

import pytest

from tidings.fetch import FetchSettings

Responder = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Seen:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    at: float


@dataclass
class LocalServer:
    """Routes, and what the server saw: requests, connections, peak concurrency."""

    routes: dict[str, Responder] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    connections: int = 0
    active: int = 0
    peak: int = 0
    port: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes = b"", status: int = 200,
              headers: dict[str, str] | None = None, delay: float = 0.0) -> None:
        """Answer ``path`` with a fixed response (after ``delay`` seconds)."""
        def respond(h: BaseHTTPRequestHandler) -> None:
            if delay:
                time.sleep(delay)
            send(h, status, body, headers)
        self.routes[path] = respond

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]

    def page_hits(self) -> list[Seen]:
        return [r for r in self.requests if r.path != "/robots.txt"]


def send(h: BaseHTTPRequestHandler, status: int, body: bytes = b"",
         headers: dict[str, str] | None = None) -> None:
    """Write a complete response with a Content-Length."""
    h.send_response(status)
    headers = dict(headers or {})
    headers.setdefault("Content-Type", "text/plain; charset=utf-8")
    for key, value in headers.items():
        h.send_header(key, value)
    if "Content-Length" not in headers:
        h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    if body:
        h.wfile.write(body)


def _handler_for(state: LocalServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            with state.lock:
                state.requests.append(Seen(self.path, dict(self.headers), time.monotonic()))
                state.active += 1
                state.peak = max(state.peak, state.active)
            try:
                responder = state.routes.get(self.path.split("?")[0])
                if responder is None:
                    send(self, 404, b"not found")
                else:
                    responder(self)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            finally:
                with state.lock:
                    state.active -= 1

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: LocalServer

    def get_request(self):  # type: ignore[no-untyped-def]
        conn = super().get_request()
        with self.state.lock:
            self.state.connections += 1
        return conn


@pytest.fixture
def server():
    state = LocalServer()
    httpd = _Server(("127.0.0.1", 0), _handler_for(state))
    httpd.state = state
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def loopback() -> FetchSettings:
    """Settings that allow 127.0.0.0/8 (only), with short timeouts for tests."""
    return FetchSettings(allowed_networks=("127.0.0.0/8",), connect_timeout=2,
                         read_timeout=2, total_timeout=5)
