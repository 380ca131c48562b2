"""Comment moderation (moderators) and accounts, API tokens and settings (admins only)."""
from __future__ import annotations

from datetime import timedelta

from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..store.sources import utcnow
from .accounts import ROLES, create_api_token, create_user
from .guards import action, int_param, page
from .render import desk, render
from .sanitize import sanitize_comment


def _with_html(rows: list[dict]) -> list[dict]:
    for row in rows:
        row["body_html"] = Markup(sanitize_comment(row["body"]))
    return rows


@page("moderator")
async def comments_queue(request: Request, user) -> Response:
    store = desk(request).store
    return render(request, "rights/admin_comments.html", {
        "waiting": _with_html(store.comments_by_status(("pending", "spam"))),
        "recent": _with_html(store.comments_by_status(("approved",), limit=50)),
        "mode": desk(request).settings.comments, "user": user})


def _comment_or_404(request: Request) -> dict:
    found = desk(request).store.get_comment(int_param(request))
    if found is None:
        raise HTTPException(404, "no such comment")
    return found


def _back() -> Response:
    return RedirectResponse("/admin/comments", status_code=303)


@action("moderator")
async def comment_approve(request: Request, user, form) -> Response:
    comment = _comment_or_404(request)
    desk(request).store.moderate_comment(comment["id"], "approved", user.username)
    return _back()


@action("moderator")
async def comment_delete(request: Request, user, form) -> Response:
    comment = _comment_or_404(request)
    desk(request).store.moderate_comment(comment["id"], None, user.username)
    return _back()


@action("moderator")
async def comment_ban(request: Request, user, form) -> Response:
    """Ban the comment's address (for ``days``, default for good) and delete its unpublished comments."""
    comment = _comment_or_404(request)
    days = str(form.get("days", "")).strip()
    until = utcnow() + timedelta(days=int(days)) if days.isdigit() and int(days) > 0 else None
    reason = str(form.get("reason", ""))[:1000] or f"comment {comment['id']}"
    store = desk(request).store
    store.moderate_comment(comment["id"], None, user.username)
    store.ban(comment["ip_hash"], reason, user.username, until=until)
    return _back()


def _users_context(request: Request, user, **extra) -> dict:
    found = desk(request)
    return {"users": found.store.list_users(), "tokens": found.store.list_api_tokens(), "roles": ROLES,
            "contact": found.store.kv_get("dmca_contact", "") or "", "env_contact": found.settings.dmca_contact,
            "user": user, "error": "", "new_token": "", **extra}


@page("admin")
async def users(request: Request, user) -> Response:
    return render(request, "rights/admin_users.html", _users_context(request, user))


@action("admin")
async def user_create(request: Request, user, form) -> Response:
    values = {k: str(form.get(k, "")).strip() for k in ("username", "role", "email")}
    try:
        await run_in_threadpool(create_user, desk(request).store, values["username"], str(form.get("password", "")),
                                values["role"] or "moderator", email=values["email"][:254], actor=user.username)
    except ValueError as error:
        return render(request, "rights/admin_users.html", _users_context(request, user, error=str(error)),
                      status_code=400)
    return RedirectResponse("/admin/users", status_code=303)


@action("admin")
async def user_disable(request: Request, user, form) -> Response:
    return _set_disabled(request, user, True)


@action("admin")
async def user_enable(request: Request, user, form) -> Response:
    return _set_disabled(request, user, False)


def _set_disabled(request: Request, user, disabled: bool) -> Response:
    target = int_param(request)
    if target == user.id and disabled:
        return render(request, "rights/admin_users.html",
                      _users_context(request, user, error="You cannot disable your own account."), status_code=400)
    store = desk(request).store
    if store.get_user(target) is None:
        raise HTTPException(404, "no such user")
    store.set_user(target, user.username, "user.disabled" if disabled else "user.enabled", disabled=disabled)
    return RedirectResponse("/admin/users", status_code=303)


@action("admin")
async def token_create(request: Request, user, form) -> Response:
    """A new API token for the chosen user, shown once on the page (never stored in the clear)."""
    store = desk(request).store
    owner = str(form.get("user_id", "")).strip()
    owner_id = int(owner) if owner.isdigit() else user.id
    if store.get_user(owner_id) is None:
        raise HTTPException(404, "no such user")
    token = create_api_token(store, owner_id, str(form.get("name", "")).strip() or "api", user.username)
    return render(request, "rights/admin_users.html", _users_context(request, user, new_token=token))


@action("admin")
async def token_revoke(request: Request, user, form) -> Response:
    desk(request).store.delete_api_token(int_param(request), user.username)
    return RedirectResponse("/admin/users", status_code=303)


@action("admin")
async def settings_save(request: Request, user, form) -> Response:
    """Save the designated contact shown on /policy (``TIDINGS_DMCA_CONTACT`` wins when set)."""
    store = desk(request).store
    contact = str(form.get("dmca_contact", "")).strip()[:2000]
    store.kv_set("dmca_contact", contact)
    store.add_audit(user.username, "settings.dmca_contact", "kv:dmca_contact", contact[:200])
    return RedirectResponse("/admin/users", status_code=303)
