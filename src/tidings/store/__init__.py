"""Storage: one interface over SQLite (embedded default) and PostgreSQL (scale-out).

>>> store = open_store("sqlite:///data/tidings.db")
>>> store.add_source("https://example.org/feed.xml")
"""
from __future__ import annotations

import sqlalchemy as sa

from .alerts import AlertQueries
from .articles import ArticleQueries
from .db import create_engine, database_url, migrate
from .facts import FactQueries
from .kv import KVQueries
from .rights import RightsQueries
from .search import SearchQueries
from .stories import StoryQueries
from .sources import SourceQueries, utcnow
from .views import ViewQueries

__all__ = ["Store", "open_store", "database_url", "utcnow"]


class Store(SourceQueries, ArticleQueries, StoryQueries, KVQueries, ViewQueries, SearchQueries, AlertQueries,
            RightsQueries, FactQueries):
    """All reads and writes of tidings go through this object."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def transaction(self):
        """A write transaction; on PostgreSQL, callers serialise story assignment with a lock."""
        return self.engine.begin()

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, upgrade: bool = True) -> Store:
    """Open (and by default migrate) the database at ``url`` or ``TIDINGS_DB``."""
    engine = create_engine(database_url(url))
    if upgrade:
        migrate(engine)
    return Store(engine)
