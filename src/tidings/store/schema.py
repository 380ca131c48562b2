"""The one schema, as SQLAlchemy Core tables, shared by the SQLite and PostgreSQL backends.

Alembic migrations in ``migrations/`` create and evolve it; code reads and writes through these
table objects only, so every statement is parameterised.
"""
from __future__ import annotations

import sqlalchemy as sa

from datetime import datetime, timezone


class UTCDateTime(sa.types.TypeDecorator):
    """Aware UTC datetimes on both backends (SQLite keeps no zone, so we store naive UTC)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


metadata = sa.MetaData()
TS = UTCDateTime()


def _now_column(name: str) -> sa.Column:
    return sa.Column(name, TS, nullable=False)


sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("site_url", sa.Text, nullable=False, server_default=""),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("kind", sa.String(16), nullable=False, server_default="feed"),
    sa.Column("lang", sa.String(16), nullable=False, server_default=""),
    sa.Column("category", sa.Text, nullable=False, server_default=""),
    sa.Column("enabled", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("blocked", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("is_aggregator", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("item_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("copy_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("infringements", sa.Integer, nullable=False, server_default="0"),
    sa.Column("etag", sa.Text),
    sa.Column("last_modified", sa.Text),
    sa.Column("last_fetch", TS),
    sa.Column("last_success", TS),
    sa.Column("last_status", sa.Integer),
    sa.Column("last_error", sa.Text, nullable=False, server_default=""),
    sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("poll_interval", sa.Integer, nullable=False, server_default="3600"),
    sa.Column("next_poll", TS),
    sa.Column("lease_owner", sa.Text),
    sa.Column("lease_until", TS),
    _now_column("added_at"),
)
sa.Index("ix_sources_next_poll", sources.c.next_poll)

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("lang", sa.String(16), nullable=False, server_default=""),
    sa.Column("first_seen", TS),
    sa.Column("last_seen", TS),
    sa.Column("first_published", TS),
    sa.Column("article_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("source_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("closed", sa.Boolean, nullable=False, server_default=sa.false()),
    # added by migration 0008: goes up with every change to the story's articles or their tags
    # (``touch_story``, ``move_tags``), so stored ``story_facts`` know when they are stale
    sa.Column("version", sa.Integer, nullable=False, server_default="0"),
)
sa.Index("ix_stories_last_seen", stories.c.last_seen)

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="SET NULL")),
    sa.Column("url", sa.Text, nullable=False, unique=True),
    sa.Column("canonical_url", sa.Text, nullable=False, server_default=""),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("summary", sa.Text, nullable=False, server_default=""),
    # NULL for a copy: its text is the original's (see duplicate_of).
    sa.Column("text", sa.Text),
    sa.Column("author", sa.Text, nullable=False, server_default=""),
    sa.Column("published", TS),
    sa.Column("modified", TS),
    _now_column("fetched"),
    sa.Column("lang", sa.String(16), nullable=False, server_default=""),
    sa.Column("image", sa.Text, nullable=False, server_default=""),
    sa.Column("credit_url", sa.Text, nullable=False, server_default=""),
    sa.Column("feed_only", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("content_hash", sa.String(64), nullable=False, server_default=""),
    sa.Column("minhash", sa.LargeBinary),
    sa.Column("duplicate_of", sa.Integer, sa.ForeignKey("articles.id", ondelete="SET NULL")),
    sa.Column("primary_url", sa.Text, nullable=False, server_default=""),
    sa.Column("copy_diff", sa.Text, nullable=False, server_default=""),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="SET NULL")),
    sa.Column("nosnippet", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("max_snippet", sa.Integer),
    sa.Column("word_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("status", sa.String(16), nullable=False, server_default="ok"),
)
sa.Index("ix_articles_canonical", articles.c.canonical_url)
sa.Index("ix_articles_hash", articles.c.content_hash)
sa.Index("ix_articles_dup", articles.c.duplicate_of)
# migration 0008: the story's articles with what trends read of them, without the table row
sa.Index("ix_articles_story_trend", articles.c.story_id, articles.c.status, articles.c.published,
         articles.c.fetched, articles.c.duplicate_of, articles.c.id)
sa.Index("ix_articles_published", articles.c.published)
sa.Index("ix_articles_fetched", articles.c.fetched)
sa.Index("ix_articles_source", articles.c.source_id, articles.c.id)

article_html = sa.Table(
    "article_html", metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("html", sa.LargeBinary, nullable=False),  # zlib-compressed UTF-8
    _now_column("fetched"),
)

copy_bands = sa.Table(
    "copy_bands", metadata,
    sa.Column("band_key", sa.BigInteger, nullable=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
)
sa.Index("ix_copy_bands_key_article", copy_bands.c.band_key, copy_bands.c.article_id)
sa.Index("ix_copy_bands_article", copy_bands.c.article_id)

tags = sa.Table(
    "tags", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("actor", sa.Text),
    sa.Column("evidence", sa.Text, nullable=False, server_default=""),
    sa.Column("country", sa.String(8), nullable=False, server_default=""),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
)
sa.Index("ix_tags_kind_name_article", tags.c.kind, tags.c.name, tags.c.article_id)  # 0008
sa.Index("ix_tags_article", tags.c.article_id)

# added by migration 0008: what trends need of a story, derived from its visible originals'
# tags (``trends.events.story_facts``) at the story's ``version``; rebuilt when that moved on
story_facts = sa.Table(
    "story_facts", metadata,
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("tagged", sa.Boolean, nullable=False),  # false: no visible original has a tag
    sa.Column("lang", sa.String(16), nullable=False, server_default=""),
    sa.Column("first", TS),
    sa.Column("main_event", sa.Text),
    sa.Column("actors", sa.Text, nullable=False, server_default="[]"),  # JSON list of names
    sa.Column("places", sa.Text, nullable=False, server_default="[]"),
)

site_blocks = sa.Table(
    "site_blocks", metadata,
    sa.Column("host", sa.Text, primary_key=True),
    sa.Column("block_hash", sa.BigInteger, primary_key=True),
    sa.Column("pages", sa.Integer, nullable=False, server_default="0"),
    # page ordinals of the host (1, 2, 3... as its pages were learned), not times
    sa.Column("first_seen", sa.Integer, nullable=False, server_default="0"),
    sa.Column("last_seen", sa.Integer, nullable=False, server_default="0"),
)

kv = sa.Table(
    "kv", metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("updated", TS),
)

users = sa.Table(
    "users", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("username", sa.String(100), nullable=False, unique=True),
    sa.Column("password_hash", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False, server_default="admin"),
    sa.Column("email", sa.Text, nullable=False, server_default=""),
    sa.Column("disabled", sa.Boolean, nullable=False, server_default=sa.false()),
    _now_column("created_at"),
)

api_tokens = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.Text, nullable=False, server_default=""),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    _now_column("created_at"),
    sa.Column("last_used", TS),
)

login_attempts = sa.Table(
    "login_attempts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(200), nullable=False),
    _now_column("at"),
    sa.Column("ok", sa.Boolean, nullable=False),
)
sa.Index("ix_login_attempts_key", login_attempts.c.key, login_attempts.c.at)

complaints = sa.Table(
    "complaints", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("kind", sa.String(32), nullable=False),
    sa.Column("status", sa.String(32), nullable=False, server_default="open"),
    _now_column("received_at"),
    _now_column("deadline"),
    sa.Column("url", sa.Text, nullable=False, server_default=""),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="SET NULL")),
    sa.Column("work", sa.Text, nullable=False, server_default=""),
    sa.Column("name", sa.Text, nullable=False, server_default=""),
    sa.Column("email", sa.Text, nullable=False, server_default=""),
    sa.Column("contact", sa.Text, nullable=False, server_default=""),
    sa.Column("details", sa.Text, nullable=False, server_default=""),
    sa.Column("good_faith", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("accuracy", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("signature", sa.Text, nullable=False, server_default=""),
    sa.Column("resolution", sa.Text, nullable=False, server_default=""),
    sa.Column("acted_at", TS),
    sa.Column("counter_notice", sa.Text, nullable=False, server_default=""),
    sa.Column("counter_at", TS),
    sa.Column("restore_after", TS),
    # added by migration 0003 (rights desk)
    sa.Column("address", sa.Text, nullable=False, server_default=""),
    sa.Column("phone", sa.Text, nullable=False, server_default=""),
)
sa.Index("ix_complaints_deadline", complaints.c.status, complaints.c.deadline)

# added by migration 0003: one row per rate-limited public action (complaint, counter-notice)
rate_events = sa.Table(
    "rate_events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.String(200), nullable=False),
    _now_column("at"),
)
sa.Index("ix_rate_events_key", rate_events.c.key, rate_events.c.at)

blocked_urls = sa.Table(
    "blocked_urls", metadata,
    sa.Column("url", sa.Text, primary_key=True),
    sa.Column("complaint_id", sa.Integer, sa.ForeignKey("complaints.id", ondelete="SET NULL")),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    _now_column("at"),
)

audit_log = sa.Table(
    "audit_log", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    _now_column("at"),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target", sa.Text, nullable=False, server_default=""),
    sa.Column("details", sa.Text, nullable=False, server_default=""),
)

comments = sa.Table(
    "comments", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    sa.Column("author", sa.String(100), nullable=False, server_default=""),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("ip_hash", sa.String(64), nullable=False, server_default=""),
    sa.Column("status", sa.String(16), nullable=False, server_default="pending"),
    sa.Column("spam_score", sa.Float, nullable=False, server_default="0"),
    _now_column("created_at"),
)
sa.Index("ix_comments_story", comments.c.story_id, comments.c.status)

bans = sa.Table(
    "bans", metadata,
    sa.Column("ip_hash", sa.String(64), primary_key=True),
    sa.Column("reason", sa.Text, nullable=False, server_default=""),
    _now_column("at"),
    sa.Column("until", TS),
)

alerts = sa.Table(
    "alerts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("query", sa.Text, nullable=False),
    sa.Column("webhook", sa.Text, nullable=False, server_default=""),
    sa.Column("email", sa.Text, nullable=False, server_default=""),
    sa.Column("digest", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete="CASCADE")),
    _now_column("created_at"),
    sa.Column("last_run", TS),
)

alert_hits = sa.Table(
    "alert_hits", metadata,
    sa.Column("alert_id", sa.Integer, sa.ForeignKey("alerts.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    _now_column("at"),
    sa.Column("sent", sa.Boolean, nullable=False, server_default=sa.false()),
)
