"""Best-effort notifications: a webhook and e-mail to moderators, e-mail to complainants.

Nothing here ever raises: a failed notification is logged and the form still succeeds.
Configuration: ``TIDINGS_MODERATION_WEBHOOK``, ``TIDINGS_MODERATOR_EMAIL`` (comma-separated) and
``TIDINGS_SMTP_HOST/PORT/USER/PASSWORD/FROM``.
"""
from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from typing import Any

import httpx

from .config import SMTP, RightsSettings

log = logging.getLogger(__name__)
TIMEOUT = 10.0


def send_mail(smtp: SMTP, to: list[str], subject: str, body: str) -> bool:
    """Send a plain-text e-mail; False (logged) on any failure or when SMTP is not configured."""
    to = [t.strip() for t in to if t and t.strip()]
    if not smtp.enabled or not to:
        return False
    try:
        message = EmailMessage()
        message["From"], message["To"], message["Subject"] = smtp.sender, ", ".join(to), subject
        message.set_content(body)
        _deliver(smtp, message)
        return True
    except Exception:  # noqa: BLE001 - best effort by design
        log.warning("could not send e-mail %r to %s", subject, to, exc_info=True)
        return False


def _deliver(smtp: SMTP, message: EmailMessage) -> None:
    if smtp.port == 465:
        with smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT, context=ssl.create_default_context()) as conn:
            _login_and_send(conn, smtp, message)
        return
    with smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT) as conn:
        conn.ehlo()
        if conn.has_extn("starttls"):
            conn.starttls(context=ssl.create_default_context())
            conn.ehlo()
        _login_and_send(conn, smtp, message)


def _login_and_send(conn: smtplib.SMTP, smtp: SMTP, message: EmailMessage) -> None:
    if smtp.user:
        conn.login(smtp.user, smtp.password)
    conn.send_message(message)


def post_webhook(url: str, payload: dict[str, Any]) -> bool:
    """POST ``payload`` as JSON to ``url``; False (logged) on any failure."""
    if not url:
        return False
    try:
        response = httpx.post(url, json=payload, timeout=TIMEOUT, follow_redirects=False)
        response.raise_for_status()
        return True
    except Exception:  # noqa: BLE001 - best effort by design
        log.warning("moderation webhook %s failed", url, exc_info=True)
        return False


def notify_moderators(settings: RightsSettings, event: str, complaint: dict[str, Any], link: str) -> dict[str, bool]:
    """Tell moderators about a new complaint or counter-notice (webhook and e-mail)."""
    payload = {"event": event, "id": complaint["id"], "kind": complaint.get("kind", ""),
               "url": complaint.get("url", ""), "deadline": _iso(complaint.get("deadline")), "link": link}
    subject = f"[tidings] {event.replace('_', ' ')} #{complaint['id']} ({payload['kind']})"
    body = (f"A {event.replace('_', ' ')} needs action before {payload['deadline']}.\n\n"
            f"Kind: {payload['kind']}\nURL: {payload['url']}\n\nOpen it: {link}\n")
    return {"webhook": post_webhook(settings.webhook, payload),
            "email": send_mail(settings.smtp, settings.moderator_email.split(","), subject, body)}


def acknowledge(settings: RightsSettings, complaint: dict[str, Any], link: str) -> bool:
    """E-mail the complainant the acknowledgement with the status link."""
    subject = f"[tidings] we received your complaint #{complaint['id']}"
    body = (f"We received your {complaint.get('kind', '')} complaint about {complaint.get('url', '')} "
            f"and will act on it before {_iso(complaint.get('deadline'))}.\n\nFollow it here: {link}\n")
    return send_mail(settings.smtp, [complaint.get("email", "")], subject, body)


def forward_counter_notice(settings: RightsSettings, complaint: dict[str, Any], notice: dict[str, Any],
                           restore_after: str) -> bool:
    """Send the complainant a copy of an accepted counter-notice, as the DMCA requires."""
    subject = f"[tidings] counter-notice to your complaint #{complaint['id']}"
    body = (f"We received a counter-notice about {complaint.get('url', '')}.\n\n"
            f"From: {notice.get('name', '')}\nAddress: {notice.get('address', '')}\n"
            f"Phone: {notice.get('phone', '')}\nE-mail: {notice.get('email', '')}\n"
            f"Explanation: {notice.get('details', '')}\nSigned: {notice.get('signature', '')}\n\n"
            f"Unless you tell us you have filed a court action, the material will be restored after "
            f"{restore_after}.\n")
    return send_mail(settings.smtp, [complaint.get("email", "")], subject, body)


def _iso(value) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else str(value or "")
