"""Throttles: failed logins per username and address, and public forms per address.

Addresses are never stored in the clear: :func:`address_hash` keys them with the installation
secret. Every limit answers with the seconds to wait (for ``Retry-After``), or None.
"""
from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Limit:
    count: int
    window: timedelta


LOGIN_PER_USER_AND_ADDRESS = Limit(5, timedelta(minutes=15))
LOGIN_PER_ADDRESS = Limit(20, timedelta(minutes=15))
COMPLAINTS = Limit(5, timedelta(hours=1))
COMMENTS = Limit(3, timedelta(minutes=10))


def address_hash(secret: str, address: str) -> str:
    """HMAC-SHA-256 of a client address under the installation secret (64 hex digits)."""
    return hmac.new(secret.encode(), (address or "").encode(), hashlib.sha256).hexdigest()


def wait_seconds(times: list[datetime], limit: Limit, now: datetime) -> int | None:
    """Seconds until fewer than ``limit.count`` of ``times`` fall in the window, or None."""
    recent = sorted(t for t in times if t > now - limit.window)
    if len(recent) < limit.count:
        return None
    frees_at = recent[len(recent) - limit.count] + limit.window
    return max(1, math.ceil((frees_at - now).total_seconds()))


def _login_keys(username: str, addr_hash: str) -> list[str]:
    return [f"login:{username.lower()[:100]}|{addr_hash}", f"login-ip:{addr_hash}"]


def login_wait(store, username: str, addr_hash: str, now: datetime) -> int | None:
    """Seconds a login from this address for this username must wait, or None."""
    user_key, ip_key = _login_keys(username, addr_hash)
    waits = [wait_seconds(store.login_failures_since(key, now - limit.window), limit, now)
             for key, limit in ((user_key, LOGIN_PER_USER_AND_ADDRESS), (ip_key, LOGIN_PER_ADDRESS))]
    waits = [w for w in waits if w is not None]
    return max(waits) if waits else None


def record_login(store, username: str, addr_hash: str, ok: bool, now: datetime) -> None:
    store.record_login_attempt(_login_keys(username, addr_hash), ok, now)


def take(store, action: str, addr_hash: str, limit: Limit, now: datetime) -> int | None:
    """Count one ``action`` by this address unless over ``limit``; returns the wait or None."""
    key = f"{action}:{addr_hash}"
    wait = wait_seconds(store.rate_events_since(key, now - limit.window), limit, now)
    if wait is None:
        store.record_rate_event(key, now)
    return wait
