"""Opening a database: engine set-up per backend, and migrations to the newest schema."""
from __future__ import annotations

import os
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

DEFAULT_URL = "sqlite:///data/tidings.db"
MIGRATIONS = Path(__file__).parent / "migrations"


def database_url(url: str | None = None) -> str:
    """The database URL from the argument, else ``TIDINGS_DB``, else the embedded default."""
    url = url or os.environ.get("TIDINGS_DB") or DEFAULT_URL
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def create_engine(url: str) -> sa.Engine:
    """An engine tuned for the backend: WAL and a busy timeout on SQLite, a pool on PostgreSQL.

    The PostgreSQL pool holds ``TIDINGS_DB_POOL_SIZE`` connections (default 5) and opens up to
    ``TIDINGS_DB_MAX_OVERFLOW`` more under load (default 10). A worker uses one or two at a time
    (its database work is sequential); ``serve`` uses one per concurrent request.
    """
    if url.startswith("sqlite"):
        _ensure_parent_dir(url)
        engine = sa.create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        sa.event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return sa.create_engine(url, pool_size=_env_int("TIDINGS_DB_POOL_SIZE", 5),
                            max_overflow=_env_int("TIDINGS_DB_MAX_OVERFLOW", 10),
                            pool_pre_ping=True, pool_recycle=1800,
                            connect_args={"application_name": "tidings", "connect_timeout": 10})


def upsert(conn: sa.Connection, table: sa.Table, rows: list[dict], keys: list[str]) -> None:
    """Insert ``rows``, updating the other columns of rows whose ``keys`` already exist.

    ``INSERT ... ON CONFLICT DO UPDATE`` on both backends, so concurrent writers of the same
    key never fail on the primary key.
    """
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = insert(table)
    changed = {name: statement.excluded[name] for name in rows[0] if name not in keys}
    conn.execute(statement.on_conflict_do_update(index_elements=keys, set_=changed), rows)


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None


def _ensure_parent_dir(url: str) -> None:
    path = url.split("///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def migrate(engine: sa.Engine) -> None:
    """Bring the schema to the newest revision (idempotent; safe with concurrent starters)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7130011)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
