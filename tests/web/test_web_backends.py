"""The same pages, API, feeds and alerts on both backends (PostgreSQL when it answers)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from tests.web.seed import T0, seed
from tests.web.servers import WebhookReceiver
from tidings.fetch.guard import AddressPolicy
from tidings.store.schema import articles, stories


@pytest.fixture
def backend_client(store):
    from tidings.config import Settings
    from starlette.testclient import TestClient
    from tidings.web.app import create_app
    world = seed(store)
    with TestClient(create_app(store, Settings()), follow_redirects=False) as client:
        yield client, world


def test_every_page_renders(backend_client):
    client, world = backend_client
    floods, flood_kp = world.stories["floods"], world.articles["flood_kp"]
    expectations = {
        "/": "Floods hit Herat province", "/?place=Herat": "Floods hit Herat province",
        "/?lang=fr": "Reprise des pourparlers", f"/?source={world.sources['agg']}": "Floods hit",
        f"/story/{floods}": "First reported by <strong>Kabul Post</strong>",
        f"/article/{flood_kp}": 'href="https://kp.example/flood-kp"',
        "/search?q=herat&lang=fr": "Inondations", "/sources": "dns: cannot resolve",
        "/trends?place=Herat&since=2026-01-01": "<svg", "/feeds/latest.atom": "Floods hit Herat province",
        "/feeds/place/Herat.json": "Floods hit Herat province", "/api/v1/stories?entity=Taliban": "Reprise",
        f"/api/v1/articles/{flood_kp}": "Heavy floods", "/api/v1/search?q=doha": "Doha",
        "/api/v1/trends?event=flood&since=2026-01-01": '"stories":1', "/healthz": '"status":"ok"',
        "/metrics": "tidings_db_articles 6.0",
    }
    for path, text in expectations.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert text in response.text, path
        assert "Secret removed" not in response.text, path


def test_alerts_on_this_backend(store):
    world = seed(store)
    now = T0 + timedelta(days=20)
    with WebhookReceiver() as hook:
        store.add_alert("Quake", "earthquake", webhook=hook.url, now=now)
        with store.engine.begin() as conn:
            story = conn.execute(stories.insert().values(title="Earthquake", first_seen=now,
                                                         last_seen=now)).inserted_primary_key[0]
            conn.execute(articles.insert().values(source_id=world.sources["kp"], url="https://kp.example/q",
                                                  title="Earthquake shakes the capital", text="earthquake",
                                                  fetched=now + timedelta(minutes=1), story_id=story))
            store.touch_story(conn, story)
        from tidings.web.alerts import run_alerts
        assert run_alerts(store, now + timedelta(hours=1), policy=AddressPolicy(allow_private=True)) == 1
        assert run_alerts(store, now + timedelta(hours=2), policy=AddressPolicy(allow_private=True)) == 0
    assert [p["stories"][0]["id"] for p in hook.received] == [story]
