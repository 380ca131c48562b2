"""The complaint lifecycle: filing with a 24-hour deadline, takedown, rejection, counter-notice,
restoration after the waiting period, and the numbers behind ``/metrics``.

>>> filed = file_complaint(store, checked.values)          # {"id", "deadline", "article_id"}
>>> take_down(store, filed["id"], "moderator-name", block_source=True)
>>> restore_due(store)                                      # the scheduler calls this
"""
from __future__ import annotations

import hashlib
import hmac
import json
import re
import statistics
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from ..store.complaints import ACTIONABLE
from ..store.sources import utcnow
from .config import RightsSettings

DEADLINE = timedelta(hours=24)
ARTICLE_PATH = re.compile(r"^/article/(\d+)/?$")
COMPLAINT_COLUMNS = ("kind", "url", "work", "name", "email", "address", "phone", "details", "good_faith",
                     "accuracy", "signature")


class WrongState(ValueError):
    """The complaint is not in a state that allows this action."""


def ack_token(secret: str, complaint_id: int) -> str:
    """The unguessable token of a complaint's public status page."""
    digest = hmac.new(secret.encode(), f"complaint:{complaint_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def ack_token_ok(secret: str, complaint_id: int, token: str | None) -> bool:
    return bool(token) and hmac.compare_digest(ack_token(secret, complaint_id).encode(), token.encode())


def resolve_article(store, url: str) -> int | None:
    """The article a complaint's URL points at: ``/article/N`` on this site, or a stored URL."""
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    match = ARTICLE_PATH.match(path or "")
    if match and store.get_article(int(match.group(1))) is not None:
        return int(match.group(1))
    found = store.article_by_url(url)
    return found["id"] if found else None


def file_complaint(store, values: dict[str, Any], *, now: datetime | None = None,
                   actor: str = "public") -> dict[str, Any]:
    """Store a checked complaint (see :func:`tidings.rights.notices.check_complaint`).

    Returns ``{"id", "received_at", "deadline", "article_id"}``; the deadline is 24 hours on.
    """
    now = now or utcnow()
    row = {name: values.get(name, "") for name in COMPLAINT_COLUMNS}
    row.update(good_faith=bool(values.get("good_faith")), accuracy=bool(values.get("accuracy")),
               status="open", received_at=now, deadline=now + DEADLINE,
               article_id=resolve_article(store, row["url"]))
    complaint_id = store.add_complaint(row, actor=actor)
    return {"id": complaint_id, "received_at": now, "deadline": now + DEADLINE, "article_id": row["article_id"]}


def _complaint(store, complaint_id: int, *states: str) -> dict[str, Any]:
    found = store.get_complaint(complaint_id)
    if found is None:
        raise LookupError(f"no complaint {complaint_id}")
    if states and found["status"] not in states:
        raise WrongState(f"complaint {complaint_id} is {found['status']}, not {' or '.join(states)}")
    return found


def take_down(store, complaint_id: int, actor: str, *, article_id: int | None = None, reason: str = "",
              block_source: bool = False, now: datetime | None = None) -> dict[str, Any]:
    """Hide the article at once and block its URL and canonical URL from ever being ingested again.

    ``article_id`` overrides the article found from the complaint's URL; copyright takedowns
    count towards the source's repeat-infringer total; ``block_source`` stops polling the source.
    """
    complaint = _complaint(store, complaint_id, "open")
    article_id = article_id or complaint["article_id"]
    if article_id is None:
        raise LookupError("this complaint's URL matches no stored article: give the article id")
    return store.take_down(complaint_id, article_id, actor, reason=reason, block_source=block_source,
                           count_infringement=complaint["kind"] == "copyright", now=now)


def reject(store, complaint_id: int, actor: str, reason: str, *, now: datetime | None = None) -> None:
    """Close a complaint without action; the reason is required and shown on its status page."""
    if not reason.strip():
        raise ValueError("give a reason for the rejection")
    _complaint(store, complaint_id, "open")
    now = now or utcnow()
    store.update_complaint(complaint_id, actor, "complaint.rejected", reason, now=now,
                           status="rejected", resolution=reason, acted_at=now)


def resolve(store, complaint_id: int, actor: str, note: str, *, now: datetime | None = None) -> None:
    """Close a complaint as handled otherwise (e.g. an error corrected at the source)."""
    if not note.strip():
        raise ValueError("say how the complaint was resolved")
    _complaint(store, complaint_id, "open")
    now = now or utcnow()
    store.update_complaint(complaint_id, actor, "complaint.resolved", note, now=now,
                           status="resolved", resolution=note, acted_at=now)


def file_counter_notice(store, values: dict[str, Any], *, now: datetime | None = None,
                        actor: str = "public") -> dict[str, Any] | None:
    """Attach a checked counter-notice to the takedown of ``values["url"]``; None if there is none.

    The complaint goes back to the queue (status ``counter_notice``) with a new 24-hour deadline.
    """
    complaint = store.takedown_for_url(values["url"])
    if complaint is None:
        article_id = resolve_article(store, values["url"])
        article = store.get_article(article_id) if article_id else None
        complaint = store.takedown_for_url(article["url"]) if article else None
    if complaint is None:
        return None
    now = now or utcnow()
    notice = {k: values.get(k) for k in ("url", "name", "email", "address", "phone", "details", "signature",
                                         "mistake", "consent")}
    store.update_complaint(complaint["id"], actor, "complaint.counter_notice", f"from {values.get('name', '')}",
                           now=now, status="counter_notice", counter_notice=json.dumps(notice), counter_at=now,
                           deadline=now + DEADLINE)
    return store.get_complaint(complaint["id"])


def accept_counter_notice(store, complaint_id: int, actor: str, *, days: int | None = None,
                          now: datetime | None = None) -> datetime:
    """Schedule the restoration ``days`` on (``TIDINGS_COUNTER_NOTICE_DAYS``, default 14)."""
    _complaint(store, complaint_id, "counter_notice")
    now = now or utcnow()
    days = RightsSettings.from_env().counter_notice_days if days is None else days
    restore_after = now + timedelta(days=days)
    store.update_complaint(complaint_id, actor, "complaint.counter_accepted",
                           f"restore after {restore_after.isoformat()}", now=now,
                           status="restore_pending", restore_after=restore_after)
    return restore_after


def keep_down(store, complaint_id: int, actor: str, reason: str, *, now: datetime | None = None) -> None:
    """Refuse a counter-notice, or cancel a pending restoration (e.g. a court action was filed)."""
    if not reason.strip():
        raise ValueError("give a reason for keeping the material down")
    _complaint(store, complaint_id, "counter_notice", "restore_pending")
    now = now or utcnow()
    store.update_complaint(complaint_id, actor, "complaint.kept_down", reason, now=now,
                           status="taken_down", restore_after=None)


def restore_due(store, now: datetime | None = None) -> int:
    """Restore every takedown whose counter-notice waiting period has passed; returns how many."""
    now = now or utcnow()
    due = store.complaints_due_for_restore(now)
    for complaint_id in due:
        store.restore(complaint_id, "system", now=now, details="counter-notice waiting period over")
    return len(due)


def complaint_metrics(store, now: datetime | None = None) -> dict[str, Any]:
    """``open`` (awaiting action), ``overdue`` (past their 24-hour deadline) and
    ``median_hours_to_action`` (receipt to first action; None before any action)."""
    now = now or utcnow()
    rows = store.complaint_timings()
    waiting = [r for r in rows if r["status"] in ACTIONABLE]
    spans = [(r["acted_at"] - r["received_at"]).total_seconds() / 3600 for r in rows if r["acted_at"]]
    return {"open": len(waiting), "overdue": sum(1 for r in waiting if r["deadline"] < now),
            "median_hours_to_action": round(statistics.median(spans), 2) if spans else None}


def counter_notice_of(complaint: dict[str, Any]) -> dict[str, Any]:
    """The stored counter-notice of a complaint as a dict (empty when there is none)."""
    try:
        return json.loads(complaint.get("counter_notice") or "{}")
    except ValueError:
        return {}
