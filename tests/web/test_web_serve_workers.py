"""``tidings serve --workers N``: several processes on one port, each with its own connections,
and every one of them drops a taken-down article from its cached pages at once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.web.live import free_port
from tests.web.seed import seed
from tidings.rights import complaints as desk
from tidings.store import open_store

ROOT = Path(__file__).resolve().parents[2]
TITLE = "Reprise des pourparlers"


@pytest.fixture
def two_workers(tmp_path):
    url = f"sqlite:///{tmp_path}/web.db"
    store = open_store(url)
    world = seed(store)
    store.close()
    port = free_port()
    env = {**{k: v for k, v in os.environ.items() if k not in ("TIDINGS_CONFIG", "TIDINGS_DB")},
           "TIDINGS_PAGE_CACHE_SECONDS": "120",  # new content may lag two minutes: removals may not
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))}
    server = subprocess.Popen([sys.executable, "-m", "tidings", "--db", url, "serve", "--host", "127.0.0.1",
                               "--port", str(port), "--workers", "2"], env=env, cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base, server)
        yield base, url, world
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def _wait(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60  # two fresh interpreters on a busy machine
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode())
        try:
            if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("tidings serve --workers 2 did not answer")


def _visits(base: str, path: str, n: int) -> list[httpx.Response]:
    """``n`` first visits, each on a new connection (the kernel spreads them over the workers)."""
    return [httpx.get(base + path, timeout=10) for _ in range(n)]


def test_every_worker_drops_a_takedown_at_once(two_workers):
    base, url, world = two_workers
    pages = ("/", "/search?q=doha")
    for path in pages:
        seen = _visits(base, path, 8)
        assert all(r.status_code == 200 and TITLE in r.text for r in seen), path
        assert any(r.headers.get("x-cache") == "hit" for r in seen), path
    other = open_store(url, upgrade=False)
    try:
        filed = desk.file_complaint(other, {"kind": "copyright", "url": "https://lm.example/talks-lm"})
        desk.take_down(other, filed["id"], "moderator", article_id=world.articles["talks_lm"])
    finally:
        other.close()
    for path in pages + (f"/story/{world.stories['talks']}",):
        for response in _visits(base, path, 8):
            assert response.status_code == 200 and TITLE not in response.text, path


def test_workers_must_be_a_sensible_number(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-m", "tidings", "--db", f"sqlite:///{tmp_path}/x.db", "serve",
                           "--workers", "0"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "--workers" in done.stderr
    assert not (tmp_path / "x.db").exists()  # refused before opening anything
