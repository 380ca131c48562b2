"""Reading query parameters strictly: a bad value is a 400 with a message, never a 500."""
from __future__ import annotations

from datetime import date, datetime, time, timezone

from starlette.requests import Request

MAX_TEXT = 200
MAX_PAGE = 500
BY_VALUES = ("day", "week", "month")


class BadParam(ValueError):
    """A query parameter with a value we cannot use."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def text(request: Request, name: str, *, max_len: int = MAX_TEXT) -> str | None:
    """A trimmed text parameter, None when absent or blank."""
    value = request.query_params.get(name)
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    if len(value) > max_len:
        raise BadParam(name, f"longer than {max_len} characters")
    return value or None


def integer(request: Request, name: str, *, default: int | None = None, lo: int = 0,
            hi: int = 2**31 - 1) -> int | None:
    """An integer parameter within ``[lo, hi]``; ``default`` when absent (or blank, on pages:
    HTML forms send ``source=`` for "any"; the API is strict)."""
    value = request.query_params.get(name)
    if value is None or (value.strip() == "" and not _strict(request)):
        return default
    try:
        number = int(value.strip())
    except ValueError:
        raise BadParam(name, "must be a whole number") from None
    if not lo <= number <= hi:
        raise BadParam(name, f"must be between {lo} and {hi}")
    return number


def _strict(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def path_id(request: Request, name: str = "id") -> int | None:
    """A positive integer path parameter, None when malformed or out of range (a 404)."""
    value = str(request.path_params.get(name, ""))
    if not value.isdigit() or len(value) > 12:
        return None
    number = int(value)
    return number if 0 < number < 2**63 else None


def moment(request: Request, name: str, *, end_of_day: bool = False) -> datetime | None:
    """A date (``YYYY-MM-DD``) or ISO timestamp parameter, as aware UTC."""
    value = text(request, name, max_len=40)
    if value is None:
        if _strict(request) and name in request.query_params:
            raise BadParam(name, "must not be blank")
        return None
    return parse_moment(value, name, end_of_day=end_of_day)


def parse_moment(value: str, name: str = "date", *, end_of_day: bool = False) -> datetime:
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            stamp = datetime.combine(day, time.max if end_of_day else time.min)
        else:
            stamp = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise BadParam(name, "must be a date like 2026-03-02 or an ISO timestamp") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    try:
        return stamp.astimezone(timezone.utc)
    except OverflowError:
        raise BadParam(name, "date out of range") from None


def choice(request: Request, name: str, choices: tuple[str, ...], default: str) -> str:
    value = text(request, name)
    if value is None and _strict(request) and name in request.query_params:
        raise BadParam(name, "must not be blank")
    value = value or default
    if value not in choices:
        raise BadParam(name, f"must be one of {', '.join(choices)}")
    return value


def page(request: Request) -> int:
    """The 1-based page number."""
    return integer(request, "page", default=1, lo=1, hi=MAX_PAGE) or 1
