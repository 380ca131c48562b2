"""Settings of the fetcher: politeness, limits and the SSRF policy."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any, Mapping

DEFAULT_USER_AGENT = "tidings/0.1 (+https://github.com/tidings/tidings)"

# Environment variable -> FetchSettings field.
ENV_FIELDS: dict[str, str] = {
    "TIDINGS_USER_AGENT": "user_agent",
    "TIDINGS_PER_HOST": "per_host",
    "TIDINGS_GLOBAL_LIMIT": "global_limit",
    "TIDINGS_CONNECT_TIMEOUT": "connect_timeout",
    "TIDINGS_READ_TIMEOUT": "read_timeout",
    "TIDINGS_TIMEOUT": "total_timeout",
    "TIDINGS_MAX_BYTES": "max_bytes",
    "TIDINGS_MAX_RATIO": "max_ratio",
    "TIDINGS_MAX_REDIRECTS": "max_redirects",
    "TIDINGS_ALLOW_PRIVATE_NETWORKS": "allow_private",
    "TIDINGS_ALLOWED_NETWORKS": "allowed_networks",
    "TIDINGS_RESPECT_ROBOTS": "respect_robots",
    "TIDINGS_MAX_CRAWL_DELAY": "max_crawl_delay",
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


@dataclass
class FetchSettings:
    """How the fetcher behaves. Every field has a sane default.

    ``allow_private`` switches the SSRF guard off entirely; ``allowed_networks`` lists
    CIDR blocks (e.g. ``"127.0.0.0/8"``) that are allowed even while the guard is on.
    """

    user_agent: str = DEFAULT_USER_AGENT
    per_host: int = 2
    global_limit: int = 64
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = 10 * 2**20
    max_ratio: float = 100.0
    max_redirects: int = 5
    allow_private: bool = False
    allowed_networks: tuple[str, ...] = field(default_factory=tuple)
    respect_robots: bool = True
    max_crawl_delay: float = 30.0
    robots_ttl: float = 86400.0
    robots_error_ttl: float = 600.0

    def __post_init__(self) -> None:
        if isinstance(self.allowed_networks, str):
            self.allowed_networks = _split_list(self.allowed_networks)
        self.allowed_networks = tuple(self.allowed_networks)
        for name in ("per_host", "global_limit", "max_bytes"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")

    @classmethod
    def from_env(cls, overrides: Mapping[str, Any] | None = None, *,
                 environ: Mapping[str, str] | None = None) -> "FetchSettings":
        """Defaults, then ``TIDINGS_*`` environment variables, then ``overrides``.

        ``overrides`` maps field names to values (e.g. from a config file or CLI flags);
        ``None`` values are ignored. Raises ``ValueError`` naming the bad variable.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for var, name in ENV_FIELDS.items():
            if var in env:
                values[name] = _convert(name, env[var], var)
        for name, value in (overrides or {}).items():
            if value is None:
                continue
            if name not in _FIELD_TYPES:
                raise ValueError(f"unknown fetch setting {name!r}")
            values[name] = _convert(name, value, name) if isinstance(value, str) else value
        return replace(cls(), **values)


_FIELD_TYPES = {f.name: f.type for f in fields(FetchSettings)}


def _convert(name: str, raw: str, label: str) -> Any:
    kind = _FIELD_TYPES[name]
    text = raw.strip()
    try:
        if kind == "bool":
            return _parse_bool(text)
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
        if kind.startswith("tuple"):
            return _split_list(text)
    except ValueError:
        raise ValueError(f"{label}: cannot read {raw!r} as {kind}") from None
    return raw


def _parse_bool(text: str) -> bool:
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(text)


def _split_list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())
