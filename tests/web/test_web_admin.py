"""Admin pages: login required, roles, CSRF on every form, sources, watchlist and alerts."""
from __future__ import annotations

import re

import pytest

accounts = pytest.importorskip("tidings.rights.accounts", reason="the rights package is not installed")


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _login(client, username: str, password: str) -> None:
    token = _csrf(client.get("/admin/login").text)
    response = client.post("/admin/login", data={"username": username, "password": password,
                                                  "csrf_token": token, "next": "/admin/"})
    assert response.status_code == 303, response.text[:500]


@pytest.fixture
def admin(client, sqlite_store):
    accounts.create_user(sqlite_store, "root", "correct-horse-battery", "admin")
    _login(client, "root", "correct-horse-battery")
    return client


def test_anonymous_users_are_sent_to_login(client):
    for path in ("/admin/", "/admin/sources", "/admin/watchlist", "/admin/alerts"):
        response = client.get(path)
        assert response.status_code == 303, path
        assert response.headers["location"].startswith("/admin/login?next=%2Fadmin%2F"), path
    assert client.post("/admin/sources", data={"action": "add", "url": "https://x.example/"}).status_code in (303, 403)


def test_moderators_see_the_dashboard_but_not_source_admin(client, sqlite_store):
    accounts.create_user(sqlite_store, "mod", "correct-horse-battery", "moderator")
    _login(client, "mod", "correct-horse-battery")
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/sources").status_code == 403


def test_dashboard_counts(admin):
    page = admin.get("/admin/").text
    assert "Sources with errors" in page and "dns: cannot resolve" in page


def test_sources_add_disable_enable_remove(admin, sqlite_store):
    page = admin.get("/admin/sources").text
    token = _csrf(page)
    no_token = admin.post("/admin/sources", data={"action": "add", "url": "https://new.example/feed"})
    assert no_token.status_code == 403 and sqlite_store.source_by_url("https://new.example/feed") is None
    added = admin.post("/admin/sources", data={"action": "add", "url": "https://new.example/feed",
                                               "title": "New", "csrf_token": token})
    assert added.status_code == 303
    source = sqlite_store.source_by_url("https://new.example/feed")
    assert source["title"] == "New" and source["enabled"]
    bad = admin.post("/admin/sources", data={"action": "add", "url": "file:///etc/passwd", "csrf_token": token})
    assert bad.status_code == 400 and "http://" in bad.text
    admin.post("/admin/sources", data={"action": "disable", "id": source["id"], "csrf_token": token})
    assert not sqlite_store.get_source(source["id"])["enabled"]
    admin.post("/admin/sources", data={"action": "enable", "id": source["id"], "csrf_token": token})
    assert sqlite_store.get_source(source["id"])["enabled"]
    admin.post("/admin/sources", data={"action": "remove", "id": source["id"], "csrf_token": token})
    assert sqlite_store.get_source(source["id"]) is None


def test_watchlist_is_validated_and_stored_as_yaml(admin, sqlite_store):
    token = _csrf(admin.get("/admin/watchlist").text)
    text = "actors:\n  - id: nrf\n    name: National Resistance Front\n    acronyms: [NRF]\n"
    assert admin.post("/admin/watchlist", data={"yaml": text, "csrf_token": token}).status_code == 303
    assert sqlite_store.kv_get("watchlist") == text
    assert "National Resistance Front" in admin.get("/admin/watchlist").text
    broken = admin.post("/admin/watchlist", data={"yaml": "actors: [unclosed", "csrf_token": token})
    assert broken.status_code == 400 and "not valid YAML" in broken.text
    wrong = admin.post("/admin/watchlist", data={"yaml": "- just a list", "csrf_token": token})
    assert wrong.status_code == 400
    assert sqlite_store.kv_get("watchlist") == text


def test_alerts_add_and_remove(admin, sqlite_store):
    assert "Save as an alert" in admin.get("/search?q=floods").text
    token = _csrf(admin.get("/admin/alerts?q=flood%2A").text)
    assert 'value="flood*"' in admin.get("/admin/alerts?q=flood%2A").text
    response = admin.post("/admin/alerts", data={"action": "add", "name": "Floods", "query": "flood*",
                                                 "webhook": "https://hooks.example/x", "csrf_token": token})
    assert response.status_code == 303
    alert = sqlite_store.list_alerts()[0]
    assert (alert["name"], alert["query"], alert["webhook"], alert["digest"]) == (
        "Floods", "flood*", "https://hooks.example/x", False)
    nothing = admin.post("/admin/alerts", data={"action": "add", "name": "X", "query": "x", "csrf_token": token})
    assert nothing.status_code == 400
    admin.post("/admin/alerts", data={"action": "remove", "id": alert["id"], "csrf_token": token})
    assert sqlite_store.list_alerts() == []
