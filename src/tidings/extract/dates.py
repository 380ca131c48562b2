"""Reading publication dates written in the many ways pages write them."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

_ISO_LOOSE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*"
    r"(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?")
_SLASHED = re.compile(r"\b(\d{4})[/.](\d{1,2})[/.](\d{1,2})\b")
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:/|-|$)")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
MIN_YEAR = 1995


def parse_date(value: str | None) -> datetime | None:
    """Parse an ISO 8601, RFC 2822, epoch or ``YYYY/MM/DD`` date into an aware datetime.

    A value without a time zone is taken as UTC. Returns None when nothing plausible is found
    (years before 1995 or more than a year in the future are rejected).
    """
    if not value:
        return None
    value = value.strip()
    for parse in (_parse_iso, _parse_rfc2822, _parse_epoch, _parse_slashed):
        found = parse(value)
        if found is not None:
            return found if _plausible(found) else None
    return None


def date_from_url(url: str) -> datetime | None:
    """A ``/2019/11/19/`` style date in a URL path, or None."""
    match = _URL_DATE.search(url or "")
    if not match:
        return None
    return _make(int(match[1]), int(match[2]), int(match[3]))


def _plausible(value: datetime) -> bool:
    now = datetime.now(timezone.utc)
    return MIN_YEAR <= value.year <= now.year + 1


def _make(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0,
          tz: timezone = timezone.utc) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=tz)
    except ValueError:
        return None


def _parse_iso(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        parsed = None
    if parsed is not None:
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    match = _ISO_LOOSE.match(value)
    if not match:
        return None
    y, mo, d, h, mi, s, tz = match.groups()
    return _make(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0), _zone(tz))


def _zone(text: str | None) -> timezone:
    if not text or text == "Z":
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _parse_rfc2822(value: str) -> datetime | None:
    if not re.search(r"[A-Za-z]{3}", value):
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _parse_epoch(value: str) -> datetime | None:
    if not _EPOCH.match(value):
        return None
    seconds = int(value[:10])
    return datetime.fromtimestamp(seconds, tz=timezone.utc)


def _parse_slashed(value: str) -> datetime | None:
    match = _SLASHED.search(value)
    return _make(int(match[1]), int(match[2]), int(match[3])) if match else None
