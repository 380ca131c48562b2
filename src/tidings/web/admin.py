"""Admin pages behind login: dashboard, sources, watchlist, alerts (forms carry CSRF tokens)."""
from __future__ import annotations

from typing import Any

import yaml
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from . import auth
from .security import http_url
from .templating import render

WATCHLIST_KEY = "watchlist"
MAX_WATCHLIST = 512 * 1024


def _store(request: Request):
    return request.app.state.store


def _page(request: Request, name: str, user: Any, **context: Any) -> Response:
    status = context.pop("status", 200)
    context.setdefault("notice", request.query_params.get("notice", "")[:200])
    return render(request, name, dict(user=user, **context), status_code=status)


def _back(path: str, notice: str) -> RedirectResponse:
    from urllib.parse import quote
    return RedirectResponse(f"{path}?notice={quote(notice)}", status_code=303)


async def dashboard(request: Request) -> Response:
    user = auth.admin_or_redirect(request, role="moderator")
    if isinstance(user, Response):
        return user
    store = _store(request)
    counts = await run_in_threadpool(store.db_counts)
    health = await run_in_threadpool(store.source_health)
    alerts = await run_in_threadpool(store.list_alerts)
    failing = [s for s in health if s["last_error"]][:50]
    return _page(request, "admin_dashboard.html", user, counts=counts, failing=failing,
                 alerts=len(alerts))


async def sources(request: Request) -> Response:
    user = auth.admin_or_redirect(request)
    if isinstance(user, Response):
        return user
    store = _store(request)
    error = ""
    if request.method == "POST":
        form = await auth.check_csrf(request)
        error = await run_in_threadpool(_change_source, store, form)
        if not error:
            return _back("/admin/sources", "Saved.")
    rows = await run_in_threadpool(store.source_health)
    return _page(request, "admin_sources.html", user, rows=rows, error=error,
                 status=400 if error else 200)


def _change_source(store, form) -> str:
    """Apply one add/enable/disable/remove; returns an error message or ''."""
    action = str(form.get("action", ""))
    if action == "add":
        url = str(form.get("url", "")).strip()
        if not http_url(url):
            return "A source needs an http:// or https:// address."
        store.add_source(url, title=str(form.get("title", "")).strip()[:200],
                         lang=str(form.get("lang", "")).strip()[:16])
        return ""
    try:
        source_id = int(str(form.get("id", "")))
    except ValueError:
        return "No source was chosen."
    if store.get_source(source_id) is None:
        return "That source no longer exists."
    if action == "remove":
        store.delete_source(source_id)
    elif action in ("enable", "disable"):
        store.update_source(source_id, enabled=action == "enable")
    else:
        return "Unknown action."
    return ""


def validate_watchlist(text: str) -> str:
    """An error message for watchlist YAML that the tagger could not load, or ''."""
    if len(text.encode()) > MAX_WATCHLIST:
        return "The watchlist is too large."
    try:
        data = yaml.safe_load(text) if text.strip() else {"actors": []}
    except yaml.YAMLError as exc:
        return f"This is not valid YAML: {str(exc).splitlines()[0]}"
    if not isinstance(data, dict) or not isinstance(data.get("actors", []), list):
        return "The watchlist must be a mapping with a list under 'actors'."
    try:
        from tidings.tag.watchlist import Watchlist
    except ImportError:
        return ""
    try:
        Watchlist.from_dict(data)
    except (ValueError, TypeError, KeyError) as exc:
        return f"The watchlist has a problem: {exc}"
    return ""


async def watchlist(request: Request) -> Response:
    user = auth.admin_or_redirect(request)
    if isinstance(user, Response):
        return user
    store = _store(request)
    if request.method == "POST":
        form = await auth.check_csrf(request)
        text = str(form.get("yaml", "")).replace("\r\n", "\n")
        error = validate_watchlist(text)
        if error:
            return _page(request, "admin_watchlist.html", user, yaml_text=text, error=error, status=400)
        await run_in_threadpool(store.kv_set, WATCHLIST_KEY, text)
        return _back("/admin/watchlist", "Watchlist saved.")
    text = await run_in_threadpool(store.kv_get, WATCHLIST_KEY, "")
    return _page(request, "admin_watchlist.html", user, yaml_text=text or "")


async def alerts(request: Request) -> Response:
    user = auth.admin_or_redirect(request)
    if isinstance(user, Response):
        return user
    store = _store(request)
    error = ""
    if request.method == "POST":
        form = await auth.check_csrf(request)
        error = await run_in_threadpool(_change_alert, store, form, getattr(user, "id", None))
        if not error:
            return _back("/admin/alerts", "Saved.")
    rows = await run_in_threadpool(store.list_alerts)
    return _page(request, "admin_alerts.html", user, alerts=rows, error=error,
                 prefill=request.query_params.get("q", "")[:500], status=400 if error else 200)


def _change_alert(store, form, user_id: int | None) -> str:
    action = str(form.get("action", ""))
    if action == "remove":
        try:
            store.delete_alert(int(str(form.get("id", ""))))
        except ValueError:
            return "No alert was chosen."
        return ""
    if action != "add":
        return "Unknown action."
    name, query = str(form.get("name", "")).strip()[:200], str(form.get("query", "")).strip()[:500]
    webhook, email = str(form.get("webhook", "")).strip(), str(form.get("email", "")).strip()[:300]
    if not name or not query:
        return "An alert needs a name and a search."
    if webhook and not http_url(webhook):
        return "The webhook must be an http:// or https:// address."
    if email and ("@" not in email or any(c in email for c in "\r\n,; ")):
        return "The e-mail address does not look right."
    if not webhook and not email:
        return "Give a webhook URL or an e-mail address to notify."
    store.add_alert(name, query, webhook=webhook, email=email, digest=bool(form.get("digest")),
                    user_id=user_id if isinstance(user_id, int) else None)
    return ""
