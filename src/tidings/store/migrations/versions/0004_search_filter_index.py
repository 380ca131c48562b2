"""search filters: a covering index so SQLite checks status/copy/lang/source/date without
reading whole article rows (their text spills into overflow pages)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SQLITE_UP = ["""CREATE INDEX IF NOT EXISTS ix_articles_search_filter ON articles
                (id, status, duplicate_of, lang, source_id, published, fetched)"""]
SQLITE_DOWN = ["DROP INDEX IF EXISTS ix_articles_search_filter"]


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
