"""Which member of a copy group is the original, and which sources are aggregators.

Evidence, strongest first:

1. explicit credit — a member's ``credit_url`` (rel=canonical to another site, "Source:",
   "Originally published at", "via" link) names another member: that member is the
   original (credit chains are followed to their end). A member that credits anyone, in
   the group or not, declares itself a copy and is not chosen while others remain;
2. the earliest trustworthy date — ``published`` capped by ``first_seen`` (a page cannot
   be published after we saw it) and not trusted more than ``max_backdate`` before it;
   an aggregator's claimed date is not trusted at all, its ``first_seen`` counts;
3. among members dated within ``tie_window`` of the earliest, a non-aggregator, then the
   earlier claimed date (``published`` capped by ``first_seen``: when a backlog is crawled,
   the old dates are all capped alike and only the claims tell them apart), the earlier
   trusted date, the earlier ``first_seen``, the smaller id.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit

_TRACKING = ("utm_", "fbclid", "gclid", "mc_", "ref", "cmpid", "ocid", "xtor")
_HOST_PREFIXES = ("www.", "m.", "amp.", "mobile.")
MAX_BACKDATE = timedelta(days=2)
TIE_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A member of a copy group, as attribution sees it."""

    id: Hashable
    url: str = ""
    host: str = ""
    published: datetime | None = None
    first_seen: datetime | None = None
    credit_url: str = ""
    is_aggregator: bool = False


@dataclass(frozen=True, slots=True)
class Attribution:
    """The chosen original, the URL to credit, and the rule that decided."""

    primary: Candidate
    primary_url: str
    rule: str


def host_of(url: str) -> str:
    """Lower-cased host of ``url`` without ``www.``/``m.``/``amp.`` prefixes."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower()
    except ValueError:
        return ""
    for prefix in _HOST_PREFIXES:
        if host.startswith(prefix):
            return host[len(prefix):]
    return host


def url_key(url: str) -> str:
    """A URL reduced for comparison: host without prefixes, path, non-tracking query."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    query = [(k, v) for k, v in parse_qsl(parts.query) if not k.lower().startswith(_TRACKING)]
    path = parts.path.rstrip("/")
    if path.endswith("/amp"):
        path = path[:-4]
    return f"{host_of(url)}{path}" + (f"?{urlencode(sorted(query))}" if query else "")


def _utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _host(c: Candidate) -> str:
    return c.host.lower().removeprefix("www.") if c.host else host_of(c.url)


def credit_target(member: Candidate, members: Sequence[Candidate]) -> Candidate | None:
    """The other member that ``member.credit_url`` names (exact URL, else a unique host)."""
    if not member.credit_url:
        return None
    key = url_key(member.credit_url)
    by_url = [m for m in members if m is not member and m.url and url_key(m.url) == key]
    if by_url:
        return by_url[0]
    host = host_of(member.credit_url)
    if not host or host == _host(member):
        return None
    by_host = [m for m in members if m is not member and _host(m) == host]
    return by_host[0] if len(by_host) == 1 else None


def _credit_root(start: Candidate, edges: dict[int, Candidate]) -> Candidate:
    node, seen = start, {id(start)}
    while id(node) in edges and id(edges[id(node)]) not in seen:
        node = edges[id(node)]
        seen.add(id(node))
    return node


def trusted_date(c: Candidate, max_backdate: timedelta = MAX_BACKDATE) -> datetime | None:
    """The date a member's claim to be first rests on (None when it has no date at all)."""
    published, seen = _utc(c.published), _utc(c.first_seen)
    if c.is_aggregator:
        return seen or published
    if published is None or seen is None:
        return published or seen
    return max(min(published, seen), seen - max_backdate)


def _claimed(c: Candidate) -> datetime | None:
    """The member's own date, capped by when it was seen: within a tie of trusted dates (all
    seen in one crawl of a backlog, their old dates capped alike) the claims decide."""
    published, seen = _utc(c.published), _utc(c.first_seen)
    if c.is_aggregator or published is None:
        return None
    return min(published, seen) if seen is not None else published


def _by_date(pool: Sequence[Candidate], tie_window: timedelta) -> tuple[Candidate, str]:
    dated = [(trusted_date(c), c) for c in pool]
    known = [(d, c) for d, c in dated if d is not None]
    if not known:
        best = min(pool, key=lambda c: (c.is_aggregator, str(c.id)))
        return best, "non-aggregator" if len({c.is_aggregator for c in pool}) > 1 else "id"
    earliest = min(d for d, _ in known)
    near = [(d, c) for d, c in known if d - earliest <= tie_window]
    never = datetime.max.replace(tzinfo=timezone.utc)
    best = min(near, key=lambda dc: (dc[1].is_aggregator, _claimed(dc[1]) or dc[0], dc[0],
                                     _utc(dc[1].first_seen) or never, str(dc[1].id)))[1]
    tied = len(near) > 1 and any(c.is_aggregator != best.is_aggregator for _, c in near)
    return best, "non-aggregator" if tied else "date"


def attribute(members: Sequence[Candidate], tie_window: timedelta = TIE_WINDOW) -> Attribution:
    """Choose the original of a group and the URL to credit (see the module docstring)."""
    if not members:
        raise ValueError("empty group")
    if len(members) == 1:
        only = members[0]
        return Attribution(only, only.credit_url or only.url, "single")
    edges = {id(m): t for m in members if (t := credit_target(m, members)) is not None}
    votes = Counter(id(_credit_root(m, edges)) for m in members if id(m) in edges)
    roots = [m for m in members if id(m) in votes and not m.is_aggregator]
    if roots:
        top = max(votes[id(m)] for m in roots)
        best, _ = _by_date([m for m in roots if votes[id(m)] == top], tie_window)
        return Attribution(best, _primary_url(best, members), "credit")
    pool = [m for m in members if not m.credit_url] or list(members)
    best, rule = _by_date(pool, tie_window)
    return Attribution(best, _primary_url(best, members), rule)


def _primary_url(best: Candidate, members: Sequence[Candidate]) -> str:
    """The original's URL, or the outside page it credits in turn."""
    if best.credit_url and credit_target(best, members) is None and host_of(best.credit_url) != _host(best):
        return best.credit_url
    return best.url


def choose_primary(members: Sequence[Candidate]) -> Candidate:
    """The member of a copy group that is its original (pure; see :func:`attribute`)."""
    return attribute(members).primary


def aggregator_score(copies: int, total: int, min_items: int = 10) -> float:
    """Share of a source's items that were copies, or 0.0 with fewer than ``min_items``."""
    if total < min_items or total <= 0:
        return 0.0
    return copies / total


def is_aggregator(copies: int, total: int, min_items: int = 10, share: float = 0.5) -> bool:
    """A source is an aggregator when at least ``share`` of ≥ ``min_items`` items were copies."""
    return total >= min_items and aggregator_score(copies, total, min_items) >= share


class AggregatorStats:
    """Per-source counts of items and copies, to learn which sources are aggregators."""

    def __init__(self, min_items: int = 10, share: float = 0.5) -> None:
        self.min_items = min_items
        self.share = share
        self.items: Counter[str] = Counter()
        self.copies: Counter[str] = Counter()

    def observe(self, source: str, is_copy: bool) -> None:
        """Count one item of ``source``; ``is_copy`` when it is not its group's original."""
        self.items[source] += 1
        self.copies[source] += bool(is_copy)

    def observe_groups(self, groups: Iterable[Sequence[Candidate]]) -> None:
        """Count every member of every group by its host (original = :func:`choose_primary`)."""
        for members in groups:
            primary = choose_primary(members)
            for m in members:
                self.observe(_host(m), m is not primary)

    def is_aggregator(self, source: str) -> bool:
        """Whether ``source`` has been seen to be mostly copies."""
        return is_aggregator(self.copies[source], self.items[source], self.min_items, self.share)

    def flagged(self) -> set[str]:
        """All sources currently judged aggregators."""
        return {s for s in self.items if self.is_aggregator(s)}
