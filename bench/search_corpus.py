"""The synthetic search corpus of ``bench/search.py``, built on SQLite (a cached file) or on
PostgreSQL (a cached database), the same articles on both for a given size and seed.

Articles are ~600 made-up words drawn from a Zipf distribution over a synthetic vocabulary;
every 20th is a copy (no text), every 1,000th is taken down, ten languages, 200 sources, two
years of dates. SQLite: executemany in big transactions, the FTS index rebuilt once.
PostgreSQL: COPY in two parallel streams (the server computes the tsvector column), the GIN
index built once afterwards.
"""
from __future__ import annotations

import importlib.util
import queue
import sqlite3
import threading
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

import numpy as np
import sqlalchemy as sa
from rich.console import Console

from tidings.store import open_store
from tidings.store.db import MIGRATIONS

SYLLABLES = ("ka lo mi ne ru ta si vo de ba po ze gu fi ha jo ke wa ly mo ra te an el in "
             "or us ar en is on").split()
LANGS = ("en", "en", "en", "fr", "es", "de", "ar", "ru", "fa", "zh")
VOCABULARY = 60_000
ZIPF = 1.07
START = datetime(2024, 1, 1, tzinfo=timezone.utc)
CHUNK = 5_000
COLUMNS = ("id", "source_id", "url", "title", "text", "published", "fetched", "lang",
           "duplicate_of", "status", "primary_url")
READY = "bench.search.corpus"


def vocabulary(rng: np.random.Generator) -> np.ndarray:
    """Distinct made-up words, most frequent first."""
    words: dict[str, None] = {}
    while len(words) < VOCABULARY:
        words["".join(rng.choice(SYLLABLES, size=int(rng.integers(1, 5))))] = None
    return np.array(list(words), dtype=object)


def _zipf_cdf() -> np.ndarray:
    weights = 1.0 / np.arange(1, VOCABULARY + 1) ** ZIPF
    return np.cumsum(weights / weights.sum())


def _documents(rng, words, cdf, count: int, length: int) -> list[str]:
    picks = np.searchsorted(cdf, rng.random((count, length)))
    return [" ".join(row) for row in words[picks].tolist()]


def sources() -> list[tuple]:
    return [(i, f"https://source{i}.example/feed", f"Source {i}", LANGS[i % len(LANGS)], START)
            for i in range(1, 201)]


def chunks(n: int, seed: int) -> Iterator[list[tuple]]:
    """Rows (in ``COLUMNS`` order, times as aware datetimes) ``CHUNK`` at a time."""
    rng = np.random.default_rng(seed)
    words, cdf = vocabulary(rng), _zipf_cdf()
    for first in range(1, n + 1, CHUNK):
        count = min(CHUNK, n - first + 1)
        texts = _documents(rng, words, cdf, count, 600)
        titles = _documents(rng, words, cdf, count, 8)
        yield [_row(first + k, n, titles[k], texts[k]) for k in range(count)]


def _row(i: int, n: int, title: str, text: str) -> tuple:
    when = START + timedelta(seconds=int(i * 63_072_000 / n))
    copy = i % 20 == 0 and i > 1
    site = f"https://source{1 + i % 200}.example/a/"
    return (i, 1 + i % 200, f"{site}{i}", title.capitalize(), None if copy else text, when, when,
            LANGS[i % len(LANGS)], i - 1 if copy else None, "removed" if i % 1000 == 7 else "ok",
            f"{site}{i - 1 if copy else i}")


def _progress(console: Console, done: int, n: int, started: float) -> None:
    if done % (CHUNK * 20) == 0 or done == n:
        console.print(f"  {done:,}/{n:,} articles, {time.perf_counter() - started:.0f} s")


def build_sqlite(path: Path, n: int, *, seed: int, console: Console) -> None:
    """Create the corpus database at ``path`` through the real schema, FTS rebuilt once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    open_store(f"sqlite:///{path}").close()
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE name='articles_fts_insert'").fetchone()[0]
    db.execute("DROP TRIGGER articles_fts_insert")
    with db:
        db.executemany("INSERT INTO sources (id, url, title, lang, added_at) VALUES (?,?,?,?,?)",
                       [s[:4] + (_sqlite_time(s[4]),) for s in sources()])
    started, done = time.perf_counter(), 0
    insert = f"INSERT INTO articles ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    for rows in chunks(n, seed):
        with db:
            db.executemany(insert, [r[:5] + (_sqlite_time(r[5]), _sqlite_time(r[6])) + r[7:] for r in rows])
        done += len(rows)
        _progress(console, done, n, started)
    console.print("  rebuilding the FTS index…")
    with db:
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')")
        db.execute(trigger)
    with db:
        db.execute("INSERT INTO articles_fts(articles_fts) VALUES ('optimize')")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("ANALYZE")
    db.close()
    console.print(f"  built in {time.perf_counter() - started:.0f} s; {path.stat().st_size / 1e9:.2f} GB")


def _sqlite_time(when: datetime) -> str:
    return when.replace(tzinfo=None).isoformat(sep=" ")


def postgres_ready(url: str) -> bool:
    """True when the database at ``url`` holds a finished corpus."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.exec_driver_sql("SELECT 1 FROM kv WHERE key = %(k)s", {"k": READY}).first() is not None
    except sa.exc.DBAPIError:
        return False
    finally:
        engine.dispose()


def build_postgres(url: str, n: int, *, seed: int, console: Console, streams: int = 2) -> None:
    """Fill the (empty, freshly created) database at ``url`` with the corpus."""
    open_store(url).close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_articles_search")
        conn.exec_driver_sql("ALTER TABLE articles DISABLE TRIGGER articles_fts_recent_change")
        conn.exec_driver_sql("INSERT INTO sources (id, url, title, lang, added_at) "
                             "VALUES (%s, %s, %s, %s, %s)", sources())
    started = time.perf_counter()
    work: queue.Queue = queue.Queue(maxsize=streams * 2)
    errors: list[BaseException] = []
    writers = [threading.Thread(target=_copy_rows, args=(engine, work, errors)) for _ in range(streams)]
    for writer in writers:
        writer.start()
    done = 0
    for rows in chunks(n, seed):
        if errors:
            break
        work.put(rows)
        done += len(rows)
        _progress(console, done, n, started)
    for _ in writers:
        work.put(None)
    for writer in writers:
        writer.join()
    if errors:
        raise errors[0]
    console.print("  building the GIN index, analysing…")
    _finish_postgres(engine)
    engine.dispose()
    console.print(f"  built in {time.perf_counter() - started:.0f} s")


def _copy_rows(engine: sa.Engine, work: queue.Queue, errors: list[BaseException]) -> None:
    """One COPY stream: take chunks of rows from ``work`` until None."""
    try:
        with engine.begin() as conn:
            cursor = conn.connection.dbapi_connection.cursor()
            cursor.execute("SET synchronous_commit = off")
            with cursor.copy(f"COPY articles ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                while (rows := work.get()) is not None:
                    for row in rows:
                        copy.write_row(row)
    except BaseException as error:  # noqa: BLE001 - reported by the caller
        errors.append(error)
        while work.get() is not None:
            pass


def _fill_recent(conn: sa.Connection) -> None:
    """The recent articles' table (migration 0007), filled once after COPY as the migration
    does (its trigger was off), then the trigger back on."""
    recent = _migration("0007_search_recent_postgres")
    conn.exec_driver_sql("DROP INDEX ix_articles_fts_recent")
    conn.exec_driver_sql("UPDATE articles_fts_recent_lo SET lo = "
                         f"(SELECT greatest(0, max(id) - {recent.RECENT}) FROM articles)")
    conn.exec_driver_sql(recent.FILL)
    conn.exec_driver_sql(recent.GIN)
    conn.exec_driver_sql("ALTER TABLE articles ENABLE TRIGGER articles_fts_recent_change")


def _migration(name: str):
    path = Path(MIGRATIONS) / "versions" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"migration_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _finish_postgres(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("SET maintenance_work_mem = '1GB'")
        conn.exec_driver_sql("CREATE INDEX ix_articles_search ON articles USING gin (search) "
                             "WITH (fastupdate = off)")
        conn.exec_driver_sql("SELECT setval('articles_id_seq', (SELECT max(id) FROM articles))")
        _fill_recent(conn)
        conn.exec_driver_sql("INSERT INTO kv (key, value) VALUES (%(k)s, 'ready')", {"k": READY})
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE articles")
