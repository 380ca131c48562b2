"""trends at scale: each story's facts stored (``story_facts``) at the story's ``version``, and
the indexes the trend queries probe

``stories.version`` goes up with every change to a story's articles or their tags
(``touch_story``, ``move_tags``); ``story_facts`` holds what counting needs of a story (its
language, first date, main event, actors, places), computed at some version and rebuilt when
the story's has moved on. Upgrading leaves the table empty: the first trend read builds it.

``ix_tags_kind_name_article`` (replacing ``ix_tags_kind_name``) lets "has this tag" be checked
for an article with one index probe instead of reading every tag of that name, and finds the
articles of a tag without the table. ``ix_articles_story_trend`` (replacing
``ix_articles_story``) holds what the trend rows read of a story's articles, so neither backend
reads the article rows (on SQLite their text lies before these columns).

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

STORY_TREND = ["story_id", "status", "published", "fetched", "duplicate_of", "id"]


def upgrade() -> None:
    op.add_column("stories", sa.Column("version", sa.Integer, nullable=False, server_default="0"))
    op.create_table(
        "story_facts",
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("tagged", sa.Boolean, nullable=False),
        sa.Column("lang", sa.String(16), nullable=False, server_default=""),
        sa.Column("first", sa.DateTime(timezone=True)),
        sa.Column("main_event", sa.Text),
        sa.Column("actors", sa.Text, nullable=False, server_default="[]"),
        sa.Column("places", sa.Text, nullable=False, server_default="[]"),
    )
    op.create_index("ix_tags_kind_name_article", "tags", ["kind", "name", "article_id"])
    op.drop_index("ix_tags_kind_name", table_name="tags")
    op.create_index("ix_articles_story_trend", "articles", STORY_TREND)
    op.drop_index("ix_articles_story", table_name="articles")


def downgrade() -> None:
    op.create_index("ix_articles_story", "articles", ["story_id"])
    op.drop_index("ix_articles_story_trend", table_name="articles")
    op.create_index("ix_tags_kind_name", "tags", ["kind", "name"])
    op.drop_index("ix_tags_kind_name_article", table_name="tags")
    op.drop_table("story_facts")
    op.execute("ALTER TABLE stories DROP COLUMN version")  # SQLite 3.35+: no table rebuild
