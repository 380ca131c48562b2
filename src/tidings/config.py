"""Settings: defaults, then a TOML config file, then ``TIDINGS_*`` environment variables, then flags.

The config file is ``$TIDINGS_CONFIG`` or ``./tidings.toml`` when present::

    db = "sqlite:///data/tidings.db"
    host = "127.0.0.1"
    port = 8080
    [fetch]
    per_host = 2
    total_timeout = 60
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fetch.settings import FetchSettings

ENV = {
    "TIDINGS_DB": "db", "TIDINGS_HOST": "host", "TIDINGS_PORT": "port",
    "TIDINGS_EXCERPT_CHARS": "excerpt_chars", "TIDINGS_CONCURRENCY": "concurrency",
    "TIDINGS_WATCHLIST": "watchlist", "TIDINGS_LEASE_SECONDS": "lease_seconds",
    "TIDINGS_COPY_WINDOW_DAYS": "copy_window_days",
}


@dataclass
class Settings:
    """Everything a tidings process needs to know; every field has a sane default."""

    db: str = "sqlite:///data/tidings.db"
    host: str = "127.0.0.1"
    port: int = 8080
    excerpt_chars: int = 300
    concurrency: int = 16
    lease_seconds: int = 300  # a worker's hold on a source it polls; renewed every third of it
    watchlist: str = ""
    copy_window_days: int = 90  # copies are looked for among articles this recent; 0: all
    fetch: FetchSettings = field(default_factory=FetchSettings)

    @classmethod
    def load(cls, overrides: dict[str, Any] | None = None) -> "Settings":
        """Defaults, then the config file, then the environment, then ``overrides`` (flags)."""
        values, fetch_values = _read_config_file()
        for var, name in ENV.items():
            if var in os.environ:
                values[name] = os.environ[var]
        values.update({k: v for k, v in (overrides or {}).items() if v is not None})
        settings = cls(**{k: v for k, v in values.items() if k in cls.__dataclass_fields__ and k != "fetch"})
        settings.port = int(settings.port)
        settings.excerpt_chars = int(settings.excerpt_chars)
        settings.concurrency = int(settings.concurrency)
        settings.lease_seconds = max(int(settings.lease_seconds), 3)
        settings.copy_window_days = max(int(settings.copy_window_days), 0)
        settings.fetch = FetchSettings.from_env(fetch_values)
        return settings


def _read_config_file() -> tuple[dict[str, Any], dict[str, Any]]:
    path = Path(os.environ.get("TIDINGS_CONFIG", "tidings.toml"))
    if not path.is_file():
        if "TIDINGS_CONFIG" in os.environ:
            raise ValueError(f"config file not found: {path}")
        return {}, {}
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    fetch = data.pop("fetch", {})
    return data, fetch
