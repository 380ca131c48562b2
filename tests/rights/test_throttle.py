"""Login throttling: failures per username and address, on both backends."""
from __future__ import annotations

from datetime import timedelta

from tidings.rights.throttle import (COMMENTS, LOGIN_PER_USER_AND_ADDRESS, login_wait, record_login, take,
                                     wait_seconds)
from tidings.store.sources import utcnow

from .conftest import ADMIN_PASSWORD, MOD_PASSWORD, log_in


def test_login_throttled_after_five_failures(client, users, store):
    for _ in range(LOGIN_PER_USER_AND_ADDRESS.count):
        assert log_in(client, "ada", "wrong password!").status_code == 401
    response = log_in(client, "ada", ADMIN_PASSWORD)  # even the right password waits now
    assert response.status_code == 429
    assert 0 < int(response.headers["retry-after"]) <= 15 * 60
    assert client.get("/whoami").json() == {"user": None}
    assert log_in(client, "mo", MOD_PASSWORD).status_code == 303  # another username is not locked out


def test_a_successful_login_resets_the_failure_count(client, users):
    for _ in range(LOGIN_PER_USER_AND_ADDRESS.count - 1):
        assert log_in(client, "ada", "wrong password!").status_code == 401
    assert log_in(client, "ada", ADMIN_PASSWORD).status_code == 303
    assert log_in(client, "ada", "wrong password!").status_code == 401
    assert log_in(client, "ada", ADMIN_PASSWORD).status_code == 303


def test_wait_seconds_frees_up_after_the_window():
    now = utcnow()
    limit = LOGIN_PER_USER_AND_ADDRESS
    recent = [now - timedelta(minutes=14)] * limit.count
    assert wait_seconds(recent, limit, now) == 60
    assert wait_seconds(recent[:-1], limit, now) is None
    assert wait_seconds([now - timedelta(minutes=16)] * 10, limit, now) is None


def test_throttle_queries(store):
    now = utcnow()
    for minutes in (20, 10, 9, 8, 7):
        record_login(store, "ada", "addr", False, now - timedelta(minutes=minutes))
    assert login_wait(store, "ada", "addr", now) is None  # one failure fell out of the window
    record_login(store, "ada", "addr", False, now)
    assert login_wait(store, "ADA", "addr", now) == 5 * 60  # usernames compare case-insensitively
    assert login_wait(store, "ada", "other-addr", now) is None
    record_login(store, "ada", "addr", True, now + timedelta(seconds=1))
    assert login_wait(store, "ada", "addr", now + timedelta(seconds=2)) is None
    assert [take(store, "comment", "addr", COMMENTS, now) for _ in range(4)] == [None, None, None, 600]
    assert take(store, "comment", "addr", COMMENTS, now + timedelta(minutes=11)) is None
    assert store.prune_throttle_rows(now + timedelta(days=2)) > 0
