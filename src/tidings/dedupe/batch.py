"""Copy groups for a batch of records (``tidings dedupe --in A.jsonl --out G.json``).

Records are read as a stream in date order through the same :class:`CopyIndex` the
pipeline uses: each one joins the group of the stored article it copies, or starts a
group. Groups never merge afterwards, so a round-up that quotes two wire stories cannot
chain them together. Each group's original is then chosen by :func:`attribute`, with
aggregators learned from the groups themselves.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .attribution import AggregatorStats, Attribution, Candidate, attribute, host_of
from .bands import MemoryBandStore
from .fingerprint import DEFAULT_PARAMS, Fingerprint, Params, fingerprint
from .index import CopyIndex, Match, SignatureVerifier, TextVerifier, Thresholds


_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(slots=True)
class Grouping:
    """Result of :func:`group_records`: per record its group, match, and per group its original."""

    ids: list[Any]
    group: list[int]
    matches: list[Match | None]
    members: dict[int, list[int]] = field(default_factory=dict)
    attributions: dict[int, Attribution] = field(default_factory=dict)
    aggregators: set[str] = field(default_factory=set)

    def primary_ids(self) -> dict[Any, Any]:
        """``{record id: id of its group's original}``."""
        return {self.ids[i]: self.attributions[self.group[i]].primary.id for i in range(len(self.ids))}


def parse_date(value: Any) -> datetime | None:
    """An ISO date or date-time (``Z`` allowed), or None when absent or unreadable."""
    if isinstance(value, datetime):
        return value
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _order(records: list[Mapping]) -> list[int]:
    """Arrival order: ``first_seen`` when known, else the claimed date, else file order."""
    def key(i: int) -> tuple:
        r = records[i]
        when = parse_date(r.get("first_seen") or r.get("published") or r.get("date"))
        if when is not None and when.tzinfo is None:
            when = when.replace(tzinfo=timezone.utc)
        return (when is None, when or _EPOCH, i)
    return sorted(range(len(records)), key=key)


def _candidate(rec: Mapping, aggregators: set[str]) -> Candidate:
    url = rec.get("url") or ""
    host = rec.get("host") or host_of(url)
    return Candidate(
        id=rec.get("id"),
        url=url,
        host=host,
        published=parse_date(rec.get("published") or rec.get("date")),
        first_seen=parse_date(rec.get("first_seen")),
        credit_url=rec.get("credit_url") or "",
        is_aggregator=bool(rec.get("is_aggregator")) or (bool(host) and host in aggregators),
    )


def group_records(records: Iterable[Mapping], params: Params = DEFAULT_PARAMS,
                  thresholds: Thresholds = Thresholds(), verify: str = "text") -> Grouping:
    """Group records into copy groups and attribute each group's original.

    ``verify`` is ``"text"`` (exact containment from the texts) or ``"signature"``
    (estimated from fingerprints alone, as a store without copies' texts would do).
    """
    recs = list(records)
    fps: dict[int, Fingerprint] = {}
    get_text = lambda i: (recs[i].get("title") or "", recs[i].get("text") or "")  # noqa: E731
    text_verifier = TextVerifier(get_text, params, cache_size=len(recs) + 1)
    verifier = text_verifier if verify == "text" else SignatureVerifier(fps.get)
    index = CopyIndex(MemoryBandStore(), verifier, thresholds)
    group = [-1] * len(recs)
    matches: list[Match | None] = [None] * len(recs)
    for i in _order(recs):
        title, text = recs[i].get("title") or "", recs[i].get("text") or ""
        fp = fingerprint(title, text, params)
        match = index.find_original(fp, title, text)
        matches[i] = match
        group[i] = group[match.article_id] if match else i
        if index.worth_indexing(match):
            fps[i] = fp
            text_verifier.remember(i, fp)
            index.add(i, fp)
    out = Grouping([r.get("id") for r in recs], group, matches)
    for i, g in enumerate(group):
        out.members.setdefault(g, []).append(i)
    attribute_groups(out, recs)
    return out


def attribute_groups(out: Grouping, recs: list[Mapping]) -> None:
    """Learn aggregators from a first attribution, then attribute every group with them."""
    first = [[_candidate(recs[i], set()) for i in ms] for ms in out.members.values()]
    stats = AggregatorStats()
    stats.observe_groups(first)
    out.aggregators = stats.flagged()
    for g, ms in out.members.items():
        out.attributions[g] = attribute([_candidate(recs[i], out.aggregators) for i in ms])


def dedupe_records(records: Iterable[Mapping], params: Params = DEFAULT_PARAMS,
                   thresholds: Thresholds = Thresholds()) -> dict[Any, Any]:
    """``{id: group}`` where ``group`` is the id of the group's original article."""
    return group_records(records, params, thresholds).primary_ids()


def read_jsonl(path: str | Path) -> list[dict]:
    """Records of a JSON Lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def dedupe_file(in_path: str | Path, out_path: str | Path) -> dict[str, int]:
    """Read ``{id, date, lang, title, text}`` lines, write ``{id: group}``; return counts."""
    groups = dedupe_records(read_jsonl(in_path))
    Path(out_path).write_text(json.dumps(groups, ensure_ascii=False, indent=0), encoding="utf-8")
    return {"articles": len(groups), "groups": len(set(groups.values())),
            "copies": sum(1 for k, v in groups.items() if k != v)}
