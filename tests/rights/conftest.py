"""Fixtures for the rights tests: a seeded store, a minimal Starlette app with the rights desk
installed (own tiny base.html), logged-in clients, and cheap argon2 parameters for speed."""
from __future__ import annotations

import re
import warnings

warnings.filterwarnings("ignore", message=".*httpx2.*")  # before starlette.testclient is imported
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import jinja2
import pytest
from argon2 import PasswordHasher
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route
from starlette.templating import Jinja2Templates
from starlette.testclient import TestClient

from tidings.models import Article
from tidings.rights.config import RightsSettings
from tidings.store.schema import article_html, stories

HERE = Path(__file__).parent
RIGHTS_TEMPLATES = HERE.parents[1] / "src" / "tidings" / "rights" / "templates"
T0 = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
ADMIN_PASSWORD = "admin password 123"
MOD_PASSWORD = "moderator password 123"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
# for HTTP-level checks that do not depend on the backend (the store-level tests run on both)
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch):
    """Low-cost argon2 parameters: the tests log in often (the real defaults are tested apart)."""
    from tidings.rights import accounts
    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@dataclass
class World:
    source_id: int
    story_id: int
    article_id: int
    other_id: int
    url: str = "https://news.example/2026/floods"
    canonical: str = "https://news.example/floods"


def seed(store) -> World:
    """One source, one story with two articles (one with raw HTML and a canonical URL)."""
    source_id, _ = store.add_source("https://news.example/feed.xml", title="News Example")
    with store.engine.begin() as conn:
        story_id = conn.execute(stories.insert().values(title="Floods hit the valley", lang="en", first_seen=T0,
                                                        last_seen=T0)).inserted_primary_key[0]
        first = Article(url="https://news.example/2026/floods", canonical_url="https://news.example/floods",
                        source_id=source_id, title="Floods hit the valley", text="Heavy floods. " * 20,
                        fetched=T0, lang="en", story_id=story_id, raw_html=b"<html>floods</html>")
        second = Article(url="https://news.example/2026/rain", source_id=source_id, title="Rain goes on",
                         text="More rain. " * 20, fetched=T0, lang="en", story_id=story_id)
        article_id = store.insert_article(conn, first)
        other_id = store.insert_article(conn, second)
        conn.execute(article_html.update().values(fetched=T0))
        store.touch_story(conn, story_id)
    return World(source_id, story_id, article_id, other_id)


@pytest.fixture
def world(store) -> World:
    return seed(store)


def own_templates() -> Jinja2Templates:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(HERE / "templates")),
                                  jinja2.FileSystemLoader(str(RIGHTS_TEMPLATES))])
    return Jinja2Templates(env=jinja2.Environment(loader=loader, autoescape=True))





def make_app(store, settings: RightsSettings | None = None, *, templates=None) -> Starlette:
    """A minimal app: a story page that includes comments.html, a bearer-token probe, the desk."""
    from tidings.rights import auth

    async def story(request: Request):
        story_id = int(request.path_params["id"])
        desk = request.app.state.rights
        return desk.templates.TemplateResponse(request, "story.html", {
            "story": {"id": story_id, "title": "A story"}, "comments": store.story_comments(story_id)})

    async def whoami(request: Request):
        from starlette.responses import JSONResponse
        user = auth.api_token_user(request) or auth.current_user(request)
        return JSONResponse({"user": user.username if user else None})

    app = Starlette(routes=[Route("/story/{id:int}", story), Route("/whoami", whoami)])
    auth.install(app, store, settings=settings or RightsSettings(), templates=templates or own_templates())
    return app


@pytest.fixture
def settings() -> RightsSettings:
    return RightsSettings()


@pytest.fixture
def app(store, world, settings):
    return make_app(store, settings)


@pytest.fixture
def users(store):
    from tidings.rights.accounts import create_user
    return {"admin": create_user(store, "ada", ADMIN_PASSWORD, "admin"),
            "moderator": create_user(store, "mo", MOD_PASSWORD, "moderator")}


def csrf_of(client: TestClient, path: str = "/complaints/new") -> str:
    """The session's CSRF token, read from a form page."""
    return CSRF.search(client.get(path).text).group(1)


def log_in(client: TestClient, username: str, password: str):
    token = csrf_of(client)
    return client.post("/admin/login", data={"username": username, "password": password, "csrf_token": token,
                                             "next": "/admin/complaints"})


@pytest.fixture
def client(app):
    with TestClient(app, follow_redirects=False) as test_client:
        yield test_client


@pytest.fixture
def admin_client(app, users):
    with TestClient(app, follow_redirects=False) as test_client:
        assert log_in(test_client, "ada", ADMIN_PASSWORD).status_code == 303
        yield test_client


@pytest.fixture
def mod_client(app, users):
    with TestClient(app, follow_redirects=False) as test_client:
        assert log_in(test_client, "mo", MOD_PASSWORD).status_code == 303
        yield test_client
