"""Alerts: saved searches that notify by webhook and/or e-mail when new stories match.

Call :func:`run_alerts` after each poll cycle. Each alert looks at articles collected since
its last run; every story is notified at most once per alert (``alert_hits``), a failed
delivery is retried on the next run, and ``digest`` alerts send one message per run.
"""
from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from typing import Any

from .. import metrics
from ..store.sources import utcnow
from .notify import SMTPSettings, SyncResolver, address_policy, one_line, post_webhook, send_email

log = logging.getLogger(__name__)
OVERLAP = timedelta(minutes=5)
MAX_MATCHES = 500


def public_url() -> str:
    return os.environ.get("TIDINGS_PUBLIC_URL", "http://127.0.0.1:8080").rstrip("/")


def run_alerts(store, now: datetime | None = None, *, smtp: SMTPSettings | None = None,
               policy=None, resolver: SyncResolver | None = None, base_url: str | None = None) -> int:
    """Check every alert; returns how many (alert, story) notifications were delivered."""
    now = now or utcnow()
    smtp = smtp or SMTPSettings.from_env()
    policy = policy or address_policy()
    base = (base_url or public_url()).rstrip("/")
    delivered = 0
    for alert in store.list_alerts():
        try:
            delivered += _run_one(store, alert, now, smtp, policy, resolver, base)
        except Exception:  # noqa: BLE001 - one broken alert must not stop the others
            log.exception("alert %s failed", alert["id"])
    return delivered


def _run_one(store, alert: dict[str, Any], now: datetime, smtp, policy, resolver, base: str) -> int:
    since = (alert["last_run"] or alert["created_at"]) - OVERLAP
    hits = store.search(alert["query"], limit=MAX_MATCHES, include_copies=True,
                        fetched_after=since, snippet_chars=0)
    story_ids = list(dict.fromkeys(h.story_id for h in hits if h.story_id is not None))
    store.record_alert_hits(alert["id"], story_ids, now)
    pending = [s["id"] for s in store.unsent_alert_stories(alert["id"])]
    stories = store.stories_by_ids(pending) if pending else []
    visible = {s["id"] for s in stories}
    store.mark_alert_sent(alert["id"], [i for i in pending if i not in visible])  # nothing left to show
    sent = _deliver(alert, stories, smtp, policy, resolver, base)
    store.mark_alert_sent(alert["id"], sent)
    store.set_alert_run(alert["id"], now)
    return len(sent)


def story_payload(story: dict[str, Any], base: str) -> dict[str, Any]:
    first = story.get("first") or {}
    return {"id": story["id"], "headline": story["headline"], "url": f"{base}/story/{story['id']}",
            "outlets": story["outlets"], "source_count": story["source_count"],
            "languages": story["languages"],
            "first_seen": story["first_seen"].isoformat() if story["first_seen"] else None,
            "first_source": first.get("source"), "primary_url": first.get("primary_url") or first.get("url")}


def _deliver(alert, stories, smtp, policy, resolver, base: str) -> list[int]:
    """Send per story (or one digest); returns the ids of stories delivered on some channel."""
    batches = [stories] if alert["digest"] else [[s] for s in stories]
    sent: list[int] = []
    for batch in batches:
        if not batch:
            continue
        ok = False
        if alert["webhook"]:
            ok |= _try("webhook", lambda: post_webhook(alert["webhook"], _json(alert, batch, base),
                                                       policy=policy, resolver=resolver))
        if alert["email"]:
            subject, body = _mail(alert, batch, base)
            ok |= _try("email", lambda: send_email(smtp, alert["email"], subject, body))
        if ok:
            sent.extend(s["id"] for s in batch)
    return sent


def _try(channel: str, action) -> bool:
    try:
        action()
    except Exception as exc:  # noqa: BLE001 - delivery problems are reported, then retried
        metrics.ALERT_ERRORS.labels(channel=channel).inc()
        log.warning("alert %s delivery failed: %s", channel, exc)
        return False
    metrics.ALERTS_SENT.labels(channel=channel).inc()
    return True


def _json(alert: dict[str, Any], batch: list[dict[str, Any]], base: str) -> dict[str, Any]:
    return {"alert": {"id": alert["id"], "name": alert["name"], "query": alert["query"]},
            "digest": bool(alert["digest"]), "stories": [story_payload(s, base) for s in batch]}


def _mail(alert: dict[str, Any], batch: list[dict[str, Any]], base: str) -> tuple[str, str]:
    if len(batch) == 1:
        subject = f"[tidings] {alert['name']}: {one_line(batch[0]['headline'], 150)}"
    else:
        subject = f"[tidings] {alert['name']}: {len(batch)} new stories"
    lines = [f"New stories matching your alert “{alert['name']}” ({alert['query']}):", ""]
    for story in batch:
        data = story_payload(story, base)
        lines += [one_line(data["headline"], 300), f"  {data['url']}",
                  f"  {data['source_count']} outlet(s): {one_line(', '.join(data['outlets'][:10]), 300)}"]
        if data["primary_url"]:
            lines.append(f"  first reported at {one_line(data['primary_url'], 500)}")
        lines.append("")
    lines.append(f"Manage alerts: {base}/admin/alerts")
    return subject, "\n".join(lines)
