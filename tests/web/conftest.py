"""Fixtures for the web tests: a seeded SQLite store, the app, and a test client."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.web.seed import seed

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    """Starlette's TestClient asks for httpx2, which is not a dependency here; quiet that."""
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.filterwarnings("ignore:.*httpx2.*"))


@pytest.fixture
def sqlite_store(tmp_path):
    from tidings.store import open_store
    opened = open_store(f"sqlite:///{tmp_path}/web.db")
    yield opened
    opened.close()


@pytest.fixture
def world(sqlite_store):
    return seed(sqlite_store)


@pytest.fixture
def settings():
    from tidings.config import Settings
    return Settings(excerpt_chars=300)


@pytest.fixture(autouse=True)
def no_page_cache(monkeypatch):
    """Tests change the database between requests: no micro-cache unless a test wants it."""
    monkeypatch.setenv("TIDINGS_PAGE_CACHE_SECONDS", "0")


@pytest.fixture
def app(sqlite_store, world, settings):
    from tidings.web.app import create_app
    return create_app(sqlite_store, settings)


@pytest.fixture
def client(app):
    from starlette.testclient import TestClient
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client
