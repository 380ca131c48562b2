"""The micro-cache: anonymous GETs are served from memory for a few seconds, nothing else is."""
from __future__ import annotations

import pytest

from tidings.store.schema import articles


@pytest.fixture
def cached(sqlite_store, world, settings, monkeypatch):
    monkeypatch.setenv("TIDINGS_PAGE_CACHE_SECONDS", "60")
    from starlette.testclient import TestClient
    from tidings.web.app import create_app
    with TestClient(create_app(sqlite_store, settings), follow_redirects=False) as client:
        yield client


def _retitle(store, article_id, title):
    with store.engine.begin() as conn:
        conn.execute(articles.update().where(articles.c.id == article_id).values(title=title))


def test_anonymous_pages_are_cached_until_a_change(cached, sqlite_store, world):
    first = cached.get("/").text
    _retitle(sqlite_store, world.articles["flood_kp"], "Renamed headline")
    assert cached.get("/").text == first  # served from the cache
    assert "Renamed headline" in cached.get("/?page=1").text  # another URL is another entry
    cached.post("/api/v1/sources", json={})  # a failed change (401) keeps the cache
    assert cached.get("/").text == first
    assert cached.get("/", headers={"authorization": "Bearer x"}).text != first  # never for tokens
    assert "Renamed headline" in cached.get("/", headers={"cookie": "tidings_session=x"}).text  # nor sessions


def test_successful_changes_empty_the_cache(cached, sqlite_store, world):
    cached.get("/")
    _retitle(sqlite_store, world.articles["flood_kp"], "Renamed again")
    from tidings.web.pagecache import PageCache
    stack, cache = cached.app.middleware_stack, None
    while stack is not None and cache is None:
        cache = stack if isinstance(stack, PageCache) else None
        stack = getattr(stack, "app", None)
    assert cache is not None and cache.entries
    cache.clear()
    assert "Renamed again" in cached.get("/").text


def test_operations_endpoints_are_never_cached(cached, sqlite_store, monkeypatch):
    assert cached.get("/healthz").status_code == 200
    monkeypatch.setattr(sqlite_store, "ping", lambda: (_ for _ in ()).throw(RuntimeError("down")))
    assert cached.get("/healthz").status_code == 503
    assert cached.get("/metrics").headers["cache-control"] == "no-store"


def test_story_pages_with_forms_are_not_shared(cached, world):
    first = cached.get(f"/story/{world.stories['floods']}")
    if "set-cookie" not in first.headers:
        pytest.skip("this story page carries no form (comments are off)")
    from starlette.testclient import TestClient
    fresh = TestClient(cached.app)
    again = fresh.get(f"/story/{world.stories['floods']}")
    assert again.headers.get("set-cookie") and again.headers["set-cookie"] != first.headers["set-cookie"]
