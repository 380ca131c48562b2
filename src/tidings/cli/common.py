"""Helpers shared by the sub-commands: opening the store, progress bars, JSON output."""
from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timezone
from typing import Any, TypeVar

from ..config import Settings
from ..store import Store, open_store

T = TypeVar("T")


class UsageError(Exception):
    """Bad usage detected after parsing (exit code 2)."""


def settings_for(args) -> Settings:
    return Settings.load({"db": getattr(args, "db", None), "host": getattr(args, "host", None),
                          "port": getattr(args, "port", None)})


def store_for(args) -> Store:
    return open_store(settings_for(args).db)


def progress(items: Iterable[T], *, total: int | None = None, label: str = "") -> Iterator[T]:
    """Iterate with a progress bar on a terminal, silently otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    from rich.progress import track
    yield from track(items, total=total, description=label, console=_stderr_console())


def _stderr_console():
    from rich.console import Console
    return Console(stderr=True)


def json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return None
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def dumps(value: Any, **kwargs: Any) -> str:
    return json.dumps(value, default=json_default, ensure_ascii=False, **kwargs)


def parse_date(text: str | None) -> datetime | None:
    """``YYYY-MM-DD`` or an ISO timestamp, as an aware UTC datetime."""
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"not a date: {text!r} (use YYYY-MM-DD)") from None
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
