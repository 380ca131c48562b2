"""Polling schedule: backoff, adaptive interval, next poll."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from tidings.fetch.schedule import adaptive_interval, backoff, jitter, next_poll, poll_delay

NOW = datetime(2024, 5, 1, 12, 0, tzinfo=timezone.utc)


def test_backoff_doubles_and_caps():
    assert [backoff(n) for n in range(5)] == [0.0, 300, 600, 1200, 2400]
    assert backoff(30) == 86400 and backoff(10_000) == 86400
    assert backoff(3, base=60, cap=100) == 100


def test_backoff_jitter_is_deterministic_and_bounded():
    assert backoff(2, key="source-7") == backoff(2, key="source-7")
    values = {backoff(2, key=i) for i in range(50)}
    assert len(values) > 40 and all(540 <= v < 660 for v in values)
    assert backoff(40, key="x") <= 86400


def test_jitter_range():
    assert jitter(None) == 1.0
    assert all(0.9 <= jitter(i) < 1.1 for i in range(200))


def hourly(n: int, last: datetime = NOW) -> list[datetime]:
    return [last - timedelta(hours=i) for i in range(n)]


def test_adaptive_interval_is_half_the_median_gap():
    assert adaptive_interval(hourly(10), NOW) == 1800


def test_adaptive_interval_bounds():
    every_minute = [NOW - timedelta(minutes=i) for i in range(30)]
    assert adaptive_interval(every_minute, NOW) == 300
    weekly = [NOW - timedelta(days=7 * i) for i in range(5)]
    assert adaptive_interval(weekly, NOW) == 86400
    assert adaptive_interval(every_minute, NOW, minimum=10, maximum=20) == 20


def test_adaptive_interval_slows_down_for_a_quiet_feed():
    quiet = hourly(10, last=NOW - timedelta(hours=8))
    assert adaptive_interval(quiet, NOW) == 8 * 3600 / 4


def test_adaptive_interval_edge_cases():
    assert adaptive_interval([], NOW) == 86400
    assert adaptive_interval([NOW + timedelta(days=1)], NOW) == 86400  # future dates ignored
    assert adaptive_interval([NOW - timedelta(hours=4)], NOW) == 3600
    naive = [t.replace(tzinfo=None) for t in hourly(10)]
    assert adaptive_interval(naive, NOW) == 1800
    duplicates = [NOW - timedelta(hours=1)] * 5 + [NOW - timedelta(hours=3)]
    assert adaptive_interval(duplicates, NOW) == 3600


def test_next_poll_success_uses_interval():
    assert next_poll(NOW, interval=1800) == NOW + timedelta(seconds=1800)
    jittered = next_poll(NOW, interval=1800, key=42) - NOW
    assert timedelta(seconds=1620) <= jittered < timedelta(seconds=1980)


def test_next_poll_error_uses_backoff_not_interval():
    assert next_poll(NOW, interval=30, error_count=3) == NOW + timedelta(seconds=1200)


@pytest.mark.parametrize("kwargs, expected", [
    ({"interval": 600, "retry_after": 7200}, 7200),
    ({"interval": 600, "error_count": 1, "retry_after": 3600}, 3600),
    ({"interval": 600, "retry_after": 60}, 600),
    ({"interval": 600, "retry_after": 10**9}, 7 * 86400),
    ({"interval": 5, "crawl_delay": 30}, 30),
])
def test_poll_delay_respects_server_hints(kwargs, expected):
    assert poll_delay(**kwargs) == expected
