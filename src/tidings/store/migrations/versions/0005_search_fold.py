"""search at a million articles: a recent-articles index and time blocks on SQLite; on
PostgreSQL diacritics folded like SQLite's unicode61 (``unaccent``), words split like it, and a
GIN index without a pending list (predictable query time)

SQLite: ``articles_fts_recent`` indexes only the newest ``RECENT`` (or up to ``RECENT + STEP``)
articles, kept so by triggers; bm25 over it counts each term's documents among those (a few
milliseconds) instead of among all articles (up to 100 ms for a word in most of a million).
``articles_fts_blocks`` holds, per block of ``BLOCK`` ids, the range of article dates
(``COALESCE(published, fetched)``) so a date filter skips the blocks it cannot match.

The ``search`` column is rebuilt with the text search configuration ``tidings_fold``: the
``simple`` configuration (no stemming, the same words as FTS5 on SQLite) with ``unaccent``
in front when the extension can be created; the document is first cut into the alphanumeric
runs FTS5 sees (so ``example.com`` or ``e-mail`` are two words on both backends). FTS5 on
SQLite already folds diacritics (``remove_diacritics 2``).

Rewriting the column rewrites the articles table: on a large installation this takes a while
(about as long as the first indexing).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""
import logging

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

log = logging.getLogger(__name__)
CONFIG = "tidings_fold"
TOKEN_TYPES = "asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart"
# Characters FTS5's unicode61 treats as separators but PostgreSQL's parser keeps inside one
# token (hosts, e-mails, URLs, paths, versions, decimals, hyphenated words): made spaces first.
SEPARATORS = "-./@:?=~#_"
DOCUMENT = ("setweight(to_tsvector('{config}'::regconfig, translate(coalesce(title, ''), '{sep}', "
            "'{spaces}')), 'A') || setweight(to_tsvector('{config}'::regconfig, "
            "translate(coalesce(text, ''), '{sep}', '{spaces}')), 'B')")


def _column(config: str, separators: str | None, compression: str = "") -> list[str]:
    if separators is None:
        document = ("setweight(to_tsvector('simple'::regconfig, coalesce(title, '')), 'A') || "
                    "setweight(to_tsvector('simple'::regconfig, coalesce(text, '')), 'B')")
    else:
        document = DOCUMENT.format(config=config, sep=separators, spaces=" " * len(separators))
    return [
        "DROP INDEX IF EXISTS ix_articles_search",
        "ALTER TABLE articles DROP COLUMN IF EXISTS search",
        f"ALTER TABLE articles ADD COLUMN search tsvector {compression} GENERATED ALWAYS AS ({document}) STORED",
        "CREATE INDEX ix_articles_search ON articles USING gin (search) WITH (fastupdate = off)",
    ]


def _unaccent_available(bind) -> bool:
    """Create the ``unaccent`` extension if it is installed and we may; False otherwise."""
    if not bind.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'").first():
        return False
    try:
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS unaccent")
    except Exception as error:  # noqa: BLE001 - no privilege: search works, without folding
        log.warning("unaccent not created (%s): PostgreSQL search will not fold diacritics", error)
        return False
    return True


def _fast_compression(bind) -> str:
    """``COMPRESSION lz4`` when the server has it: ranking reads (decompresses) each candidate's
    vector, and lz4 decompresses several times faster than the default pglz."""
    found = bind.exec_driver_sql("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' "
                                 "AND 'lz4' = ANY(enumvals)").first()
    return "COMPRESSION lz4" if found else ""


RECENT, STEP, BLOCK = 50_000, 1_000, 4_096
RECENT_ROWS = "INSERT INTO articles_fts_recent(articles_fts_recent, rowid, title, text) "
SQLITE_UP = [
    """CREATE VIRTUAL TABLE articles_fts_recent USING fts5(
        title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2')""",
    "CREATE TABLE articles_fts_recent_lo (lo INTEGER NOT NULL)",
    f"INSERT INTO articles_fts_recent_lo (lo) SELECT max(0, coalesce(max(id), 0) - {RECENT}) FROM articles",
    """INSERT INTO articles_fts_recent(rowid, title, text) SELECT id, title, text FROM articles
       WHERE id > (SELECT lo FROM articles_fts_recent_lo)""",
    """CREATE TRIGGER articles_fts_recent_insert AFTER INSERT ON articles
       WHEN new.id > (SELECT lo FROM articles_fts_recent_lo) BEGIN
        INSERT INTO articles_fts_recent(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    f"""CREATE TRIGGER articles_fts_recent_prune AFTER INSERT ON articles
       WHEN new.id > (SELECT lo FROM articles_fts_recent_lo) + {RECENT + STEP} BEGIN
        {RECENT_ROWS} SELECT 'delete', id, title, text FROM articles
            WHERE id > (SELECT lo FROM articles_fts_recent_lo) AND id <= new.id - {RECENT};
        UPDATE articles_fts_recent_lo SET lo = new.id - {RECENT};
    END""",
    f"""CREATE TRIGGER articles_fts_recent_delete AFTER DELETE ON articles
       WHEN old.id > (SELECT lo FROM articles_fts_recent_lo) BEGIN
        {RECENT_ROWS} VALUES ('delete', old.id, old.title, old.text);
    END""",
    f"""CREATE TRIGGER articles_fts_recent_update AFTER UPDATE OF title, text ON articles
       WHEN old.id > (SELECT lo FROM articles_fts_recent_lo) BEGIN
        {RECENT_ROWS} VALUES ('delete', old.id, old.title, old.text);
        INSERT INTO articles_fts_recent(rowid, title, text) VALUES (new.id, new.title, new.text);
    END""",
    """CREATE TABLE articles_fts_blocks (block INTEGER PRIMARY KEY, lo TIMESTAMP NOT NULL,
       hi TIMESTAMP NOT NULL)""",
    f"""INSERT INTO articles_fts_blocks (block, lo, hi) SELECT id / {BLOCK},
       min(coalesce(published, fetched)), max(coalesce(published, fetched)) FROM articles GROUP BY id / {BLOCK}""",
    f"""CREATE TRIGGER articles_fts_blocks_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts_blocks (block, lo, hi)
        VALUES (new.id / {BLOCK}, coalesce(new.published, new.fetched), coalesce(new.published, new.fetched))
        ON CONFLICT (block) DO UPDATE SET lo = min(lo, excluded.lo), hi = max(hi, excluded.hi);
    END""",
    f"""CREATE TRIGGER articles_fts_blocks_update AFTER UPDATE OF published, fetched ON articles BEGIN
        INSERT INTO articles_fts_blocks (block, lo, hi)
        VALUES (new.id / {BLOCK}, coalesce(new.published, new.fetched), coalesce(new.published, new.fetched))
        ON CONFLICT (block) DO UPDATE SET lo = min(lo, excluded.lo), hi = max(hi, excluded.hi);
    END""",
]
SQLITE_DOWN = [
    "DROP TRIGGER articles_fts_blocks_update", "DROP TRIGGER articles_fts_blocks_insert",
    "DROP TABLE articles_fts_blocks", "DROP TRIGGER articles_fts_recent_update",
    "DROP TRIGGER articles_fts_recent_delete", "DROP TRIGGER articles_fts_recent_prune",
    "DROP TRIGGER articles_fts_recent_insert", "DROP TABLE articles_fts_recent_lo",
    "DROP TABLE articles_fts_recent",
]


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
        return
    op.execute(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = simple)")
    if _unaccent_available(bind):
        op.execute(f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR {TOKEN_TYPES} "
                   "WITH unaccent, simple")
    for statement in _column(CONFIG, SEPARATORS, _fast_compression(bind)):
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
        return
    for statement in _column("simple", None)[:3] + ["CREATE INDEX ix_articles_search ON articles USING gin (search)"]:
        op.execute(statement)
    op.execute(f"DROP TEXT SEARCH CONFIGURATION {CONFIG}")
