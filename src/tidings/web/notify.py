"""Sending alert notifications: JSON webhooks (behind the SSRF guard) and e-mail (SMTP).

Webhook targets are resolved first and refused when any address is private, loopback or
otherwise non-public, unless ``TIDINGS_ALLOW_PRIVATE_NETWORKS=1`` (or an allowed network);
the socket is then opened to the vetted address itself, so DNS rebinding cannot slip past.
"""
from __future__ import annotations

import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any, Callable, Iterable

import httpcore
import httpx

from ..fetch.guard import AddressPolicy, check_url, parse_ip
from ..fetch.settings import FetchSettings
from ..models import FetchError

SyncResolver = Callable[[str, int], list[str]]
WEBHOOK_TIMEOUT = 10.0
USER_AGENT = "tidings-alerts/1"


def system_resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


class GuardedSyncBackend(httpcore.SyncBackend):
    """Resolve, vet every address with the policy, then connect to a vetted address."""

    def __init__(self, policy: AddressPolicy, resolver: SyncResolver | None = None) -> None:
        self.policy = policy
        self.resolver = resolver or system_resolve

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable[Any] | None = None) -> httpcore.NetworkStream:
        literal = parse_ip(host)
        try:
            addresses = [literal] if literal else [parse_ip(a) for a in self.resolver(host, port)]
        except (OSError, UnicodeError) as exc:
            raise FetchError("dns", f"cannot resolve {host}: {exc}") from None
        addresses = [a for a in addresses if a is not None]
        if not addresses:
            raise FetchError("dns", f"cannot resolve {host}: no addresses")
        for ip in addresses:
            self.policy.check(ip)
        last: Exception | None = None
        for ip in addresses:
            try:
                return super().connect_tcp(str(ip), port, timeout=timeout, local_address=local_address,
                                           socket_options=socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last = exc
        raise last  # type: ignore[misc]


class GuardedSyncTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose pool connects through :class:`GuardedSyncBackend`."""

    def __init__(self, backend: GuardedSyncBackend) -> None:  # noqa: super() deliberately not called
        self._pool = httpcore.ConnectionPool(ssl_context=httpx.create_ssl_context(), max_connections=4,
                                             http1=True, http2=False, retries=0, network_backend=backend)


def address_policy(settings: FetchSettings | None = None) -> AddressPolicy:
    settings = settings or FetchSettings.from_env()
    return AddressPolicy.from_settings(settings.allow_private, settings.allowed_networks)


def post_webhook(url: str, payload: dict[str, Any], *, policy: AddressPolicy | None = None,
                 resolver: SyncResolver | None = None, timeout: float = WEBHOOK_TIMEOUT) -> int:
    """POST ``payload`` as JSON; returns the status. Raises ``FetchError`` when refused/failed."""
    policy = policy or address_policy()
    check_url(url, policy)
    transport = GuardedSyncTransport(GuardedSyncBackend(policy, resolver))
    try:
        with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False,
                          headers={"user-agent": USER_AGENT}) as client:
            response = client.post(url, json=payload)
    except httpx.HTTPError as exc:
        raise FetchError("connect", f"webhook {url}: {exc}") from None
    if not 200 <= response.status_code < 300:
        raise FetchError("http", f"webhook {url} answered {response.status_code}", status=response.status_code)
    return response.status_code


@dataclass
class SMTPSettings:
    """Where e-mail goes: ``TIDINGS_SMTP_HOST/PORT/USER/PASSWORD/FROM`` (+ ``_TLS``)."""

    host: str = ""
    port: int = 25
    user: str = ""
    password: str = ""
    sender: str = "tidings@localhost"
    tls: str = "auto"  # auto (STARTTLS when offered), ssl, starttls, none
    timeout: float = 20.0

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> "SMTPSettings":
        env = os.environ if environ is None else environ
        port = int(env.get("TIDINGS_SMTP_PORT", "0") or 0)
        tls = env.get("TIDINGS_SMTP_TLS", "ssl" if port == 465 else "auto").lower()
        return cls(host=env.get("TIDINGS_SMTP_HOST", ""), port=port or 25,
                   user=env.get("TIDINGS_SMTP_USER", ""), password=env.get("TIDINGS_SMTP_PASSWORD", ""),
                   sender=env.get("TIDINGS_SMTP_FROM", "") or cls.sender, tls=tls)

    @property
    def configured(self) -> bool:
        return bool(self.host)


def one_line(text: str, limit: int = 200) -> str:
    """Text fit for a mail header: no line breaks or control characters, bounded."""
    cleaned = "".join(ch if ch >= " " and ch != "\x7f" else " " for ch in text or "")
    return " ".join(cleaned.split())[:limit]


def send_email(settings: SMTPSettings, to: str, subject: str, body: str) -> None:
    """Send one plain-text message. Raises ``OSError``/``smtplib.SMTPException`` on failure."""
    if not settings.configured:
        raise smtplib.SMTPException("e-mail is not configured (set TIDINGS_SMTP_HOST)")
    message = EmailMessage()
    message["From"] = one_line(settings.sender)
    message["To"] = one_line(to)
    message["Subject"] = one_line(subject)
    message.set_content(body)
    smtp_class = smtplib.SMTP_SSL if settings.tls == "ssl" else smtplib.SMTP
    with smtp_class(settings.host, settings.port, timeout=settings.timeout) as smtp:
        smtp.ehlo()
        if settings.tls == "starttls" or (settings.tls == "auto" and smtp.has_extn("starttls")):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        if settings.user:
            smtp.login(settings.user, settings.password)
        smtp.send_message(message)
