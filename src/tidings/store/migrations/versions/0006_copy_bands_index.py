"""copy_bands: index (band_key, article_id), so that each band key's newest rows are read from
the index in order, however many rows the key has; and the indexes that let housekeeping find
old articles and their bands without reading whole tables (``articles.fetched``,
``copy_bands.article_id``)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_copy_bands_key_article", "copy_bands", ["band_key", "article_id"])
    op.drop_index("ix_copy_bands_key", table_name="copy_bands")
    op.create_index("ix_copy_bands_article", "copy_bands", ["article_id"])
    op.create_index("ix_articles_fetched", "articles", ["fetched"])


def downgrade() -> None:
    op.drop_index("ix_articles_fetched", table_name="articles")
    op.drop_index("ix_copy_bands_article", table_name="copy_bands")
    op.create_index("ix_copy_bands_key", "copy_bands", ["band_key"])
    op.drop_index("ix_copy_bands_key_article", table_name="copy_bands")
