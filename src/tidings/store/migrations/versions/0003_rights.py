"""rights desk: complainant address and phone, rate events, an append-only audit log

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24
"""
from alembic import op
import sqlalchemy as sa

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SQLITE_TRIGGERS = [
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END""",
]
SQLITE_DROP = ["DROP TRIGGER audit_log_no_delete", "DROP TRIGGER audit_log_no_update"]
POSTGRES_TRIGGERS = [
    """CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""",
    """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
]
POSTGRES_DROP = [
    "DROP TRIGGER audit_log_no_truncate ON audit_log", "DROP TRIGGER audit_log_no_change ON audit_log",
    "DROP FUNCTION audit_log_append_only()",
]


def _run(statements: list[str]) -> None:
    for statement in statements:
        op.execute(statement)


def upgrade() -> None:
    op.add_column("complaints", sa.Column("address", sa.Text(), server_default="", nullable=False))
    op.add_column("complaints", sa.Column("phone", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "rate_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rate_events_key", "rate_events", ["key", "at"], unique=False)
    _run(SQLITE_TRIGGERS if op.get_bind().dialect.name == "sqlite" else POSTGRES_TRIGGERS)


def downgrade() -> None:
    _run(SQLITE_DROP if op.get_bind().dialect.name == "sqlite" else POSTGRES_DROP)
    op.drop_index("ix_rate_events_key", table_name="rate_events")
    op.drop_table("rate_events")
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("phone")
        batch.drop_column("address")
