"""search at a million articles on PostgreSQL: the newest articles' vectors in a small table with
its own GIN index, article dates indexed by block of ids, articles indexed by language (SQLite
has the first two since 0005)

``articles_fts_recent`` holds, for the articles with ``id > lo`` (``articles_fts_recent_lo``,
about the newest ``RECENT``), the columns search filters on and the ``search`` vector, kept so
by a trigger on ``articles`` (inserts, updates, deletes; every ``STEP`` articles the oldest are
pruned, by one transaction at a time). A word in most of a million articles has a posting list
of a million entries in the GIN index of ``articles`` (~0.1 s to read); in this table's index
at most ``RECENT``, and its matches are checked in a narrow table. Like SQLite's
``articles_fts*`` tables it is derived from ``articles``: ``tidings migrate`` leaves it out
and the target's trigger fills it.

``ix_articles_date_block`` indexes ``(id / BLOCK, COALESCE(published, fetched))``: a date filter
finds the lowest and highest blocks of ids holding a matching date with one index probe per
block, so the search only looks at ids in between. ``ix_articles_lang`` (``lang, id``) finds a
language's articles newest first, or combines with the full-text index.

Nothing changes on SQLite. Upgrading copies the newest articles' vectors and indexes every
article twice (about a minute at a million articles).

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25
"""
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

RECENT, STEP, BLOCK = 50_000, 1_000, 4_096
PRUNE_LOCK = 7130012  # pg_advisory lock key: one pruning transaction at a time
COLUMNS = "id, source_id, lang, published, fetched, status, duplicate_of, search"
NEW_ROW = ", ".join(f"NEW.{name}" for name in COLUMNS.split(", "))
UPDATED = ", ".join(f"{name} = NEW.{name}" for name in COLUMNS.split(", ")[1:])
FILL = f"""INSERT INTO articles_fts_recent ({COLUMNS}) SELECT {COLUMNS} FROM articles
    WHERE id > (SELECT lo FROM articles_fts_recent_lo)"""
GIN = """CREATE INDEX ix_articles_fts_recent ON articles_fts_recent USING gin (search)
    WITH (fastupdate = off)"""


def sync_function(recent: int = RECENT, step: int = STEP) -> str:
    """The trigger function keeping ``articles_fts_recent`` (``recent`` and ``step`` are
    parameters for tests, which replace it with a small one)."""
    return f"""CREATE OR REPLACE FUNCTION articles_fts_recent_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        bound integer;
    BEGIN
        IF TG_OP = 'DELETE' THEN
            DELETE FROM articles_fts_recent WHERE id = OLD.id;
            RETURN NULL;
        END IF;
        SELECT lo INTO bound FROM articles_fts_recent_lo;
        IF NEW.id <= bound THEN
            RETURN NULL;
        END IF;
        IF TG_OP = 'UPDATE' THEN
            UPDATE articles_fts_recent SET {UPDATED} WHERE id = NEW.id;
            RETURN NULL;
        END IF;
        INSERT INTO articles_fts_recent ({COLUMNS}) VALUES ({NEW_ROW})
            ON CONFLICT (id) DO UPDATE SET {UPDATED.replace("NEW.", "excluded.")};
        IF NEW.id > bound + {recent + step} THEN
            IF pg_try_advisory_xact_lock({PRUNE_LOCK}) THEN
                UPDATE articles_fts_recent_lo SET lo = greatest(lo, NEW.id - {recent});
                DELETE FROM articles_fts_recent WHERE id <= NEW.id - {recent};
            END IF;
        END IF;
        RETURN NULL;
    END $$"""


POSTGRES_UP = [
    """CREATE TABLE articles_fts_recent (
        id integer PRIMARY KEY, source_id integer, lang varchar(16) NOT NULL,
        published timestamptz, fetched timestamptz NOT NULL, status varchar(16) NOT NULL,
        duplicate_of integer, search tsvector NOT NULL)""",
    "CREATE TABLE articles_fts_recent_lo (lo integer NOT NULL)",
    f"INSERT INTO articles_fts_recent_lo (lo) SELECT greatest(0, coalesce(max(id), 0) - {RECENT}) FROM articles",
    FILL,
    GIN,
    "CREATE INDEX ix_articles_fts_recent_source ON articles_fts_recent (source_id, id)",
    "CREATE INDEX ix_articles_fts_recent_lang ON articles_fts_recent (lang, id)",
    "ANALYZE articles_fts_recent",
    sync_function(),
    """CREATE TRIGGER articles_fts_recent_change AFTER INSERT OR DELETE ON articles
        FOR EACH ROW EXECUTE FUNCTION articles_fts_recent_sync()""",
    """CREATE TRIGGER articles_fts_recent_update AFTER UPDATE OF source_id, lang, published,
        fetched, status, duplicate_of, title, text ON articles
        FOR EACH ROW EXECUTE FUNCTION articles_fts_recent_sync()""",
    """CREATE FUNCTION articles_fts_recent_clear() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        DELETE FROM articles_fts_recent;
        UPDATE articles_fts_recent_lo SET lo = 0;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER articles_fts_recent_truncate AFTER TRUNCATE ON articles
        FOR EACH STATEMENT EXECUTE FUNCTION articles_fts_recent_clear()""",
    f"CREATE INDEX ix_articles_date_block ON articles ((id / {BLOCK}), (COALESCE(published, fetched)))",
    "CREATE INDEX ix_articles_lang ON articles (lang, id)",
]
POSTGRES_DOWN = [
    "DROP INDEX ix_articles_lang",
    "DROP INDEX ix_articles_date_block",
    "DROP TRIGGER articles_fts_recent_truncate ON articles",
    "DROP FUNCTION articles_fts_recent_clear()",
    "DROP TRIGGER articles_fts_recent_update ON articles",
    "DROP TRIGGER articles_fts_recent_change ON articles",
    "DROP FUNCTION articles_fts_recent_sync()",
    "DROP TABLE articles_fts_recent_lo",
    "DROP TABLE articles_fts_recent",
]


def _fast_compression(bind) -> str | None:
    """``lz4`` when the server has it (the vectors are read back to rank, see migration 0005)."""
    found = bind.exec_driver_sql("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                                 "AND 'lz4' = ANY(enumvals)").first()
    return "lz4" if found else None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(POSTGRES_UP[0])
    if _fast_compression(bind):
        op.execute("ALTER TABLE articles_fts_recent ALTER COLUMN search SET COMPRESSION lz4")
    for statement in POSTGRES_UP[1:]:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in POSTGRES_DOWN:
        op.execute(statement)
