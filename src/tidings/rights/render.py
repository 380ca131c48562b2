"""Rendering rights pages with the shared Jinja environment (``tidings.web.templating``).

When the web package is absent (or a test hands in its own ``Jinja2Templates``), a fallback
environment over ``rights/templates`` with a bare ``base.html`` is used instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from .config import RightsSettings

HERE = Path(__file__).parent / "templates"
FALLBACK_BASE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{% block title %}{% endblock %} · tidings</title></head>
<body><main id="main">{% block content %}{% endblock %}</main></body></html>"""


@dataclass
class Desk:
    """What every rights route needs: the store, settings, the secret and the templates."""

    store: Any
    settings: RightsSettings
    secret: str
    templates: Jinja2Templates


def desk(request: Request) -> Desk:
    """The :class:`Desk` installed on this app (set by :func:`tidings.rights.auth.install`)."""
    found = request.scope.get("tidings.rights") or getattr(request.app.state, "rights", None)
    if found is None:
        raise RuntimeError("tidings.rights.auth.install(app, store) was not called")
    return found


def when(value: datetime | None) -> str:
    """``2026-03-02 08:00 UTC`` (empty for None)."""
    return value.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC") if value else ""


def hours(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} h"


def shared_templates(override: Jinja2Templates | None = None) -> Jinja2Templates:
    """The templates rights pages render with: ``override``, else the web app's, else a fallback."""
    if override is not None:
        return override
    try:
        from ..web.templating import templates
        return templates
    except ImportError:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(HERE)),
                                      jinja2.DictLoader({"base.html": FALLBACK_BASE})])
        return Jinja2Templates(env=jinja2.Environment(loader=loader, autoescape=True))


def register_helpers(templates: Jinja2Templates, helpers: dict[str, Any]) -> None:
    """Add the rights filters and globals to the environment (never replacing the web's own)."""
    env = templates.env
    env.filters.setdefault("rights_when", when)
    env.filters.setdefault("rights_hours", hours)
    for name, value in helpers.items():
        env.globals.setdefault(name, value)


def render(request: Request, name: str, context: dict[str, Any] | None = None, *,
           status_code: int = 200, headers: dict[str, str] | None = None):
    """A template response; pages under ``/admin`` and forms are never cached."""
    headers = {"Cache-Control": "no-store", **(headers or {})}
    return desk(request).templates.TemplateResponse(request, name, context or {}, status_code=status_code,
                                                     headers=headers)
