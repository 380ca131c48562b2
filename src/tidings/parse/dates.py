"""Feed dates → timezone-aware UTC datetimes, or ``None`` when missing, invalid or absurd."""
from __future__ import annotations

import calendar
import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

MAX_AHEAD = timedelta(days=2)
EARLIEST = datetime(1970, 1, 2, tzinfo=timezone.utc)


def sane(value: datetime | None, now: datetime | None = None) -> datetime | None:
    """``value`` in UTC (naive read as UTC), or ``None`` if before 1970-01-02 or > 2 days ahead."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    try:
        value = value.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        return None
    now = now or datetime.now(timezone.utc)
    if value < EARLIEST or value > now + MAX_AHEAD:
        return None
    return value


def _from_string(text: str) -> datetime | None:
    text = text.strip()
    if not text or len(text) > 64:
        return None
    try:
        return datetime.fromisoformat(text.replace(" ", "T", 1) if text[4:5] == "-" else text)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def parse_date(value: object, now: datetime | None = None) -> datetime | None:
    """Read an ISO 8601 / RFC 3339 / RFC 822 string, a UTC ``struct_time`` or a datetime."""
    if isinstance(value, datetime):
        found: datetime | None = value
    elif isinstance(value, time.struct_time):
        try:
            found = datetime.fromtimestamp(calendar.timegm(value), timezone.utc)
        except (OverflowError, ValueError, OSError):
            found = None
    elif isinstance(value, str):
        found = _from_string(value)
    else:
        found = None
    return sane(found, now)
