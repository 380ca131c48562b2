"""Endpoint wrappers that make the checks impossible to forget.

``@page(role)``: an HTML page for logged-in users (anonymous → redirect to the login page).
``@action(role)``: a POST for logged-in users (401/403 first, then the CSRF check).
``@public_form``: a public POST (the CSRF check).
Each wrapper records ``rights_kind`` and ``rights_role`` on the endpoint, so tests can
enumerate every route and prove the checks are there.
"""
from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response

from .auth import check_csrf, require_user, user_or_redirect


def _mark(endpoint, kind: str, role: str | None):
    endpoint.rights_kind, endpoint.rights_role = kind, role
    return endpoint


def page(role: str = "moderator"):
    def wrap(handler: Callable[..., Awaitable[Response]]):
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            user = user_or_redirect(request, role)
            if isinstance(user, Response):
                return user
            return await handler(request, user)
        return _mark(endpoint, "page", role)
    return wrap


def action(role: str = "moderator"):
    def wrap(handler: Callable[..., Awaitable[Response]]):
        @functools.wraps(handler)
        async def endpoint(request: Request) -> Response:
            user = require_user(request, role)
            form = await check_csrf(request)
            return await handler(request, user, form)
        return _mark(endpoint, "action", role)
    return wrap


def public_form(handler: Callable[..., Awaitable[Response]]):
    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        form = await check_csrf(request)
        return await handler(request, form)
    return _mark(endpoint, "public_form", None)


def public_page(handler: Callable[..., Awaitable[Response]]):
    return _mark(handler, "public_page", None)


def int_param(request: Request, name: str = "id") -> int:
    return int(request.path_params[name])
