"""Moderators' pages: logging in and out, the complaints queue, a complaint's actions, the audit log."""
from __future__ import annotations

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ..store.complaints import ACTIONABLE
from ..store.sources import utcnow
from . import complaints as desk_ops
from . import notify
from .accounts import authenticate
from .auth import address_hash, check_csrf, current_user, log_in, log_out, safe_next
from .guards import action, int_param, page, public_form, public_page
from .notices import KINDS
from .render import desk, render
from .throttle import login_wait, record_login


@public_page
async def login_form(request: Request) -> Response:
    next_path = safe_next(request.query_params.get("next"))
    if current_user(request) is not None:
        return RedirectResponse(next_path, status_code=303)
    return render(request, "rights/login.html", {"next": next_path, "error": "", "username": ""})


@public_form
async def login_submit(request: Request, form) -> Response:
    found, now = desk(request), utcnow()
    username = str(form.get("username", ""))[:100].strip()
    password = str(form.get("password", ""))[:1000]
    context = {"next": safe_next(str(form.get("next", ""))), "username": username}
    addr = address_hash(request)
    wait = login_wait(found.store, username, addr, now)
    if wait is not None:
        context["error"] = f"Too many failed attempts; try again in {wait // 60 + 1} minutes."
        return render(request, "rights/login.html", context, status_code=429, headers={"Retry-After": str(wait)})
    user = await run_in_threadpool(authenticate, found.store, username, password)
    record_login(found.store, username, addr, user is not None, now)
    if user is None:
        context["error"] = "Wrong username or password."
        return render(request, "rights/login.html", context, status_code=401)
    log_in(request, found.store.get_user(user.id))
    found.store.add_audit(user.username, "user.login", f"user:{user.id}", "")
    return RedirectResponse(context["next"], status_code=303)


async def logout(request: Request) -> Response:
    await check_csrf(request)
    user = current_user(request)
    if user is not None:
        desk(request).store.add_audit(user.username, "user.logout", f"user:{user.id}", "")
    log_out(request)
    return RedirectResponse("/", status_code=303)


logout.rights_kind, logout.rights_role = "public_form", None


def _with_clock(rows: list[dict], now) -> list[dict]:
    for row in rows:
        left = (row["deadline"] - now).total_seconds() / 3600
        row["overdue"] = row["status"] in ACTIONABLE and left < 0
        row["hours_left"] = left
    return rows


@page("moderator")
async def queue(request: Request, user) -> Response:
    found, now = desk(request), utcnow()
    show_all = request.query_params.get("show") == "all"
    rows = found.store.list_complaints(None if show_all else ACTIONABLE, limit=500)
    return render(request, "rights/admin_queue.html", {
        "rows": _with_clock(rows, now), "metrics": desk_ops.complaint_metrics(found.store, now),
        "show_all": show_all, "kinds": KINDS, "user": user})


def _detail_context(request: Request, complaint_id: int) -> dict:
    found = desk(request)
    rows = found.store.list_complaints(None, complaint_id=complaint_id)
    if not rows:
        raise HTTPException(404, "no such complaint")
    complaint = _with_clock(rows, utcnow())[0]
    article = found.store.get_article(complaint["article_id"]) if complaint["article_id"] else None
    return {"complaint": complaint, "article": article, "kinds": KINDS,
            "counter": desk_ops.counter_notice_of(complaint), "days": found.settings.counter_notice_days,
            "audit": found.store.list_audit(target=f"complaint:{complaint_id}"), "error": ""}


@page("moderator")
async def complaint_detail(request: Request, user) -> Response:
    context = _detail_context(request, int_param(request))
    return render(request, "rights/admin_complaint.html", {**context, "user": user})


def _done(request: Request, complaint_id: int, background: BackgroundTask | None = None) -> Response:
    return RedirectResponse(f"/admin/complaints/{complaint_id}", status_code=303, background=background)


def _failed(request: Request, user, complaint_id: int, error: Exception) -> Response:
    status_code = 404 if isinstance(error, LookupError) else 409 if isinstance(error, desk_ops.WrongState) else 400
    context = {**_detail_context(request, complaint_id), "error": str(error), "user": user}
    return render(request, "rights/admin_complaint.html", context, status_code=status_code)


def _text(form, name: str, limit: int = 4000) -> str:
    value = form.get(name, "")
    return value.strip()[:limit] if isinstance(value, str) else ""


@action("moderator")
async def do_takedown(request: Request, user, form) -> Response:
    complaint_id = int_param(request)
    article = _text(form, "article_id", 20)
    try:
        desk_ops.take_down(desk(request).store, complaint_id, user.username, reason=_text(form, "reason"),
                           article_id=int(article) if article.isdigit() else None,
                           block_source=_text(form, "block_source") in ("on", "1", "yes"))
    except (LookupError, ValueError) as error:
        return _failed(request, user, complaint_id, error)
    return _done(request, complaint_id)


@action("moderator")
async def do_reject(request: Request, user, form) -> Response:
    return _simple(request, user, desk_ops.reject, _text(form, "reason"))


@action("moderator")
async def do_resolve(request: Request, user, form) -> Response:
    return _simple(request, user, desk_ops.resolve, _text(form, "note"))


@action("moderator")
async def do_keep_down(request: Request, user, form) -> Response:
    return _simple(request, user, desk_ops.keep_down, _text(form, "reason"))


def _simple(request: Request, user, operation, text: str) -> Response:
    complaint_id = int_param(request)
    try:
        operation(desk(request).store, complaint_id, user.username, text)
    except (LookupError, ValueError) as error:
        return _failed(request, user, complaint_id, error)
    return _done(request, complaint_id)


@action("moderator")
async def do_accept_counter(request: Request, user, form) -> Response:
    found, complaint_id = desk(request), int_param(request)
    try:
        restore_after = desk_ops.accept_counter_notice(found.store, complaint_id, user.username,
                                                       days=found.settings.counter_notice_days)
    except (LookupError, ValueError) as error:
        return _failed(request, user, complaint_id, error)
    complaint = found.store.get_complaint(complaint_id)
    task = BackgroundTask(notify.forward_counter_notice, found.settings, complaint,
                          desk_ops.counter_notice_of(complaint), restore_after.isoformat())
    return _done(request, complaint_id, task)


@action("moderator")
async def do_unblock_source(request: Request, user, form) -> Response:
    """Let the complaint's source be polled again (its blocked URLs stay blocked)."""
    complaint_id = int_param(request)
    rows = desk(request).store.list_complaints(None, complaint_id=complaint_id)
    if not rows or rows[0]["source_id"] is None:
        raise HTTPException(404, "no source for this complaint")
    desk(request).store.set_source_blocked(rows[0]["source_id"], False, user.username)
    return _done(request, complaint_id)


@page("moderator")
async def audit(request: Request, user) -> Response:
    before = request.query_params.get("before", "")
    target = request.query_params.get("target") or None
    rows = desk(request).store.list_audit(target=target, limit=100,
                                          before_id=int(before) if before.isdigit() else None)
    return render(request, "rights/admin_audit.html", {"rows": rows, "target": target or "", "user": user})
