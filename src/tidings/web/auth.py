"""The web side of accounts: a thin adapter over :mod:`tidings.rights.auth`.

When the rights package is not installed, nobody can log in: admin pages answer 503 and
API writes 401, and pages still render (``csrf_token`` is empty, no user is known).
"""
from __future__ import annotations

import importlib
import logging
from types import ModuleType
from typing import Any
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse

log = logging.getLogger(__name__)


def rights() -> ModuleType | None:
    """``tidings.rights.auth`` if it is installed, else None."""
    try:
        return importlib.import_module("tidings.rights.auth")
    except ModuleNotFoundError as exc:
        if exc.name in ("tidings.rights", "tidings.rights.auth"):
            return None
        raise


def install(app, store) -> bool:
    """Let the rights package add its middleware and routes; False when it is missing."""
    module = rights()
    app.state.rights_installed = module is not None
    if module is None:
        log.warning("tidings.rights is not installed: logins, complaints and comments are off")
        return False
    module.install(app, store)
    return True


def _installed(request: Request) -> ModuleType | None:
    """The rights module when this app installed it (``create_app(..., rights=True)``)."""
    if not getattr(request.app.state, "rights_installed", False):
        return None
    return rights()


def current_user(request: Request) -> Any | None:
    module = _installed(request)
    return module.current_user(request) if module else None


def csrf_token(request: Request) -> str:
    module = _installed(request)
    return module.csrf_token(request) if module else ""


async def check_csrf(request: Request):
    """The submitted form, once its CSRF token is checked (403 otherwise)."""
    module = _installed(request)
    if module is None:
        raise HTTPException(403, "forms are disabled: accounts are not installed")
    return await module.check_csrf(request)


def api_token_user(request: Request) -> Any | None:
    module = _installed(request)
    return module.api_token_user(request) if module else None


def require_user(request: Request, role: str = "moderator") -> Any:
    module = _installed(request)
    if module is None:
        raise HTTPException(503, "accounts are not installed")
    return module.require_user(request, role=role)


def admin_or_redirect(request: Request, role: str = "admin") -> Any:
    """The logged-in user with ``role``, or a redirect to the login page (HTML routes)."""
    try:
        return require_user(request, role=role)
    except HTTPException as exc:
        if exc.status_code == 401:
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/admin/login?next={quote(target, safe='')}", status_code=303)
        raise
