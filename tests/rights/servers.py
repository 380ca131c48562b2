"""Tiny real servers on 127.0.0.1 for notification tests: an HTTP webhook sink and an SMTP sink."""
from __future__ import annotations

import json
import socketserver
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer


@contextmanager
def webhook_sink():
    """Yields ``(url, received)``; every POSTed JSON body is appended to ``received``."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server naming
            length = int(self.headers.get("content-length", "0"))
            received.append(json.loads(self.rfile.read(length)))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def smtp_sink():
    """Yields ``(port, messages)``: a minimal SMTP server keeping each message's raw data."""
    messages: list[dict] = []

    class Handler(socketserver.StreamRequestHandler):
        def handle(self):
            self._say("220 sink ready")
            envelope = {"to": [], "data": ""}
            while line := self.rfile.readline():
                command = line.decode().strip()
                verb = command.split(" ", 1)[0].upper()
                if verb in ("EHLO", "HELO"):
                    self._say("250 sink")
                elif verb == "MAIL":
                    self._say("250 ok")
                elif verb == "RCPT":
                    envelope["to"].append(command.split(":", 1)[1].strip(" <>"))
                    self._say("250 ok")
                elif verb == "DATA":
                    self._say("354 go on")
                    envelope["data"] = self._data()
                    messages.append(dict(envelope))
                    envelope = {"to": [], "data": ""}
                    self._say("250 queued")
                elif verb == "QUIT":
                    self._say("221 bye")
                    return
                else:
                    self._say("250 ok")

        def _data(self) -> str:
            lines = []
            while (line := self.rfile.readline()) and line.rstrip(b"\r\n") != b".":
                lines.append(line.decode())
            return "".join(lines)

        def _say(self, text: str) -> None:
            self.wfile.write((text + "\r\n").encode())

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server.server_address[1], messages
    finally:
        server.shutdown()
        server.server_close()
