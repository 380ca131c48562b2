"""When to poll a source next: pure functions over counts, times and server hints."""
from __future__ import annotations

import statistics
import zlib
from datetime import datetime, timedelta, timezone
from typing import Hashable, Sequence

MAX_RETRY_AFTER = 7 * 86400.0  # a Retry-After further away than this is not believed


def jitter(key: Hashable | None, spread: float = 0.1) -> float:
    """A factor in ``[1 - spread, 1 + spread)`` fixed for ``key`` (1.0 without a key).

    Spreads sources with equal intervals over time, reproducibly (no randomness).
    """
    if key is None:
        return 1.0
    unit = zlib.crc32(repr(key).encode()) / 2**32
    return 1.0 - spread + 2 * spread * unit


def backoff(error_count: int, base: float = 300, cap: float = 86400, *,
            key: Hashable | None = None) -> float:
    """Seconds to wait after ``error_count`` consecutive errors: ``base * 2**(n-1)``,
    jittered by ``key`` and never above ``cap``. Zero errors -> 0.
    """
    if error_count <= 0:
        return 0.0
    delay = base * 2 ** min(error_count - 1, 40)
    return min(cap, delay * jitter(key))


def adaptive_interval(entry_times: Sequence[datetime], now: datetime, minimum: float = 300,
                      maximum: float = 86400, *, window: int = 20) -> float:
    """Polling interval in seconds from how often a feed posts.

    Half the median gap between its ``window`` most recent items, but at least a quarter of
    the time since the last item (a feed gone quiet is polled less), within
    ``[minimum, maximum]``. Future-dated items are ignored; no items -> ``maximum``.
    """
    current = _aware(now)
    times = sorted({_aware(t) for t in entry_times if _aware(t) <= current})[-window:]
    if not times:
        return float(maximum)
    silence = (current - times[-1]).total_seconds()
    gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:])]
    interval = silence / 4
    if gaps:
        interval = max(statistics.median(gaps) / 2, interval)
    return float(min(maximum, max(minimum, interval)))


def poll_delay(*, interval: float, error_count: int = 0, retry_after: float | None = None,
               crawl_delay: float | None = None, key: Hashable | None = None,
               base: float = 300, cap: float = 86400) -> float:
    """Seconds until the next poll; see :func:`next_poll`."""
    if error_count > 0:
        delay = backoff(error_count, base, cap, key=key)
    else:
        delay = interval * jitter(key)
    if retry_after:
        delay = max(delay, min(retry_after, MAX_RETRY_AFTER))
    if crawl_delay:
        delay = max(delay, crawl_delay)
    return delay


def next_poll(now: datetime, *, interval: float, error_count: int = 0,
              retry_after: float | None = None, crawl_delay: float | None = None,
              key: Hashable | None = None, base: float = 300, cap: float = 86400) -> datetime:
    """When to poll next.

    After a success (``error_count == 0``): ``interval`` (e.g. from
    :func:`adaptive_interval`), jittered by ``key``. After errors: :func:`backoff`.
    Either way, never sooner than the server's ``Retry-After`` (believed up to 7 days) or
    the site's ``Crawl-delay``.
    """
    delay = poll_delay(interval=interval, error_count=error_count, retry_after=retry_after,
                       crawl_delay=crawl_delay, key=key, base=base, cap=cap)
    return now + timedelta(seconds=delay)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)
