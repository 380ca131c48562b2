"""Backups (SQLite online backup API, or ``pg_dump``) and the retention of raw HTML.

>>> backup(store, None)           # data/backup-20260302-080000.db next to the database
>>> prune_raw_html(store)         # drop raw HTML older than TIDINGS_RAW_HTML_DAYS (90)
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

from ..store.sources import utcnow
from .config import RightsSettings


def _stamp() -> str:
    return utcnow().strftime("%Y%m%d-%H%M%S")


def backup(store, out: str | os.PathLike | None = None) -> Path:
    """Write a consistent copy of the database to ``out`` (default ``data/backup-<time>.db|.sql``).

    SQLite uses the online backup API (safe while tidings runs) and gives a single database file;
    PostgreSQL runs ``pg_dump`` and gives a plain SQL script. Returns the path written.
    """
    if store.dialect == "sqlite":
        return _sqlite_backup(store, out)
    if store.dialect == "postgresql":
        return _pg_dump(store, out)
    raise RuntimeError(f"no backup for the {store.dialect} backend")


def _sqlite_backup(store, out) -> Path:
    database = store.engine.url.database
    if not database or database == ":memory:":
        raise RuntimeError("an in-memory database cannot be backed up")
    source = Path(database).resolve()
    target = Path(out) if out else source.parent / f"backup-{_stamp()}.db"
    if target.resolve() == source:
        raise RuntimeError("the backup would overwrite the database itself")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
        src.backup(dst, pages=4096)
        dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        if dst.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise RuntimeError("the backup failed its integrity check")
    src.close()
    dst.close()
    os.replace(partial, target)
    return target


def _pg_dump(store, out) -> Path:
    binary = shutil.which("pg_dump")
    if binary is None:
        raise RuntimeError("pg_dump is not installed (apt-get install postgresql-client)")
    target = Path(out) if out else Path("data") / f"backup-{_stamp()}.sql"
    target.parent.mkdir(parents=True, exist_ok=True)
    url = store.engine.url.set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dsn = url.set(password=None).render_as_string(hide_password=False)
    partial = target.with_name(target.name + ".partial")
    result = subprocess.run([binary, "--no-owner", "--no-privileges", "--format=plain", f"--file={partial}",
                             f"--dbname={dsn}"], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        partial.unlink(missing_ok=True)
        lines = (result.stderr or "").strip().splitlines()
        raise RuntimeError(f"pg_dump failed: {lines[-1] if lines else result.returncode}")
    os.replace(partial, target)
    return target


def prune_raw_html(store, older_than_days: int | None = None, *, now: datetime | None = None) -> int:
    """Delete raw HTML fetched more than ``older_than_days`` ago (``TIDINGS_RAW_HTML_DAYS``, 90).

    Extracted text and metadata stay; only ``tidings reprocess`` loses those pages. Returns the count.
    """
    days = RightsSettings.from_env().raw_html_days if older_than_days is None else older_than_days
    return store.prune_raw_html((now or utcnow()) - timedelta(days=days))
