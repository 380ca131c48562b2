"""The page cache: anonymous GETs are served from memory while the data allows, nothing else is."""
from __future__ import annotations

import pytest

from tidings.rights import complaints as desk
from tidings.store import open_store
from tidings.store.schema import articles
from tidings.web.dataversion import Freshness


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


def test_anonymous_pages_are_served_from_memory(cached, sqlite_store, world, monkeypatch):
    first = cached.get("/")
    assert first.headers["x-cache"] == "miss"
    monkeypatch.setattr(sqlite_store, "latest_stories", lambda **kw: [])  # the database is not asked again
    again = cached.get("/")
    assert again.headers["x-cache"] == "hit" and again.text == first.text
    assert "Floods hit Herat" not in cached.get("/?page=1").text  # another URL is another entry
    cached.post("/api/v1/sources", json={})  # a failed change (401) keeps the cache
    assert cached.get("/").text == first.text
    assert "x-cache" not in cached.get("/", headers={"authorization": "Bearer x"}).headers  # never for tokens
    assert "x-cache" not in cached.get("/", headers={"cookie": "tidings_session=x"}).headers  # nor sessions


def anonymous(client, path):
    """A first visit: no cookie from earlier pages (story pages hand out a session)."""
    client.cookies.clear()
    return client.get(path)


def test_new_content_may_lag_but_a_takedown_shows_at_once(cached, sqlite_store, world):
    story = f"/story/{world.stories['talks']}"
    pages = ("/", story, "/search?q=doha", f"/article/{world.articles['talks_lm']}")
    for path in pages * 2:
        assert "Reprise des pourparlers" in anonymous(cached, path).text, path
    assert anonymous(cached, "/").headers["x-cache"] == "hit"
    other = open_store(str(sqlite_store.engine.url), upgrade=False)  # e.g. the worker, `tidings admin`
    try:
        _retitle(other, world.articles["talks_kp"], "Renamed by the worker")  # new content: may lag
        assert anonymous(cached, "/").headers["x-cache"] == "hit"
        filed = desk.file_complaint(other, {"kind": "copyright", "url": "https://lm.example/talks-lm"})
        desk.take_down(other, filed["id"], "moderator", article_id=world.articles["talks_lm"])
    finally:
        other.close()
    for path in pages:
        response = anonymous(cached, path)
        assert "Reprise des pourparlers" not in response.text, path
        assert response.headers.get("x-cache") != "hit", path
    assert "Renamed by the worker" in anonymous(cached, story).text


class Probe:
    """A stand-in database: ``version`` moves on every commit, ``removed`` on removals."""
    blocking, tracks = False, True

    def __init__(self):
        self.commits = self.removed = 0

    def version(self):
        return self.commits

    def removals(self):
        return self.removed


def test_freshness_lags_for_additions_and_drops_removals_at_once():
    now = [100.0]
    probe = Probe()
    fresh = Freshness(probe, lag=5, max_age=300, clock=lambda: now[0])
    fresh.check()
    kept = now[0]
    now[0] += 200
    fresh.check()
    assert fresh.valid(kept)  # nothing changed: kept for max_age
    probe.commits += 1  # the poller adds a story
    now[0] += 1
    fresh.check()
    assert not fresh.valid(kept)  # kept before the change, and older than the lag
    recent = now[0] - 2
    assert fresh.valid(recent)
    now[0] += 4
    assert not fresh.valid(recent)  # at most `lag` seconds behind
    kept = now[0]
    probe.commits += 1
    probe.removed += 1  # a takedown
    now[0] += 0.001
    fresh.check()
    assert not fresh.valid(kept)
    assert fresh.valid(now[0])


def test_successful_changes_empty_the_cache(cached, sqlite_store, world):
    cached.get("/")
    from tidings.web.pagecache import PageCache
    stack, cache = cached.app.middleware_stack, None
    while stack is not None and cache is None:
        cache = stack if isinstance(stack, PageCache) else None
        stack = getattr(stack, "app", None)
    assert cache is not None and cache.entries
    cache.clear()
    assert cached.get("/").headers["x-cache"] == "miss"


def test_without_a_data_version_pages_live_only_seconds(sqlite_store, world, monkeypatch):
    from tidings.web.dataversion import Unknown, probe_for
    from tidings.web.pagecache import PageCache
    monkeypatch.delenv("TIDINGS_PAGE_CACHE_SECONDS")
    assert probe_for(sqlite_store).version() is not None and probe_for(sqlite_store).removals() is not None
    now = [0.0]
    cache = PageCache(app=None, freshness=Freshness(Unknown(), lag=5, max_age=300, clock=lambda: now[0]))
    cache.freshness.check()
    now[0] = 4.9
    assert cache.seconds == 5 and cache.freshness.valid(0.0)
    now[0] = 5.1
    assert not cache.freshness.valid(0.0)


def test_operations_endpoints_are_never_cached(cached, sqlite_store, monkeypatch):
    assert cached.get("/healthz").status_code == 200
    monkeypatch.setattr(sqlite_store, "ping", lambda: (_ for _ in ()).throw(RuntimeError("down")))
    assert cached.get("/healthz").status_code == 503
    assert cached.get("/metrics").headers["cache-control"] == "no-store"


def test_story_pages_are_shared_but_comment_forms_are_not(cached, world):
    story = f"/story/{world.stories['floods']}"
    first = anonymous(cached, story)
    assert "set-cookie" not in first.headers and anonymous(cached, story).headers["x-cache"] == "hit"
    if 'id="comment-link"' not in first.text:
        pytest.skip("comments are off in this app: there is no form page")
    form = anonymous(cached, f"{story}/comments")
    assert form.headers.get("set-cookie") and "x-cache" not in form.headers
    assert anonymous(cached, f"{story}/comments").headers["set-cookie"] != form.headers["set-cookie"]


def test_takedowns_show_at_once_on_each_backend(store, settings, monkeypatch):
    monkeypatch.setenv("TIDINGS_PAGE_CACHE_SECONDS", "60")
    from starlette.testclient import TestClient
    from tests.web.seed import seed
    from tidings.web.app import create_app
    world = seed(store)
    with TestClient(create_app(store, settings), follow_redirects=False) as client:
        for path in ("/", "/search?q=doha", "/"):
            assert "Reprise des pourparlers" in anonymous(client, path).text
        assert anonymous(client, "/").headers["x-cache"] == "hit"
        filed = desk.file_complaint(store, {"kind": "copyright", "url": "https://lm.example/talks-lm"})
        desk.take_down(store, filed["id"], "moderator", article_id=world.articles["talks_lm"])
        for path in ("/", "/search?q=doha", f"/story/{world.stories['talks']}"):
            assert "Reprise des pourparlers" not in anonymous(client, path).text, path
