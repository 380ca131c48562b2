"""The audit log is append-only: the database refuses UPDATE and DELETE, the code has no such path."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from tidings.store.schema import audit_log

SRC = Path(__file__).parents[2] / "src" / "tidings"


def test_entries_are_appended_and_listed_newest_first(store):
    first = store.add_audit("ada", "user.login", "user:1", "")
    second = store.add_audit("ada", "complaint.take_down", "complaint:7", "valid")
    rows = store.list_audit()
    assert [r["id"] for r in rows] == [second, first]
    assert [r["action"] for r in store.list_audit(target="complaint:7")] == ["complaint.take_down"]
    assert [r["id"] for r in store.list_audit(before_id=second)] == [first]


@pytest.mark.parametrize("statement", [
    "UPDATE audit_log SET actor = 'mallory'",
    "DELETE FROM audit_log",
    "DELETE FROM audit_log WHERE id = 1",
])
def test_the_database_refuses_to_change_the_audit_log(store, statement):
    store.add_audit("ada", "user.login", "user:1", "")
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        with store.engine.begin() as conn:
            conn.exec_driver_sql(statement)
    with pytest.raises(sa.exc.DBAPIError, match="append-only"):
        with store.engine.begin() as conn:
            conn.execute(audit_log.update().values(details="rewritten"))
    [row] = store.list_audit()
    assert row["actor"] == "ada" and row["details"] == ""


def test_postgresql_also_refuses_truncate(pg_url):
    from tidings.store import open_store
    store = open_store(pg_url)
    try:
        store.add_audit("ada", "user.login")
        with pytest.raises(sa.exc.DBAPIError, match="append-only"):
            with store.engine.begin() as conn:
                conn.exec_driver_sql("TRUNCATE audit_log")
        assert len(store.list_audit()) == 1
    finally:
        store.close()


def test_no_code_updates_or_deletes_audit_entries():
    pattern = re.compile(r"audit_log\s*\.\s*(update|delete)\s*\(|(UPDATE|DELETE\s+FROM)\s+audit_log", re.I)
    offenders = [str(path) for path in SRC.rglob("*.py") if "migrations" not in path.parts
                 and pattern.search(path.read_text(encoding="utf-8"))]
    assert offenders == []
