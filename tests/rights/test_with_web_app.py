"""The rights desk inside the real web app (``tidings.web.app.create_app``), when it is present."""
from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from .conftest import ADMIN_PASSWORD, csrf_of, log_in, seed

web_app = pytest.importorskip("tidings.web.app")


@pytest.fixture
def web(tmp_path):
    from tidings.config import Settings
    from tidings.rights.accounts import create_user
    from tidings.store import open_store
    store = open_store(f"sqlite:///{tmp_path}/web.db")
    world = seed(store)
    create_user(store, "ada", ADMIN_PASSWORD, "admin")
    with TestClient(web_app.create_app(store, Settings()), follow_redirects=False) as client:
        yield client, store, world
    store.close()


def test_pages_render_in_the_shared_layout(web):
    client, store, world = web
    for path in ("/complaints/new", "/complaints/counter", "/policy", "/admin/login"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert 'href="/static/style.css"' in response.text and "<style" not in response.text
        assert "<script" not in response.text and " style=" not in response.text
    story = client.get(f"/story/{world.story_id}")
    assert f'href="/story/{world.story_id}/comments"' in story.text and "set-cookie" not in story.headers
    form = client.get(f"/story/{world.story_id}/comments").text
    assert 'id="comment-form"' in form and f'action="/story/{world.story_id}/comments"' in form
    assert 'name="csrf_token" value=""' not in form and 'href="/static/style.css"' in form


def test_takedown_removes_the_article_from_the_site(web):
    client, store, world = web
    assert client.get(f"/article/{world.article_id}").status_code == 200
    assert "Floods hit the valley</a>" in client.get(f"/story/{world.story_id}").text
    data = {"kind": "copyright", "url": f"http://testserver/article/{world.article_id}", "work": "My photos",
            "name": "Rita", "email": "rita@owner.example", "address": "1 Main St", "phone": "+1 555 0100",
            "good_faith": "on", "accuracy": "on", "signature": "Rita", "csrf_token": csrf_of(client)}
    filed = client.post("/complaints/new", data=data)
    assert filed.status_code == 303 and client.get(filed.headers["location"]).status_code == 200
    complaint_id = int(filed.headers["location"].split("/complaints/")[1].split("?")[0])
    assert log_in(client, "ada", ADMIN_PASSWORD).status_code == 303
    queue = client.get("/admin/complaints").text
    assert f'id="complaint-{complaint_id}"' in queue and 'href="/admin/"' in queue  # the web app's nav
    response = client.post(f"/admin/complaints/{complaint_id}/takedown", data={"csrf_token": csrf_of(client)})
    assert response.status_code == 303
    assert client.get(f"/article/{world.article_id}").status_code == 404
    assert "Floods hit the valley</a>" not in client.get(f"/story/{world.story_id}").text
    assert client.get("/admin/audit").status_code == 200


def test_story_pages_work_without_the_rights_desk(tmp_path):
    from tidings.config import Settings
    from tidings.store import open_store
    store = open_store(f"sqlite:///{tmp_path}/mirror.db")
    world = seed(store)
    try:
        with TestClient(web_app.create_app(store, Settings(), rights=False)) as client:
            page = client.get(f"/story/{world.story_id}")
        assert page.status_code == 200 and f"/story/{world.story_id}/comments" not in page.text
    finally:
        store.close()
