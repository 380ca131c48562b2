"""``kill -9`` of ``tidings run`` in the middle of ingesting, then ``run --once``: nothing is lost,
nothing doubled, the database is sound and every copy and story link holds."""
from __future__ import annotations

import os
import signal
import sqlite3
import time

from tests.pipeline.world import cli_env, consistency_problems, records, score, spawn, tidings
from tidings.simweb import SimWeb


def stored_count(path) -> int:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def test_kill_9_mid_ingest_then_restart_loses_and_doubles_nothing(tmp_path):
    path = tmp_path / "tidings.db"
    db = f"sqlite:///{path}"
    with SimWeb(seed=1, sites=6, days=8) as sim:
        total = len(sim.articles())
        some = total // 4
        (tmp_path / "sim.opml").write_text(sim.opml(), encoding="utf-8")
        imported = tidings("sources", "import", str(tmp_path / "sim.opml"), db=db, cwd=tmp_path)
        assert imported.returncode == 0, imported.stderr

        # the default 300 s leases: the restart must see that their holder is dead, not wait
        env = cli_env(TIDINGS_CONCURRENCY="3")
        proc = spawn("run", "--no-web", db=db, env=env, cwd=tmp_path, log=tmp_path / "run.log")
        try:
            deadline = time.monotonic() + 90
            while stored_count(path) < some and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.02)
            os.kill(proc.pid, signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait(timeout=30)
        at_kill = stored_count(path)
        assert some <= at_kill < total, (tmp_path / "run.log").read_text()

        done = tidings("run", "--once", db=db, cwd=tmp_path, timeout=180)
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr

        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT url) FROM articles").fetchone() == (total, total)
        from tidings.store import open_store
        store = open_store(db)
        result = score(sim.articles(), records(store))
        store.close()
        assert result.missing == [] and result.unknown == []
        # the order of arrival changed, so a feed-only teaser (a page robots.txt forbids) may come
        # before its full copy elsewhere, which by design does not absorb it: recall may dip
        assert result.false_merges == [] and result.recall >= 0.95
        assert result.primary_accuracy >= 0.95, result.wrong_primary
        assert consistency_problems(db) == []
