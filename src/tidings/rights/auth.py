"""Sessions, roles, CSRF and API tokens: the interface the web app builds on.

>>> app = Starlette(routes=[...])
>>> install(app, store)                      # sessions + every rights route
>>> user = require_user(request, "admin")    # 401 anonymous, 403 wrong role
>>> form = await check_csrf(request)         # 403 unless the form's csrf_token is right

Roles: ``admin`` may do everything ``moderator`` may. Sessions are signed cookies
(HttpOnly, SameSite=Lax, Secure with ``TIDINGS_SECURE_COOKIES=1``) keyed by a secret kept in
the kv table; a login lasts :data:`LOGIN_HOURS` and ends when the password changes.
"""
from __future__ import annotations

import hmac
import secrets
import time
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ..store.sources import utcnow
from .accounts import User, session_version, user_for_token
from .config import RightsSettings
from .render import Desk, desk, register_helpers, shared_templates
from .throttle import address_hash as _hash_address

SESSION_COOKIE = "tidings_session"
SESSION_DAYS = 14
LOGIN_HOURS = 12
MAX_FORM_BYTES = 1024 * 1024
TOKEN_TOUCH = timedelta(minutes=5)
_USER = "_rights_user"

__all__ = ["install", "current_user", "require_user", "login_redirect", "user_or_redirect", "csrf_token",
           "check_csrf", "api_token_user", "client_address", "address_hash", "safe_next"]


class _DeskScope:
    """Puts the :class:`Desk` into every request's scope (works under mounts too)."""

    def __init__(self, app: ASGIApp, desk: Desk) -> None:
        self.app, self.desk = app, desk

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            scope["tidings.rights"] = self.desk
        await self.app(scope, receive, send)


def install(app, store, *, settings: RightsSettings | None = None, templates=None) -> Desk:
    """Add session middleware and every rights route to ``app`` (a Starlette app).

    ``settings`` default to the environment, ``templates`` to the web app's shared Jinja
    environment. Returns the installed :class:`Desk`.
    """
    from .routes import rights_routes
    settings = settings or RightsSettings.from_env()
    found = Desk(store=store, settings=settings, secret=store.ensure_secret("secret_key"),
                 templates=shared_templates(templates))
    register_helpers(found.templates, {"csrf_token": csrf_token, "current_user": current_user,
                                       "comments_mode": comments_mode})
    app.state.rights = found
    app.state.rights_installed = True  # what tidings.web.auth looks for
    app.add_middleware(_DeskScope, desk=found)
    app.add_middleware(SessionMiddleware, secret_key=found.secret, session_cookie=SESSION_COOKIE,
                       max_age=SESSION_DAYS * 86400, same_site="lax", https_only=settings.secure_cookies)
    app.router.routes[0:0] = rights_routes()
    return found


def _session(request: Request) -> dict[str, Any] | None:
    return request.scope.get("session") if "session" in request.scope else None


def client_address(request: Request) -> str:
    """The client's address as the server sees it (run uvicorn with --proxy-headers behind a proxy)."""
    return request.client.host if request.client else ""


def address_hash(request: Request) -> str:
    """The client address keyed with the installation secret (never stored in the clear)."""
    return _hash_address(desk(request).secret, client_address(request))


def comments_mode(request: Request) -> str:
    """``pre``, ``post`` or ``off`` (``TIDINGS_COMMENTS``); ``off`` in an app without the desk."""
    found = request.scope.get("tidings.rights")
    return found.settings.comments if found is not None else "off"


def current_user(request: Request) -> User | None:
    """The logged-in user of this request's session, or None."""
    if _USER in request.scope:
        return request.scope[_USER]
    user = _session_user(request)
    request.scope[_USER] = user
    return user


def _session_user(request: Request) -> User | None:
    session = _session(request)
    if not session or not isinstance(session.get("uid"), int):
        return None
    if time.time() - float(session.get("at", 0)) > LOGIN_HOURS * 3600:
        return None
    row = desk(request).store.get_user(session["uid"])
    if row is None or row["disabled"]:
        return None
    if not hmac.compare_digest(str(session.get("ver", "")), session_version(row["password_hash"])):
        return None
    return User.from_row(row)


def log_in(request: Request, row: dict[str, Any]) -> User:
    """Start a session for the user ``row`` (a fresh CSRF token, the old session dropped)."""
    session = request.scope["session"]
    session.clear()
    session.update(uid=row["id"], ver=session_version(row["password_hash"]), at=int(time.time()),
                   csrf=secrets.token_urlsafe(32))
    user = User.from_row(row)
    request.scope[_USER] = user
    return user


def log_out(request: Request) -> None:
    session = _session(request)
    if session is not None:
        session.clear()
    request.scope[_USER] = None


def require_user(request: Request, role: str = "moderator") -> User:
    """The logged-in user with ``role`` (admins have every role); 401 anonymous, 403 otherwise."""
    user = current_user(request)
    if user is None:
        raise HTTPException(401, "please log in", headers={"WWW-Authenticate": 'Session realm="tidings"'})
    if not user.has_role(role):
        raise HTTPException(403, f"this page is for the {role} role")
    return user


def safe_next(value: str | None, default: str = "/admin/complaints") -> str:
    """A local path to go to after logging in (never another site)."""
    if (not value or not value.startswith("/") or value.startswith("//") or "\\" in value
            or any(ch < " " or ch == "\x7f" for ch in value) or len(value) > 2000):
        return default
    return value


def login_redirect(request: Request) -> RedirectResponse:
    """A 303 to the login page that comes back to this page."""
    target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/admin/login?next={quote(target, safe='')}", status_code=303)


def user_or_redirect(request: Request, role: str = "moderator") -> User | Response:
    """For HTML pages: the user, or a redirect to the login page (anonymous), or 403."""
    if current_user(request) is None:
        return login_redirect(request)
    return require_user(request, role)


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use); empty without sessions."""
    session = _session(request)
    if session is None:
        return ""
    if not isinstance(session.get("csrf"), str):
        session["csrf"] = secrets.token_urlsafe(32)
    return session["csrf"]


async def check_csrf(request: Request) -> FormData:
    """The submitted form once its ``csrf_token`` field (or ``X-CSRF-Token``) matches the session's.

    Raises ``HTTPException(403)`` on a missing or wrong token, 413 for a body over 1 MiB.
    """
    await _read_body_limited(request)
    form = await request.form(max_files=0, max_fields=200)
    sent = form.get("csrf_token") or request.headers.get("x-csrf-token") or ""
    session = _session(request) or {}
    expected = session.get("csrf")
    if not isinstance(sent, str) or not isinstance(expected, str) or not expected \
            or not hmac.compare_digest(sent.encode(), expected.encode()):
        raise HTTPException(403, "the form's security token is missing or out of date; reload the page and retry")
    return form


async def _read_body_limited(request: Request) -> None:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_FORM_BYTES:
        raise HTTPException(413, "the form is too large")
    if hasattr(request, "_body"):
        return
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_FORM_BYTES:
            raise HTTPException(413, "the form is too large")
        chunks.append(chunk)
    request._body = b"".join(chunks)  # Starlette's own cache: form() reads it from here


def api_token_user(request: Request) -> User | None:
    """The user of an ``Authorization: Bearer <token>`` header, or None."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    store = desk(request).store
    found = user_for_token(store, token.strip())
    if found is None:
        return None
    user, row = found
    now = utcnow()
    if row["last_used"] is None or now - row["last_used"] > TOKEN_TOUCH:
        store.touch_api_token(row["token_id"], now)
    return user
