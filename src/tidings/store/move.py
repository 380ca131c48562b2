"""Moving an installation to another database: ``tidings migrate --from URL --to URL``.

>>> move("sqlite:///data/tidings.db", "postgresql://tidings@db/tidings", progress=progress)
{'sources': (120, '9f0c...'), 'articles': (48211, '31ab...'), ...}

The target gets the schema through the same migrations as any new database, must hold no
rows, and receives every table in dependency order, in batches, inside one transaction: a
failure leaves it empty. Then PostgreSQL's id sequences are moved past the copied ids, and
each table is checked by row count and checksum on both sides (a checksum of the rows' values
as Python sees them, so it is the same on SQLite and PostgreSQL); any difference aborts the
move with the table named. Stop every tidings process writing to the source first.
"""
from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone
from itertools import islice
from typing import Any

import sqlalchemy as sa

from .db import create_engine, database_url, migrate
from .schema import metadata

BATCH = 1000
Progress = Callable[..., Iterable[Any]]
# tables the migrations make besides the schema's: Alembic's own, SQLite's full-text index
INTERNAL = ("alembic_version", "articles_fts", "sqlite_")


class MoveError(Exception):
    """The move cannot start, or its result differs from the source."""


def move(src_url: str, dst_url: str, progress: Progress | None = None,
         batch: int = BATCH) -> dict[str, tuple[int, str]]:
    """Copy every table from ``src_url`` to the empty database at ``dst_url``.

    Returns ``{table: (rows, checksum)}``, verified equal on both sides. ``progress`` wraps an
    iterable as ``progress(items, total=, label=)`` (e.g. a progress bar). Raises
    :class:`MoveError` when the target has rows, the source has tables this version does not
    know, or a count or checksum differs after the copy (the target is then left empty).
    """
    src_url, dst_url = database_url(src_url), database_url(dst_url)
    if _same_database(src_url, dst_url):
        raise MoveError("--from and --to name the same database")
    source, target = create_engine(src_url), create_engine(dst_url)
    try:
        migrate(source)
        migrate(target)
        _check_source_tables(source)
        _check_target_empty(target)
        with source.connect() as reader, target.begin() as writer:
            for table in metadata.sorted_tables:
                _copy_table(reader, writer, table, progress, batch)
            reset_sequences(writer)
            return verify(reader, writer)
    finally:
        source.dispose()
        target.dispose()


def verify(reader: sa.Connection, writer: sa.Connection) -> dict[str, tuple[int, str]]:
    """Counts and checksums of every table on both connections; raises on any difference."""
    report: dict[str, tuple[int, str]] = {}
    for table in metadata.sorted_tables:
        expected, found = table_checksum(reader, table), table_checksum(writer, table)
        if expected != found:
            raise MoveError(f"table {table.name} differs after the copy: source has {expected[0]} rows "
                            f"(checksum {expected[1]}), target {found[0]} (checksum {found[1]}); "
                            "the target was left empty")
        report[table.name] = expected
    return report


def table_checksum(conn: sa.Connection, table: sa.Table) -> tuple[int, str]:
    """``(rows, checksum)`` of a table, independent of backend and row order.

    Each row's values are written out canonically (UTC ISO times, ``repr`` of floats, bytes
    as hex, NUL characters dropped from text as PostgreSQL cannot hold them) and hashed; the
    checksum is the sum of the row hashes modulo 2**128.
    """
    total, count = 0, 0
    for row in _stream(conn, sa.select(*table.columns)):
        digest = hashlib.sha256(_canonical(row).encode("utf-8", "surrogatepass")).digest()
        total = (total + int.from_bytes(digest[:16], "big")) % (1 << 128)
        count += 1
    return count, f"{total:032x}"


def reset_sequences(conn: sa.Connection) -> None:
    """Move each PostgreSQL id sequence past the largest id in its table (no-op on SQLite)."""
    if conn.dialect.name != "postgresql":
        return
    for table in metadata.sorted_tables:
        for column in _serial_columns(table):
            conn.execute(sa.text(
                f"SELECT setval(pg_get_serial_sequence(:table, :column), "
                f"(SELECT coalesce(max({_quote(conn, column.name)}), 0) + 1 FROM {_quote(conn, table.name)}), "
                f"false)"), {"table": table.name, "column": column.name})


def _copy_table(reader: sa.Connection, writer: sa.Connection, table: sa.Table,
                progress: Progress | None, batch: int) -> None:
    """Insert the table's rows in batches; columns referring to the same table (an article's
    ``duplicate_of``) are filled in afterwards, as the row they point to may come later."""
    count = reader.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
    rows: Iterable[dict] = (dict(row._mapping) for row in _stream(reader, sa.select(*table.columns)))
    if progress is not None:
        rows = progress(rows, total=count, label=f"copying {table.name}")
    selfrefs = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    clean = _clean_text if writer.dialect.name == "postgresql" else (lambda row: row)
    later: list[dict] = []
    for chunk in _chunks(rows, batch):
        chunk = [clean(row) for row in chunk]
        for row in chunk:
            links = {name: row[name] for name in selfrefs if row[name] is not None}
            if links:
                later.append({"key": _key(table, row), **links})
                row.update({name: None for name in links})
        writer.execute(table.insert(), chunk)
    _link_rows(writer, table, later, batch)


def _link_rows(writer: sa.Connection, table: sa.Table, later: list[dict], batch: int) -> None:
    if not later:
        return
    pk = list(table.primary_key.columns)[0]
    for name in {name for row in later for name in row if name != "key"}:
        statement = (table.update().where(pk == sa.bindparam("key"))
                     .values({name: sa.bindparam(f"new_{name}")}))
        params = [{"key": row["key"], f"new_{name}": row[name]} for row in later if name in row]
        for start in range(0, len(params), batch):
            writer.execute(statement, params[start:start + batch])


def _key(table: sa.Table, row: dict) -> Any:
    columns = list(table.primary_key.columns)
    if len(columns) != 1:
        raise MoveError(f"table {table.name} refers to itself but has no single-column key")
    return row[columns[0].name]


def _stream(conn: sa.Connection, query: sa.Select) -> Iterator[sa.Row]:
    result = conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
    yield from result


def _chunks(items: Iterable[dict], size: int) -> Iterator[list[dict]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _canonical(row: sa.Row) -> str:
    return "\x1f".join(_value(value) for value in row)


def _value(value: Any) -> str:
    if value is None:
        return "\x00N"
    if isinstance(value, bool):
        return "T" if value else "F"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).isoformat()
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    if isinstance(value, str):
        return value.replace("\x00", "")
    return str(value)


def _clean_text(row: dict) -> dict:
    """PostgreSQL text cannot hold NUL characters: drop them (the checksum ignores them too)."""
    return {k: v.replace("\x00", "") if isinstance(v, str) and "\x00" in v else v for k, v in row.items()}


def _serial_columns(table: sa.Table) -> list[sa.Column]:
    columns = list(table.primary_key.columns)
    if len(columns) == 1 and isinstance(columns[0].type, sa.Integer) and not columns[0].foreign_keys:
        return columns
    return []


def _quote(conn: sa.Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)


def _check_source_tables(engine: sa.Engine) -> None:
    known = set(metadata.tables)
    names = sa.inspect(engine).get_table_names()
    unknown = sorted(n for n in names if n not in known and not n.startswith(INTERNAL))
    if unknown:
        raise MoveError(f"the source has tables this version of tidings does not know: {', '.join(unknown)}")


def _check_target_empty(engine: sa.Engine) -> None:
    with engine.connect() as conn:
        filled = [table.name for table in metadata.sorted_tables
                  if conn.execute(sa.select(sa.literal(1)).select_from(table).limit(1)).first() is not None]
    if filled:
        raise MoveError(f"the target database is not empty (rows in {', '.join(filled)}); "
                        "migrate into a new, empty database")


def _same_database(a: str, b: str) -> bool:
    return sa.make_url(a).render_as_string(hide_password=False) == sa.make_url(b).render_as_string(
        hide_password=False)
