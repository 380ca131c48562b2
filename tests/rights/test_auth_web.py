"""Sessions, logins, throttling, CSRF on every POST route and authorisation on every admin route."""
from __future__ import annotations

import time

import pytest
from starlette.testclient import TestClient

from tidings.rights.auth import safe_next
from tidings.rights.config import RightsSettings
from tidings.rights.routes import rights_routes

from .conftest import ADMIN_PASSWORD, csrf_of, log_in, make_app

PUBLIC_ADMIN_PATHS = ("/admin/login", "/admin/logout")


@pytest.fixture
def db_url(tmp_path):
    """SQLite only: these checks are about HTTP, not the backend (the store tests run on both)."""
    return f"sqlite:///{tmp_path}/tidings.db"


def concrete(path: str) -> str:
    return path.replace("{id:int}", "1")


def post_routes():
    return [r for r in rights_routes() if "POST" in r.methods]


def admin_routes():
    return [r for r in rights_routes() if r.path.startswith("/admin/") and r.path not in PUBLIC_ADMIN_PATHS]


def test_login_session_and_logout(client, users):
    assert client.get("/admin/complaints").headers["location"] == "/admin/login?next=%2Fadmin%2Fcomplaints"
    response = log_in(client, "ada", ADMIN_PASSWORD)
    assert response.status_code == 303 and response.headers["location"] == "/admin/complaints"
    cookie = response.headers["set-cookie"].lower()
    assert "tidings_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
    assert "secure" not in cookie
    assert client.get("/admin/complaints").status_code == 200
    assert client.get("/whoami").json() == {"user": "ada"}
    assert client.post("/admin/logout", data={"csrf_token": csrf_of(client)}).status_code == 303
    assert client.get("/whoami").json() == {"user": None}
    assert client.get("/admin/complaints").status_code == 303
    actions = [row["action"] for row in client.app.state.rights.store.list_audit()]
    assert "user.login" in actions and "user.logout" in actions


def test_secure_cookies_when_configured(store, world, users):
    app = make_app(store, RightsSettings(secure_cookies=True))
    with TestClient(app, base_url="https://testserver", follow_redirects=False) as client:
        cookie = log_in(client, "ada", ADMIN_PASSWORD).headers["set-cookie"].lower()
    assert "secure" in cookie and "httponly" in cookie


def test_wrong_password_is_refused(client, users):
    response = log_in(client, "ada", "not the password")
    assert response.status_code == 401 and "Wrong username or password" in response.text
    assert client.get("/whoami").json() == {"user": None}


def test_login_expires_and_ends_with_a_password_change(admin_client, store, users, monkeypatch):
    from tidings.rights import auth
    from tidings.rights.accounts import hash_password
    assert admin_client.get("/whoami").json() == {"user": "ada"}
    later = time.time() + (auth.LOGIN_HOURS + 1) * 3600
    monkeypatch.setattr(auth.time, "time", lambda: later)
    assert admin_client.get("/whoami").json() == {"user": None}
    monkeypatch.undo()
    assert admin_client.get("/whoami").json() == {"user": "ada"}
    store.set_user(users["admin"], "test", "user.password", password_hash=hash_password("a new password 42"))
    assert admin_client.get("/whoami").json() == {"user": None}


@pytest.mark.parametrize("value, expected", [
    ("/admin/audit?x=1", "/admin/audit?x=1"), ("//evil.example/", "/admin/complaints"),
    ("https://evil.example/", "/admin/complaints"), ("/\\evil.example", "/admin/complaints"),
    ("/ok\r\nSet-Cookie: x", "/admin/complaints"), ("", "/admin/complaints"), (None, "/admin/complaints")])
def test_safe_next_never_leaves_the_site(value, expected):
    assert safe_next(value) == expected


def test_login_redirect_ignores_foreign_next(client, users):
    token = csrf_of(client, "/admin/login")
    response = client.post("/admin/login", data={"username": "ada", "password": ADMIN_PASSWORD,
                                                  "csrf_token": token, "next": "//evil.example/x"})
    assert response.headers["location"] == "/admin/complaints"


def test_every_post_route_is_guarded():
    for route in post_routes():
        assert route.endpoint.rights_kind in ("action", "public_form"), route.path


@pytest.mark.parametrize("token", [None, "wrong-token", ""])
def test_every_post_route_rejects_a_missing_or_wrong_csrf_token(admin_client, store, token):
    before = len(store.list_audit(limit=1000))
    routes = post_routes()
    assert len(routes) >= 15
    for route in routes:
        data = {"reason": "x", "note": "x", "username": "ada", "password": ADMIN_PASSWORD, "body": "hello",
                "dmca_contact": "changed"}
        if token is not None:
            data["csrf_token"] = token
        response = admin_client.post(concrete(route.path), data=data)
        assert response.status_code == 403, (route.path, response.status_code)
    assert admin_client.get("/whoami").json() == {"user": "ada"}  # logout refused too
    assert len(store.list_audit(limit=1000)) == before and store.kv_get("dmca_contact") is None


def test_csrf_token_also_accepted_from_a_header(admin_client, store):
    token = csrf_of(admin_client)
    response = admin_client.post("/admin/settings", data={"dmca_contact": "Agent"}, headers={"X-CSRF-Token": token})
    assert response.status_code == 303 and store.kv_get("dmca_contact") == "Agent"


def test_every_admin_route_refuses_anonymous(client):
    token = csrf_of(client)
    routes = admin_routes()
    assert len(routes) >= 15
    for route in routes:
        path = concrete(route.path)
        if "GET" in route.methods:
            response = client.get(path)
            assert response.status_code == 303 and response.headers["location"].startswith("/admin/login?next="), path
        else:
            assert client.post(path, data={"csrf_token": token}).status_code == 401, path


def test_moderators_cannot_use_admin_only_routes(mod_client, store):
    admin_only = [r for r in admin_routes() if r.endpoint.rights_role == "admin"]
    assert {concrete(r.path) for r in admin_only} >= {"/admin/users", "/admin/tokens", "/admin/settings"}
    token = csrf_of(mod_client)
    for route in admin_only:
        path = concrete(route.path)
        response = mod_client.get(path) if "GET" in route.methods else mod_client.post(
            path, data={"csrf_token": token, "username": "eve", "password": "long enough pass", "role": "admin"})
        assert response.status_code == 403, path
    assert store.user_by_username("eve") is None
    for route in admin_routes():
        if route.endpoint.rights_role == "moderator" and "GET" in route.methods and "{" not in route.path:
            assert mod_client.get(route.path).status_code == 200, route.path


def test_admin_creates_a_moderator_and_a_token(admin_client, store):
    token = csrf_of(admin_client)
    response = admin_client.post("/admin/users", data={"csrf_token": token, "username": "newmod",
                                                       "password": "a fine password", "role": "moderator"})
    assert response.status_code == 303
    assert store.user_by_username("newmod")["role"] == "moderator"
    bad = admin_client.post("/admin/users", data={"csrf_token": token, "username": "x", "password": "short",
                                                  "role": "moderator"})
    assert bad.status_code == 400 and "10 characters" in bad.text
    page = admin_client.post("/admin/tokens", data={"csrf_token": token, "name": "feed-bot",
                                                   "user_id": str(store.user_by_username("newmod")["id"])})
    assert page.status_code == 200 and 'id="new-token"' in page.text
    created = page.text.split('id="new-token">', 1)[1].split("<", 1)[0]
    with TestClient(admin_client.app) as anonymous:
        assert anonymous.get("/whoami", headers={"Authorization": f"Bearer {created}"}).json() == {"user": "newmod"}
    [row] = store.list_api_tokens()
    assert admin_client.post(f"/admin/tokens/{row['id']}/revoke", data={"csrf_token": token}).status_code == 303
    assert store.list_api_tokens() == []
