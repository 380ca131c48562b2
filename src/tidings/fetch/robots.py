"""A small robots.txt parser following RFC 9309 (longest match wins, ``*`` and ``$``).

Fetching and caching live in :mod:`tidings.fetch.fetcher`; this module is pure.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309: parse at least 500 KiB; we stop there.


@dataclass(frozen=True)
class Rule:
    """One ``Allow``/``Disallow`` line."""

    allow: bool
    pattern: str

    def matches(self, path: str) -> bool:
        """True when this rule's pattern matches ``path`` (path plus query)."""
        return glob_match(self.pattern, path)


@dataclass
class Group:
    """The rules that apply to one set of user agents."""

    agents: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None


@dataclass
class RobotsRules:
    """What one site's robots.txt says to us. ``RobotsRules()`` allows everything."""

    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None
    disallow_all: bool = False

    @classmethod
    def parse(cls, text: str, agent_token: str) -> "RobotsRules":
        """Parse ``text`` and keep the groups for ``agent_token`` (else those for ``*``)."""
        groups = parse_groups(text[:MAX_ROBOTS_BYTES])
        token = agent_token.lower()
        mine = [g for g in groups if token in g.agents]
        if not mine:
            mine = [g for g in groups if "*" in g.agents]
        rules = [r for g in mine for r in g.rules]
        delays = [g.crawl_delay for g in mine if g.crawl_delay is not None]
        return cls(rules=rules, crawl_delay=max(delays) if delays else None)

    def allowed(self, url: str) -> bool:
        """True when fetching ``url`` is allowed."""
        if self.disallow_all:
            return False
        path = path_of(url)
        if path == "/robots.txt":
            return True
        best: Rule | None = None
        for rule in self.rules:
            if rule.matches(path) and (
                best is None
                or len(rule.pattern) > len(best.pattern)
                or (len(rule.pattern) == len(best.pattern) and rule.allow)
            ):
                best = rule
        return best is None or best.allow


def agent_token(user_agent: str) -> str:
    """The product token robots.txt groups are matched against: ``tidings/0.1 (...)`` -> ``tidings``."""
    return re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0].lower() or "*"


def parse_groups(text: str) -> list[Group]:
    """Split robots.txt into groups; consecutive ``User-agent`` lines share a group."""
    groups: list[Group] = []
    current: Group | None = None
    in_agents = False
    for key, value in _lines(text):
        if key == "user-agent":
            if current is None or not in_agents:
                current = Group()
                groups.append(current)
            current.agents.append(value.lower())
            in_agents = True
            continue
        in_agents = False
        if current is None:
            continue
        if key in ("allow", "disallow") and value:
            current.rules.append(Rule(allow=key == "allow", pattern=_normalise(value)))
        elif key == "crawl-delay":
            current.crawl_delay = _parse_delay(value)
    return groups


def path_of(url: str) -> str:
    """The path and query of ``url``, percent-encoding normalised, as rules see it."""
    parts = urlsplit(url)
    path = _normalise(parts.path or "/")
    return f"{path}?{parts.query}" if parts.query else path


def _lines(text: str):
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        key, sep, value = line.partition(":")
        if sep:
            yield key.strip().lower(), value.strip()


def _normalise(pattern: str) -> str:
    # Same encoding on both sides: decode then re-encode everything but reserved chars.
    return quote(unquote(pattern), safe="/?=&*$;:@!,'()+~%")


def _parse_delay(value: str) -> float | None:
    try:
        delay = float(value)
    except ValueError:
        return None
    return delay if delay >= 0 else None


def glob_match(pattern: str, path: str) -> bool:
    """Match a robots pattern (``*`` = anything, trailing ``$`` = end) against ``path``.

    Iterative with one back-tracking point, so O(len(pattern) * len(path)) at worst:
    a hostile robots.txt cannot make it blow up the way a regex could.
    """
    if pattern.endswith("$"):
        pattern = pattern[:-1]
    else:
        pattern += "*"
    i = j = 0
    star, mark = -1, 0
    while j < len(path):
        if i < len(pattern) and pattern[i] == "*":
            star, mark, i = i, j, i + 1
        elif i < len(pattern) and pattern[i] == path[j]:
            i, j = i + 1, j + 1
        elif star >= 0:
            mark += 1
            i, j = star + 1, mark
        else:
            return False
    while i < len(pattern) and pattern[i] == "*":
        i += 1
    return i == len(pattern)
