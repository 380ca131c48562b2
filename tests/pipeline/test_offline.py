"""The SSRF guard as users meet it, and ``make run`` without a network.

Nothing here leaves the machine: subprocesses run with ``TIDINGS_OFFLINE=1`` (no host name is
looked up) and the simulated web is on literal loopback addresses.
"""
from __future__ import annotations

import json
import socket
import time
import urllib.request

from tests.pipeline.world import cli_env, spawn, tidings
from tidings.simweb import SimWeb


def test_private_addresses_are_refused_unless_allowed(tmp_path):
    db = f"sqlite:///{tmp_path}/tidings.db"
    guarded = cli_env()
    del guarded["TIDINGS_ALLOWED_NETWORKS"]
    with SimWeb(seed=1, sites=1, days=2, aggregators=0) as sim:
        (feed,) = sim.feed_urls()
        assert tidings("sources", "add", feed, db=db, env=guarded).returncode == 0
        assert tidings("run", "--once", db=db, env=guarded).returncode == 0
        (row,) = json.loads(tidings("sources", "list", "--json", db=db, env=guarded).stdout)
        assert row["error_count"] == 1 and row["last_error"].startswith("ssrf:")
        assert "TIDINGS_ALLOW_PRIVATE_NETWORKS=1" in row["last_error"]
        assert sim.requests() == []  # refused before connecting

        allowed = {**guarded, "TIDINGS_ALLOW_PRIVATE_NETWORKS": "1"}
        assert tidings("run", "--once", db=db, env=allowed).returncode == 0
        (row,) = json.loads(tidings("sources", "list", "--json", db=db, env=allowed).stdout)
        assert row["error_count"] == 0 and row["last_status"] == 200
        assert row["item_count"] == len(sim.articles()) > 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except OSError:
        return 0, b""


def test_run_on_an_empty_data_folder_without_network_keeps_running(tmp_path):
    port = free_port()
    env = cli_env()
    del env["TIDINGS_ALLOWED_NETWORKS"]
    proc = spawn("run", "--port", str(port), env=env, cwd=tmp_path, log=tmp_path / "run.log")
    try:
        deadline, status = time.monotonic() + 60, 0
        while status != 200 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
            status, body = get(f"http://127.0.0.1:{port}/healthz")
        assert status == 200, (tmp_path / "run.log").read_text()
        assert (tmp_path / "data" / "tidings.db").is_file()

        db = f"sqlite:///{tmp_path}/data/tidings.db"
        deadline, rows = time.monotonic() + 60, []
        while time.monotonic() < deadline and not (rows and all(r["last_fetch"] for r in rows)):
            time.sleep(0.5)
            rows = json.loads(tidings("sources", "list", "--json", db=db, env=env).stdout or "[]")
        assert len(rows) >= 20, "the starter list is loaded into an empty database"
        assert all(r["last_fetch"] and r["error_count"] >= 1 and r["last_error"] for r in rows)
        assert all(r["last_error"].startswith(("dns:", "robots:")) for r in rows), {r["last_error"] for r in rows}
        assert proc.poll() is None
        assert get(f"http://127.0.0.1:{port}/healthz")[0] == 200
    finally:
        proc.terminate()
        code = proc.wait(timeout=30)
    assert code == 0, (tmp_path / "run.log").read_text()
    assert "Traceback" not in (tmp_path / "run.log").read_text()
