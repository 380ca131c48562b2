"""Migration 0003 goes up and down cleanly on both backends."""
from __future__ import annotations

import sqlalchemy as sa

from tests.migrations import migrate


def test_0003_downgrades_and_upgrades(store):
    store.add_audit("ada", "user.login")
    migrate(store, "downgrade", "0002")
    inspector = sa.inspect(store.engine)
    assert "rate_events" not in inspector.get_table_names()
    assert "address" not in {c["name"] for c in inspector.get_columns("complaints")}
    with store.engine.begin() as conn:  # no trigger any more
        conn.exec_driver_sql("DELETE FROM audit_log")
    migrate(store, "upgrade", "head")
    assert "rate_events" in sa.inspect(store.engine).get_table_names()
    store.add_audit("ada", "user.login")
    assert len(store.list_audit()) == 1
