"""Backups (SQLite online backup, pg_dump) and the raw-HTML retention policy."""
from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
import sqlalchemy as sa

from tidings.rights import complaints as ops
from tidings.rights.backup import backup, prune_raw_html
from tidings.rights.housekeeping import rights_housekeeping
from tidings.store import open_store
from tidings.models import Article
from tidings.store.schema import article_html

from .conftest import T0, seed


def table_counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


@pytest.fixture
def sqlite_store(tmp_path):
    opened = open_store(f"sqlite:///{tmp_path}/live.db")
    world = seed(opened)
    filed = ops.file_complaint(opened, {"kind": "error", "url": world.url, "name": "A", "email": "a@b.example",
                                        "details": "The date is wrong."})
    ops.resolve(opened, filed["id"], "mo", "corrected")
    yield opened
    opened.close()


def test_sqlite_backup_is_a_valid_copy_with_the_same_rows(sqlite_store, tmp_path):
    out = backup(sqlite_store, tmp_path / "copies" / "b.db")
    assert out == tmp_path / "copies" / "b.db" and out.exists()
    with sqlite3.connect(out) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    counts = table_counts(out)
    assert counts == table_counts(tmp_path / "live.db")
    assert counts["articles"] == 2 and counts["complaints"] == 1 and counts["audit_log"] >= 2
    copy = open_store(f"sqlite:///{out}")  # opens and migrates as a live database would
    try:
        assert copy.get_complaint(1)["status"] == "resolved"
    finally:
        copy.close()


def test_sqlite_backup_default_path_and_refusals(sqlite_store, tmp_path):
    out = backup(sqlite_store)
    assert out.parent == tmp_path and out.name.startswith("backup-") and out.suffix == ".db"
    with pytest.raises(RuntimeError, match="overwrite"):
        backup(sqlite_store, tmp_path / "live.db")


def test_backup_cli(sqlite_store, tmp_path, capsys):
    from tidings.cli import main
    out = tmp_path / "cli.db"
    assert main(["--db", f"sqlite:///{tmp_path}/live.db", "backup", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert table_counts(out)["articles"] == 2


def test_postgresql_backup_with_pg_dump(pg_url, tmp_path):
    store = open_store(pg_url)
    try:
        seed(store)
        store.add_audit("ada", "user.login")
        out = backup(store, tmp_path / "pg.sql")
    finally:
        store.close()
    text = out.read_text()
    assert "CREATE TABLE public.audit_log" in text and "CREATE TABLE public.complaints" in text
    assert "COPY public.articles" in text and "Floods hit the valley" in text
    assert "audit_log_append_only" in text  # the triggers are part of the dump


def test_prune_raw_html(store, monkeypatch):
    world = seed(store)
    now = T0 + timedelta(days=100)
    assert prune_raw_html(store, 120, now=now) == 0
    assert store.raw_html(world.article_id) == b"<html>floods</html>"
    monkeypatch.setenv("TIDINGS_RAW_HTML_DAYS", "200")
    assert prune_raw_html(store, now=now) == 0
    monkeypatch.delenv("TIDINGS_RAW_HTML_DAYS")
    assert prune_raw_html(store, now=now) == 1  # default: 90 days
    assert store.raw_html(world.article_id) is None
    assert store.get_article(world.article_id)["text"]  # the extracted text stays
    with store.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(article_html)).scalar() == 0


def test_housekeeping_restores_and_prunes_hourly(store):
    world = seed(store)
    filed = ops.file_complaint(store, {"kind": "copyright", "url": world.url}, now=T0)
    ops.take_down(store, filed["id"], "mo", now=T0)
    ops.file_counter_notice(store, {"url": world.url, "name": "P"}, now=T0)
    ops.accept_counter_notice(store, filed["id"], "mo", days=14, now=T0)
    with store.engine.begin() as conn:
        conn.execute(article_html.insert().values(article_id=world.other_id, html=b"x", fetched=T0))
    done = rights_housekeeping(store, T0 + timedelta(days=15))
    assert done["restored"] == 1 and done["raw_html_pruned"] == 0  # 15 days old: kept
    assert rights_housekeeping(store, T0 + timedelta(days=95))["raw_html_pruned"] == 1
    assert rights_housekeeping(store, T0 + timedelta(days=95, minutes=5))["raw_html_pruned"] == 0


def test_prune_raw_html_keeps_pages_fetched_after_the_cutoff(store):
    world = seed(store)
    with store.engine.begin() as conn:
        newer = store.insert_article(conn, Article(
            url="https://news.example/2026/dams", source_id=world.source_id, title="Dams hold",
            text="The dams held. " * 20, fetched=T0 + timedelta(days=50), lang="en", raw_html=b"<html>dams</html>"))
        conn.execute(article_html.update().where(article_html.c.article_id == newer)
                     .values(fetched=T0 + timedelta(days=50)))
    assert prune_raw_html(store, 90, now=T0 + timedelta(days=100)) == 1
    assert store.raw_html(world.article_id) is None
    assert store.raw_html(newer) == b"<html>dams</html>"
    assert prune_raw_html(store, 90, now=T0 + timedelta(days=100)) == 0
