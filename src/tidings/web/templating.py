"""The one Jinja2 environment shared by the web pages and the rights pages.

Templates are looked up in ``web/templates`` and then ``rights/templates``; autoescaping is
on for everything, and ingested text is only ever passed through filters that escape it.
"""
from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import jinja2
from markupsafe import Markup, escape
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from . import auth
from .security import OUTBOUND_REL, http_url

HERE = Path(__file__).parent
TEMPLATE_DIRS = [HERE / "templates", HERE.parent / "rights" / "templates"]


def when(value: datetime | date | None, with_time: bool = True) -> str:
    """A date for people: ``2 Mar 2026, 08:00 UTC`` (empty for None)."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return f"{value.day} {value:%b %Y}"
    value = value.astimezone(timezone.utc)
    text = f"{value.day} {value:%b %Y}"
    return f"{text}, {value:%H:%M} UTC" if with_time else text


def isotime(value: datetime | date | None) -> str:
    """A machine-readable timestamp for ``<time datetime=...>``."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return value.isoformat()
    return value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def highlighted(text: str, spans: list[tuple[int, int]] | None = None) -> Markup:
    """``text`` escaped, with the given character spans wrapped in ``<mark>``."""
    text = text or ""
    out, last = [], 0
    for start, end in sorted(spans or []):
        start, end = max(start, last), min(end, len(text))
        if start >= end:
            continue
        out += (escape(text[last:start]), "<mark>", escape(text[start:end]), "</mark>")
        last = end
    out.append(escape(text[last:]))
    return Markup("".join(out))  # every piece of text went through escape()


def outlink(url: str | None, label: str | None = None, cls: str = "", hint: str = "") -> Markup:
    """An outbound link if ``url`` is http(s); otherwise the label (or URL) as plain text.

    ``hint`` is added for screen readers only (``original ↗`` → ``original ↗ at Kabul Post``),
    so that a page of such links does not read as the same words over and over.
    """
    safe = http_url(url)
    label = escape(label if label else (url or ""))
    if safe is None:
        return Markup(f"<span>{label}</span>")
    klass = f' class="{escape(cls)}"' if cls else ""
    extra = f'<span class="visually-hidden"> {escape(hint)}</span>' if hint else ""
    return Markup(f'<a href="{escape(safe)}"{klass} rel="{OUTBOUND_REL}">{label}{extra}</a>')


def host(url: str | None) -> str:
    """The host of ``url`` without ``www.``."""
    try:
        return (urlsplit(url or "").hostname or "").removeprefix("www.")
    except ValueError:
        return ""


def with_query(request: Request, **changes) -> str:
    """The current path and query with some parameters changed (None or "" drops them)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def _environment() -> jinja2.Environment:
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d)) for d in TEMPLATE_DIRS])
    env = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True,
                             auto_reload=False)
    env.filters.update(when=when, isotime=isotime, highlighted=highlighted, outlink=outlink,
                       host=host, http_url=http_url)
    env.globals.update(csrf_token=auth.csrf_token, current_user=auth.current_user,
                       with_query=with_query, plural=plural, outlink=outlink,
                       site_name="tidings")
    return env


templates = Jinja2Templates(env=_environment())


def render(request: Request, name: str, context: dict | None = None, status_code: int = 200,
           headers: dict[str, str] | None = None):
    """A template response (the shared environment)."""
    return templates.TemplateResponse(request, name, context or {}, status_code=status_code,
                                      headers=headers)
