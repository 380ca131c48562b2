"""The publisher's snippet policy: robots ``<meta>`` tags and the ``X-Robots-Tag`` header."""
from __future__ import annotations

import re
from collections.abc import Iterable

from tidings.models import SnippetPolicy

OUR_AGENTS = ("*", "googlebot", "tidings", "robots")
_AGENT_PREFIX = re.compile(r"^\s*([a-z0-9_-]+)\s*:\s*(?=[a-z])", re.I)
_DIRECTIVES = {"noindex", "nosnippet", "none", "noarchive", "nofollow", "all", "index"}


def snippet_policy(meta_values: Iterable[str], header_values: Iterable[str] = ()) -> SnippetPolicy:
    """Combine robots directives into a :class:`SnippetPolicy` (the strictest one wins).

    ``meta_values``: contents of ``<meta name="robots">`` / ``googlebot``; ``header_values``:
    ``X-Robots-Tag`` values, optionally prefixed by a user agent (``googlebot: nosnippet``).
    ``none`` implies ``noindex``; ``max-snippet:0`` means no snippet; ``max-snippet:-1``
    means no limit.
    """
    policy = SnippetPolicy()
    for value in meta_values:
        _apply(policy, value)
    for value in header_values:
        agent = _AGENT_PREFIX.match(value or "")
        if agent and agent.group(1).lower() not in _DIRECTIVES and agent.group(1).lower() != "max-snippet":
            if agent.group(1).lower() not in OUR_AGENTS:
                continue
            value = value[agent.end():]
        _apply(policy, value)
    return policy


def _apply(policy: SnippetPolicy, value: str) -> None:
    for token in (value or "").lower().split(","):
        token = token.strip()
        if token in ("noindex", "none"):
            policy.noindex = True
        elif token == "nosnippet":
            policy.nosnippet = True
        elif token.startswith("max-snippet"):
            _max_snippet(policy, token.partition(":")[2].strip())


def _max_snippet(policy: SnippetPolicy, raw: str) -> None:
    try:
        limit = int(raw)
    except ValueError:
        return
    if limit < 0:
        return
    if limit == 0:
        policy.nosnippet = True
    policy.max_snippet = limit if policy.max_snippet is None else min(policy.max_snippet, limit)
