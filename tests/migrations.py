"""Alembic steps on a test store's own connection (for tests that move one migration)."""
from __future__ import annotations

from alembic import command
from alembic.config import Config

from tidings.store.db import MIGRATIONS


def migrate(store, action: str, revision: str) -> None:
    """``action`` (``"upgrade"`` or ``"downgrade"``) ``store``'s database to ``revision``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, action)(config, revision)
