"""Shared fixtures: a store on each backend (SQLite always; PostgreSQL when it can be had)."""
from __future__ import annotations

import pytest

from tests.pg import create_database, drop_database, postgres_server

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_admin_url():
    """The admin URL of a PostgreSQL server for this session, or a skip saying why not."""
    with postgres_server() as (url, reason):
        if url is None:
            pytest.skip(f"PostgreSQL tests skipped: {reason}")
        yield url


@pytest.fixture
def pg_url(pg_admin_url):
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    url = create_database(pg_admin_url)
    yield url
    drop_database(pg_admin_url, url)


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A fresh database URL on each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/tidings.db"
    else:
        yield request.getfixturevalue("pg_url")


@pytest.fixture
def store(db_url):
    from tidings.store import open_store
    opened = open_store(db_url)
    yield opened
    opened.close()
