"""Public pages: the complaint and counter-notice forms, status pages, the policy, comment posts."""
from __future__ import annotations

from urllib.parse import quote

from starlette.background import BackgroundTask
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from ..store.sources import utcnow
from . import notify
from .auth import address_hash, comments_mode
from .comments import HONEYPOT, submit_comment
from .complaints import ack_token, ack_token_ok, file_complaint, file_counter_notice
from .guards import int_param, public_form, public_page
from .notices import KINDS, check_complaint, check_counter_notice
from .render import desk, render
from .throttle import COMPLAINTS, take

STATUS_TEXT = {
    "open": "received — we will act on it before the deadline",
    "taken_down": "the material was taken down",
    "rejected": "closed without action",
    "resolved": "resolved",
    "counter_notice": "taken down; a counter-notice was received and is being reviewed",
    "restore_pending": "taken down; a counter-notice was accepted and the material will be restored",
    "restored": "restored after a counter-notice",
}


def dmca_contact(request: Request) -> str:
    """The designated contact: ``TIDINGS_DMCA_CONTACT``, else the kv setting, else empty."""
    found = desk(request)
    return found.settings.dmca_contact or found.store.kv_get("dmca_contact", "") or ""


def _status_link(request: Request, complaint_id: int) -> str:
    token = ack_token(desk(request).secret, complaint_id)
    return str(request.url_for("rights_complaint_status", id=complaint_id).include_query_params(t=token))


def _too_many(request: Request, template: str, context: dict, wait: int) -> Response:
    context = {**context, "error": f"Too many submissions from your address; try again in {wait // 60 + 1} minutes."}
    return render(request, template, context, status_code=429, headers={"Retry-After": str(wait)})


@public_page
async def complaint_form(request: Request) -> Response:
    values = {"kind": request.query_params.get("kind", ""), "url": request.query_params.get("url", "")}
    return render(request, "rights/complaint_form.html", {"values": values, "errors": {}, "kinds": KINDS})


@public_form
async def complaint_submit(request: Request, form) -> Response:
    found = desk(request)
    if form.get(HONEYPOT):
        return render(request, "rights/thanks.html", {})
    checked = check_complaint(form)
    context = {"values": checked.values, "errors": checked.errors, "kinds": KINDS}
    if not checked.ok:
        return render(request, "rights/complaint_form.html", context, status_code=400)
    wait = take(found.store, "complaint", address_hash(request), COMPLAINTS, utcnow())
    if wait is not None:
        return _too_many(request, "rights/complaint_form.html", context, wait)
    filed = file_complaint(found.store, checked.values)
    complaint = {**checked.values, **filed}
    link = _status_link(request, filed["id"])
    admin_link = str(request.url_for("rights_admin_complaint", id=filed["id"]))
    task = BackgroundTask(_after_filing, found.settings, complaint, link, admin_link, checked.values["email_ack"])
    return RedirectResponse(link, status_code=303, background=task)


def _after_filing(settings, complaint: dict, link: str, admin_link: str, email_ack: bool) -> None:
    notify.notify_moderators(settings, "new_complaint", complaint, admin_link)
    if email_ack:
        notify.acknowledge(settings, complaint, link)


@public_page
async def complaint_status(request: Request) -> Response:
    complaint_id = int_param(request)
    found = desk(request)
    complaint = found.store.get_complaint(complaint_id)
    if complaint is None or not ack_token_ok(found.secret, complaint_id, request.query_params.get("t")):
        raise HTTPException(404, "no such complaint")
    return render(request, "rights/complaint_status.html", {
        "complaint": complaint, "kind_label": KINDS.get(complaint["kind"], complaint["kind"]),
        "status_text": STATUS_TEXT.get(complaint["status"], complaint["status"]),
        "overdue": complaint["status"] in ("open", "counter_notice") and complaint["deadline"] < utcnow()})


@public_page
async def counter_form(request: Request) -> Response:
    values = {"url": request.query_params.get("url", "")}
    return render(request, "rights/counter_form.html", {"values": values, "errors": {}})


@public_form
async def counter_submit(request: Request, form) -> Response:
    found = desk(request)
    if form.get(HONEYPOT):
        return render(request, "rights/thanks.html", {})
    checked = check_counter_notice(form)
    context = {"values": checked.values, "errors": checked.errors}
    if not checked.ok:
        return render(request, "rights/counter_form.html", context, status_code=400)
    wait = take(found.store, "counter", address_hash(request), COMPLAINTS, utcnow())
    if wait is not None:
        return _too_many(request, "rights/counter_form.html", context, wait)
    complaint = file_counter_notice(found.store, checked.values)
    if complaint is None:
        context["errors"] = {"url": "We have no takedown on record for this address. Check the URL of the "
                                    "removed page (as it was on this site or at its source)."}
        return render(request, "rights/counter_form.html", context, status_code=404)
    admin_link = str(request.url_for("rights_admin_complaint", id=complaint["id"]))
    task = BackgroundTask(notify.notify_moderators, found.settings, "counter_notice", complaint, admin_link)
    return RedirectResponse(_status_link(request, complaint["id"]), status_code=303, background=task)


@public_page
async def policy(request: Request) -> Response:
    found = desk(request)
    return render(request, "rights/policy.html", {
        "contact": dmca_contact(request), "days": found.settings.counter_notice_days,
        "raw_days": found.settings.raw_html_days, "comments": found.settings.comments})


@public_page
async def comment_form(request: Request) -> Response:
    return _comment_page(request, int_param(request))


def _comment_page(request: Request, story_id: int, message: str = "", form=None, status_code: int = 200,
                  headline: str | None = None):
    """The comment form of a story (404 when comments are off or the story is gone)."""
    headline = headline if headline is not None else desk(request).store.story_headline(story_id)
    mode = comments_mode(request)
    if headline is None or mode == "off":
        raise HTTPException(404, "no such story, or comments are off")
    form = form or {}
    return render(request, "rights/comment_form.html", {
        "story_id": story_id, "headline": headline, "mode": mode, "message": message,
        "body": form.get("body", ""), "author": form.get("author", "")}, status_code=status_code)


@public_form
async def comment_submit(request: Request, form) -> Response:
    found = desk(request)
    story_id = int_param(request)
    headline = found.store.story_headline(story_id)
    if headline is None:
        raise HTTPException(404, "no such story")
    outcome = submit_comment(found.store, story_id, form, address_hash(request), comments_mode(request))
    if outcome.status in ("approved", "pending", "spam", "honeypot"):
        shown = "approved" if outcome.status == "approved" else "pending"
        return RedirectResponse(f"/story/{story_id}?comment={quote(shown)}#comments", status_code=303)
    if outcome.status == "limited":
        return PlainTextResponse(outcome.message, status_code=429, headers={"Retry-After": str(outcome.wait)})
    if outcome.status == "off":
        raise HTTPException(404, outcome.message)
    status_code = 403 if outcome.status == "banned" else 400
    return _comment_page(request, story_id, outcome.message, form, status_code, headline)
