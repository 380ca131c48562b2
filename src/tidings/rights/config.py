"""Settings of the rights desk, read from ``TIDINGS_*`` environment variables (sane defaults)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, "") or default)
    except ValueError:
        return default


@dataclass(frozen=True)
class SMTP:
    host: str = ""
    port: int = 25
    user: str = ""
    password: str = ""
    sender: str = ""

    @property
    def enabled(self) -> bool:
        return bool(self.host and self.sender)


@dataclass(frozen=True)
class RightsSettings:
    """What the rights desk reads from the environment; every field has a default."""

    secure_cookies: bool = False
    counter_notice_days: int = 14
    comments: str = "pre"          # pre | post | off
    dmca_contact: str = ""
    raw_html_days: int = 90
    webhook: str = ""
    moderator_email: str = ""
    smtp: SMTP = field(default_factory=SMTP)

    @classmethod
    def from_env(cls) -> "RightsSettings":
        env = os.environ
        mode = env.get("TIDINGS_COMMENTS", "pre").strip().lower()
        smtp = SMTP(host=env.get("TIDINGS_SMTP_HOST", ""), port=_int("TIDINGS_SMTP_PORT", 25),
                    user=env.get("TIDINGS_SMTP_USER", ""), password=env.get("TIDINGS_SMTP_PASSWORD", ""),
                    sender=env.get("TIDINGS_SMTP_FROM", ""))
        return cls(secure_cookies=env.get("TIDINGS_SECURE_COOKIES", "") in ("1", "true", "yes"),
                   counter_notice_days=_int("TIDINGS_COUNTER_NOTICE_DAYS", 14),
                   comments=mode if mode in ("pre", "post", "off") else "pre",
                   dmca_contact=env.get("TIDINGS_DMCA_CONTACT", ""),
                   raw_html_days=_int("TIDINGS_RAW_HTML_DAYS", 90),
                   webhook=env.get("TIDINGS_MODERATION_WEBHOOK", ""),
                   moderator_email=env.get("TIDINGS_MODERATOR_EMAIL", ""), smtp=smtp)
